import { createHash } from "node:crypto";
import { needsLowBidInvestigation } from "~/domain/rfq/public-price-rules";
import { listAdvisorNotes } from "../../db/queries/advisor-notes";
import { writeAudit } from "../../db/queries/audit";
import { findAwardProposal, findPendingAwardProposal, insertAwardProposal, listAwardProposals } from "../../db/queries/award-proposals";
import { listAnnotationsWithClarifications, listPublishedMemosForBuyer } from "../../db/queries/recommendation-memos";
import { findRfqForAdvisor, listAdvisorOrgIdsOfRfq } from "../../db/queries/rfq-advisors";
import { findRfqForBuyer } from "../../db/queries/rfqs";
import { listExplanationsForBuyer } from "../../db/queries/low-quote-explanations";
import { findUserById } from "../../db/queries/users";
import { unreachableSteps, type RouteStep } from "~/domain/approvals/route-rules";
import { canonicalJson } from "~/domain/canonical-json";
import {
  AwardProposalInput,
  freezeSnapshot,
  lowBidInvestigationComplete,
  requiredRationales,
  type AcknowledgedRedFlag,
  snapshotHash,
  type ProposalSnapshot,
  type SpecificReasonTrigger,
} from "~/domain/award/proposal";
import { can, type Actor } from "~/domain/permissions";
import type { LowQuoteTopic } from "../../db/schema";
import { rfqResource } from "~/domain/rfq/resource";
import { areQuotesOpened } from "~/domain/quote/sealed";
import type { AnyMessageKey } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type OrgActor, type ServiceFailure, isUniqueViolation } from "~/utils/service-failure";
import { noticeFirstStep } from "./approval-decisions.server";
import { sendPendingMails, type PendingMail } from "./approval-notices.server";
import { routeForAmount } from "./approval-routes.server";
import { isBafoRoundAccepting } from "./bafo.server";
import { priceLaterRefusal } from "./evaluation.server";
import { openedQuotesForRankingByBuyer } from "./quotes.server";
import { rankListedQuotes } from "./ranking-projection.server";
import { lowQuoteStandingsOf } from "./low-quotes.server";
import { acknowledgedFlags, redFlagRefusal } from "./award-red-flags.server";

// 決裁起案 (issue 15, item 2): a member of the RFQ's buyer organisation proposes one opened quote for
// award. The proposal freezes the snapshot the decision rests on (app/domain/award/proposal.ts) with the
// SHA-256 of its canonical JSON, and the approval route that applies to the amount (稟議ルート, frozen with
// the rules' revision). Vendors, advisors and other tenants get 404: they are never told a proposal exists.
// The amount that picks the route is the quote's contract value including tax (what the buyer will pay).

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Quote statuses that may be proposed: submitted and not withdrawn, not already decided. */
const PROPOSABLE = new Set(["submitted", "shortlisted", "not_selected"]);

const triggerKey = (t: SpecificReasonTrigger): AnyMessageKey => `awardProposal.trigger.${t}`;

type Buyer = OrgActor<"buyer">;

/** The RFQ of the buyer's organisation, or null (unknown, other tenant, not a buyer). */
async function buyerRfq(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
): Promise<{ a: Buyer; rfq: NonNullable<Awaited<ReturnType<typeof findRfqForBuyer>>> } | null> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, a.org.id, rfqId);
  return rfq && can(a, "awardProposal:read", rfqResource(rfq)) ? { a, rfq } : null;
}

/**
 * The buyer's RFQ when the caller may also see its prices: a proposal shows every quote's amount, so an evaluator
 * still rating under price later (two envelopes) gets the refusal that says why (decision 0046); others, 404.
 */
async function pricedBuyerRfq(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  return (await priceLaterRefusal(ctx, actor, rfqId)) ?? ({ ok: true, ...found } as const);
}

/**
 * Everything the decision rests on, as of now: the ranking of the opened quotes (method, weights, every
 * score and contribution, gates, robustness, stability), TCO/ROI and versions of each quote, and the
 * advisors' current notes, the assigned organisations' published recommendation memos and the RFQ's current
 * annotations with their clarifications (schema 2, issue 18). Null while the quotes are sealed.
 */
