import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { addAdvisorNote, assignAdvisor } from "~/services/advisors.server";
import { actorFor, mustSucceed, serviceContext, vendorOrgId } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { findDemoRfqIds, SURVEY_CLOSED_DAYS, VENDOR } from "./demo-rfqs";

// The demo advisor at work: the city assigns 比較アドバイザリー to its closed survey RFQ while it is
// still open for quotes, and the advisor, once the quotes are opened, recommends one of them. Both go
// through the services, so the assignment and the note have their audit rows and notifications.

const DAY_MS = 24 * 60 * 60 * 1000;
const ADVISOR = DEMO_ACCOUNTS.find((a) => a.kind === "advisory")!;
const SURVEY_BUYER = "buyer@midori-city.example";

export async function seedDemoAdvisors(db: Kysely<Database>, now: Date): Promise<void> {
  const { ctx, clock } = serviceContext(db, now);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const rfqId = (await findDemoRfqIds(db)).surveyClosed;
  const buyer = await actorFor(db, SURVEY_BUYER);
  const advisor = await actorFor(db, ADVISOR.email);

  clock.set(at(SURVEY_CLOSED_DAYS.deadline - 20));
  mustSucceed(await assignAdvisor(ctx, buyer, rfqId, { advisorOrgId: advisor.org!.id }), "assigning the demo advisor");

  const recommended = await db
    .selectFrom("quotes")
    .select("id")
    .where("rfq_id", "=", rfqId)
    .where("vendor_org_id", "=", await vendorOrgId(db, VENDOR.gyosei))
    .executeTakeFirstOrThrow(() => new Error("Demo advisor seed: the recommended quote is missing; seed the quotes first"));
  clock.set(at(SURVEY_CLOSED_DAYS.deadline + 2));
  mustSucceed(
    await addAdvisorNote(ctx, advisor, rfqId, {
      body: "入力誤り率の確約（0.05%以下）と自由記述のテキスト化体制が仕様に最も沿っています。価格差は小さく、ダブルエントリーの実績も確認できたため、本見積を推薦します。",
      quoteId: recommended.id,
      recommends: true,
    }),
    "the demo advisor's recommendation",
  );
  clock.set(now);
}
