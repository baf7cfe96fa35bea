import type { Recurrence } from "~/domain/rfq/categories";
import { lineAmount, paymentsOverTerm, type PricedLineSpec } from "./amounts";
import { allocateProportionally, divRoundHalfUp, toBigInt, toSafeNumber } from "./money";
import type { TaxBasis, TaxRate } from "./schema";

/**
 * Turns a quote into figures comparable with every other quote on the same RFQ (issue 5, item 3):
 *
 *   contract value (tax-excluded) = Σ lines over the term + setup fee + transition fee
 *   TCO = contract value + management overhead (% of contract value) + transition effort (yen)
 *   ROI = (in-house baseline per month × term − TCO) / TCO, when a baseline is given
 *
 * Rounding rule (decision 0004): a tax-included quote is converted ONCE, on its total, to the nearest yen
 * with halves rounded up: excluded = round_half_up(included × 100 / (100 + rate)), computed exactly in
 * integers. One rounding per quote follows the invoice system's one-rounding-per-rate-per-invoice rule and
 * keeps the error at most ¥0.5. Per-line tax-excluded amounts are then an exact proportional split of that
 * total (largest remainder), so the lines always add up to it. For tax-excluded quotes the tax amount is
 * round_half_up(excluded × rate / 100). Overhead is round_half_up(contract value × basis points / 10 000).
 */

export interface NormalizationRfq {
  lineItems: readonly PricedLineSpec[];
  contractTermMonths: number;
  currency?: string;
  hiddenCosts?: { managementOverheadPct: number; transitionEffortYen: number };
  baselineCostMonthlyYen?: number;
}

export interface NormalizationQuote {
  unitPrices: Readonly<Record<string, number>>;
  oneOffFees: { setup: number; transition: number };
  taxBasis: TaxBasis;
  taxRate: TaxRate;
}

export interface NormalizedLine {
  code: string;
  recurrence: Recurrence;
  quantity: number;
  unitPrice: number;
  /**
   * How many times the line is paid over the term: the term's months for monthly and per-unit lines,
   * 1 for one-off lines, the occurrences for periodic and "n times" lines (see paymentsOverTerm).
   */
  payments: number;
  amountAsEntered: number;
  amountExcludingTax: number;
}

export interface AmountPair {
  asEntered: number;
  excludingTax: number;
}

export interface TcoBreakdown {
  currency: string;
  termMonths: number;
  taxBasis: TaxBasis;
  taxRate: TaxRate;
  lines: NormalizedLine[];
  setupFee: AmountPair;
  transitionFee: AmountPair;
  /** Lines + fees in the vendor's own tax basis; the payment schedule adds up to this. */
  totalAsEntered: number;
  contractValueExcludingTax: number;
  taxAmount: number;
  contractValueIncludingTax: number;
  managementOverhead: number;
  transitionEffort: number;
  tco: number;
  /** Baseline per month × term; null when the RFQ has no baseline. */
  baselineOverTerm: number | null;
  /** A ratio (0.25 = 25%); null without a baseline or when TCO is 0. Not money, so a float is fine. */
  roi: number | null;
}

/** Percent with two decimals → integer basis points (7.5% → 750); the schema guarantees two decimals. */
function basisPoints(pct: number): bigint {
  return BigInt(Math.round(pct * 100));
}

export function normalizeQuoteToTco(rfq: NormalizationRfq, quote: NormalizationQuote): TcoBreakdown {
  const term = rfq.contractTermMonths;
  const rate = BigInt(quote.taxRate);

  const lineAmounts = rfq.lineItems.map((line) => {
    const unitPrice = Object.hasOwn(quote.unitPrices, line.code) ? quote.unitPrices[line.code] : undefined;
    // A quote validated with buildQuoteSchema(rfq) always has every price; an older quote after an
    // addendum may not, and must be re-confirmed before it can be normalized.
    if (unitPrice === undefined) throw new RangeError(`The quote has no unit price for line ${line.code}`);
    return { line, unitPrice, amount: lineAmount(unitPrice, line, term) };
  });
  const setup = toBigInt(quote.oneOffFees.setup);
  const transition = toBigInt(quote.oneOffFees.transition);
  const componentsAsEntered = [...lineAmounts.map((entry) => entry.amount), setup, transition];
  const totalAsEntered = componentsAsEntered.reduce((acc, amount) => acc + amount, 0n);

  let contractValue: bigint;
  let taxAmount: bigint;
  let componentsExcludingTax: bigint[];
  if (quote.taxBasis === "included") {
    contractValue = divRoundHalfUp(totalAsEntered * 100n, 100n + rate);
    taxAmount = totalAsEntered - contractValue;
    componentsExcludingTax = allocateProportionally(contractValue, componentsAsEntered);
  } else {
    contractValue = totalAsEntered;
    taxAmount = divRoundHalfUp(contractValue * rate, 100n);
    componentsExcludingTax = componentsAsEntered;
  }

  const hidden = rfq.hiddenCosts ?? { managementOverheadPct: 0, transitionEffortYen: 0 };
  const managementOverhead = divRoundHalfUp(contractValue * basisPoints(hidden.managementOverheadPct), 10_000n);
  const transitionEffort = toBigInt(hidden.transitionEffortYen);
  const tco = contractValue + managementOverhead + transitionEffort;

  const baselineOverTerm = rfq.baselineCostMonthlyYen === undefined ? null : toBigInt(rfq.baselineCostMonthlyYen) * BigInt(term);
  const roi = baselineOverTerm === null || tco === 0n ? null : (toSafeNumber(baselineOverTerm) - toSafeNumber(tco)) / toSafeNumber(tco);

  const feeCount = lineAmounts.length;
  return {
    currency: rfq.currency ?? "JPY",
    termMonths: term,
    taxBasis: quote.taxBasis,
    taxRate: quote.taxRate,
    lines: lineAmounts.map(({ line, unitPrice, amount }, index) => ({
      code: line.code,
      recurrence: line.recurrence,
      quantity: line.quantity,
      unitPrice,
      payments: paymentsOverTerm(line, term),
      amountAsEntered: toSafeNumber(amount),
      amountExcludingTax: toSafeNumber(componentsExcludingTax[index]),
    })),
    setupFee: { asEntered: toSafeNumber(setup), excludingTax: toSafeNumber(componentsExcludingTax[feeCount]) },
    transitionFee: { asEntered: toSafeNumber(transition), excludingTax: toSafeNumber(componentsExcludingTax[feeCount + 1]) },
    totalAsEntered: toSafeNumber(totalAsEntered),
    contractValueExcludingTax: toSafeNumber(contractValue),
    taxAmount: toSafeNumber(taxAmount),
    contractValueIncludingTax: toSafeNumber(contractValue + taxAmount),
    managementOverhead: toSafeNumber(managementOverhead),
    transitionEffort: toSafeNumber(transitionEffort),
    tco: toSafeNumber(tco),
    baselineOverTerm: baselineOverTerm === null ? null : toSafeNumber(baselineOverTerm),
    roi,
  };
}
