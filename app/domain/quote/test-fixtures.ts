import { rfqSchema, type Rfq } from "~/domain/rfq/schema";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import type { QuoteInput } from "./schema";

/** The municipal RFQ of the rfq fixtures: INIT one-off ×1, OPS monthly ×1, DOC per-unit 2,000/month; 12 months. */
export function fixtureRfq(): Rfq {
  return rfqSchema.parse(completeRfqInput());
}

/** Vendor A, tax-excluded: 12,350,000 excl. tax as entered (see normalize.test.ts). */
export function quoteA(overrides: Partial<QuoteInput> = {}): QuoteInput {
  return {
    unitPrices: { INIT: 200_000, OPS: 400_000, DOC: 300 },
    oneOffFees: { setup: 100_000, transition: 50_000 },
    taxBasis: "excluded",
    taxRate: 10,
    leadTimeDays: 30,
    kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 },
    ...overrides,
  };
}

/** Vendor B, tax-included 10%: 13,002,000 incl. tax as entered, exactly 11,820,000 excl. tax. */
export function quoteB(overrides: Partial<QuoteInput> = {}): QuoteInput {
  return {
    unitPrices: { INIT: 220_000, OPS: 418_000, DOC: 319 },
    oneOffFees: { setup: 110_000, transition: 0 },
    taxBasis: "included",
    taxRate: 10,
    leadTimeDays: 45,
    kpiCommitments: { accuracy: 0.998, processing_lead_time_days: 4 },
    ...overrides,
  };
}
