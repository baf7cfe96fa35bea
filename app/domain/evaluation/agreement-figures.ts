import { krippendorffAlpha, type Agreement } from "~/domain/scoring";
import type { RatingScale } from "./ratings";

// Agreement figures of one RFQ's evaluation (issue 18 item 4; decision 0047) and each evaluator's leniency across
// RFQs. Pure: the service reads the named evaluators, their SUBMITTED ratings and the chair's consensus scores.
//
// Units are (quote, criterion) pairs over every evaluator-rated criterion; the evaluators are the coders. Interval
// alpha is computed on each value put on 0–1 by its criterion's scale (an affine change per scale, so an RFQ whose
// criteria share one scale gets exactly the alpha of the raw scores, and 1–5 and 0–100 criteria can be pooled);
// ordinal alpha only when every rated criterion is on 1–5, on the raw levels (ranks are what ordinal alpha uses).

export interface FigureCriterion {
  key: string;
  scale: RatingScale;
}

export interface FigureRating {
  evaluatorId: string;
  quoteId: string;
  criterionKey: string;
  score: number;
}

/** Krippendorff's own reading (Content Analysis, 2004, §11.4.4): ≥ .800 rely on it, .667–.800 tentative conclusions only. */
export type AgreementReading = "good" | "tentative" | "discuss" | "noVariation";

export const GOOD_AGREEMENT = 0.8;
export const TENTATIVE_AGREEMENT = 0.667;

export function readAgreement(alpha: number | null): AgreementReading {
  if (alpha === null) return "noVariation";
  if (alpha >= GOOD_AGREEMENT) return "good";
  if (alpha >= TENTATIVE_AGREEMENT) return "tentative";
  return "discuss";
}

export type AgreementFigures =
  /** Blind rule: nothing is shown until every named evaluator has submitted. */
  | { state: "waiting"; submitted: number; evaluators: number }
  /** Every evaluator submitted but fewer than two values fall on any unit: there is nothing to compare. */
  | { state: "notPairable"; submitted: number; evaluators: number }
  | {
      state: "ready";
      submitted: number;
      evaluators: number;
      interval: Agreement & { reading: AgreementReading };
      ordinal: (Agreement & { reading: AgreementReading }) | null;
    };

/**
 * The RFQ's agreement figures. `evaluators` are the named evaluators with whether each has submitted; `ratings`
 * must be the submitted evaluators' ratings only (the service reads nothing else), and ratings of criteria not in
 * `criteria` (a criterion since removed) are ignored.
 */
export function agreementFigures(input: {
  criteria: readonly FigureCriterion[];
  evaluators: readonly { id: string; submitted: boolean }[];
  ratings: readonly FigureRating[];
}): AgreementFigures {
  const evaluators = input.evaluators.length;
  const submitted = input.evaluators.filter((e) => e.submitted).length;
  if (evaluators === 0 || submitted < evaluators) return { state: "waiting", submitted, evaluators };
  const scales = new Map(input.criteria.map((c) => [c.key, c.scale]));
  const counted = new Set(input.evaluators.map((e) => e.id));
  const rows = input.ratings.filter((r) => scales.has(r.criterionKey) && counted.has(r.evaluatorId));
  const unit = (r: FigureRating) => `${r.quoteId}\u0000${r.criterionKey}`;
  const table = (value: (r: FigureRating) => number) => {
    const ratings: Record<string, Record<string, number>> = {};
    for (const r of rows) (ratings[r.evaluatorId] ??= {})[unit(r)] = value(r);
    return ratings;
  };
  const interval = krippendorffAlpha({
    level: "interval",
    ratings: table((r) => {
      const s = scales.get(r.criterionKey)!;
      return (r.score - s.min) / (s.max - s.min);
    }),
  });
  if (interval.pairableValues === 0) return { state: "notPairable", submitted, evaluators };
  const allFivePoint = input.criteria.length > 0 && input.criteria.every((c) => c.scale.levels === "1-5");
  const ordinal = allFivePoint ? krippendorffAlpha({ level: "ordinal", ratings: table((r) => r.score) }) : null;
  return {
    state: "ready",
    submitted,
    evaluators,
    interval: { ...interval, reading: readAgreement(interval.alpha) },
    ordinal: ordinal ? { ...ordinal, reading: readAgreement(ordinal.alpha) } : null,
  };
}