export async function buildProposalSnapshot(ctx: AppContext, a: Buyer, rfqId: string, title: string): Promise<ProposalSnapshot | null> {
  const listing = await openedQuotesForRankingByBuyer(ctx, a, rfqId);
  if (!listing || listing.sealed) return null;
  const now = ctx.clock.now();
  const ranked = await rankListedQuotes(ctx.db, rfqId, listing.rfqVersion, listing.quotes, now, {}, listing.digest);
  const [notes, assigned, memos, annotations, standings, explanations] = await Promise.all([
    listAdvisorNotes(ctx.db, { kind: "buyer", orgId: a.org.id }, rfqId),
    listAdvisorOrgIdsOfRfq(ctx.db, rfqId),
    listPublishedMemosForBuyer(ctx.db, a.org.id, rfqId),
    listAnnotationsWithClarifications(ctx.db, a.org.id, rfqId),
    lowQuoteStandingsOf(ctx, ranked),
    listExplanationsForBuyer(ctx.db, a.org.id, rfqId),
  ]);
  const assignedIds = new Set(assigned);
  const byId = new Map(listing.quotes.map((q) => [q.id, q]));
  return freezeSnapshot({
    schema: 2,
    takenAt: now.toISOString(),
    rfq: { id: rfqId, version: listing.rfqVersion, title },
    input: ranked.input,
    result: ranked.result,
    stability: ranked.stability,
    awaitingRatings: ranked.awaitingRatings,
    quotes: ranked.quotes.map((q) => ({
      id: q.id,
      version: byId.get(q.id)!.current_version,
      rfqVersion: byId.get(q.id)!.rfq_version,
      vendorOrgId: q.vendorOrgId,
      vendorName: q.vendorName,
      status: q.status,
      contractValueExcludingTaxYen: q.normalized.contractValueExcludingTax,
      contractValueIncludingTaxYen: q.normalized.contractValueIncludingTax,
      tcoYen: q.normalized.tco,
      roi: q.normalized.roi,
      expiringCertifications: q.expiringCertifications,
      ...(needsLowBidInvestigation(ranked.rfq.publicPriceRules, q.normalized) ? { lowBidInvestigation: true } : {}),
      // Abnormally low (decision 0051), from the same ranking: the reasons and figures as they stood.
      ...(standings.get(q.id)?.abnormallyLow ? { abnormallyLow: { reasons: standings.get(q.id)!.abnormallyLow!.reasons } } : {}),
    })),
    advisorNotes: notes
      .filter((n) => n.withdrawn_at === null && n.superseded_at === null)
      .map((n) => ({
        id: n.id,
        advisorOrgId: n.advisor_org_id,
        advisorName: n.advisor_name,
        assigned: assignedIds.has(n.advisor_org_id),
        quoteId: n.quote_id,
        recommends: n.recommends,
        body: n.body,
        updatedAt: new Date(n.updated_at ?? n.created_at).toISOString(),
      })),
    memos: memos
      .filter((m) => m.status === "published")
      .map((m) => ({
        id: m.id,
        advisorOrgId: m.advisor_org_id,
        advisorName: m.advisor_name,
        version: m.version,
        assigned: assignedIds.has(m.advisor_org_id),
        quoteId: m.quote_id,
        rationale: m.rationale,
        conditions: m.conditions,
        risks: m.risks,
        publishedAt: new Date(m.published_at!).toISOString(),
      })),
    // Annotations of opened quotes only: the ranking's quotes (a withdrawn quote's notes no longer decide anything).
    annotations: annotations
      .filter((n) => byId.has(n.quote_id))
      .map((n) => ({
        id: n.id,
        quoteId: n.quote_id,
        criterionKey: n.criterion_key,
        kind: n.kind,
        body: n.body,
        authorName: n.author_name,
        authorOrgName: n.author_org_name,
        updatedAt: new Date(n.updated_at).toISOString(),
        ...(n.clarification_question !== null
          ? {
              clarification: {
                question: n.clarification_question,
                answer: n.clarification_answer,
                answeredAt: n.clarification_answered_at ? new Date(n.clarification_answered_at).toISOString() : null,
              },
            }
          : {}),
      })),
    // The explanation requests of the opened quotes as they stood: what was asked, answered and assessed (decision 0051).
    explanations: explanations
      .filter((e) => byId.has(e.quote_id))
      .map((e) => ({
        id: e.id,
        quoteId: e.quote_id,
        quoteVersion: e.quote_version,
        vendorName: e.vendor_name,
        trigger: e.trigger,
        topics: e.topics as LowQuoteTopic[],
        message: e.message,
        replyBy: e.reply_by,
        requestedAt: new Date(e.requested_at).toISOString(),
        answer: (e.answer ?? null) as Partial<Record<LowQuoteTopic, string>> | null,
        answeredAt: e.answered_at ? new Date(e.answered_at).toISOString() : null,
        assessment: e.assessment,
        assessmentNote: e.assessment_note,
        assessedAt: e.assessed_at ? new Date(e.assessed_at).toISOString() : null,
      })),
  });
}

