import { RECURRENCE_PERIOD_MONTHS, type Recurrence } from "~/domain/rfq/categories";
import { toBigInt, toSafeNumber } from "./money";

/**
 * How often a line is paid over the contract term.
 * Interpretation (decision 0004): a line's quantity is per month for both monthly and per-unit lines,
 * so both are multiplied by the term; only one-off lines are paid once. A monthly line's quantity counts
 * fixed monthly units (usually 1 式, or seats); a per-unit line's quantity is the expected monthly volume
 * (件/月, averaged over the year including peak months).
 *
 * Periodic lines (issue 14): a quarterly, half-yearly or yearly line's quantity is per occurrence and it
 * occurs once in every period that BEGINS within the term, the first at the start of the term:
 * occurrences = ceil(term / period). A term that is a multiple of the period gives the plain quotient
 * (賞与 half-yearly over 36 months = 6, 年末調整 yearly over 36 months = 3); a part-period at the end counts
 * as one more occurrence (yearly over 18 months = 2), because the work of a period that has begun is owed
 * and a budget must not assume it away. Where the buyer means otherwise (e.g. only one 年末調整 in 18
 * months), the line says so with `times_over_term` and its own `occurrences`; the pages show the count.
 */
export function paymentsOverTerm(line: Pick<PricedLineSpec, "recurrence" | "occurrences">, termMonths: number): number {
  switch (line.recurrence) {
    case "one_off":
      return 1;
    case "monthly":
    case "per_unit":
      return termMonths;
    case "quarterly":
    case "half_yearly":
    case "yearly":
      return Math.ceil(termMonths / RECURRENCE_PERIOD_MONTHS[line.recurrence]!);
    case "times_over_term":
      // The schema requires it for this recurrence; a stored line without it cannot be priced.
      if (line.occurrences === undefined) throw new RangeError("A times-over-the-term line needs its number of occurrences");
      return line.occurrences;
  }
}

export interface PricedLineSpec {
  code: string;
  quantity: number;
  recurrence: Recurrence;
  /** Only for `times_over_term`: how many times over the whole term. */
  occurrences?: number;
}

export function lineAmount(unitPrice: number, line: PricedLineSpec, termMonths: number): bigint {
  return toBigInt(unitPrice) * toBigInt(line.quantity) * toBigInt(paymentsOverTerm(line, termMonths));
}

/**
 * The quote's total contract value in the vendor's own tax basis (what the milestones must add up to):
 * every line over the term plus the one-off fees. Hidden costs are the buyer's and are not part of it.
 */
export function contractTotalAsEntered(
  lines: readonly PricedLineSpec[],
  unitPrices: Readonly<Record<string, number>>,
  oneOffFees: { setup: number; transition: number },
  termMonths: number,
): number {
  let total = toBigInt(oneOffFees.setup) + toBigInt(oneOffFees.transition);
  for (const line of lines) {
    // hasOwn: a line code such as "constructor" must not read Object.prototype.
    const unitPrice = Object.hasOwn(unitPrices, line.code) ? unitPrices[line.code] : undefined;
    if (unitPrice === undefined) throw new RangeError(`No unit price for line ${line.code}`);
    total += lineAmount(unitPrice, line, termMonths);
  }
  return toSafeNumber(total);
}
