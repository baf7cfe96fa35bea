import { findContractOfQuoteForVendor } from "../../db/queries/contracts";
import {
  answerAward,
  answerAwardQuestion as saveAwardQuestionAnswer,
  findAwardById,
  findAwardForWinner,
  findAwardQuestionForBuyer,
  findAwardQuestionOfVendor,
  findAwardSettings,
  findAwardSnapshot,
  insertAwardQuestion,
  listAwardBuyerRecipients,
  listAwardQuestionsForBuyer,
  listAwardsForBuyer,
  listAwardsOfRfq,
  setQuoteStatusFrom,
  updateAwardSettings,
} from "../../db/queries/awards";
import { writeAudit } from "../../db/queries/audit";
import { notifyUsers } from "../../db/queries/notifications";
import { findOrganization } from "../../db/queries/organizations";
import { enqueueOutbox } from "../../db/queries/outbox";
import { findQuoteForVendor, findQuoteOfVendorForRfq } from "../../db/queries/quotes";
import { findRfqForBuyer, findRfqVersion, listOrgUserIds, setRfqStatusFrom } from "../../db/queries/rfqs";
import type { Kysely, Selectable } from "kysely";
import type { AwardsTable, Database } from "../../db/schema";
import {
  AwardQuestionAnswerInput,
  AwardQuestionInput,
  AwardSettingsInput,
  DeclineAwardInput,
  decisionViewFromSnapshot,
  formatDeadlineDate,
  isBefore,
  type CriterionKind,
} from "~/domain/award/answer";
import { debriefFor, type Debrief } from "~/domain/award/debrief";
import type { ProposalSnapshot } from "~/domain/award/proposal";
import { can, type Actor, type Resource } from "~/domain/permissions";
import { isLocale, t, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type ServiceFailure, isUniqueViolation } from "~/utils/service-failure";
import { notificationMail } from "./mail.server";

// After the award (issue 15, item 4; decision 0029). The winner accepts (受諾) or declines (辞退) before
// `respond_by`; a decline returns the RFQ to `closed` so the buyer can propose another quote through the
// route. A not-selected vendor reads its debrief — projected by `debriefFor` from the proposal's FROZEN
// snapshot, never from today's ranking — and, while the standstill runs, may ask one question that the
// buyer answers once. Vendors who had no opened offer, other vendors and other tenants get 404.

type Award = Selectable<AwardsTable>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A refusal that names a date (受諾期限, standstill end) in both languages: the problem's `field` and its message. */
function refusedOn(key: AnyMessageKey, path: string, dateKey: AnyMessageKey, labelKey: AnyMessageKey, at: Date | string): ServiceFailure {
  const words = { ja: t("ja", labelKey, { date: formatDeadlineDate(at, "ja") }), en: t("en", labelKey, { date: formatDeadlineDate(at, "en") }) };
  return failure.conflict(key, { problems: [{ path: [path], key: dateKey, words }] });
}

/** The snapshot the award rests on, and the vendor orgs whose opened offers it holds other than the winner's. */
async function decisionOf(ctx: AppContext, award: Award) {
  const snapshot = (await findAwardSnapshot(ctx.db, award.id)) as ProposalSnapshot | null;
  if (!snapshot) return null;
  const notSelectedVendorOrgIds = snapshot.quotes.filter((q) => q.id !== award.quote_id).map((q) => q.vendorOrgId);
  return { snapshot, notSelectedVendorOrgIds };
}

const awardResource = (award: Award, notSelectedVendorOrgIds: readonly string[]): Resource => ({
  type: "award",
  buyerOrgId: award.buyer_org_id,
  vendorOrgId: award.vendor_org_id,
  notSelectedVendorOrgIds,
});

/** The RFQ criteria's source and unit, from the RFQ version the snapshot ranked (to withhold buyer-computed values). */
async function criterionKinds(ctx: AppContext, rfqId: string, version: number): Promise<CriterionKind[]> {
  const row = await findRfqVersion(ctx.db, rfqId, version);
  const criteria = (row?.content as { criteria?: unknown } | undefined)?.criteria;
  if (!Array.isArray(criteria)) return [];
  return criteria.flatMap((c: unknown) => {
    const k = c as Partial<CriterionKind>;
    return typeof k.key === "string" && typeof k.source === "string" && typeof k.unit === "string" ? [k as CriterionKind] : [];
  });
}

