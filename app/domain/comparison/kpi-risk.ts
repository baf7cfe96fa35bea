import type { Criterion as RfqCriterion } from "~/domain/rfq/schema";
import { probabilityBelowTarget, type CredibilityDetail, type RankingResult } from "~/domain/scoring";

// The risk of a missed KPI on the comparison page (issue 17 item 7; decision 0038): beside a rate commitment that
// has evidence, the probability that the vendor's true rate misses the RFQ's target under the Beta posterior
// a = claim·k + successes, b = (1 − claim)·k + (trials − successes) — the posterior the score itself uses.

export interface MissedKpiRisk {
  /** P(the true rate misses the target), 0–1. */
  probability: number;
  /** The rate it is measured against (0–1) and where it came from on the RFQ. */
  target: number;
  from: "target" | "minimum" | "maximum";
}

/**
 * The rate a commitment must reach: the criterion's `target`, else the buyer's threshold (a gate's `min` for a
 * higher-is-better rate, `max` for a lower-is-better one such as an error rate); null when the RFQ sets neither.
 */
export function riskTarget(row: Pick<RfqCriterion, "target" | "gate" | "direction">): { target: number; from: MissedKpiRisk["from"] } | null {
  if (row.target !== undefined) return { target: row.target, from: "target" };
  const gate = row.gate as { min?: number; max?: number } | undefined;
  if (row.direction === "benefit" && gate?.min !== undefined) return { target: gate.min, from: "minimum" };
  if (row.direction === "cost" && gate?.max !== undefined) return { target: gate.max, from: "maximum" };
  return null;
}

/**
 * The risk for one cell: only for a rate commitment with a record (at least one trial) and a target. For a
 * higher-is-better rate it is P(p < target) = I_target(a, b); for a lower-is-better rate (errors, defects) the miss
 * is being above the target, P(p > target) = 1 − I_target(a, b).
 */
export function missedKpiRisk(
  row: Pick<RfqCriterion, "target" | "gate" | "direction" | "unit" | "source">,
  credibility: Pick<CredibilityDetail, "claim" | "evidence" | "priorStrength" | "verified">,
): MissedKpiRisk | null {
  if (row.unit !== "rate" || row.source !== "kpi_commitment") return null;
  if (!credibility.verified || !credibility.evidence || credibility.evidence.trials <= 0) return null;
  const target = riskTarget(row);
  if (!target || !(target.target >= 0 && target.target <= 1)) return null;
  const below = probabilityBelowTarget(
    credibility.claim,
    credibility.priorStrength,
    credibility.evidence.successes,
    credibility.evidence.trials,
    target.target,
  );
  return { probability: row.direction === "cost" ? 1 - below : below, ...target };
}

/**
 * Quote id → { criterion key → risk } for every ranked quote and rate commitment with a record and a target: what
 * the comparison API returns as `risks` (the page shows the same numbers per cell). Quotes without any are absent.
 */
export function risksOfRanking(criteria: readonly RfqCriterion[], result: Pick<RankingResult, "ranking">): Record<string, Record<string, MissedKpiRisk>> {
  const out: Record<string, Record<string, MissedKpiRisk>> = {};
  for (const ranked of result.ranking)
    for (const c of ranked.contributions) {
      const row = criteria.find((r) => r.key === c.criterion);
      const risk = row && c.credibility ? missedKpiRisk(row, c.credibility) : null;
      if (risk) (out[ranked.id] ??= {})[c.criterion] = risk;
    }
  return out;
}
