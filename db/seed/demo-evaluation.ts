import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { assignAdvisor } from "~/services/advisors.server";
import { addAnnotation, answerClarification, sendClarification } from "~/services/annotations.server";
import { recordConsensus, saveRatings, setPanel, submitRatings } from "~/services/evaluation.server";
import { createMemoDraft, editMemoDraft, publishMemo } from "~/services/recommendation-memos.server";
import { createLocalMailer } from "~/services/mail.server";
import { readEnv } from "~/utils/env.server";
import { actorFor, mustSucceed, serviceContext, vendorOrgId } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { DEMO_APPROVERS } from "./demo-approvers";
import { CALL_CENTRE_DAYS, DEMO_RFQS, findDemoRfqIds, VENDOR } from "./demo-rfqs";

// The evaluation committee at work (issue 18) on みどり市's two contact-centre RFQs. On the evaluated one the
// city's 契約審査委員 and the advisor rated every proposal blind with the prices in a second envelope; they
// disagreed by two points on one firm's understanding of the work, so the chair (the RFQ's buyer) recorded a
// consensus; the advisor annotated the proposals, asked one firm a clarification it answered, and published its
// recommendation memo (drafted from its ratings, edited, published). On the other the panel is named and nobody has rated yet. Everything goes through the
// services, so each step has its audit row, notifications and re-ranking.

const DAY_MS = 24 * 60 * 60 * 1000;
const ADVISOR = DEMO_ACCOUNTS.find((a) => a.kind === "advisory")!.email;
const CHAIR = DEMO_RFQS.callCentreEvaluated.buyer;
const COMMITTEE = DEMO_APPROVERS.midoriCommittee1.email;

type Rating = [vendor: string, criterion: "work_understanding" | "proposal_quality", score: number, reason: string];

const COMMITTEE_RATINGS: Rating[] = [
  [VENDOR.contactOne, "work_understanding", 5, "繁忙期の増席と高齢の方への応対設計まで具体的。現行FAQの課題にも触れている。"],
  [VENDOR.contactOne, "proposal_quality", 85, "月次のFAQ更新案と応対研修の計画が具体的で、すぐに運用できる。"],
  [VENDOR.gyosei, "work_understanding", 4, "市の業務に慣れており、仕様の理解に誤りはない。"],
  [VENDOR.gyosei, "proposal_quality", 55, "提案は仕様の範囲にとどまる。"],
  [VENDOR.hokkaidoData, "work_understanding", 3, "遠隔応対だが地名・方言の研修を計画しており、主な特性は理解している。"],
  [VENDOR.hokkaidoData, "proposal_quality", 65, "チャットボットによるメール一次対応は効率化の提案として評価できる。"],
];
const ADVISOR_RATINGS: Rating[] = [
  [VENDOR.contactOne, "work_understanding", 5, "他市での3年間の運営実績に基づき、繁忙期と高齢者対応の設計が最も具体的。"],
  [VENDOR.contactOne, "proposal_quality", 80, "改善提案が運用の数字（応答率・一次解決率）に結びついている。"],
  [VENDOR.gyosei, "work_understanding", 2, "「仕様書どおり」「入電状況を見て調整」のみで、繁忙期の体制が示されていない。"],
  [VENDOR.gyosei, "proposal_quality", 50, "改善提案がない。"],
  [VENDOR.hokkaidoData, "work_understanding", 3, "地域特性への配慮はあるが、遠隔応対の品質管理の説明が薄い。"],
  [VENDOR.hokkaidoData, "proposal_quality", 60, "チャットボットは市民の利用実態（高齢者が多い）に合うか検証が必要。"],
];

