import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { awardProposalForm } from "~/services/award-proposals.server";
import { activateContract, createContract, readContract, saveMilestones } from "~/services/contracts.server";
import { createLocalMailer } from "~/services/mail.server";
import { readEnv } from "~/utils/env.server";
import { acceptAsVendor, actorFor, approveThroughRoute, mustSucceed, proposeThroughRoute, serviceContext } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { BOOKKEEPING_DAYS, DEMO_RFQS, findDemoRfqIds, TAX_FORMS_DAYS } from "./demo-rfqs";

// The award loop in the demo (issue 15), through the same services a buyer, its approvers and a vendor use:
//  (g) さくら食品's bookkeeping: proposed three days after its deadline, approved by the 経理課長 and the 管理部長,
//      awarded, accepted by the winner, and its contract active with quarterly milestones (a company buyer: the
//      60-day payment rule).
//  (h) みどり市's tax-form data entry: proposed two days after its deadline; waiting for the 市民生活課長.
// The seed's mail goes nowhere (these are past events), and its links use the local origin.

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_MS = 9 * 60 * 60 * 1000;

/** The calendar day in Japan `months` after `day` (YYYY-MM-DD), clamped to the month's last day. */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

const vendorEmailOf = (orgName: string) => DEMO_ACCOUNTS.find((a) => a.org === orgName)!.email;

export async function seedDemoAwards(db: Kysely<Database>, now: Date): Promise<void> {
  const f = serviceContext(db, now, { mailer: createLocalMailer(), env: readEnv({ NODE_ENV: "development" }) });
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const ids = await findDemoRfqIds(db);

  // (g) proposed, approved, awarded, accepted, contracted.
  f.clock.set(at(BOOKKEEPING_DAYS.deadline + 3));
  const sakura = await actorFor(db, DEMO_RFQS.bookkeepingAwarded.buyer);
  const form = mustSucceed(await awardProposalForm(f.ctx, sakura, ids.bookkeepingAwarded), "the bookkeeping proposal form");
  const best = form.quotes.find((q) => q.rank === 1) ?? form.quotes[0];
  if (!best) throw new Error("Demo award seed: the bookkeeping RFQ has no proposable quote");
  const { proposalId, steps } = await proposeThroughRoute(f, {
    buyer: sakura,
    rfqId: ids.bookkeepingAwarded,
    quoteId: best.id,
    rationale:
      "総合評価で第1位。月次締めの達成率（98%）と仕訳精度の約束値が最も高く、初期設定費を含めても予算内に収まる。担当者2名体制で、経理課長の退職後も締め日程を維持できる。",
    reason: "月次決算の締め日程（翌月7営業日）の達成率と仕訳精度の約束値を最も重視し、総合評価点が最も高いご提案を選定しました。ご提案ありがとうございました。",
  });
  f.clock.set(at(BOOKKEEPING_DAYS.deadline + 5));
  const awardId = await approveThroughRoute(f, proposalId, steps, sakura.userId, "内容を確認しました。予算内であり、承認します。");
  f.clock.set(at(BOOKKEEPING_DAYS.deadline + 6));
  await acceptAsVendor(f, await actorFor(db, vendorEmailOf(best.vendorName)), awardId);

  f.clock.set(at(BOOKKEEPING_DAYS.deadline + 8));
  const { contractId } = mustSucceed(await createContract(f.ctx, sakura, ids.bookkeepingAwarded), "the bookkeeping contract");
  const read = mustSucceed(await readContract(f.ctx, sakura, contractId), "reading the contract");
  if (read.side !== "buyer") throw new Error("Demo award seed: the buyer reads the vendor's view");
  // One milestone per quarter of the term, due at the quarter's end; the amounts as the quote scheduled them.
  const termFrom = new Date(at(BOOKKEEPING_DAYS.deadline + 8).getTime() + JST_MS).toISOString().slice(0, 10);
  const plan = read.contract.content.milestonePlan;
  mustSucceed(
    await saveMilestones(f.ctx, sakura, contractId, {
      ...plan,
      milestones: plan.milestones.map((m, i) => ({
        ...m,
        dueDate: addMonths(termFrom, 3 * (i + 1)),
        acceptance: "当該四半期の月次試算表・仕訳帳の納品と、経理課長による残高照合結果の確認",
      })),
    }),
    "the bookkeeping milestones",
  );
  f.clock.set(at(BOOKKEEPING_DAYS.deadline + 9));
  mustSucceed(await activateContract(f.ctx, sakura, contractId), "activating the bookkeeping contract");

  // (h) proposed; waiting for the first approver.
  f.clock.set(at(TAX_FORMS_DAYS.deadline + 2));
  const midori = await actorFor(db, DEMO_RFQS.taxFormsPending.buyer);
  const pending = mustSucceed(await awardProposalForm(f.ctx, midori, ids.taxFormsPending), "the tax-form proposal form");
  const first = pending.quotes.find((q) => q.rank === 1) ?? pending.quotes[0];
  if (!first) throw new Error("Demo award seed: the tax-form RFQ has no proposable quote");
  await proposeThroughRoute(f, {
    buyer: midori,
    rfqId: ids.taxFormsPending,
    quoteId: first.id,
    rationale: "総合評価で第1位。入力精度（99.97%）と処理日数の約束値が最も良く、個人番号を含む申告書を外部接続のない端末で扱う体制が示されている。",
    specificRationale: first.specific.length > 0 ? "総合評価の差は小さいが、個人番号の取扱体制を重視した。" : undefined,
    reason: "入力精度と処理日数の約束値、および個人番号を含む書類の取扱体制を重視し、総合評価点が最も高いご提案を選定しました。",
  });
  f.clock.set(now);
}
