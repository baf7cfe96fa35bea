import { issue, ScoringInputError } from "./errors";
import { regularizedIncompleteBeta } from "./incomplete-beta";
import type { CredibilityDetail, Evidence } from "./types";

/**
 * How many deliveries' worth of trust a claim starts with. At k = 10 a vendor with 50 deliveries
 * on the platform is judged mostly (50 / 60) by its record, one with 2 deliveries mostly by its claim.
 */
export const DEFAULT_PRIOR_STRENGTH = 10;

/**
 * A KPI commitment is a claim. We treat it as a Beta prior centred on the claim with strength k and
 * update it with the track record; the posterior mean is the value the score uses:
 * (claim × k + successes) / (k + trials).
 */
export function shrinkClaim(claim: number, priorStrength: number, evidence: Evidence | null | undefined): number {
  if (!evidence) return claim;
  return (claim * priorStrength + evidence.successes) / (priorStrength + evidence.trials);
}

export function credibilityOf(claim: number, evidence: Evidence | null | undefined, priorStrength = DEFAULT_PRIOR_STRENGTH): CredibilityDetail {
  // Zero trials is no track record: still unverified, even though an evidence object was sent.
  const hasRecord = !!evidence && evidence.trials > 0;
  return {
    claim,
    effective: shrinkClaim(claim, priorStrength, hasRecord ? evidence : null),
    evidence: evidence ? { successes: evidence.successes, trials: evidence.trials } : null,
    priorStrength,
    verified: hasRecord,
  };
}

/**
 * P(p < target) for the vendor's true rate p under Beta(claim·k + successes, (1 − claim)·k + failures):
 * the risk that a committed KPI will be missed. Degenerate posteriors (a claim of exactly 0 or 1
 * with no contrary evidence) put all their mass on 0 or 1.
 */
export function probabilityBelowTarget(claim: number, priorStrength: number, successes: number, trials: number, target: number): number {
  const problems = [];
  if (!(claim >= 0 && claim <= 1))
    problems.push(
      issue("rate-out-of-range", "claim", `claim must be between 0 and 1 (got ${claim}).`, `claim は 0〜1 で指定してください（指定値: ${claim}）。`),
    );
  if (!(priorStrength > 0 && Number.isFinite(priorStrength)))
    problems.push(
      issue(
        "too-small",
        "priorStrength",
        `priorStrength must be a positive number (got ${priorStrength}).`,
        `priorStrength は正の数で指定してください（指定値: ${priorStrength}）。`,
      ),
    );
  // Real, not only whole, counts: the track record is recency-weighted (decision 0038), and the Beta
  // posterior is defined for any positive real shape. Negative, NaN and successes > trials stay refused.
  if (!(Number.isFinite(trials) && Number.isFinite(successes) && successes >= 0 && successes <= trials)) {
    problems.push(
      issue(
        "evidence-invalid",
        "evidence",
        `successes and trials must be non-negative numbers with 0 ≤ successes ≤ trials (got ${successes} of ${trials}).`,
        `successes と trials は 0 ≤ successes ≤ trials の 0 以上の数で指定してください（指定値: ${trials} 件中 ${successes} 件）。`,
      ),
    );
  }
  if (!Number.isFinite(target))
    problems.push(issue("not-a-number", "target", `target must be a number (got ${target}).`, `target は数値で指定してください（指定値: ${target}）。`));
  if (problems.length > 0) throw new ScoringInputError(problems);

  const alpha = claim * priorStrength + successes;
  const beta = (1 - claim) * priorStrength + (trials - successes);
  if (beta === 0) return target > 1 ? 1 : 0; // all mass at p = 1
  if (alpha === 0) return target > 0 ? 1 : 0; // all mass at p = 0
  return regularizedIncompleteBeta(target, alpha, beta);
}