export async function seedDemoEvaluation(db: Kysely<Database>, now: Date): Promise<void> {
  // The clarification is e-mailed to the vendor: into a local mailer, as the other seeds' mail.
  const { ctx, clock } = serviceContext(db, now, { mailer: createLocalMailer(), env: readEnv({ NODE_ENV: "development" }) });
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const ids = await findDemoRfqIds(db);
  const [chair, committee, advisor] = await Promise.all([CHAIR, COMMITTEE, ADVISOR].map((email) => actorFor(db, email)));
  const quoteOf = async (rfqId: string, vendor: string) =>
    (
      await db
        .selectFrom("quotes")
        .select("id")
        .where("rfq_id", "=", rfqId)
        .where("vendor_org_id", "=", await vendorOrgId(db, vendor))
        .executeTakeFirstOrThrow(() => new Error(`Demo evaluation seed: no quote of ${vendor}; seed the quotes first`))
    ).id;
  const panel = { chairUserId: chair.userId, evaluatorUserIds: [committee.userId, advisor.userId] };

  // The RFQ being evaluated now: the advisor and the panel, nothing rated yet.
  const evaluating = ids.callCentreEvaluating;
  clock.set(at(CALL_CENTRE_DAYS.evaluating.deadline - 10));
  mustSucceed(await assignAdvisor(ctx, chair, evaluating, { advisorOrgId: advisor.org!.id }), "assigning the advisor (evaluating)");
  clock.set(at(CALL_CENTRE_DAYS.evaluating.deadline + 1));
  mustSucceed(await setPanel(ctx, chair, evaluating, { ...panel, priceLater: false }), "naming the panel (evaluating)");

  // The evaluated RFQ: two envelopes, blind ratings, a consensus, annotations, a clarification.
  const rfqId = ids.callCentreEvaluated;
  const days = CALL_CENTRE_DAYS.evaluated;
  clock.set(at(days.deadline - 10));
  mustSucceed(await assignAdvisor(ctx, chair, rfqId, { advisorOrgId: advisor.org!.id }), "assigning the advisor (evaluated)");
  clock.set(at(days.deadline - 5));
  mustSucceed(await setPanel(ctx, chair, rfqId, { ...panel, priceLater: true }), "naming the panel (evaluated)");

  const quotes: Record<string, string> = {
    [VENDOR.contactOne]: await quoteOf(rfqId, VENDOR.contactOne),
    [VENDOR.gyosei]: await quoteOf(rfqId, VENDOR.gyosei),
    [VENDOR.hokkaidoData]: await quoteOf(rfqId, VENDOR.hokkaidoData),
  };
  const entries = (ratings: Rating[]) => ratings.map(([vendor, criterionKey, score, reason]) => ({ quoteId: quotes[vendor], criterionKey, score, reason }));

  clock.set(at(days.deadline + 1));
  const gyoseiQuestion = mustSucceed(
    await addAnnotation(ctx, advisor, rfqId, {
      quoteId: quotes[VENDOR.gyosei],
      criterionKey: "work_understanding",
      kind: "question",
      body: "繁忙期（3〜4月）の席数とオペレーターの増員計画を具体的に示してください。",
    }),
    "the advisor's question",
  );
  mustSucceed(await sendClarification(ctx, advisor, gyoseiQuestion.annotation.id), "sending the clarification");
  mustSucceed(
    await addAnnotation(ctx, advisor, rfqId, {
      quoteId: quotes[VENDOR.contactOne],
      criterionKey: null,
      kind: "strength",
      body: "他市での同規模センターの運営実績（応答率93%）があり、繁忙期の増席計画が具体的。",
    }),
    "the advisor's strength",
  );
  mustSucceed(
    await addAnnotation(ctx, committee, rfqId, {
      quoteId: quotes[VENDOR.hokkaidoData],
      criterionKey: "proposal_quality",
      kind: "risk",
      body: "メールのチャットボット一次対応は、高齢の問い合わせ者が多い当市では苦情の原因になるおそれがある。",
    }),
    "the committee member's risk",
  );

  clock.set(at(days.deadline + 3));
  const gyosei = await actorFor(db, DEMO_ACCOUNTS.find((a) => a.org === VENDOR.gyosei)!.email);
  const asked = await db.selectFrom("clarification_requests").select("id").where("quote_id", "=", quotes[VENDOR.gyosei]).executeTakeFirstOrThrow();
  mustSucceed(
    await answerClarification(ctx, gyosei, asked.id, {
      answer: "繁忙期は席数を10席から14席に増やし、オペレーターを4名増員します（3月1日〜4月30日）。増員分の費用は見積の月額に含まれています。",
    }),
    "the vendor's answer",
  );

  clock.set(at(days.deadline + 4));
  mustSucceed(await saveRatings(ctx, committee, rfqId, { ratings: entries(COMMITTEE_RATINGS) }), "the committee member's ratings");
  mustSucceed(await submitRatings(ctx, committee, rfqId), "the committee member's submission");
  clock.set(at(days.deadline + 5));
  mustSucceed(await saveRatings(ctx, advisor, rfqId, { ratings: entries(ADVISOR_RATINGS) }), "the advisor's ratings");
  mustSucceed(await submitRatings(ctx, advisor, rfqId), "the advisor's submission");

  // 4 and 2 on 行政サポートセンター's understanding: two points apart, so the chair writes the consensus.
  clock.set(at(days.deadline + 6));
  mustSucceed(
    await recordConsensus(ctx, chair, rfqId, {
      quoteId: quotes[VENDOR.gyosei],
      criterionKey: "work_understanding",
      score: 3,
      comment: "確認事項への回答で繁忙期の増員計画（4席・4名）が示されたため、仕様の主な特性は理解していると判断し3とする。",
    }),
    "the chair's consensus",
  );

  // The advisor's memo: drafted from its ratings and annotations, edited, published.
  clock.set(at(days.deadline + 7));
  const draft = mustSucceed(await createMemoDraft(ctx, advisor, rfqId, "ja"), "the advisor's memo draft");
  mustSucceed(
    await editMemoDraft(ctx, advisor, draft.memo.id, {
      quoteId: quotes[VENDOR.contactOne],
      rationale:
        "業務理解度・提案内容の質とも評価者2名の評価が最も高く、他市での同規模センターの運営実績（応答率93%）がある。繁忙期の増席（12→18席）と高齢の方への応対設計が仕様の課題に直接応えている。価格は3者の中位だが、TCOの差は年額の1割以内。",
      conditions: "契約前に、繁忙期の増席の開始日と研修計画を書面で確認すること。月次のFAQ更新案を運営報告書の必須項目とすること。",
      risks: "センター長への依存度が高い。交代時の引継ぎ計画を求めること。",
    }),
    "editing the memo",
  );
  mustSucceed(await publishMemo(ctx, advisor, draft.memo.id), "publishing the memo");
  clock.set(now);
}