/**
 * The proposal form's data: the opened quotes with their rank and which reasons each would require, and
 * the proposal waiting for approval (then there is no form). No quotes while sealed or once cancelled/awarded.
 */
export async function awardProposalForm(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await pricedBuyerRfq(ctx, actor, rfqId);
  if (!found.ok) return found;
  const [snapshot, pending] = await Promise.all([buildProposalSnapshot(ctx, found.a, rfqId, found.rfq.title), findPendingAwardProposal(ctx.db, rfqId)]);
  const proposable = can(found.a, "awardProposal:propose", rfqResource(found.rfq));
  if (!snapshot || !proposable)
    return {
      ok: true as const,
      pendingId: pending?.id ?? null,
      quotes: [],
      vendorNames: {} as Record<string, string>,
      criterionLabels: {} as Record<string, { ja: string; en: string }>,
    };
  return {
    ok: true as const,
    pendingId: pending?.id ?? null,
    quotes: snapshot.quotes
      .filter((q) => PROPOSABLE.has(q.status))
      .map((q) => ({
        id: q.id,
        vendorName: q.vendorName,
        amountYen: q.contractValueIncludingTaxYen,
        ...requiredRationales(snapshot, q.id),
        // The low-price facts the form shows beside the option (decision 0051): buyer figures, this is the buyer's form.
        abnormallyLow: q.abnormallyLow ?? null,
        lowBidInvestigation: q.lowBidInvestigation ?? false,
        investigationComplete: lowBidInvestigationComplete(snapshot, q.id),
      }))
      // In ranking order, as the comparison lists them; unranked (disqualified) options last.
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER)),
    /** Vendor names and criterion labels the red flags' words need (a flag may name a quote that is not proposable). */
    vendorNames: Object.fromEntries(snapshot.quotes.map((q) => [q.id, q.vendorName])),
    criterionLabels: Object.fromEntries(snapshot.input.criteria.map((c) => [c.key, c.label])),
  };
}

/**
 * Proposes `input.quoteId` for award (決裁起案). Refusals write nothing:
 * 404 for anyone but a member of the RFQ's buyer organisation; 409 while the quotes are sealed or the
 * deadline has not passed, for a cancelled/awarded RFQ, while another proposal waits, without approval
 * rules (`awardProposal.route.none`: set them at /settings/approvals) or with a route the proposer's own
 * seat would leave short; 400 at `quoteId` for a quote that is not an opened, current, qualified offer
 * of this RFQ, at `rationale` / `specificRationale` when a reason is missing (the second one when the
 * quote is not ranked first, not what an assigned advisor recommends, or flagged).
 * One transaction: the proposal, its audit row, and notifications to the first step's approvers.
 */
