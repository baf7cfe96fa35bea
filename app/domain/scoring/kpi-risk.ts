import { DEFAULT_PRIOR_STRENGTH, probabilityBelowTarget } from "./credibility";
import { issue, ScoringInputError, type ScoringIssue } from "./errors";
import type { RankingInput } from "./types";

// The risk of a missed KPI: for each rate criterion with a `target` and each alternative with a
// track record on it, P(true rate < target) under the Beta posterior (see probabilityBelowTarget).
// The ranking schema has no `target` field (a target is the buyer's threshold, not part of the
// score), so the CLI lifts `criteria[i].target` out of the raw input here before the strict parse.

/** Criterion key → target rate, taken from `criteria[i].target` of untrusted input. */
export type RiskTargets = Record<string, number>;

/**
 * Returns the input with every `criteria[i].target` removed, plus the targets it held. Throws
 * ScoringInputError if a target is not a number in 0–1. Anything else is left to parseRankingInput.
 */
export function takeRiskTargets(data: unknown): { data: unknown; targets: RiskTargets } {
  const targets: RiskTargets = {};
  if (typeof data !== "object" || data === null || !Array.isArray((data as { criteria?: unknown }).criteria)) return { data, targets };
  const problems: ScoringIssue[] = [];
  const criteria = (data as { criteria: unknown[] }).criteria.map((criterion, i) => {
    if (typeof criterion !== "object" || criterion === null || !("target" in criterion)) return criterion;
    const { target, ...rest } = criterion as Record<string, unknown>;
    const path = `criteria[${i}].target`;
    if (typeof target !== "number" || !(target >= 0 && target <= 1)) {
      problems.push(
        issue(
          "rate-out-of-range",
          path,
          `${path} must be a rate between 0 and 1 (got ${JSON.stringify(target)}).`,
          `${path} は 0〜1 の割合で指定してください（指定値: ${JSON.stringify(target)}）。`,
        ),
      );
    } else if (typeof rest.key === "string") targets[rest.key] = target;
    return rest;
  });
  if (problems.length > 0) throw new ScoringInputError(problems);
  return { data: { ...(data as object), criteria }, targets };
}

/**
 * Alternative id → { criterion key → P(true rate < target) }, for rate criteria with a target and
 * alternatives with a claim and at least one trial of evidence. Alternatives with no such pair are absent.
 */
export function missedTargetRisks(input: RankingInput, targets: RiskTargets): Record<string, Record<string, number>> {
  const risks: Record<string, Record<string, number>> = {};
  const problems = input.criteria.flatMap((criterion, i) =>
    targets[criterion.key] !== undefined && criterion.kind !== "rate"
      ? [
          issue(
            "invalid-value",
            `criteria[${i}].target`,
            `criteria[${i}].target is only for a rate criterion ("kind": "rate").`,
            `criteria[${i}].target は割合の評価項目（"kind": "rate"）にのみ指定できます。`,
          ),
        ]
      : [],
  );
  if (problems.length > 0) throw new ScoringInputError(problems);
  for (const criterion of input.criteria) {
    const target = targets[criterion.key];
    if (target === undefined) continue;
    for (const alternative of input.alternatives) {
      const claim = alternative.values[criterion.key];
      const evidence = alternative.evidence?.[criterion.key];
      // No trials is no record: the risk would be the buyer's prior alone, not evidence about the vendor.
      if (typeof claim !== "number" || !evidence || evidence.trials === 0) continue;
      const k = criterion.priorStrength ?? DEFAULT_PRIOR_STRENGTH;
      (risks[alternative.id] ??= {})[criterion.key] = probabilityBelowTarget(claim, k, evidence.successes, evidence.trials, target);
    }
  }
  return risks;
}
