import type { core } from "zod";
import { listExplanationsForBuyer } from "../../db/queries/low-quote-explanations";
import type { Database } from "../../db/schema";
import type { Kysely } from "kysely";
import { awardRedFlags, unacknowledgedRedFlags, type RedFlag } from "~/domain/award/red-flags";
import { lowBidInvestigationComplete, type AcknowledgedRedFlag, type ProposalSnapshot } from "~/domain/award/proposal";
import { failure, type ServiceFailure } from "~/utils/service-failure";

// The award's red flags and low-bid investigation checks (decision 0051), shared by proposing (award-proposals)
// and by the proposer's edit of a returned proposal (approval-decisions), so both refuse the same way.

/**
 * The refusal for red flags left unacknowledged (decision 0051): one issue at `acknowledgedRedFlags` per flag,
 * naming it in the caller's language; null when every flag is acknowledged.
 */
export function redFlagRefusal(flags: readonly RedFlag[], acknowledged: readonly string[], vendorName: (quoteId: string) => string): ServiceFailure | null {
  const missing = new Set(unacknowledgedRedFlags(flags, acknowledged));
  if (missing.size === 0) return null;
  const issues: core.$ZodIssue[] = flags
    .filter((f) => missing.has(f.key))
    .map((f) => ({
      code: "custom",
      path: ["acknowledgedRedFlags"],
      message: `lowFlags.redFlag.unacknowledged.${f.code}`,
      input: undefined,
      params: f.code === "winnerFarBelowSecond" ? { second: vendorName(f.secondQuoteId) } : { vendor: vendorName(f.disqualifiedQuoteId) },
    }));
  return failure.invalid({ issues });
}

/** The flags as stored with the proposal: each with who acknowledged it and when. */
export function acknowledgedFlags(flags: readonly RedFlag[], by: { id: string; name: string }, at: Date): AcknowledgedRedFlag[] {
  return flags.map((f) => ({ ...f, acknowledgedBy: by, acknowledgedAt: at.toISOString() }));
}

/**
 * The proposer's edit of a proposal re-checks what proposing checks, against the FROZEN snapshot: every red flag
 * acknowledged (those stored with the proposal count; new ones are added with who and when), and — for a quote
 * below the 低入札価格調査基準価格 — its explanation request answered and assessed satisfactory (read now: the
 * investigation may have finished after an older proposal was made). Returns the flags to store, or the refusal.
 */
export async function recheckOnEdit(
  db: Kysely<Database>,
  o: {
    buyerOrgId: string;
    rfqId: string;
    quoteId: string;
    snapshot: ProposalSnapshot;
    stored: readonly AcknowledgedRedFlag[];
    acknowledged: readonly string[];
    by: { id: string; name: string };
    at: Date;
  },
): Promise<{ ok: true; redFlags: AcknowledgedRedFlag[] } | ServiceFailure> {
  const flags = awardRedFlags(o.snapshot, o.quoteId);
  const names = new Map(o.snapshot.quotes.map((q) => [q.id, q.vendorName]));
  const storedKeys = o.stored.map((f) => f.key);
  const refused = redFlagRefusal(flags, [...storedKeys, ...o.acknowledged], (id) => names.get(id) ?? id);
  if (refused) return refused;
  const quote = o.snapshot.quotes.find((q) => q.id === o.quoteId);
  if (quote?.lowBidInvestigation) {
    const live = (await listExplanationsForBuyer(db, o.buyerOrgId, o.rfqId)).map((e) => ({
      quoteId: e.quote_id,
      quoteVersion: e.quote_version,
      answeredAt: e.answered_at ? new Date(e.answered_at).toISOString() : null,
      assessment: e.assessment,
    }));
    const withLive = { ...o.snapshot, explanations: live } as ProposalSnapshot;
    if (!lowBidInvestigationComplete(withLive, o.quoteId)) return failure.conflict("lowBid.investigationIncomplete");
  }
  const added = flags.filter((f) => !storedKeys.includes(f.key));
  return { ok: true, redFlags: [...o.stored, ...acknowledgedFlags(added, o.by, o.at)] };
}