export async function proposeAward(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  input: unknown,
): Promise<{ ok: true; id: string; snapshotSha256: string; amountYen: number; routeRevision: number } | ServiceFailure> {
  const found = await pricedBuyerRfq(ctx, actor, rfqId);
  if (!found.ok) return found;
  const { a, rfq } = found;
  const now = ctx.clock.now();
  const deadlinePassed = rfq.quote_deadline !== null && now.getTime() >= new Date(rfq.quote_deadline).getTime();
  if (!areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now) || !deadlinePassed)
    return failure.conflict("awardProposal.rfq.notOpened");
  if (!can(a, "awardProposal:propose", rfqResource(rfq))) return failure.conflict("awardProposal.rfq.notProposable");
  // A BAFO round accepting offers: the final versions are not known yet (decision 0030).
  if (await isBafoRoundAccepting(ctx, rfqId)) return failure.conflict("bafo.round.open.blocked");

  const parsed = AwardProposalInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const { quoteId, rationale, specificRationale, debriefReason, acknowledgedRedFlags } = parsed.data;

  const title = rfq.title;
  const snapshot = await buildProposalSnapshot(ctx, a, rfqId, title);
  if (!snapshot) return failure.conflict("awardProposal.rfq.notOpened");
  const quote = snapshot.quotes.find((q) => q.id === quoteId);
  const quoteProblem: AnyMessageKey | null = !quote
    ? "awardProposal.quote.notOffered"
    : !PROPOSABLE.has(quote.status)
      ? "awardProposal.quote.notProposable"
      : snapshot.result.disqualified.some((d) => d.id === quoteId)
        ? "awardProposal.quote.disqualified"
        : null;
  if (quoteProblem) return failure.invalid({ fieldErrors: { quoteId: [quoteProblem] } });

  const required = requiredRationales(snapshot, quoteId);
  if (required.specific.length > 0 && !specificRationale)
    return failure.invalid({
      fieldErrors: {
        specificRationale: [
          "awardProposal.specificRationale.required",
          ...required.specific.map(triggerKey),
          // The memo a proposal goes against is named on the form; this line says a published memo is why.
          ...(required.againstMemos.length > 0 ? (["memos.trigger.againstMemo.short"] as const) : []),
        ],
      },
    });

  // Every red flag of the quote acknowledged by key (decision 0051), each named in the caller's words when not.
  const names = new Map(snapshot.quotes.map((q) => [q.id, q.vendorName]));
  const redFlagsRefused = redFlagRefusal(required.redFlags, acknowledgedRedFlags, (id) => names.get(id) ?? id);
  if (redFlagsRefused) return redFlagsRefused;
  // Below the 低入札価格調査基準価格: the investigation (explanation answered, assessed satisfactory) comes first.
  if (!lowBidInvestigationComplete(snapshot, quoteId)) return failure.conflict("lowBid.investigationIncomplete");
  const proposer = await findUserById(ctx.db, a.userId);
  const redFlags = acknowledgedFlags(required.redFlags, { id: a.userId, name: proposer?.name ?? "" }, now);

  const amountYen = quote!.contractValueIncludingTaxYen;
  const route = await routeForAmount(ctx, a.org.id, amountYen);
  if (!route) return failure.conflict("awardProposal.route.none");
  if (unreachableSteps(route.steps, a.userId).length > 0) return failure.conflict("awardProposal.route.unreachable");

  const snapshotJson = canonicalJson(snapshot);
  const sha = sha256Hex(snapshotJson);
  let mails: PendingMail[] = [];
  try {
    const done = await ctx.db.transaction().execute(async (trx) => {
      if (await findPendingAwardProposal(trx, rfqId)) return failure.conflict("awardProposal.pending");
      const row = await insertAwardProposal(trx, {
        rfqId,
        buyerOrgId: a.org.id,
        proposedBy: a.userId,
        quoteId,
        amountYen,
        rationale,
        specificRationale: specificRationale ?? null,
        specificTriggers: required.specific,
        debriefReason,
        snapshotJson,
        snapshotSha256: sha,
        routeSteps: route.steps,
        routeRevision: route.revision,
        at: now,
        redFlags,
      });
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "award.propose",
        entityType: "rfq",
        entityId: rfqId,
        after: {
          proposalId: row.id,
          quoteId,
          amountYen,
          snapshotSha256: sha,
          routeRevision: route.revision,
          specificTriggers: required.specific,
          ...(redFlags.length > 0 ? { acknowledgedRedFlags: redFlags.map((f) => f.key) } : {}),
        },
      });
      // The first step's seats and their active delegates, in-app now and by mail after the commit.
      mails = await noticeFirstStep(trx, ctx, { id: row.id, rfq_id: rfqId, buyer_org_id: a.org.id, proposed_by: a.userId, title }, route.steps, now);
      return { ok: true as const, id: row.id, snapshotSha256: sha, amountYen, routeRevision: route.revision };
    });
    if (done.ok) await sendPendingMails(ctx, mails);
    return done;
  } catch (e) {
    // Two proposals at the same moment: the partial unique index lets one in.
    if (isUniqueViolation(e)) return failure.conflict("awardProposal.pending");
    throw e;
  }
}