export interface WinnerResult {
  view: "winner";
  awardId: string;
  quoteId: string;
  title: string;
  status: "offered" | "accepted" | "declined";
  amountYen: number;
  respondBy: string;
  /** True while the winner may still answer. */
  canRespond: boolean;
  respondedAt: string | null;
  declineReason: string | null;
  /** Whether the buyer has made the contract (the vendor then reads it at /quotes/:id/contract). */
  contractMade: boolean;
}

export interface DebriefResult {
  view: "debrief";
  awardId: string;
  debrief: Debrief;
  standstillEndsAt: string | null;
  canAsk: boolean;
  question: { body: string; askedAt: string; answer: string | null; answeredAt: string | null } | null;
}

export type AwardResult = WinnerResult | DebriefResult;

/**
 * 「選定結果」 of one of the vendor's own quotes: the winner's view (status, 受諾期限, whether it may still
 * answer) or the debrief with the standstill and its question. 404 for a quote that is not the caller's,
 * before any award, and for a quote that was not among the opened offers the award was decided on.
 */
export async function awardResultForVendor(ctx: AppContext, actor: Actor, quoteId: string): Promise<{ ok: true; result: AwardResult } | ServiceFailure> {
  const v = orgActor(actor, "vendor");
  if (!v || !isRowId(quoteId)) return failure.notFound();
  const quote = await findQuoteForVendor(ctx.db, v.org.id, quoteId);
  if (!quote) return failure.notFound();
  const awards = await listAwardsOfRfq(ctx.db, quote.rfq_id);
  const live = awards.find((a) => a.status !== "declined");
  // The vendor's own award stays its result after it declined, until another one is made.
  const award = live ?? awards.find((a) => a.quote_id === quote.id);
  if (!award) return failure.notFound();
  const decision = await decisionOf(ctx, award);
  if (!decision || !can(v, "award:read", awardResource(award, decision.notSelectedVendorOrgIds))) return failure.notFound();
  const now = ctx.clock.now();

  if (award.quote_id === quote.id) {
    return {
      ok: true,
      result: {
        view: "winner",
        awardId: award.id,
        quoteId: quote.id,
        title: decision.snapshot.rfq.title,
        status: award.status,
        amountYen: Number(award.amount_yen),
        respondBy: iso(award.respond_by)!,
        canRespond: award.status === "offered" && isBefore(now, award.respond_by),
        respondedAt: iso(award.responded_at),
        declineReason: award.decline_reason,
        contractMade: award.status === "accepted" && (await findContractOfQuoteForVendor(ctx.db, v.org.id, quote.id)) !== undefined,
      },
    };
  }
  const debrief = debriefFor(decisionViewFromSnapshot(decision.snapshot, await criterionKinds(ctx, award.rfq_id, decision.snapshot.rfq.version)), quote.id, {
    winnerQuoteId: award.quote_id,
    reason: award.debrief_reason,
  });
  if (!debrief) return failure.notFound();
  const question = await findAwardQuestionOfVendor(ctx.db, v.org.id, award.id);
  return {
    ok: true,
    result: {
      view: "debrief",
      awardId: award.id,
      debrief,
      standstillEndsAt: iso(award.standstill_ends_at),
      canAsk: !question && isBefore(now, award.standstill_ends_at),
      question: question ? { body: question.body, askedAt: iso(question.asked_at)!, answer: question.answer, answeredAt: iso(question.answered_at) } : null,
    },
  };
}

type Answer = { kind: "accept" } | { kind: "decline"; input: unknown };

/**
 * 受諾 / 辞退 by a member of the winning vendor organisation. 404 for anyone else (the buyer included);
 * 400 at `reason` when a decline has none; 409 once answered (`awardResult.alreadyAnswered`, also the
 * loser of two answers at the same moment: compare-and-set on `offered`) or at/after `respond_by`
 * (`awardResult.respondBy.passed`, naming the date). One transaction: the award, on decline the quote →
 * declined and the RFQ awarded → closed, the audit row, notifications; then a mail (in each reader's language) to the buyer's
 * proposer and owners.
 */
