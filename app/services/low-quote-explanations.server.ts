import { writeAudit } from "../../db/queries/audit";
import { listOrgContacts } from "../../db/queries/invoice-reminders";
import {
  answerExplanationRequest,
  assessExplanation as writeAssessment,
  findExplanationForBuyer,
  findExplanationForVendor,
  findExplanationParties,
  insertExplanationRequest,
  listExplanationsForBuyer,
  listExplanationsForVendor,
  listUnansweredExplanationsForVendor,
  type BuyerExplanationRow,
  type VendorExplanationRow,
} from "../../db/queries/low-quote-explanations";
import { notifyUsers } from "../../db/queries/notifications";
import { findOrganization } from "../../db/queries/organizations";
import { findOpenedQuoteForReader, findQuoteForVendor } from "../../db/queries/quotes";
import { findRfqForBuyer } from "../../db/queries/rfqs";
import {
  answeredLate,
  defaultReplyBy,
  EXPLANATION_TOPICS,
  explanationAnswerSchema,
  ExplanationAssessmentSchema,
  explanationRequestSchema,
  type ExplanationTopic,
} from "~/domain/insight/explanation-requests";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { can, type Actor } from "~/domain/permissions";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { rfqResource } from "~/domain/rfq/resource";
import { isLocale, t, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { formatDate, joinList, tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, isUniqueViolation, orgActor } from "~/utils/service-failure";
import { priceLaterRefusal } from "./evaluation.server";
import { lowQuoteStandingsOf, explanationTrigger, type LowQuoteStanding } from "./low-quotes.server";
import { notificationMail } from "./mail.server";
import { rankRfqForBuyer } from "./ranking.server";

// Explanation requests for abnormally low quotes (issue 19 item 2; decision 0051). The buyer asks the vendor of a
// flagged quote (abnormally low, or below a municipality's 低入札価格調査基準価格) to explain its price on named
// topics; the vendor answers each topic once; the buyer assesses the answer once. Writers: the buyer's members
// (request, assess) and the quote's vendor (answer); the RFQ's assigned advisors READ the buyer's view (they
// work for the buyer) and write nothing. Anyone else gets the 404 of an unknown id. The figures that explain the
// flag (the peers' median, the threshold, the market quartile, the 調査基準価格) are the buyer's: the request row,
// the vendor's reads, the vendor's notice and e-mail carry none of them — only the topics and the reply-by date.

/** Topics as stored (JSON), kept to the known ones in the catalogue's order. */
const topicsOf = (raw: unknown): ExplanationTopic[] => (Array.isArray(raw) ? EXPLANATION_TOPICS.filter((t) => raw.includes(t)) : []);
const answerOf = (raw: unknown): Partial<Record<ExplanationTopic, string>> | null =>
  raw && typeof raw === "object" ? (raw as Record<ExplanationTopic, string>) : null;

/** The buyer's RFQ when the actor is a member of its organisation who may act on it; else null (→ 404). */
async function buyerRfq(ctx: AppContext, actor: Actor, rfqId: string) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, a.org.id, rfqId);
  return rfq && can(a, "rfq:answer", rfqResource(rfq)) ? { a, rfq } : null;
}

/** What the vendor reads of a request: the request itself and its own answer — no trigger, no assessment, no figure. */
function vendorJson(r: VendorExplanationRow) {
  return {
    id: r.id,
    quoteId: r.quote_id,
    quoteVersion: r.quote_version,
    topics: topicsOf(r.topics),
    message: r.message,
    replyBy: r.reply_by,
    requestedAt: r.requested_at.toISOString(),
    answer: answerOf(r.answer),
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    answererName: r.answerer_name,
    late: r.answered_at ? answeredLate(r.reply_by, tokyoDateString(r.answered_at)) : false,
  };
}
export type VendorExplanation = ReturnType<typeof vendorJson>;