/** The RFQ's title and proposals (newest first) for members of its buyer organisation; 404 for anyone else. */
export async function listProposals(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await pricedBuyerRfq(ctx, actor, rfqId);
  if (!found.ok) return found;
  const rows = await listAwardProposals(ctx.db, found.a.org.id, rfqId);
  return { ok: true as const, title: found.rfq.title, proposals: rows.map(present) };
}

function present(row: Awaited<ReturnType<typeof listAwardProposals>>[number]) {
  return {
    id: row.id,
    rfqId: row.rfq_id,
    quoteId: row.quote_id,
    vendorName: row.vendor_name,
    amountYen: Number(row.amount_yen),
    rationale: row.rationale,
    specificRationale: row.specific_rationale,
    specificTriggers: row.specific_triggers as SpecificReasonTrigger[],
    debriefReason: row.debrief_reason,
    round: row.round,
    status: row.status,
    proposedBy: { id: row.proposed_by, name: row.proposer_name },
    snapshotSha256: row.snapshot_sha256,
    route: { revision: row.route_revision, steps: row.route_steps as RouteStep[] },
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    /** The red flags shown when proposing, each with who acknowledged it and when (decision 0051; [] before it). */
    redFlags: (row.red_flags ?? []) as AcknowledgedRedFlag[],
  };
}

/** One proposal with its frozen snapshot, for members of its buyer organisation; 404 for anyone else. */
export async function readProposal(ctx: AppContext, actor: Actor, proposalId: string) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(proposalId)) return failure.notFound();
  const row = await findAwardProposal(ctx.db, a.org.id, proposalId);
  if (!row) return failure.notFound();
  const refused = await priceLaterRefusal(ctx, actor, row.rfq_id);
  if (refused) return refused;
  return { ok: true as const, proposal: present(row), snapshot: row.snapshot as ProposalSnapshot };
}

/**
 * Recomputes the SHA-256 of the stored snapshot's canonical JSON and compares it with the hash kept at
 * proposal time. Later changes to weights, quotes or track records do not touch the stored snapshot, so an
 * untampered proposal always verifies.
 */
export async function verifyProposal(
  ctx: AppContext,
  actor: Actor,
  proposalId: string,
): Promise<{ ok: true; verified: boolean; storedSha256: string; computedSha256: string } | ServiceFailure> {
  const read = await readProposal(ctx, actor, proposalId);
  if (!read.ok) return read;
  const computed = snapshotHash(read.snapshot, sha256Hex);
  return { ok: true as const, verified: computed === read.proposal.snapshotSha256, storedSha256: read.proposal.snapshotSha256, computedSha256: computed };
}

/**
 * The 稟議書 an advisor assigned to the RFQ may read (issue 15: advisors read the packet of the RFQs they are
 * assigned to): the RFQ's proposals that were decided — approved or rejected, whose packet is kept as issued —
 * newest first. Null for anyone else (the page shows nothing; the PDF route answers 404 itself).
 */
export async function approvalPacketsForAdvisor(ctx: AppContext, actor: Actor, rfqId: string) {
  const a = orgActor(actor, "advisory");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForAdvisor(ctx.db, a.org.id, rfqId);
  if (!rfq) return null;
  const rows = await listAwardProposals(ctx.db, rfq.buyer_org_id, rfqId);
  return rows
    .filter((r) => r.status === "approved" || r.status === "rejected")
    .map((r) => ({ id: r.id, vendorName: r.vendor_name, status: r.status, createdAt: new Date(r.created_at).toISOString() }));
}