async function respond(ctx: AppContext, actor: Actor, awardId: string, answer: Answer) {
  const v = orgActor(actor, "vendor");
  if (!v || !isRowId(awardId)) return failure.notFound();
  const award = await findAwardForWinner(ctx.db, v.org.id, awardId);
  if (!award || !can(v, "award:respond", awardResource(award, []))) return failure.notFound();
  let reason: string | null = null;
  if (answer.kind === "decline") {
    const parsed = DeclineAwardInput.safeParse(answer.input);
    if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
    reason = parsed.data.reason;
  }
  if (award.status !== "offered") return failure.conflict("awardResult.alreadyAnswered");
  const now = ctx.clock.now();
  if (!isBefore(now, award.respond_by))
    return refusedOn("awardResult.respondBy.passed", "respondBy", "awardResult.respondBy.was", "awardResult.respondBy.label", award.respond_by);

  const status = answer.kind === "accept" ? ("accepted" as const) : ("declined" as const);
  const rfq = await findRfqForBuyer(ctx.db, award.buyer_org_id, award.rfq_id);
  const title = rfq?.title ?? "";
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (!(await answerAward(trx, award.id, { status, by: v.userId, at: now, declineReason: reason }))) return false;
    if (status === "declined") {
      await setQuoteStatusFrom(trx, award.quote_id, "awarded", "declined", now);
      await setRfqStatusFrom(trx, award.rfq_id, "awarded", "closed", now);
      await enqueueOutbox(trx, "rfq", award.rfq_id);
      await enqueueOutbox(trx, "quote", award.quote_id);
    }
    await writeAudit(trx, {
      actorUserId: v.userId,
      actorOrgId: v.org.id,
      action: status === "accepted" ? "award.accept" : "award.decline",
      entityType: "award",
      entityId: award.id,
      before: { status: "offered" },
      after: { status, respondedAt: now.toISOString(), ...(reason ? { reason } : {}) },
    });
    const recipients = await listAwardBuyerRecipients(trx, award.id);
    await notifyUsers(
      trx,
      recipients.map((r) => r.id),
      status === "accepted" ? "award.accepted" : "award.declined",
      { rfqId: award.rfq_id, title, awardId: award.id, ...(reason ? { reason } : {}) },
      now,
    );
    await mailAnswer(ctx, trx, award, status, title, reason, now, recipients);
    return recipients;
  });
  if (!done) return failure.conflict("awardResult.alreadyAnswered");
  if (status === "declined") ctx.kickIndexer();
  return { ok: true as const, id: award.id, status, respondedAt: now.toISOString() };
}

export const acceptAward = (ctx: AppContext, actor: Actor, awardId: string) => respond(ctx, actor, awardId, { kind: "accept" });
export const declineAward = (ctx: AppContext, actor: Actor, awardId: string, input: unknown) => respond(ctx, actor, awardId, { kind: "decline", input });

/** In the answering transaction: one mail per buyer member in its language, queued iff the answer commits. */
async function mailAnswer(
  ctx: AppContext,
  trx: Kysely<Database>,
  award: Award,
  status: "accepted" | "declined",
  title: string,
  reason: string | null,
  at: Date,
  recipients: readonly { email: string; name: string; locale: string }[],
) {
  if (recipients.length === 0) return;
  const vendor = (await findOrganization(trx, award.vendor_org_id))?.name ?? "";
  const link = `${appOrigin(ctx.env)}/rfqs/${award.rfq_id}/award`;
  const [subject, body] =
    status === "accepted"
      ? (["mail.awardAccepted.subject", "mail.awardAccepted.body"] as const)
      : (["mail.awardDeclined.subject", "mail.awardDeclined.body"] as const);
  for (const r of recipients) {
    const params = (l: Locale) => ({ name: r.name, vendor, title, reason: reason ?? "", date: formatDeadlineDate(at, l), link });
    await ctx.mailer.send(notificationMail(r.email, isLocale(r.locale) ? r.locale : "ja", subject, body, params), { trx });
  }
}

/**
 * The standstill question: once per award and vendor organisation, by a vendor whose opened offer was not
 * selected, while `standstill_ends_at` is in the future. 404 for anyone else; 400 at `body`; 409 without a
 * standstill, after it (naming its end) or for a second question (also the loser of two at once).
 */