/** What the buyer side reads of a request: everything, with the assessment. */
function buyerJson(r: BuyerExplanationRow) {
  return {
    ...vendorJson(r),
    rfqId: r.rfq_id,
    vendorName: r.vendor_name,
    trigger: r.trigger,
    requesterName: r.requester_name,
    assessment: r.assessment,
    assessmentNote: r.assessment_note,
    assessedAt: r.assessed_at ? r.assessed_at.toISOString() : null,
    assessorName: r.assessor_name,
  };
}
export type BuyerExplanation = ReturnType<typeof buyerJson>;

/** A flagged quote's standing as the buyer reads it: why, with the figures. */
function standingJson(quote: { id: string; vendorName: string; normalized: { tco: number } }, s: LowQuoteStanding, investigationPriceYen: number | null) {
  return {
    quoteId: quote.id,
    vendorName: quote.vendorName,
    tcoYen: quote.normalized.tco,
    trigger: explanationTrigger(s)!,
    reasons: (s.abnormallyLow?.reasons ?? []) as LowQuoteReason[],
    lowBidInvestigation: s.lowBidInvestigation,
    /** The RFQ's 低入札価格調査基準価格 when this quote is below it (the buyer's own figure). */
    investigationPriceYen: s.lowBidInvestigation ? investigationPriceYen : null,
  };
}
export type FlaggedQuote = ReturnType<typeof standingJson>;

/**
 * The buyer side's view of an RFQ's abnormally low quotes: each flagged quote's standing (why, with the figures)
 * and every explanation request with its answer and assessment. Its buyer's members and assigned advisors; anyone
 * else null (→ 404). While sealed, or for an evaluator still rating under price later, no standings (they are
 * prices). `canWrite`: the reader may request and assess (buyer members only).
 */
export async function explanationsForBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!isRowId(rfqId) || (actor.org?.kind !== "buyer" && actor.org?.kind !== "advisory")) return null;
  const ranking = await rankRfqForBuyer(ctx, actor, rfqId);
  if (!ranking) return null;
  const buyerOrgId = ranking.sealed ? (actor.org.kind === "buyer" ? actor.org.id : null) : ranking.buyerOrgId;
  const requests = buyerOrgId ? (await listExplanationsForBuyer(ctx.db, buyerOrgId, rfqId)).map(buyerJson) : [];
  const canWrite = actor.org.kind === "buyer" && (await buyerRfq(ctx, actor, rfqId)) !== null;
  const seesPrice = ranking.sealed ? false : (await priceLaterRefusal(ctx, actor, rfqId)) === null;
  if (ranking.sealed || !seesPrice) return { rfqId, seesPrice: false, canWrite, flagged: [] as FlaggedQuote[], requests };
  const standings = await lowQuoteStandingsOf(ctx, ranking);
  const floor = ranking.rfq.publicPriceRules?.floor;
  const investigationPriceYen = floor?.kind === "investigation" ? floor.yen : null;
  const flagged = ranking.quotes.flatMap((q) => {
    const s = standings.get(q.id);
    return s && explanationTrigger(s) ? [standingJson(q, s, investigationPriceYen)] : [];
  });
  return { rfqId, seesPrice: true, canWrite, flagged, requests };
}
export type BuyerExplanationsView = NonNullable<Awaited<ReturnType<typeof explanationsForBuyer>>>;

/**
 * The requests on one quote: its own vendor reads them in the vendor projection (no figure, no assessment); the
 * buyer and its assigned advisors read the buyer's view of the quote (its standing too). Anyone else null (→ 404).
 */
export async function explanationsForQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  if (!actor.org || !isRowId(quoteId)) return null;
  if (actor.org.kind === "vendor") {
    const own = await explanationsForVendorQuote(ctx, actor, quoteId);
    return own ? ({ as: "vendor", items: own } as const) : null;
  }
  if (actor.org.kind !== "buyer" && actor.org.kind !== "advisory") return null;
  const side = actor.org.kind === "buyer" ? "buyer" : "advisor";
  const quote = await findOpenedQuoteForReader(ctx.db, { side, orgId: actor.org.id }, quoteId, ctx.clock.now());
  if (!quote) return null;
  const view = await explanationsForBuyer(ctx, actor, quote.rfq_id);
  if (!view) return null;
  return {
    as: side,
    view: { ...view, flagged: view.flagged.filter((f) => f.quoteId === quoteId), requests: view.requests.filter((r) => r.quoteId === quoteId) },
    items: view.requests.filter((r) => r.quoteId === quoteId),
  } as const;
}

