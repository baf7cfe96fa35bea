import { writeAudit } from "../../db/queries/audit";
import { findPendingAwardProposal } from "../../db/queries/award-proposals";
import {
  countParticipants,
  discardDrafts,
  findLiveRoundOfRfq,
  findRoundForVendorQuote,
  findRoundOfBuyer,
  findRoundOfBuyerForUpdate,
  insertBafoVersion,
  insertParticipants,
  insertRound,
  latestVersionNumber,
  listMembersOfOrgs,
  listOfferStatusesOfRfq,
  lockParticipant,
  lockRfqForBafo,
  participantOrgIds,
  setShortlist as writeShortlist,
  updateParticipant,
  updateRound,
} from "../../db/queries/bafo";
import { notifyUsers } from "../../db/queries/notifications";
import { enqueueOutbox } from "../../db/queries/outbox";
import { findOrganization } from "../../db/queries/organizations";
import { findQuoteForVendor, listFinalRoundsForBuyer } from "../../db/queries/quotes";
import { findRfqForBuyer, findRfqForVendor } from "../../db/queries/rfqs";
import {
  deadlineProblem,
  mergeBafo,
  MoveDeadlineInput,
  OpenRoundInput,
  parseBafoRevision,
  rfqRefusal,
  roundPhase,
  ShortlistInput,
  vendorRefusal,
} from "~/domain/bafo/round";
import { can, type Actor } from "~/domain/permissions";
import { buildQuoteSchema, quoteBaseSchema, type QuoteInput } from "~/domain/quote/schema";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { rfqResource } from "~/domain/rfq/resource";
import { rfqSchema } from "~/domain/rfq/schema";
import { isLocale, type Locale } from "~/i18n";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type OrgActor, type ServiceFailure } from "~/utils/service-failure";
import { notificationMail } from "./mail.server";
import { normalizeFor } from "./quotes.server";

// Shortlist and BAFO round (issue 15 item 1, decision 0030; docs/bafo.md). The buyer shortlists opened
// quotes of a closed RFQ and opens one round with its own deadline; shortlisted vendors save a BAFO draft
// and submit it once (a quote version of kind `bafo`, marked with the round); the round's deadline may
// only move later; cancelling before it discards the BAFOs unopened. What the buyer side reads of a BAFO
// is decided by the sealed-bid SQL alone (openedOffers / finalVersionOf in db/queries/quotes.ts): this
// service never returns a BAFO's content to the buyer. Every write: policy → one transaction → audit.

type Buyer = OrgActor<"buyer">;
type RfqRow = NonNullable<Awaited<ReturnType<typeof findRfqForBuyer>>>;

async function buyerRfq(ctx: AppContext, actor: Actor, rfqId: string): Promise<{ a: Buyer; rfq: RfqRow } | null> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, a.org.id, rfqId);
  return rfq && can(a, "rfq:edit", rfqResource(rfq)) ? { a, rfq } : null;
}

async function rfqRefusalNow(ctx: AppContext, rfq: RfqRow, now: Date) {
  return rfqRefusal({
    effectiveStatus: effectiveStatus({ status: rfq.status, quoteDeadline: rfq.quote_deadline?.toISOString() }, now),
    opened: areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now),
    pendingProposal: !!(await findPendingAwardProposal(ctx.db, rfq.id)),
  });
}

const deadlineOf = (value: string) => new Date(value);

/** True while the RFQ has a round accepting BAFOs (proposeAward refuses then). */
export async function isBafoRoundAccepting(ctx: AppContext, rfqId: string): Promise<boolean> {
  const round = await findLiveRoundOfRfq(ctx.db, rfqId);
  return !!round && roundPhase(round, ctx.clock.now()) === "accepting";
}

/**
 * The buyer's "ショートリスト／BAFO" section: the offers to choose from (names and statuses, no content),
 * the live round with how many were invited and submitted (never what), and why nothing may be done now.
 */
