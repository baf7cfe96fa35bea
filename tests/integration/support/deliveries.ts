import type { AppContext } from "~/utils/context.server";
import type { Actor } from "~/domain/permissions";
import { submitDelivery } from "~/services/deliveries.server";
import { mustSucceed } from "../../factories";

// A milestone is accepted (検収) only through a delivery awaiting inspection (decision 0039): tests that accept a
// milestone have its vendor deliver it first, through the real service, on the clock's current day.
export async function deliverMilestone(ctx: AppContext, vendor: Actor, contractId: string, index: number, note = "成果物を納品します") {
  return mustSucceed(await submitDelivery(ctx, vendor, contractId, { milestoneIndex: index, note }), `delivering milestone ${index + 1}`).delivery;
}
