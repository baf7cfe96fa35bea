import { z } from "zod";
import { canonicalJson } from "~/domain/canonical-json";
import { isRowId } from "~/utils/row-id";
import type { FlagCode, RankingInput, RankingResult, WinnerStability } from "~/domain/scoring";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { awardRedFlags, type RedFlag } from "./red-flags";

// 決裁起案 (issue 15, item 2): the award proposal freezes what the decision was made on, so the approved
// decision can be shown unchanged years later, and says which written reasons the proposer owes.
// Pure: the service gathers the facts, this module shapes them, hashes them (with an injected SHA-256)
// and decides which rationales are required.

/** One quote as it stood when the proposal was made. Money is integer yen. */
export interface SnapshotQuote {
  id: string;
  /** The quote version that was ranked. */
  version: number;
  /** The RFQ version the quote answered. */
  rfqVersion: number;
  vendorOrgId: string;
  vendorName: string;
  status: string;
  contractValueExcludingTaxYen: number;
  contractValueIncludingTaxYen: number;
  tcoYen: number;
  /** A ratio (0.25 = 25 %); null without a baseline. */
  roi: number | null;
  /** Certificates that expire during the contract term (a warning on the comparison page). */
  expiringCertifications: string[];
  /**
   * Below the RFQ's 低入札価格調査基準価格 (a municipality's price rule, decision 0049): awarding it needs the
   * investigation's result recorded as the specific reason. Absent in snapshots taken before the rule existed.
   */
  lowBidInvestigation?: boolean;
  /**
   * Abnormally low (decision 0051): the reasons with the peers' median / the market quartile as they stood. Absent
   * when not flagged, and in snapshots taken before the flag existed (schema 2 stays: an optional addition).
   */
  abnormallyLow?: { reasons: LowQuoteReason[] };
}

/** An explanation request of the RFQ as it stood (decision 0051): what was asked, answered and assessed. */
export interface SnapshotExplanation {
  id: string;
  quoteId: string;
  quoteVersion: number;
  vendorName: string;
  trigger: "abnormally_low" | "low_bid_investigation";
  topics: ("costs" | "assumptions" | "staffing")[];
  message: string;
  replyBy: string;
  requestedAt: string;
  /** The vendor's answer per topic; null while unanswered. */
  answer: Partial<Record<"costs" | "assumptions" | "staffing", string>> | null;
  answeredAt: string | null;
  assessment: "satisfactory" | "unsatisfactory" | null;
  assessmentNote: string | null;
  assessedAt: string | null;
}

/** An advisor's note as it stood (current notes only: withdrawn and superseded ones are left out). */
export interface SnapshotAdvisorNote {
  id: string;
  advisorOrgId: string;
  advisorName: string;
  /** Whether the advisory organisation is assigned to the RFQ at the time of the proposal. */
  assigned: boolean;
  quoteId: string | null;
  recommends: boolean;
  body: string;
  updatedAt: string;
}

/** An advisory organisation's published (current) recommendation memo as it stood (schema 2; decision 0047). */
export interface SnapshotMemo {
  id: string;
  advisorOrgId: string;
  advisorName: string;
  version: number;
  /** Whether the advisory organisation is assigned to the RFQ at the time of the proposal. */
  assigned: boolean;
  quoteId: string | null;
  rationale: string;
  conditions: string;
  risks: string;
  publishedAt: string;
}

/** A current (not withdrawn) annotation on a quote or a comparison cell, with its clarification (schema 2). */
export interface SnapshotAnnotation {
  id: string;
  quoteId: string;
  criterionKey: string | null;
  kind: "strength" | "risk" | "question";
  body: string;
  authorName: string;
  authorOrgName: string;
  updatedAt: string;
  /** The question sent to the vendor and its answer (null while unanswered); absent when none was sent. */
  clarification?: { question: string; answer: string | null; answeredAt: string | null };
}

