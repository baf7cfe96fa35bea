import type { LoaderFunctionArgs } from "@remix-run/node";
import { vendorResultOfAward } from "~/services/award-result.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";

/** The signed-in member of the award's winning vendor, with the RFQ and the winner's result; 404 for anyone else. */
export async function requireAwardWinner(request: Request, context: LoaderFunctionArgs["context"], awardId: string) {
  const user = await requireUser(request, context);
  const r = await vendorResultOfAward(context, user.actor, awardId);
  if (!r.ok || r.result.view !== "winner") throw notFound();
  return { user, rfqId: r.rfqId, result: r.result };
}