/** The vendor's own requests on one of its quotes (every version), oldest first; null (→ 404) for anyone else. */
export async function explanationsForVendorQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  if (actor.org?.kind !== "vendor" || !isRowId(quoteId)) return null;
  const own = await findQuoteForVendor(ctx.db, actor.org.id, quoteId);
  if (!own) return null;
  return (await listExplanationsForVendor(ctx.db, actor.org.id, quoteId)).map(vendorJson);
}

/** One request of the vendor's (its answer page), with the RFQ it belongs to; null (→ 404) for anyone else. */
export async function explanationOfVendor(ctx: AppContext, actor: Actor, id: string) {
  if (actor.org?.kind !== "vendor" || !isRowId(id)) return null;
  const row = await findExplanationForVendor(ctx.db, actor.org.id, id);
  return row ? { rfqId: row.rfq_id, explanation: vendorJson(row) } : null;
}

/** The vendor's unanswered requests for its home page's to-do list (no figure: the RFQ and the reply-by date). */
export async function unansweredExplanationsOf(ctx: AppContext, vendorOrgId: string) {
  const rows = await listUnansweredExplanationsForVendor(ctx.db, vendorOrgId);
  return rows.map((r) => ({ id: r.id, rfqId: r.rfq_id, quoteId: r.quote_id, title: r.title, replyBy: r.reply_by }));
}

/**
 * The buyer asks the vendor of a flagged quote to explain its price: topics, an optional message, a reply-by date
 * (default five business days). The RFQ must still be open to award (409 otherwise), the quote an opened current
 * offer of it (404 otherwise) whose standing calls for an explanation (409 `lowQuote.notFlagged`); one request per
 * quote version (409 `lowQuote.alreadyRequested`). One transaction: the row, its audit row and the vendor members'
 * notices; the e-mails after the commit. Nothing in them is a figure.
 */
export async function requestExplanation(ctx: AppContext, actor: Actor, rfqId: string, quoteId: string, input: unknown) {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found || !isRowId(quoteId)) return failure.notFound();
  const { a, rfq } = found;
  const now = ctx.clock.now();
  const quote = await findOpenedQuoteForReader(ctx.db, { side: "buyer", orgId: a.org.id }, quoteId, now);
  if (!quote || quote.rfq_id !== rfqId) return failure.notFound();
  const today = tokyoDateString(now);
  const parsed = explanationRequestSchema(today).safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  if (rfq.status !== "published" && rfq.status !== "closed") return failure.conflict("lowQuote.rfqNotOpen");
  if (!areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now)) return failure.notFound();
  const refused = await priceLaterRefusal(ctx, a, rfqId);
  if (refused) return refused;
  const ranking = await rankRfqForBuyer(ctx, a, rfqId);
  if (!ranking || ranking.sealed) return failure.notFound();
  const ranked = ranking.quotes.find((q) => q.id === quoteId);
  const trigger = ranked ? explanationTrigger((await lowQuoteStandingsOf(ctx, ranking)).get(quoteId)) : null;
  if (!trigger) return failure.conflict("lowQuote.notFlagged");
  const r = parsed.data;
  let done;
  try {
    done = await ctx.db.transaction().execute(async (trx) => {
      const id = await insertExplanationRequest(trx, {
        rfqId,
        quoteId,
        quoteVersion: quote.current_version,
        buyerOrgId: a.org.id,
        vendorOrgId: quote.vendor_org_id,
        trigger,
        topics: r.topics,
        message: r.message,
        replyBy: r.replyBy,
        requestedBy: a.userId,
        requestedAt: now,
      });
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "quote.explanation.request",
        entityType: "quote",
        entityId: quoteId,
        after: { rfqId, explanationId: id, quoteVersion: quote.current_version, trigger, topics: r.topics, replyBy: r.replyBy },
      });
      const members = await listOrgContacts(trx, quote.vendor_org_id);
      await notifyUsers(
        trx,
        members.map((m) => m.id),
        "quote.explanationRequested",
        { rfqId, title: rfq.title, reason: r.replyBy, href: `/explanation-requests/${id}/answer` },
        now,
      );
      return { id, members };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return failure.conflict("lowQuote.alreadyRequested");
    throw e;
  }
  await mailRequest(ctx, a.org.id, rfq.title, done.id, r.topics, r.replyBy, done.members);
  const row = await findExplanationForBuyer(ctx.db, a.org.id, done.id);
  return { ok: true, explanation: buyerJson(row!) } as const;
}