export interface ProposalSnapshot {
  /**
   * The shape of this document; a later shape gets a new number and old ones stay readable. 2 adds `memos` and
   * `annotations` (issue 18); a schema-1 snapshot has neither and reads as "none recorded".
   */
  schema: 1 | 2;
  takenAt: string;
  rfq: { id: string; version: number; title: string };
  /** What the scoring module was given: method, criteria with their weights, every quote's values. */
  input: RankingInput;
  /** Every score, contribution, flag, gate failure and the robustness figure. */
  result: RankingResult;
  /** The winner's single-weight stability, with its sentence in ja and en. */
  stability: WinnerStability;
  /** Criteria left out until every quote has its evaluator rating. */
  awaitingRatings: string[];
  quotes: SnapshotQuote[];
  advisorNotes: SnapshotAdvisorNote[];
  memos?: SnapshotMemo[];
  annotations?: SnapshotAnnotation[];
  /** The RFQ's explanation requests for low quotes (decision 0051); absent in snapshots taken before them. */
  explanations?: SnapshotExplanation[];
}

/**
 * The snapshot as it will read back from storage: canonical JSON and back, so `undefined` members are
 * gone and numbers are what JSON holds. Store this, and hash this.
 */
export function freezeSnapshot(snapshot: ProposalSnapshot): ProposalSnapshot {
  return JSON.parse(canonicalJson(snapshot)) as ProposalSnapshot;
}

/** SHA-256 of a UTF-8 string as 64 lowercase hex digits (node:crypto in the service; injected to keep this pure). */
export type Sha256Hex = (text: string) => string;

/** The snapshot's fingerprint: SHA-256 of its canonical JSON (keys sorted at every level). */
export function snapshotHash(snapshot: unknown, sha256: Sha256Hex): string {
  return sha256(canonicalJson(snapshot));
}

/** Why a second, specific reason is required. */
export type SpecificReasonTrigger = "notRankedFirst" | "notRecommended" | "flagged" | "lowBidInvestigation" | "abnormallyLow";

export interface RequiredRationales {
  /** A written rationale is always required. */
  rationale: true;
  /** Non-empty: a second, specific reason is required, for these reasons (in this order). */
  specific: SpecificReasonTrigger[];
  /** Details for the words: the quote's rank (null when not ranked) and the recommended quotes it is not. */
  rank: number | null;
  recommendedQuoteIds: string[];
  /** The assigned organisations' published memos that recommend another quote (they name the memo in the words). */
  againstMemos: { advisorName: string; version: number; quoteId: string }[];
  flags: string[];
  /** The award packet's red flags of proposing this quote (decision 0051): each must be acknowledged by key. */
  redFlags: RedFlag[];
}

/**
 * Scoring flags that count as warnings on the proposed quote: its track record falls below a gate, or a
 * value is missing (scored as the worst). "unverified" is left out: it is the normal state of a claim by
 * a vendor without a track record yet (the credibility model already discounts it), and would otherwise
 * demand a second reason for almost every proposal.
 */
const WARNING_FLAGS: ReadonlySet<FlagCode> = new Set<FlagCode>(["evidence-below-gate", "missing-value"]);

/**
 * Which reasons the proposer owes for proposing `quoteId`: always the rationale; a second, specific
 * one when the quote is not ranked first (a tie for first counts as first), differs from what an
 * assigned advisor currently recommends (a current recommendation note or a published recommendation memo), or is flagged (disqualified by a gate, a track record below a
 * gate, a missing value, or a certificate expiring during the term), or is below a public buyer's 低入札価格調査基準価格
 * (the specific reason then records the low-bid investigation's result).
 */