export async function bafoPanel(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return null;
  const now = ctx.clock.now();
  const refusal = await rfqRefusalNow(ctx, found.rfq, now);
  const opened = areQuotesOpened({ status: found.rfq.status, sealed: found.rfq.sealed, deadline: found.rfq.quote_deadline }, now);
  const offers = opened ? await listOfferStatusesOfRfq(ctx.db, rfqId) : [];
  // Which version each offer is ranked on comes from the sealed-bid SQL itself: "bafo" only once opened.
  const rounds = opened ? await listFinalRoundsForBuyer(ctx.db, found.a.org.id, rfqId, now) : new Map<string, "bafo" | "first">();
  const round = await findLiveRoundOfRfq(ctx.db, rfqId);
  const counts = round ? await countParticipants(ctx.db, round.id) : null;
  return {
    refusal,
    offers: offers.map((o) => ({ id: o.id, vendorName: o.vendor_name, shortlisted: o.status === "shortlisted", rankedRound: rounds.get(o.id) ?? "first" })),
    round: round && counts ? { id: round.id, deadline: round.deadline.toISOString(), phase: roundPhase(round, now), ...counts } : null,
  };
}

/**
 * Sets the shortlist to exactly `quoteIds` (un-shortlisting the others) before a round opens. 404 for
 * anyone but the buyer's members; 409 when the RFQ is not closed/opened, is decided, has a proposal
 * waiting or already has a round; 400 at `quoteIds` for an id that is not an opened offer of this RFQ.
 */
export async function setShortlist(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  input: unknown,
): Promise<{ ok: true; shortlisted: string[] } | ServiceFailure> {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const parsed = ShortlistInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const refusal = await rfqRefusalNow(ctx, found.rfq, now);
  if (refusal) return failure.conflict(refusal);
  const wanted = [...new Set(parsed.data.quoteIds)];
  return ctx.db.transaction().execute(async (trx) => {
    await lockRfqForBafo(trx, rfqId);
    if (await findLiveRoundOfRfq(trx, rfqId)) return failure.conflict("bafo.shortlist.locked");
    const offers = await listOfferStatusesOfRfq(trx, rfqId);
    const ids = new Set(offers.map((o) => o.id));
    if (wanted.some((id) => !ids.has(id))) return failure.invalid({ fieldErrors: { quoteIds: ["bafo.shortlist.invalid"] } });
    await writeShortlist(trx, rfqId, wanted, now);
    await writeAudit(trx, {
      actorUserId: found.a.userId,
      actorOrgId: found.a.org.id,
      action: "bafo.shortlist",
      entityType: "rfq",
      entityId: rfqId,
      before: { shortlisted: offers.filter((o) => o.status === "shortlisted").map((o) => o.id) },
      after: { shortlisted: wanted },
    });
    for (const id of ids) await enqueueOutbox(trx, "quote", id);
    return { ok: true as const, shortlisted: wanted };
  });
}

/**
 * Opens the RFQ's one BAFO round: the deadline must lie ahead (400 at `deadline`), at least one quote must
 * be shortlisted (400 at `shortlist`), a second round is refused (409 `bafo.round.exists`). One transaction:
 * the round, its participants (the shortlist, frozen), the audit row, in-app notifications to every member
 * of every offering vendor; after the commit one mail each in its reader's language (invited with the deadline / out).
 */