export async function askAwardQuestion(ctx: AppContext, actor: Actor, awardId: string, input: unknown) {
  const v = orgActor(actor, "vendor");
  if (!v || !isRowId(awardId)) return failure.notFound();
  const award = await findAwardById(ctx.db, awardId);
  if (!award || award.status === "declined") return failure.notFound();
  const decision = await decisionOf(ctx, award);
  if (!decision || !can(v, "award:ask", awardResource(award, decision.notSelectedVendorOrgIds))) return failure.notFound();
  const quote = await findQuoteOfVendorForRfq(ctx.db, v.org.id, award.rfq_id);
  if (!quote || !decision.snapshot.quotes.some((q) => q.id === quote.id)) return failure.notFound();
  const parsed = AwardQuestionInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  if (award.standstill_ends_at === null) return failure.conflict("awardResult.question.noStandstill");
  if (!isBefore(now, award.standstill_ends_at))
    return refusedOn(
      "awardResult.question.standstillOver",
      "standstillEndsAt",
      "awardResult.question.standstillWas",
      "awardResult.standstill.label",
      award.standstill_ends_at,
    );
  if (await findAwardQuestionOfVendor(ctx.db, v.org.id, award.id)) return failure.conflict("awardResult.question.alreadyAsked");
  const title = decision.snapshot.rfq.title;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await insertAwardQuestion(trx, {
        awardId: award.id,
        quoteId: quote.id,
        vendorOrgId: v.org.id,
        askedBy: v.userId,
        body: parsed.data.body,
        at: now,
      });
      await writeAudit(trx, {
        actorUserId: v.userId,
        actorOrgId: v.org.id,
        action: "award.question.ask",
        entityType: "award",
        entityId: award.id,
        after: { questionId: row.id, body: row.body },
      });
      const recipients = await listAwardBuyerRecipients(trx, award.id);
      await notifyUsers(
        trx,
        recipients.map((r) => r.id),
        "award.questionAsked",
        { rfqId: award.rfq_id, title, awardId: award.id },
        now,
      );
      return { ok: true as const, id: row.id, askedAt: iso(row.asked_at)! };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return failure.conflict("awardResult.question.alreadyAsked");
    throw e;
  }
}

/** The buyer answers a standstill question once. 404 outside the award's buyer organisation; 400 at `body`; 409 when answered. */
export async function answerAwardQuestion(ctx: AppContext, actor: Actor, questionId: string, input: unknown) {
  const b = orgActor(actor, "buyer");
  if (!b || !isRowId(questionId)) return failure.notFound();
  const q = await findAwardQuestionForBuyer(ctx.db, b.org.id, questionId);
  if (!q) return failure.notFound();
  const award = await findAwardById(ctx.db, q.award_id);
  if (!award || !can(b, "award:answerQuestion", awardResource(award, []))) return failure.notFound();
  const parsed = AwardQuestionAnswerInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  if (q.answer !== null) return failure.conflict("awardResult.answer.alreadyAnswered");
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (!(await saveAwardQuestionAnswer(trx, q.id, { answer: parsed.data.body, by: b.userId, at: now }))) return false;
    await writeAudit(trx, {
      actorUserId: b.userId,
      actorOrgId: b.org.id,
      action: "award.question.answer",
      entityType: "award",
      entityId: q.award_id,
      after: { questionId: q.id, answer: parsed.data.body },
    });
    await notifyUsers(trx, await listOrgUserIds(trx, q.vendor_org_id), "award.questionAnswered", { rfqId: q.rfq_id, title: q.title, awardId: q.award_id }, now);
    return true;
  });
  if (!done) return failure.conflict("awardResult.answer.alreadyAnswered");
  return { ok: true as const, id: q.id, answeredAt: now.toISOString() };
}

/**
 * The buyer's view of the RFQ's award: the live award (or the last declined one) with its status, 受諾期限,
 * standstill and the questions; `award: null` before any award. 404 outside the RFQ's buyer organisation.
 */
