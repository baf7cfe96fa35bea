import { z } from "zod";
import { quoteBaseSchema, type QuoteInput } from "~/domain/quote/schema";
import type { BafoMessageKey } from "~/i18n/messages-bafo";

// Shortlist and BAFO round (issue 15 item 1, decision 0030): the input rules and the state rules, pure.
// The sealed-bid part (which version the buyer side reads) is in app/domain/quote/sealed.ts.

const key = (k: BafoMessageKey) => ({ error: () => k });

/** `2026-12-10T17:00` as typed in Japan, or an ISO 8601 date-time with its offset. */
export function deadlineFromInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+09:00` : value;
}

export const BafoDeadlineSchema = z.preprocess(
  (v) => (typeof v === "string" ? deadlineFromInput(v.trim()) : v),
  z.iso.datetime({ offset: true, error: (issue) => (issue.input === undefined || issue.input === "" ? "bafo.deadline.required" : "bafo.deadline.invalid") }),
);

export const ShortlistInput = z.object({
  quoteIds: z.array(z.uuid(key("bafo.shortlist.invalid")), key("bafo.shortlist.invalid")).max(500, key("bafo.shortlist.invalid")),
});
export type ShortlistInput = z.infer<typeof ShortlistInput>;

export const OpenRoundInput = z.object({ deadline: BafoDeadlineSchema });
export const MoveDeadlineInput = z.object({ deadline: BafoDeadlineSchema });

/** What a shortlisted vendor may revise in its BAFO: prices (lines, one-off fees, payment plan), KPI commitments, assumptions. */
export const BAFO_FIELDS = ["unitPrices", "oneOffFees", "paymentSchedule", "kpiCommitments", "assumptions"] as const;
export const BafoRevisionInput = quoteBaseSchema
  .pick({
    unitPrices: true,
    oneOffFees: true,
    paymentSchedule: true,
    kpiCommitments: true,
    assumptions: true,
  })
  .partial();
export type BafoRevision = z.input<typeof BafoRevisionInput>;

/**
 * Parses a revision keeping only the fields the caller sent: the quote schema's defaults (an empty
 * commitment set, no payment plan) must not overwrite the first-round values the vendor left alone.
 */
export function parseBafoRevision(input: unknown) {
  const parsed = BafoRevisionInput.safeParse(input);
  if (!parsed.success) return parsed;
  const given = input !== null && typeof input === "object" ? input : {};
  const data = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in given)) as BafoRevision;
  return { success: true as const, data };
}

/** The whole quote a BAFO makes: the first-round quote with the revised fields replaced (nothing else may change). */
export function mergeBafo(firstRound: QuoteInput, revision: BafoRevision): QuoteInput {
  const merged: Record<string, unknown> = { ...firstRound };
  for (const f of BAFO_FIELDS) if (revision[f] !== undefined) merged[f] = revision[f];
  return merged as QuoteInput;
}

export interface RoundState {
  status: "open" | "cancelled";
  deadline: Date;
}

/** The round as people read it: accepting BAFOs, closed (its BAFOs opened) or cancelled. */
export function roundPhase(round: RoundState, now: Date): "accepting" | "closed" | "cancelled" {
  if (round.status === "cancelled") return "cancelled";
  return now.getTime() < round.deadline.getTime() ? "accepting" : "closed";
}

/** A deadline the buyer sets must lie ahead; a moved one must lie after the current one (never earlier). */
export function deadlineProblem(deadline: Date, now: Date, current?: Date): BafoMessageKey | null {
  if (deadline.getTime() <= now.getTime()) return "bafo.deadline.past";
  if (current && deadline.getTime() <= current.getTime()) return "bafo.deadline.notLater";
  return null;
}

/**
 * Why the buyer may not shortlist or open a round now: the RFQ must be closed with its quotes opened,
 * not awarded or cancelled, with no award proposal waiting.
 */
export function rfqRefusal(rfq: { effectiveStatus: string; opened: boolean; pendingProposal: boolean }): BafoMessageKey | null {
  if (rfq.effectiveStatus === "awarded" || rfq.effectiveStatus === "cancelled") return "bafo.rfq.decided";
  if (rfq.effectiveStatus !== "closed" || !rfq.opened) return "bafo.rfq.notClosed";
  if (rfq.pendingProposal) return "bafo.rfq.proposalPending";
  return null;
}

/** Why a vendor may not save or submit its BAFO now. */
export function vendorRefusal(p: { invited: boolean; submitted: boolean; phase: ReturnType<typeof roundPhase> | null }): BafoMessageKey | null {
  if (!p.invited || p.phase === null) return "bafo.vendor.notInvited";
  if (p.phase === "cancelled") return "bafo.round.cancelled";
  if (p.phase === "closed") return "bafo.round.closed";
  if (p.submitted) return "bafo.vendor.alreadySubmitted";
  return null;
}