export async function openBafoRound(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  input: unknown,
): Promise<{ ok: true; roundId: string; deadline: string; invited: number; out: number } | ServiceFailure> {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const parsed = OpenRoundInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const deadline = deadlineOf(parsed.data.deadline);
  const problem = deadlineProblem(deadline, now);
  if (problem) return failure.invalid({ fieldErrors: { deadline: [problem] } });
  const refusal = await rfqRefusalNow(ctx, found.rfq, now);
  if (refusal) return failure.conflict(refusal);
  const { a, rfq } = found;
  const done = await ctx.db.transaction().execute(async (trx) => {
    await lockRfqForBafo(trx, rfqId);
    if (await findLiveRoundOfRfq(trx, rfqId)) return failure.conflict("bafo.round.exists");
    const offers = await listOfferStatusesOfRfq(trx, rfqId);
    const invited = offers.filter((o) => o.status === "shortlisted");
    const out = offers.filter((o) => o.status !== "shortlisted");
    if (invited.length === 0) return failure.invalid({ fieldErrors: { shortlist: ["bafo.round.noShortlist"] } });
    const round = await insertRound(trx, { rfqId, buyerOrgId: a.org.id, deadline, createdBy: a.userId, at: now });
    await insertParticipants(trx, round.id, invited, now);
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "bafo.round.open",
      entityType: "rfq",
      entityId: rfqId,
      after: { roundId: round.id, deadline: deadline.toISOString(), invited: invited.map((o) => o.id), out: out.map((o) => o.id) },
    });
    const members = await listMembersOfOrgs(
      trx,
      offers.map((o) => o.vendor_org_id),
    );
    const invitedOrgs = new Set(invited.map((o) => o.vendor_org_id));
    const quoteOf = new Map(offers.map((o) => [o.vendor_org_id, o.id]));
    const payload = (orgId: string) => ({ rfqId, quoteId: quoteOf.get(orgId), title: rfq.title, deadline: deadline.toISOString() });
    for (const m of members) await notifyUsers(trx, [m.id], invitedOrgs.has(m.org_id) ? "bafo.invited" : "bafo.notShortlisted", payload(m.org_id), now);
    await mailRound(ctx, trx, a.org.id, rfq.title, deadline, members, invitedOrgs, quoteOf);
    return { ok: true as const, round, invited: invited.length, out: out.length };
  });
  if (!done.ok) return done;
  return { ok: true, roundId: done.round.id, deadline: deadline.toISOString(), invited: done.invited, out: done.out };
}

/** In the opening transaction: one mail per vendor member in its language, queued iff the round opens. */
async function mailRound(
  ctx: AppContext,
  trx: Kysely<Database>,
  buyerOrgId: string,
  title: string,
  deadline: Date,
  members: readonly { email: string; name: string; locale: string; org_id: string }[],
  invitedOrgs: ReadonlySet<string>,
  quoteOf: ReadonlyMap<string, string>,
) {
  if (members.length === 0) return;
  const buyer = (await findOrganization(trx, buyerOrgId))?.name ?? "";
  const origin = appOrigin(ctx.env);
  for (const m of members) {
    const invited = invitedOrgs.has(m.org_id);
    const locale: Locale = isLocale(m.locale) ? m.locale : "ja";
    const link = `${origin}/quotes/${quoteOf.get(m.org_id) ?? ""}/bafo`;
    await ctx.mailer.send(
      notificationMail(
        m.email,
        locale,
        invited ? "mail.bafoInvited.subject" : "mail.bafoOut.subject",
        invited ? "mail.bafoInvited.body" : "mail.bafoOut.body",
        (l) => ({ name: m.name, buyer, title, deadline: formatDateTime(deadline, l), link }),
      ),
      { trx },
    );
  }
}

/** Moves the round's deadline LATER (400 at `deadline` otherwise); only while the round accepts BAFOs. */
export async function moveBafoDeadline(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  input: unknown,
): Promise<{ ok: true; deadline: string } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(roundId)) return failure.notFound();
  const parsed = MoveDeadlineInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const deadline = deadlineOf(parsed.data.deadline);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await findRoundOfBuyerForUpdate(trx, a.org.id, roundId);
    if (!round) return failure.notFound();
    const phase = roundPhase(round, now);
    if (phase !== "accepting") return failure.conflict(phase === "cancelled" ? "bafo.round.cancelled" : "bafo.round.closed");
    const problem = deadlineProblem(deadline, now, round.deadline);
    if (problem) return failure.invalid({ fieldErrors: { deadline: [problem] } });
    await updateRound(trx, roundId, { deadline, at: now });
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "bafo.round.extend",
      entityType: "rfq",
      entityId: round.rfq_id,
      before: { roundId, deadline: round.deadline.toISOString() },
      after: { roundId, deadline: deadline.toISOString() },
    });
    const members = await listMembersOfOrgs(trx, await participantOrgIds(trx, roundId));
    const title = (await findRfqForBuyer(trx, a.org.id, round.rfq_id))?.title ?? "";
    await notifyUsers(
      trx,
      members.map((m) => m.id),
      "bafo.invited",
      { rfqId: round.rfq_id, title, deadline: deadline.toISOString() },
      now,
    );
    return { ok: true as const, deadline: deadline.toISOString() };
  });
}