export async function awardForBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  const b = orgActor(actor, "buyer");
  if (!b || !isRowId(rfqId)) return failure.notFound();
  const rfq = await findRfqForBuyer(ctx.db, b.org.id, rfqId);
  if (!rfq) return failure.notFound();
  const awards = await listAwardsForBuyer(ctx.db, b.org.id, rfqId);
  const award = awards.find((a) => a.status !== "declined") ?? awards[0];
  if (!award || !can(b, "award:read", awardResource(award, []))) return { ok: true as const, rfqId, award: null, history: [] };
  const [vendor, questions] = await Promise.all([findOrganization(ctx.db, award.vendor_org_id), listAwardQuestionsForBuyer(ctx.db, b.org.id, award.id)]);
  const now = ctx.clock.now();
  return {
    ok: true as const,
    rfqId,
    award: {
      id: award.id,
      quoteId: award.quote_id,
      vendorName: vendor?.name ?? "",
      amountYen: Number(award.amount_yen),
      status: award.status,
      respondBy: iso(award.respond_by)!,
      respondedAt: iso(award.responded_at),
      declineReason: award.decline_reason,
      debriefReason: award.debrief_reason,
      standstillEndsAt: iso(award.standstill_ends_at),
      standstillRunning: isBefore(now, award.standstill_ends_at),
      createdAt: iso(award.created_at)!,
      questions: questions.map((q) => ({
        id: q.id,
        vendorName: q.vendor_name,
        body: q.body,
        askedAt: iso(q.asked_at)!,
        answer: q.answer,
        answeredAt: iso(q.answered_at),
      })),
    },
    history: awards
      .filter((a) => a.id !== award.id)
      .map((a) => ({ id: a.id, status: a.status, createdAt: iso(a.created_at)!, respondedAt: iso(a.responded_at) })),
  };
}

/** 受諾期限 and standstill in business days, for members of a buyer organisation (404 otherwise). */
export async function awardSettingsOf(ctx: AppContext, actor: Actor) {
  const b = orgActor(actor, "buyer");
  if (!b || !can(b, "awardSettings:read", { type: "organization", id: b.org.id })) return failure.notFound();
  const row = await findAwardSettings(ctx.db, b.org.id);
  if (!row) return failure.notFound();
  return {
    ok: true as const,
    acceptBusinessDays: row.award_accept_business_days,
    standstillBusinessDays: row.award_standstill_business_days,
    buyerKind: row.buyer_kind,
    canManage: can(b, "awardSettings:manage", { type: "organization", id: b.org.id }),
  };
}

/** Owners change them: 404 outside a buyer organisation, 403 for a member, 400 per field; audited. */
export async function saveAwardSettings(ctx: AppContext, actor: Actor, input: unknown) {
  const current = await awardSettingsOf(ctx, actor);
  if (!current.ok) return current;
  if (!current.canManage) return failure.forbidden();
  const b = orgActor(actor, "buyer")!;
  const parsed = AwardSettingsInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  await ctx.db.transaction().execute(async (trx) => {
    await updateAwardSettings(trx, b.org.id, parsed.data);
    await writeAudit(trx, {
      actorUserId: b.userId,
      actorOrgId: b.org.id,
      action: "award.settings.update",
      entityType: "organization",
      entityId: b.org.id,
      before: { acceptBusinessDays: current.acceptBusinessDays, standstillBusinessDays: current.standstillBusinessDays, buyerKind: current.buyerKind },
      after: { ...parsed.data, buyerKind: parsed.data.buyerKind ?? current.buyerKind },
    });
  });
  return { ok: true as const, ...parsed.data, buyerKind: parsed.data.buyerKind ?? current.buyerKind, canManage: true };
}

/** The vendor's result through an award id (the pages that accept, decline or ask): its RFQ and the result of its own quote. */
export async function vendorResultOfAward(ctx: AppContext, actor: Actor, awardId: string) {
  const v = orgActor(actor, "vendor");
  if (!v || !isRowId(awardId)) return failure.notFound();
  const award = await findAwardById(ctx.db, awardId);
  if (!award) return failure.notFound();
  const quote = await findQuoteOfVendorForRfq(ctx.db, v.org.id, award.rfq_id);
  if (!quote) return failure.notFound();
  const r = await awardResultForVendor(ctx, actor, quote.id);
  if (!r.ok || r.result.awardId !== award.id) return failure.notFound();
  return { ok: true as const, rfqId: award.rfq_id, result: r.result };
}

/** One standstill question for the award's buyer (the answer page): 404 outside its buyer organisation. */
export async function awardQuestionForBuyer(ctx: AppContext, actor: Actor, questionId: string) {
  const b = orgActor(actor, "buyer");
  if (!b || !isRowId(questionId)) return failure.notFound();
  const q = await findAwardQuestionForBuyer(ctx.db, b.org.id, questionId);
  if (!q) return failure.notFound();
  const view = await awardForBuyer(ctx, actor, q.rfq_id);
  const question = view.ok ? view.award?.questions.find((x) => x.id === q.id) : undefined;
  if (!question) return failure.notFound();
  return { ok: true as const, rfqId: q.rfq_id, title: q.title, question };
}
