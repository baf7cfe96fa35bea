import { z } from "zod";
import { isCalendarDate, type CalendarDate } from "~/domain/calendar/japan-business-days";

/**
 * 電子帳簿保存法 (issue 16 item 5): how long an electronic transaction record (quote, purchase order, invoice,
 * receipt) is kept, and the criteria the 取引書類 search accepts.
 *
 * Retention, the rule used here (法人税法施行規則 第59条 for a blue-return corporation, 第67条 otherwise): the records of a
 * fiscal year are kept for 7 years from the day after the filing deadline of that year's final return; the filing
 * deadline is taken as 2 months after the fiscal year end (法人税法 第74条; the one-month extension of 第75条の2 is
 * NOT assumed). So a record made on date D is kept until the LAST DAY OF THE MONTH TWO MONTHS AFTER THE FISCAL YEAR
 * END in which D falls, plus 7 years: fiscal year ending March 2027 → filing deadline 2027-05-31 → kept through
 * 2034-05-31. Not covered (docs/decisions/0031): the 10-year period for years with a loss carried forward (欠損金の
 * 繰越控除) and the filing-deadline extension; a longer period can only make the end later, never earlier, so the
 * caller may take the later of this date and its own.
 */

export const RETENTION_YEARS = 7;
/** 3 = a fiscal year ending 31 March (the most common in Japan, and every municipality's). */
export const DEFAULT_FISCAL_YEAR_END_MONTH = 3;

const lastDayOfMonth = (year: number, month: number): CalendarDate => {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

export interface RetentionPeriod {
  /** The last day of the fiscal year the record was made in. */
  fiscalYearEnd: CalendarDate;
  /** The final return's filing deadline for that year (2 months after the fiscal year end, month end). */
  filingDeadline: CalendarDate;
  /** The last day the record must be kept: 7 years after the filing deadline. Deletion is possible only after it. */
  retentionEnd: CalendarDate;
}

export function retentionPeriod(recordDate: CalendarDate, fiscalYearEndMonth: number = DEFAULT_FISCAL_YEAR_END_MONTH): RetentionPeriod {
  if (!isCalendarDate(recordDate)) throw new RangeError(`not a calendar date: ${recordDate}`);
  if (!Number.isInteger(fiscalYearEndMonth) || fiscalYearEndMonth < 1 || fiscalYearEndMonth > 12) {
    throw new RangeError(`fiscal year end month must be 1–12: ${fiscalYearEndMonth}`);
  }
  const year = Number(recordDate.slice(0, 4));
  const month = Number(recordDate.slice(5, 7));
  const fyEndYear = month <= fiscalYearEndMonth ? year : year + 1;
  const deadlineMonthIndex = fiscalYearEndMonth + 2; // 13 or 14 run into the next year
  const deadlineYear = fyEndYear + (deadlineMonthIndex > 12 ? 1 : 0);
  const deadlineMonth = ((deadlineMonthIndex - 1) % 12) + 1;
  return {
    fiscalYearEnd: lastDayOfMonth(fyEndYear, fiscalYearEndMonth),
    filingDeadline: lastDayOfMonth(deadlineYear, deadlineMonth),
    // Month end again, 7 years on (a 29 February deadline ends on 28 February when that year has none).
    retentionEnd: lastDayOfMonth(deadlineYear + RETENTION_YEARS, deadlineMonth),
  };
}

/** The last day `recordDate`'s record must be kept. */
export function retentionEndDate(recordDate: CalendarDate, fiscalYearEndMonth: number = DEFAULT_FISCAL_YEAR_END_MONTH): CalendarDate {
  return retentionPeriod(recordDate, fiscalYearEndMonth).retentionEnd;
}

/** Whether the record may be disposed of on `today`: only after its retention end. */
export function mayDispose(recordDate: CalendarDate, today: CalendarDate, fiscalYearEndMonth: number = DEFAULT_FISCAL_YEAR_END_MONTH): boolean {
  return today > retentionEndDate(recordDate, fiscalYearEndMonth);
}

// ---------------------------------------------------------------------------------------------------------------
// The 取引書類 search

export const TRANSACTION_RECORD_KINDS = ["quote", "purchase_order", "invoice", "receipt"] as const;
export type TransactionRecordKind = (typeof TRANSACTION_RECORD_KINDS)[number];
export const COUNTERPARTY_QUERY_MAX = 200;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const SearchDate = z.preprocess(
  blankToUndefined,
  z.string({ error: "invoices.search.date.invalid" }).trim().refine(isCalendarDate, { error: "invoices.search.date.invalid" }).optional(),
);

/** Yen typed as "１２,０００", "12000円" or "¥12,000" is accepted; anything but a non-negative integer is refused. */
const SearchAmount = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const text = value.normalize("NFKC").replace(/[,\s円¥￥]/g, "");
    return text === "" ? undefined : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  },
  z
    .number({ error: "invoices.search.amount.invalid" })
    .int({ error: "invoices.search.amount.invalid" })
    .min(0, { error: "invoices.search.amount.invalid" })
    .max(Number.MAX_SAFE_INTEGER, { error: "invoices.search.amount.invalid" })
    .optional(),
);