/**
 * Cancels the round before its deadline: its BAFO versions are never opened (the sealed SQL reads only
 * open rounds), drafts are discarded, the shortlisted quotes stay shortlisted, and the invited vendors are
 * told in-app. After the deadline the BAFOs are opened and ranked: cancelling then is refused (409).
 */
export async function cancelBafoRound(ctx: AppContext, actor: Actor, roundId: string): Promise<{ ok: true } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(roundId)) return failure.notFound();
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const round = await findRoundOfBuyerForUpdate(trx, a.org.id, roundId);
    if (!round) return failure.notFound();
    const phase = roundPhase(round, now);
    if (phase !== "accepting") return failure.conflict(phase === "cancelled" ? "bafo.round.cancelled" : "bafo.round.closed");
    await updateRound(trx, roundId, { status: "cancelled", at: now });
    await discardDrafts(trx, roundId);
    const counts = await countParticipants(trx, roundId);
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "bafo.round.cancel",
      entityType: "rfq",
      entityId: round.rfq_id,
      before: { roundId, status: "open", deadline: round.deadline.toISOString() },
      after: { roundId, status: "cancelled", discardedUnopened: counts.submitted },
    });
    const members = await listMembersOfOrgs(trx, await participantOrgIds(trx, roundId));
    const title = (await findRfqForBuyer(trx, a.org.id, round.rfq_id))?.title ?? "";
    await notifyUsers(
      trx,
      members.map((m) => m.id),
      "bafo.cancelled",
      { rfqId: round.rfq_id, title },
      now,
    );
    return { ok: true as const };
  });
  return done;
}

/** The buyer's own round by id (for the API's PATCH/DELETE answers); null for anyone else. */
export async function bafoRoundForBuyer(ctx: AppContext, actor: Actor, roundId: string) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(roundId)) return null;
  const round = await findRoundOfBuyer(ctx.db, a.org.id, roundId);
  if (!round) return null;
  return { id: round.id, rfqId: round.rfq_id, deadline: round.deadline.toISOString(), phase: roundPhase(round, ctx.clock.now()) };
}

// ——— The vendor's side ———

/** The vendor's own quote, its RFQ's published content and its standing in the round; null when not its quote. */
async function vendorQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  const v = orgActor(actor, "vendor");
  if (!v || !isRowId(quoteId)) return null;
  const quote = await findQuoteForVendor(ctx.db, v.org.id, quoteId);
  if (!quote) return null;
  const rfqRow = await findRfqForVendor(ctx.db, v.org.id, quote.rfq_id);
  const rfq = rfqSchema.safeParse(rfqRow?.published_content);
  if (!rfqRow || !rfq.success) return null;
  const standing = await findRoundForVendorQuote(ctx.db, v.org.id, quoteId);
  return { v, quote, rfqRow, rfq: rfq.data, standing };
}

/**
 * What the vendor's quote page shows about the round: nothing (no round), "invited" with the deadline,
 * its draft (or its first-round quote to start from) and whether it was submitted, or "out of this round".
 */
