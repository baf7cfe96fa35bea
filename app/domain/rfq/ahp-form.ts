// The pairwise-comparison form: for criteria i < j the buyer picks how much more important i is
// than j on Saaty's scale ("3" = i moderately more important, "1/3" = j moderately more important).
// This builds the reciprocal matrix the scoring module's AHP takes.

import { ahpWeights, RANDOM_INDEX } from "~/domain/scoring/ahp";
import { toWeightPoints } from "./kpi-templates";

export const SAATY_CHOICES = ["9", "7", "5", "3", "1", "1/3", "1/5", "1/7", "1/9"] as const;

export const pairField = (i: number, j: number) => `ahp_${i}_${j}`;

function parseChoice(value: unknown): number {
  if (typeof value !== "string" || !(SAATY_CHOICES as readonly string[]).includes(value)) return 1;
  return value.startsWith("1/") ? 1 / Number(value.slice(2)) : Number(value);
}

export function pairwiseMatrixFromAnswers(n: number, answers: (name: string) => unknown): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = parseChoice(answers(pairField(i, j)));
      m[i][j] = v;
      m[j][i] = 1 / v;
    }
  }
  return m;
}

/** The buyer's answers as typed, only those on Saaty's scale (to show the same choices again). */
export function ahpAnswers(n: number, answers: (name: string) => unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = answers(pairField(i, j));
      if (typeof v === "string" && (SAATY_CHOICES as readonly string[]).includes(v)) out[pairField(i, j)] = v;
    }
  }
  return out;
}

export interface AhpProposal {
  /** Whole points summing to 100, in criteria order. */
  points: number[];
  consistencyRatio: number;
  /** CR as shown to the buyer (three decimals); a confirmation names it, so changed answers ask again. */
  cr: string;
  consistent: boolean;
}

/** The weights AHP proposes for `n` criteria from the form's answers; null when AHP cannot compare that many. */
export function ahpProposal(n: number, answers: (name: string) => unknown): AhpProposal | null {
  if (n < 2 || n > RANDOM_INDEX.length) return null;
  const result = ahpWeights(pairwiseMatrixFromAnswers(n, answers));
  return {
    points: toWeightPoints(result.weights),
    consistencyRatio: result.consistencyRatio,
    cr: result.consistencyRatio.toFixed(3),
    consistent: result.consistent,
  };
}

/**
 * Judgements with CR above 0.10 are applied only once the buyer has seen that CR and confirmed it:
 * the confirmation carries the CR it was given for, so answers changed since then ask again.
 */
export const needsConfirmation = (p: AhpProposal, confirmedCr: unknown) => !p.consistent && confirmedCr !== p.cr;