type Contact = { email: string; name: string; locale: string };
const localeOf = (m: Contact): Locale => (isLocale(m.locale) ? m.locale : "ja");

async function sendAll(
  ctx: AppContext,
  what: string,
  members: readonly Contact[],
  mail: (m: Contact, locale: Locale) => Parameters<AppContext["mailer"]["send"]>[0],
) {
  const sent = await Promise.allSettled(members.map((m) => ctx.mailer.send(mail(m, localeOf(m)))));
  sent.forEach((s, i) => {
    if (s.status === "rejected") console.warn(`mail: ${what} not delivered to ${members[i]!.email}: ${String(s.reason)}`);
  });
}

/** After the commit: each vendor member's mail, in its language — the buyer, the RFQ, the topics, the date. */
async function mailRequest(
  ctx: AppContext,
  buyerOrgId: string,
  title: string,
  id: string,
  topics: readonly ExplanationTopic[],
  replyBy: string,
  members: readonly Contact[],
) {
  if (members.length === 0) return;
  const buyer = (await findOrganization(ctx.db, buyerOrgId))?.name ?? "";
  const link = `${appOrigin(ctx.env)}/explanation-requests/${id}/answer`;
  await sendAll(ctx, "explanation request", members, (m, locale) =>
    notificationMail(m.email, locale, "mail.explanation.subject", "mail.explanation.body", (l) => ({
      name: m.name,
      buyer,
      title,
      topics: joinList(
        topics.map((tp) => t(l, `lowQuote.topic.${tp}`)),
        l,
      ),
      replyBy: formatDate(replyBy, l),
      link,
    })),
  );
}

/**
 * The quote's vendor answers a request: one text per requested topic (each required; field errors per topic),
 * once (409 `lowQuote.alreadyAnswered`). After the reply-by date it is still accepted, and shown as late. The
 * requester gets an in-app notice and a mail. Anyone but the quote's vendor gets 404.
 */
export async function answerExplanation(ctx: AppContext, actor: Actor, id: string, input: unknown) {
  const vendor = orgActor(actor, "vendor");
  if (!vendor || !isRowId(id)) return failure.notFound();
  const row = await findExplanationForVendor(ctx.db, vendor.org.id, id);
  if (!row) return failure.notFound();
  if (row.answered_at) return failure.conflict("lowQuote.alreadyAnswered");
  const parsed = explanationAnswerSchema(topicsOf(row.topics)).safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (!(await answerExplanationRequest(trx, vendor.org.id, id, parsed.data.answers, vendor.userId, now))) return null;
    const parties = (await findExplanationParties(trx, id))!;
    await writeAudit(trx, {
      actorUserId: vendor.userId,
      actorOrgId: vendor.org.id,
      action: "quote.explanation.answer",
      entityType: "quote",
      entityId: row.quote_id,
      after: { rfqId: row.rfq_id, explanationId: id, late: answeredLate(row.reply_by, tokyoDateString(now)) },
    });
    await notifyUsers(
      trx,
      [parties.requested_by],
      "rfq.explanationAnswered",
      { rfqId: row.rfq_id, title: parties.rfq_title, href: `/quotes/${row.quote_id}#low-price` },
      now,
    );
    return parties;
  });
  if (!done) return failure.conflict("lowQuote.alreadyAnswered");
  const requester = (await listOrgContacts(ctx.db, done.buyer_org_id)).filter((m) => m.id === done.requested_by);
  const link = `${appOrigin(ctx.env)}/quotes/${row.quote_id}#low-price`;
  await sendAll(ctx, "explanation answer", requester, (m, locale) =>
    notificationMail(m.email, locale, "mail.explanationAnswered.subject", "mail.explanationAnswered.body", () => ({
      name: m.name,
      title: done.rfq_title,
      vendor: done.vendor_name,
      link,
    })),
  );
  const answered = await findExplanationForVendor(ctx.db, vendor.org.id, id);
  return { ok: true, explanation: vendorJson(answered!) } as const;
}