/**
 * The search criteria: transaction date range, amount range (tax included, integer yen) and counterparty, each
 * optional. The law asks that any two can be combined; here EVERY combination is allowed (none, one, two or all
 * three, each range open at either end). Field-level keys: a reversed range is reported on its upper bound.
 */
export const TransactionSearchSchema = z
  .object({
    dateFrom: SearchDate,
    dateTo: SearchDate,
    amountMin: SearchAmount,
    amountMax: SearchAmount,
    counterparty: z.preprocess(blankToUndefined, z.string().trim().max(COUNTERPARTY_QUERY_MAX, { error: "invoices.search.counterparty.tooLong" }).optional()),
    kinds: z.preprocess(
      (value) => (typeof value === "string" ? (value === "" ? undefined : [value]) : value),
      z.array(z.enum(TRANSACTION_RECORD_KINDS, { error: "invoices.search.kind.invalid" })).optional(),
    ),
  })
  .superRefine((criteria, ctx) => {
    if (criteria.dateFrom && criteria.dateTo && criteria.dateFrom > criteria.dateTo) {
      ctx.addIssue({ code: "custom", path: ["dateTo"], message: "invoices.search.dateRange.reversed" });
    }
    if (criteria.amountMin !== undefined && criteria.amountMax !== undefined && criteria.amountMin > criteria.amountMax) {
      ctx.addIssue({ code: "custom", path: ["amountMax"], message: "invoices.search.amountRange.reversed" });
    }
  });
export type TransactionSearch = z.infer<typeof TransactionSearchSchema>;

/** Which of the three legal criteria a search uses. */
export function activeCriteria(criteria: TransactionSearch): ("date" | "amount" | "counterparty")[] {
  const active: ("date" | "amount" | "counterparty")[] = [];
  if (criteria.dateFrom || criteria.dateTo) active.push("date");
  if (criteria.amountMin !== undefined || criteria.amountMax !== undefined) active.push("amount");
  if (criteria.counterparty) active.push("counterparty");
  return active;
}

export interface TransactionRecordFacts {
  kind: TransactionRecordKind;
  /** 取引年月日. */
  transactionDate: CalendarDate;
  /** Tax included, integer yen (negative for a credit note). */
  amount: number;
  counterpartyName: string;
}

/** Counterparty text compared the way people type it: NFKC (full-width ＡＢＣ, half-width ｶﾅ), case and spaces ignored. */
export const normalizeCounterparty = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/**
 * Whether a record matches: dates and amounts inclusive, counterparty by normalized substring. The meaning both the
 * Meilisearch filter and the PostgreSQL fallback must have (and the oracle for their tests). Scope (the reader's own
 * organisation) is the caller's, always on the server.
 */
export function matchesTransactionSearch(record: TransactionRecordFacts, criteria: TransactionSearch): boolean {
  if (criteria.dateFrom && record.transactionDate < criteria.dateFrom) return false;
  if (criteria.dateTo && record.transactionDate > criteria.dateTo) return false;
  if (criteria.amountMin !== undefined && record.amount < criteria.amountMin) return false;
  if (criteria.amountMax !== undefined && record.amount > criteria.amountMax) return false;
  if (criteria.counterparty && !normalizeCounterparty(record.counterpartyName).includes(normalizeCounterparty(criteria.counterparty))) return false;
  if (criteria.kinds && criteria.kinds.length > 0 && !criteria.kinds.includes(record.kind)) return false;
  return true;
}