export function requiredRationales(snapshot: ProposalSnapshot, quoteId: string): RequiredRationales {
  const ranked = snapshot.result.ranking.find((r) => r.id === quoteId);
  const rank = ranked?.rank ?? null;
  const memos = (snapshot.memos ?? []).filter((m) => m.assigned && m.quoteId !== null);
  const recommendedQuoteIds = [
    ...new Set([
      ...snapshot.advisorNotes.filter((n) => n.assigned && n.recommends && n.quoteId !== null).map((n) => n.quoteId as string),
      ...memos.map((m) => m.quoteId as string),
    ]),
  ].sort();
  const againstMemos = memos
    .filter((m) => m.quoteId !== quoteId)
    .map((m) => ({ advisorName: m.advisorName, version: m.version, quoteId: m.quoteId as string }));
  const disqualified = snapshot.result.disqualified.find((d) => d.id === quoteId);
  const quote = snapshot.quotes.find((q) => q.id === quoteId);
  const flags = [
    ...(disqualified ? disqualified.reasons.map((r) => `gate:${r.criterion}:${r.code}`) : []),
    ...(ranked ? ranked.flags.filter((f) => WARNING_FLAGS.has(f.code)).map((f) => `${f.code}:${f.criterion}`) : []),
    ...(quote ? quote.expiringCertifications.map((c) => `certificate-expiring:${c}`) : []),
  ];
  const specific: SpecificReasonTrigger[] = [];
  if (rank !== 1) specific.push("notRankedFirst");
  if (recommendedQuoteIds.some((id) => id !== quoteId)) specific.push("notRecommended");
  if (flags.length > 0) specific.push("flagged");
  if (quote?.lowBidInvestigation) specific.push("lowBidInvestigation");
  // Abnormally low: the specific reason says why the vendor's explanation is satisfactory (issue 19 item 2).
  if (quote?.abnormallyLow?.reasons.length) specific.push("abnormallyLow");
  return { rationale: true, specific, rank, recommendedQuoteIds, againstMemos, flags, redFlags: awardRedFlags(snapshot, quoteId) };
}

/**
 * Whether a quote below the 低入札価格調査基準価格 passed its investigation as the snapshot recorded it: an explanation
 * request for the quote's ranked version, answered, and assessed satisfactory (decision 0051). True for any other quote.
 */
export function lowBidInvestigationComplete(snapshot: ProposalSnapshot, quoteId: string): boolean {
  const quote = snapshot.quotes.find((q) => q.id === quoteId);
  if (!quote?.lowBidInvestigation) return true;
  return (snapshot.explanations ?? []).some(
    (e) => e.quoteId === quoteId && e.quoteVersion === quote.version && e.answeredAt !== null && e.assessment === "satisfactory",
  );
}

const RATIONALE_MAX = 4000;

/** What the proposer sends: the quote, the rationale, and the second reason when it is required. */
export const AwardProposalInput = z.object({
  quoteId: z.string({ error: "awardProposal.quoteId.required" }).refine(isRowId, { error: "awardProposal.quoteId.required" }),
  rationale: z
    .string({ error: "awardProposal.rationale.required" })
    .trim()
    .min(1, { error: "awardProposal.rationale.required" })
    .max(RATIONALE_MAX, { error: "awardProposal.rationale.tooLong" }),
  specificRationale: z
    .string()
    .trim()
    .max(RATIONALE_MAX, { error: "awardProposal.rationale.tooLong" })
    .optional()
    .transform((s) => (s ? s : undefined)),
  /** The reason not-selected vendors will read in their debrief (the rationale stays internal to the 稟議). */
  debriefReason: z
    .string({ error: "awardProposal.debriefReason.required" })
    .trim()
    .min(1, { error: "awardProposal.debriefReason.required" })
    .max(2000, { error: "awardProposal.debriefReason.tooLong" }),
  /** The keys of the red flags the proposer acknowledges (decision 0051); every flag of the quote must be here. */
  acknowledgedRedFlags: z.array(z.string().max(200)).max(20).optional().default([]),
});
export type AwardProposalInput = z.infer<typeof AwardProposalInput>;

/** A red flag as stored with the proposal (award_proposals.red_flags): who acknowledged it, and when. */
export type AcknowledgedRedFlag = RedFlag & { acknowledgedBy: { id: string; name: string }; acknowledgedAt: string };

export const PROPOSAL_STATUSES = ["draft", "pending", "approved", "rejected", "returned", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