/**
 * A buyer member records the assessment of an answered request: satisfactory or not, with its reasons — once
 * (409 `lowQuote.alreadyAssessed`), only after the answer (409 `lowQuote.notAnswered`). Audited. Advisors, vendors
 * and other tenants get 404.
 */
export async function assessExplanation(ctx: AppContext, actor: Actor, id: string, input: unknown) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(id)) return failure.notFound();
  const row = await findExplanationForBuyer(ctx.db, a.org.id, id);
  if (!row || !(await buyerRfq(ctx, a, row.rfq_id))) return failure.notFound();
  const parsed = ExplanationAssessmentSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  if (!row.answered_at) return failure.conflict("lowQuote.notAnswered");
  if (row.assessed_at) return failure.conflict("lowQuote.alreadyAssessed");
  const now = ctx.clock.now();
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await writeAssessment(trx, a.org.id, id, parsed.data.assessment, parsed.data.note, a.userId, now))) return false;
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "quote.explanation.assess",
      entityType: "quote",
      entityId: row.quote_id,
      after: { rfqId: row.rfq_id, explanationId: id, assessment: parsed.data.assessment },
    });
    return true;
  });
  if (!written) return failure.conflict("lowQuote.alreadyAssessed");
  const assessed = await findExplanationForBuyer(ctx.db, a.org.id, id);
  return { ok: true, explanation: buyerJson(assessed!) } as const;
}

/** The default reply-by date a request made now would get (the form's hint). */
export const defaultReplyByNow = (ctx: AppContext) => defaultReplyBy(tokyoDateString(ctx.clock.now()));

/** One request as its buyer's members read it (the assessment page); null (→ 404) for anyone else. */
export async function explanationOfBuyer(ctx: AppContext, actor: Actor, id: string) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(id)) return null;
  const row = await findExplanationForBuyer(ctx.db, a.org.id, id);
  return row ? buyerJson(row) : null;
}

/**
 * What the buyer side's panel on a quote page shows (app/components/quote/low-price-panel.tsx): the quote's
 * standing, its requests, whether the reader may write, the default reply-by date. Null (→ 404) for vendors and
 * anyone who may not read the opened quote.
 */
export async function lowPricePanelData(ctx: AppContext, actor: Actor, quoteId: string) {
  if (actor.org?.kind !== "buyer" && actor.org?.kind !== "advisory") return null;
  const found = await explanationsForQuote(ctx, actor, quoteId);
  if (!found || found.as === "vendor") return null;
  const side = actor.org.kind === "buyer" ? "buyer" : "advisor";
  const quote = await findOpenedQuoteForReader(ctx.db, { side, orgId: actor.org.id }, quoteId, ctx.clock.now());
  if (!quote) return null;
  return {
    quoteId,
    rfqId: quote.rfq_id,
    quoteVersion: quote.current_version,
    seesPrice: found.view.seesPrice,
    canWrite: found.view.canWrite,
    flagged: found.view.flagged,
    requests: found.view.requests,
    defaultReplyBy: defaultReplyByNow(ctx),
    today: tokyoDateString(ctx.clock.now()),
  };
}
