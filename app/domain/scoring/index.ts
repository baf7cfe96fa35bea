// The scoring module's public surface. Everything here is pure: no I/O, no clock, no globals.
export { rankAlternatives } from "./rank";
export { winnerStability, withWeightShare } from "./stability";
export type { FlipDirection, WeightFlip, WinnerStability } from "./stability";
export { ahpWeights, ahpWeightsFor, checkPairwiseMatrix, CONSISTENCY_THRESHOLD, RANDOM_INDEX } from "./ahp";
export { AGREEMENT_LEVELS, krippendorffAlpha, parseAgreementInput } from "./agreement";
export type { Agreement, AgreementInput, AgreementLevel, Ratings } from "./agreement";
export type { AhpCriteriaResult, AhpResult } from "./ahp";
export { credibilityOf, DEFAULT_PRIOR_STRENGTH, probabilityBelowTarget, shrinkClaim } from "./credibility";
export { regularizedIncompleteBeta } from "./incomplete-beta";
export { missedTargetRisks, takeRiskTargets } from "./kpi-risk";
export type { RiskTargets } from "./kpi-risk";
export { targetScore } from "./normalize";
export { checkRankingInput, DEFAULT_PERTURBATION, DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES } from "./validate";
export { parseAhpInput, parseJsonText, parseRankingInput, rankingInputSchema } from "./schema";
export type { AhpInput } from "./schema";
export { ScoringInputError } from "./errors";
export type { ScoringIssue, ScoringIssueCode } from "./errors";
export * from "./types";
