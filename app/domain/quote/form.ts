import { z } from "zod";
import { fractionToPercent, percentToFraction, withFormMessages } from "~/domain/rate-input";
import type { Rfq } from "~/domain/rfq/schema";
import { buildQuoteSchema, commitmentCriteria, quoteBaseSchema, type Quote, type QuoteInput } from "./schema";

// The vendor's quote form. Browsers send strings; rates are typed as percentages (97.5) because
// that is how people write them, while the domain keeps fractions (0.975). The decoder turns the
// form payload into the quote's JSON shape, then the domain schema validates it, so error paths
// are the form's field names (unitPrices.ENTRY, kpiCommitments.accuracy, paymentSchedule[0].amount).

type Payload = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => {
  if (v === undefined || v === null || v === "") return undefined;
  const s = String(v)
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，¥￥円\s]/g, "");
  const n = Number(s);
  return Number.isNaN(n) ? v : n;
};
const list = (v: unknown): Payload[] =>
  Array.isArray(v) ? (v as Payload[]) : v && typeof v === "object" ? Object.values(v as Payload).map((x) => x as Payload) : [];
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter(Boolean) : typeof v === "string" && v.trim() ? v.split(/\s+/) : []);

export function decodeQuoteForm(rfq: Pick<Rfq, "criteria">, p: Payload): Payload {
  const rates = new Set(
    commitmentCriteria(rfq.criteria)
      .filter((c) => c.unit === "rate")
      .map((c) => c.key),
  );
  const prices = (p.unitPrices ?? {}) as Payload;
  const commitments = (p.kpiCommitments ?? {}) as Payload;
  const fees = (p.oneOffFees ?? {}) as Payload;
  const pastWork = (p.pastWork ?? {}) as Payload;
  return {
    unitPrices: Object.fromEntries(
      Object.entries(prices)
        .map(([k, v]) => [k, num(v)])
        .filter(([, v]) => v !== undefined),
    ),
    oneOffFees: { setup: num(fees.setup) ?? 0, transition: num(fees.transition) ?? 0 },
    taxBasis: text(p.taxBasis) || undefined,
    taxRate: num(p.taxRate) ?? 10,
    leadTimeDays: num(p.leadTimeDays),
    paymentSchedule: list(p.paymentSchedule).map((m) => ({ label: text(m.label) ?? "", dueDate: text(m.dueDate) || undefined, amount: num(m.amount) })),
    kpiCommitments: Object.fromEntries(
      Object.entries(commitments)
        .map(([k, v]) => {
          const n = num(v);
          return [k, typeof n === "number" && rates.has(k) ? percentToFraction(n) : n] as const;
        })
        .filter(([, v]) => v !== undefined),
    ),
    assumptions: text(p.assumptions) ?? "",
    exceptions: text(p.exceptions) ?? "",
    team: text(p.team) ?? "",
    pastWork: { text: text(pastWork.text) ?? "", links: strings(pastWork.links) },
  };
}

/** Submitting checks everything against the RFQ; saving a draft checks only the shape. */
export function quoteFormSchema(rfq: Rfq, mode: "draft" | "submit") {
  const target = mode === "submit" ? buildQuoteSchema(rfq) : quoteBaseSchema.partial();
  // The range message in the form's terms: rates typed as 0–100%, not the API's fractions.
  return withFormMessages(
    z.preprocess((payload) => decodeQuoteForm(rfq, (payload ?? {}) as Payload), target),
    { "quote.kpiCommitments.outOfRange": "rate.commitmentOutOfRange" },
  );
}

/**
 * The form's values: the quote's input shape where the form matches it, and where it does not, what
 * the inputs hold — the tax rate is a select's string, past-work links one space-separated text box.
 * (The schema's own input type is `unknown`: it decodes whatever the browser sent.)
 */
export type QuoteFormValues = Omit<Partial<QuoteInput>, "taxRate" | "pastWork"> & { taxRate?: string; pastWork?: { text?: string; links?: string } };

/** A stored quote as form values (the inverse of the decoder: fractions back to percentages). */
export function quoteFormDefaults(rfq: Pick<Rfq, "criteria">, quote: Partial<Quote> | null): QuoteFormValues {
  if (!quote) return { taxBasis: "excluded", taxRate: "10" };
  const rates = new Set(
    commitmentCriteria(rfq.criteria)
      .filter((c) => c.unit === "rate")
      .map((c) => c.key),
  );
  return {
    ...quote,
    taxRate: String(quote.taxRate ?? 10),
    kpiCommitments: Object.fromEntries(Object.entries(quote.kpiCommitments ?? {}).map(([k, v]) => [k, rates.has(k) ? fractionToPercent(v) : v])),
    pastWork: { text: quote.pastWork?.text ?? "", links: (quote.pastWork?.links ?? []).join(" ") },
  };
}
