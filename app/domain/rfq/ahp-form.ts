// The pairwise-comparison form: for criteria i < j the buyer picks how much more important i is
// than j on Saaty's scale ("3" = i moderately more important, "1/3" = j moderately more important).
// This builds the reciprocal matrix the scoring module's AHP takes.

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
