import type { Recurrence } from "~/domain/rfq/categories";
import { toBigInt, toSafeNumber } from "./money";

/**
 * How often a line is paid over the contract term.
 * Interpretation (decision 0004): a line's quantity is per month for both monthly and per-unit lines,
 * so both are multiplied by the term; only one-off lines are paid once. A monthly line's quantity counts
 * fixed monthly units (usually 1 式, or seats); a per-unit line's quantity is the expected monthly volume
 * (件/月, averaged over the year including peak months).
 */
export function paymentsOverTerm(recurrence: Recurrence, termMonths: number): number {
  return recurrence === "one_off" ? 1 : termMonths;
}

export interface PricedLineSpec {
  code: string;
  quantity: number;
  recurrence: Recurrence;
}

export function lineAmount(unitPrice: number, line: PricedLineSpec, termMonths: number): bigint {
  return toBigInt(unitPrice) * toBigInt(line.quantity) * toBigInt(paymentsOverTerm(line.recurrence, termMonths));
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