export async function vendorBafo(ctx: AppContext, actor: Actor, quoteId: string) {
  const found = await vendorQuote(ctx, actor, quoteId);
  if (!found) return null;
  const { quote, standing, rfq } = found;
  if (!standing) return { quoteId, state: "none" as const };
  const phase = roundPhase({ status: standing.round_status, deadline: standing.deadline }, ctx.clock.now());
  if (!standing.participant_quote_id) return { quoteId, state: "out" as const, phase, roundId: standing.round_id };
  const base = quote.content as QuoteInput;
  return {
    quoteId,
    state: "invited" as const,
    roundId: standing.round_id,
    phase,
    deadline: standing.deadline.toISOString(),
    submittedVersion: standing.submitted_version,
    submittedAt: standing.submitted_at?.toISOString() ?? null,
    draft: mergeBafo(base, (standing.draft ?? {}) as Record<string, unknown>),
    lines: rfq.lineItems.map((l) => ({ code: l.code, description: l.description })),
    kpis: rfq.criteria.filter((c) => c.source === "kpi_commitment").map((c) => ({ key: c.key, label: c.label, unit: c.unit })),
  };
}

/**
 * Saves the vendor's BAFO draft or submits it (once, final). 404 unless it is the vendor's own quote;
 * 409 `bafo.vendor.notInvited` when not shortlisted into the round, `bafo.round.closed` after the deadline,
 * `bafo.round.cancelled`, `bafo.vendor.alreadySubmitted`; 400 with field paths for a BAFO the RFQ refuses.
 * The submission is a new quote version of kind `bafo` with its normalized TCO; the quote row itself stays
 * the first round's, so nothing the buyer side reads changes until the round's deadline.
 */
export async function saveBafo(
  ctx: AppContext,
  actor: Actor,
  quoteId: string,
  input: unknown,
  mode: "draft" | "submit",
): Promise<{ ok: true; version: number | null; tco: number | null } | ServiceFailure> {
  const found = await vendorQuote(ctx, actor, quoteId);
  if (!found) return failure.notFound();
  const { v, quote, rfqRow, rfq, standing } = found;
  const now = ctx.clock.now();
  const phase = standing ? roundPhase({ status: standing.round_status, deadline: standing.deadline }, now) : null;
  const refusal = vendorRefusal({ invited: !!standing?.participant_quote_id, submitted: !!standing?.submitted_at, phase });
  if (refusal) return failure.conflict(refusal);
  const revision = parseBafoRevision(input);
  if (!revision.success) return failure.invalid({ issues: revision.error.issues });
  const merged = mergeBafo(quote.content as QuoteInput, { ...((standing!.draft ?? {}) as object), ...revision.data });
  const schema = mode === "submit" ? buildQuoteSchema(rfq) : quoteBaseSchema.partial();
  const parsed = schema.safeParse(merged);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const roundId = standing!.round_id;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockParticipant(trx, v.org.id, roundId, quoteId);
    if (!row) return failure.conflict("bafo.vendor.notInvited");
    if (row.submitted_at) return failure.conflict("bafo.vendor.alreadySubmitted");
    const draft = { ...((row.draft ?? {}) as object), ...revision.data };
    if (mode === "draft") {
      await updateParticipant(trx, v.org.id, roundId, quoteId, { draft, at: now });
      await writeAudit(trx, {
        actorUserId: v.userId,
        actorOrgId: v.org.id,
        action: "bafo.saveDraft",
        entityType: "quote",
        entityId: quoteId,
        after: { roundId },
      });
      return { ok: true as const, version: null, tco: null };
    }
    const normalized = normalizeFor(rfq, parsed.data as never);
    const version = (await latestVersionNumber(trx, quoteId)) + 1;
    await insertBafoVersion(trx, {
      quoteId,
      version,
      rfqVersion: rfqRow.current_version,
      roundId,
      content: parsed.data,
      normalized,
      tco: normalized.tco,
      createdBy: v.userId,
      at: now,
    });
    await updateParticipant(trx, v.org.id, roundId, quoteId, { draft, submittedVersion: version, at: now });
    // The audit row keeps the version, not the sealed figures (the audit log is readable by admins).
    await writeAudit(trx, {
      actorUserId: v.userId,
      actorOrgId: v.org.id,
      action: "bafo.submit",
      entityType: "quote",
      entityId: quoteId,
      before: { version: quote.current_version },
      after: { roundId, version },
    });
    return { ok: true as const, version, tco: normalized.tco };
  });
}
