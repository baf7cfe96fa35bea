import type { Criterion, CriterionValue, GateFailure } from "./types";

// Thousands separators make yen amounts readable ("33,000,000"); en-US grouping reads the same in Japanese.
const formatNumber = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 10 });

/**
 * The gates an alternative fails, in criterion order. Gates check the value as given — for a rate,
 * the vendor's commitment — because a gate is a contractual requirement on what is offered; how far
 * the track record supports the claim is a scoring matter (see `evidenceFailsGate`).
 * A missing value fails its gate: a requirement that cannot be verified is not met.
 */
export function gateFailures(criteria: readonly Criterion[], values: Record<string, CriterionValue | undefined>): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const criterion of criteria) {
    const gate = criterion.gate;
    if (!gate) continue;
    const value = values[criterion.key] ?? null;
    const label = criterion.label;
    if (value === null) {
      failures.push({
        criterion: criterion.key,
        code: "missing",
        value: null,
        message: {
          en: `No value for "${label.en}", which is a requirement.`,
          ja: `必須条件「${label.ja}」の値がありません。`,
        },
      });
      continue;
    }
    if ("required" in gate) {
      if (value !== true) {
        failures.push({
          criterion: criterion.key,
          code: "required",
          value,
          message: { en: `"${label.en}" is required.`, ja: `「${label.ja}」は必須です。` },
        });
      }
      continue;
    }
    if (typeof value !== "number") continue; // validation guarantees numbers here
    if (gate.min !== undefined && value < gate.min) {
      failures.push({
        criterion: criterion.key,
        code: "below-min",
        value,
        message: {
          en: `"${label.en}" is ${formatNumber(value)}, below the minimum of ${formatNumber(gate.min)}.`,
          ja: `「${label.ja}」が ${formatNumber(value)} で、下限 ${formatNumber(gate.min)} を下回っています。`,
        },
      });
    }
    if (gate.max !== undefined && value > gate.max) {
      failures.push({
        criterion: criterion.key,
        code: "above-max",
        value,
        message: {
          en: `"${label.en}" is ${formatNumber(value)}, above the maximum of ${formatNumber(gate.max)}.`,
          ja: `「${label.ja}」が ${formatNumber(value)} で、上限 ${formatNumber(gate.max)} を上回っています。`,
        },
      });
    }
  }
  // A criterion with its own reason says only that (its bound may be confidential), never the generated sentence.
  return failures.map((failure) => {
    const own = criteria.find((c) => c.key === failure.criterion)?.gateMessage;
    return own && failure.code !== "missing" ? { ...failure, message: { ja: own.ja, en: own.en } } : failure;
  });
}

/** True when a claim passes its gate but the evidence-adjusted value would not: worth a flag. */
export function evidenceFailsGate(criterion: Criterion, effective: number): boolean {
  const gate = criterion.gate;
  if (!gate || "required" in gate) return false;
  return (gate.min !== undefined && effective < gate.min) || (gate.max !== undefined && effective > gate.max);
}
