import { betaQuantile } from "./beta-quantile";

export type RagStatus = "green" | "amber" | "red" | "grey";

/** The central credible interval the status reads: its ends are the 5th and 95th percentiles. */
export const CREDIBLE_MASS = 0.9;
const LOWER_P = (1 - CREDIBLE_MASS) / 2;
const UPPER_P = 1 - LOWER_P;

export interface RagInput {
  /** Events the rate counts (on-time deliveries, correct entries…). May be fractional after recency weighting. */
  successes: number;
  /** Out of this many. May be fractional after recency weighting; 0 means no data. */
  trials: number;
  /** The committed rate, 0–1; "higher is better". */
  target: number;
  /** The vendor's claimed rate, 0–1. Omit to judge from the evidence alone (see the prior below). */
  priorClaim?: number;
  /** How many trials' worth of trust the claim carries (the scoring module's k). Required with priorClaim. */
  priorStrength?: number;
}

export interface RagResult {
  status: RagStatus;
  /** The 90 % central credible interval of the true rate; null when there is no data. */
  interval: { lower: number; upper: number } | null;
  /** The posterior Beta(a, b); null when there is no data. */
  posterior: { a: number; b: number } | null;
}

/**
 * Red/amber/green for a rate KPI, computed from the Beta posterior of the vendor's true rate.
 *
 * The prior. With a claim, the scoring module's convention (app/domain/scoring/credibility.ts):
 * a = claim × k + successes, b = (1 − claim) × k + failures — the same posterior the comparison's risk
 * figure uses, so the two never disagree. Without one, the uniform Beta(1, 1): every rate equally likely
 * before any delivery (the flat prior), so the status is the evidence's alone and a and
 * b stay positive for any record.
 *
 * Which to use. A periodic review judges a KPI against its commitment, so the claim IS the target: pass
 * priorClaim = the committed rate (and the criterion's k). The prior is then centred on the target and
 * neutral — a tiny sample (1/1, 0/1, 2/3) stays amber, for targets up to 99 % at k = 10. Past that the
 * prior's failure mass (1 − claim)·k falls below 0.1 and piles the prior at 1 (a 99.9 % commitment with
 * k = 10 reads one success green and one failure red): extreme targets need a stronger k. The uniform prior is not neutral at
 * high targets: it believes only 5 % of rates lie above 0.95, so one success against a 98 % target is red
 * (its 95th percentile is 0.975). Use it only when there is no commitment to centre on. Conversely a claim
 * above the target lends the vendor credit: a 99 % claim (k = 10) with 2 of 2 is green against 95 %.
 *
 * The rule. Green when the lower end (5th percentile) meets the target: we are 95 % sure the rate is at
 * least the target. Red when the upper end (95th percentile) is below it: 95 % sure it misses. Amber
 * otherwise — including when the observed rate equals the target, since the rate is then as likely
 * below as above. Grey when there are no trials: no data is never green (nor red).
 *
 * Fractional counts (recency-weighted, recency.ts) are accepted as they are: Beta shape parameters are any
 * positive reals, and a weighted count acts as that many pseudo-observations — the same way k does.
 *
 * A lower-is-better rate (an error rate) is judged by passing its complement: successes = trials − errors,
 * target = 1 − the error-rate ceiling.
 */
export function ragStatus(input: RagInput): RagResult {
  const { successes, trials, target, priorClaim, priorStrength } = input;
  if (!(Number.isFinite(trials) && Number.isFinite(successes) && successes >= 0 && trials >= 0 && successes <= trials))
    throw new RangeError(`successes and trials must satisfy 0 ≤ successes ≤ trials (got ${successes} of ${trials})`);
  if (!(target >= 0 && target <= 1)) throw new RangeError(`target must be between 0 and 1 (got ${target})`);
  if (priorClaim !== undefined) {
    if (!(priorClaim >= 0 && priorClaim <= 1)) throw new RangeError(`priorClaim must be between 0 and 1 (got ${priorClaim})`);
    if (!(priorStrength !== undefined && priorStrength > 0 && Number.isFinite(priorStrength)))
      throw new RangeError(`priorStrength must be a positive number with a priorClaim (got ${priorStrength})`);
  } else if (priorStrength !== undefined) {
    throw new RangeError("priorStrength is only meaningful with a priorClaim");
  }

  if (trials === 0) return { status: "grey", interval: null, posterior: null };

  const failures = trials - successes;
  const a = priorClaim === undefined ? 1 + successes : priorClaim * priorStrength! + successes;
  const b = priorClaim === undefined ? 1 + failures : (1 - priorClaim) * priorStrength! + failures;

  // A claim of exactly 1 (or 0) with no contrary evidence puts all the mass on 1 (or 0), as in
  // probabilityBelowTarget; the quantile of a point mass is the point.
  const lower = b === 0 ? 1 : a === 0 ? 0 : betaQuantile(LOWER_P, a, b);
  const upper = b === 0 ? 1 : a === 0 ? 0 : betaQuantile(UPPER_P, a, b);

  const status: RagStatus = lower >= target ? "green" : upper < target ? "red" : "amber";
  return { status, interval: { lower, upper }, posterior: { a, b } };
}
