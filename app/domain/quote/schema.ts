import { z } from "zod";
import type { Criterion, LineItem } from "~/domain/rfq/schema";
import { isWithinUnitRange } from "~/domain/rfq/units";
import { contractTotalAsEntered } from "./amounts";
import { quoteError, type QuoteMessageKey } from "./messages";

/**
 * A vendor's quote against one RFQ. The generic `quoteBaseSchema` fixes the shape; `buildQuoteSchema(rfq)`
 * makes it exact for one RFQ: a price for every line (and no others), a commitment for every
 * KPI-commitment criterion within its unit's range, and milestones that add up to the total.
 * All money is integer minor units in the RFQ's currency (a quote has no currency of its own).
 */

function requiredField(missingKey: QuoteMessageKey, wrongKey: QuoteMessageKey) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? missingKey : wrongKey) };
}

/** ¥10bn per unit is far above any real line and keeps price × quantity × months well inside BigInt-to-number range checks. */
export const MAX_UNIT_PRICE = 10_000_000_000;

const moneySchema = z
  .number(quoteError("quote.money.invalid"))
  .int(quoteError("quote.money.invalid"))
  .min(0, quoteError("quote.money.invalid"))
  .max(MAX_UNIT_PRICE, quoteError("quote.money.invalid"));

const unitPriceSchema = z
  .number(requiredField("quote.unitPrices.required", "quote.money.invalid"))
  .int(quoteError("quote.money.invalid"))
  .min(0, quoteError("quote.money.invalid"))
  .max(MAX_UNIT_PRICE, quoteError("quote.money.invalid"));

const longText = z.string().trim().max(10_000, quoteError("quote.text.tooLong"));

export const TAX_BASES = ["excluded", "included"] as const;
export type TaxBasis = (typeof TAX_BASES)[number];
/** 10% standard, 8% reduced (軽減税率). */
export const TAX_RATES = [10, 8] as const;
export type TaxRate = (typeof TAX_RATES)[number];

export const paymentMilestoneSchema = z.object({
  label: z.string().trim().min(1, quoteError("quote.paymentSchedule.label.required")).max(200, quoteError("quote.text.tooLong")),
  dueDate: z.iso.date(quoteError("quote.paymentSchedule.dueDate.invalid")).optional(),
  /** In the quote's tax basis, like every other amount the vendor types. */
  amount: z
    .number(quoteError("quote.money.invalid"))
    .int(quoteError("quote.money.invalid"))
    .min(0, quoteError("quote.money.invalid"))
    .max(Number.MAX_SAFE_INTEGER, quoteError("quote.money.invalid")),
});

const httpUrlSchema = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, ...quoteError("quote.pastWork.link.invalid") });

export const quoteBaseSchema = z.object({
  /** Unit price per RFQ line, keyed by the line's code. */
  unitPrices: z.record(z.string(), unitPriceSchema),
  oneOffFees: z.object({ setup: moneySchema.default(0), transition: moneySchema.default(0) }).default({ setup: 0, transition: 0 }),
  taxBasis: z.enum(TAX_BASES, quoteError("quote.taxBasis.invalid")),
  taxRate: z.union([z.literal(10), z.literal(8)], quoteError("quote.taxRate.invalid")).default(10),
  leadTimeDays: z
    .number(quoteError("quote.leadTimeDays.invalid"))
    .int(quoteError("quote.leadTimeDays.invalid"))
    .min(0, quoteError("quote.leadTimeDays.invalid"))
    .max(3_650, quoteError("quote.leadTimeDays.invalid")),
  /** Empty means "invoiced monthly per line, one-off items at the start"; when given it must add up. */
  paymentSchedule: z.array(paymentMilestoneSchema).max(120).default([]),
  /** One value per KPI-commitment criterion, in the criterion's unit (rates as 0–1). */
  kpiCommitments: z
    .record(z.string(), z.number().finite())
    .default({})
    .describe("One value per KPI-commitment criterion, in the criterion's unit; a rate is a fraction 0–1 (99.5% is 0.995), as in the RFQ."),
  assumptions: longText.default(""),
  exceptions: longText.default(""),
  team: longText.default(""),
  pastWork: z.object({ text: longText.default(""), links: z.array(httpUrlSchema).max(20).default([]) }).default({ text: "", links: [] }),
});

export type QuoteInput = z.input<typeof quoteBaseSchema>;
export type Quote = z.output<typeof quoteBaseSchema>;

export interface QuoteRfqContext {
  lineItems: readonly LineItem[];
  criteria: readonly Criterion[];
  contractTermMonths: number;
}

/** The criteria a vendor commits a number to. */
export function commitmentCriteria(criteria: readonly Criterion[]): Criterion[] {
  return criteria.filter((criterion) => criterion.source === "kpi_commitment");
}

function unrecognizedKeyError(key: QuoteMessageKey) {
  return { error: (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? key : undefined) };
}

/**
 * The schema for quotes on one RFQ. Missing prices and commitments are reported on their own field path
 * (`unitPrices.L1`, `kpiCommitments.accuracy`) so the form shows each beside its row.
 */
export function buildQuoteSchema(rfq: QuoteRfqContext) {
  const unitPrices = z.strictObject(
    Object.fromEntries(rfq.lineItems.map((line) => [line.code, unitPriceSchema])),
    unrecognizedKeyError("quote.unitPrices.unknownLine"),
  );
  const kpiCommitments = z.strictObject(
    Object.fromEntries(
      commitmentCriteria(rfq.criteria).map((criterion) => [
        criterion.key,
        z
          .number(requiredField("quote.kpiCommitments.required", "quote.kpiCommitments.outOfRange"))
          .refine((value) => isWithinUnitRange(criterion.unit, value), quoteError("quote.kpiCommitments.outOfRange")),
      ]),
    ),
    unrecognizedKeyError("quote.kpiCommitments.unknownCriterion"),
  );

  return quoteBaseSchema.extend({ unitPrices, kpiCommitments }).superRefine((quote, ctx) => {
    if (quote.paymentSchedule.length === 0) return;
    let total: number;
    try {
      total = contractTotalAsEntered(rfq.lineItems, quote.unitPrices, quote.oneOffFees, rfq.contractTermMonths);
    } catch {
      // Only absurd prices × quantities overflow; report it rather than crash the action.
      ctx.addIssue({ code: "custom", message: "quote.money.invalid", path: ["unitPrices"] });
      return;
    }
    const scheduled = quote.paymentSchedule.reduce((acc, milestone) => acc + milestone.amount, 0);
    if (scheduled !== total) {
      ctx.addIssue({
        code: "custom",
        message: "quote.paymentSchedule.sumMismatch",
        path: ["paymentSchedule"],
        // For the message's interpolation: "scheduled ¥X, total ¥Y, difference ¥Z".
        params: { scheduled, total, difference: total - scheduled },
      });
    }
  });
}
