import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import type { core } from "zod";
import { toCsv } from "~/domain/comparison/export-table";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import type { Locale } from "~/i18n";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./csv-limits";
import { checkFigures, isRateKpi, type FigureProblem, type Figures } from "./entry";
import { periodProblem, type Period, type PeriodProblem, type Term } from "./period";

// The vendor's CSV of SLA measurements (decision 0040): a template to download and the import's row checks.
// Parsing is csv-parse (RFC 4180: quoted fields, embedded commas and line breaks, a BOM); the rules per row are
// the form's (`checkFigures`, `periodProblem`), and every problem names its row as a spreadsheet shows it (the
// header is row 1). Pure: the service adds what needs the database (a confirmed measurement is final).

export const CSV_COLUMNS = ["period", "kpi_key", "kpi_label", "successes", "trials", "value", "note"] as const;
const REQUIRED_COLUMNS = ["period", "kpi_key"] as const;
export { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./csv-limits";

/** The template: a header and one row per KPI of the contract for `period`, keys and labels filled in. */
export function measurementTemplateCsv(sla: readonly SlaTarget[], period: Period, locale: Locale): string {
  return toCsv({
    header: [...CSV_COLUMNS],
    rows: sla.map((kpi) => [
      { value: period },
      { value: kpi.key },
      { value: kpi.label[locale] || kpi.label.ja },
      { value: null },
      { value: null },
      { value: null },
      { value: null },
    ]),
  });
}

export interface CsvRow {
  /** The row as a spreadsheet numbers it (header = 1). */
  row: number;
  period: Period;
  kpiKey: string;
  figures: Figures;
  note: string;
}

const ROW_KEYS = {
  "measurements.period.invalid": "measurements.csv.period.invalid",
  "measurements.period.outsideTerm": "measurements.csv.period.outsideTerm",
  "measurements.period.future": "measurements.csv.period.future",
  "measurements.kpi.unknown": "measurements.csv.kpi.unknown",
  "measurements.successes.invalid": "measurements.csv.successes.invalid",
  "measurements.trials.invalid": "measurements.csv.trials.invalid",
  "measurements.successes.overTrials": "measurements.csv.successes.overTrials",
  "measurements.value.invalid": "measurements.csv.value.invalid",
  "measurements.value.notForRate": "measurements.csv.value.notForRate",
  "measurements.counts.notForValue": "measurements.csv.counts.notForValue",
  "measurements.note.tooLong": "measurements.csv.note.tooLong",
} as const satisfies Record<FigureProblem["key"] | PeriodProblem, string>;

export type CsvRowKey = (typeof ROW_KEYS)[keyof typeof ROW_KEYS] | "measurements.csv.duplicate" | "measurements.csv.confirmed";
export type CsvFileKey =
  "measurements.csv.empty" | "measurements.csv.tooLarge" | "measurements.csv.tooManyRows" | "measurements.csv.header" | "measurements.csv.unreadable";

const COLUMN_OF: Record<FigureProblem["path"], string> = {
  period: "period",
  kpiKey: "kpi_key",
  successes: "successes",
  trials: "trials",
  value: "value",
  note: "note",
};

/** A problem in row `row` (path rows.<row>.<column>), its message naming the row and column. */
export const rowIssue = (row: number, column: string, key: CsvRowKey): core.$ZodIssue =>
  ({ code: "custom", path: ["rows", row, column], message: key, input: undefined, params: { row, column } }) as core.$ZodIssue;

const fileIssue = (key: CsvFileKey, params: Record<string, string | number> = {}): core.$ZodIssue =>
  ({ code: "custom", path: ["file"], message: key, input: undefined, params }) as core.$ZodIssue;

/**
 * The rows of an uploaded CSV, all checked, or every problem found (all rows are checked, so the vendor fixes
 * the file once). Columns are found by their header (any order, case and spaces ignored; kpi_label is ignored).
 */
export function readMeasurementCsv(
  text: string,
  o: { sla: readonly SlaTarget[]; term: Term; today: string },
): { ok: true; rows: CsvRow[] } | { ok: false; issues: core.$ZodIssue[] } {
  if (new TextEncoder().encode(text).byteLength > MAX_CSV_BYTES)
    return { ok: false, issues: [fileIssue("measurements.csv.tooLarge", { max: MAX_CSV_BYTES / 1024 })] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, issues: [fileIssue("measurements.csv.unreadable", { row: Number(error.records ?? 0) + 1 })] };
    throw error;
  }
  records = records.filter((r) => r.some((cell) => cell !== ""));
  const [header, ...data] = records;
  if (!header || data.length === 0) return { ok: false, issues: [fileIssue("measurements.csv.empty")] };
  if (data.length > MAX_CSV_ROWS) return { ok: false, issues: [fileIssue("measurements.csv.tooManyRows", { max: MAX_CSV_ROWS })] };
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, issues: missing.map((column) => fileIssue("measurements.csv.header", { column })) };
  const at = (record: string[], column: string) => {
    const i = names.indexOf(column);
    return i < 0 ? "" : (record[i] ?? "");
  };

  const issues: core.$ZodIssue[] = [];
  const rows: CsvRow[] = [];
  const seen = new Map<string, number>();
  data.forEach((record, i) => {
    const row = i + 2;
    const period = at(record, "period");
    const kpiKey = at(record, "kpi_key");
    const before = issues.length;
    const pp = periodProblem(period, o.term, o.today);
    if (pp) issues.push(rowIssue(row, "period", ROW_KEYS[pp]));
    const kpi = o.sla.find((k) => k.key === kpiKey);
    // A note starting with = + - @ was written with a leading ' by the template's CSV (formula guard): drop it.
    const checked = checkFigures(kpi, {
      successes: at(record, "successes"),
      trials: at(record, "trials"),
      value: at(record, "value"),
      note: at(record, "note").replace(/^'/, ""),
    });
    if (!checked.ok) for (const p of checked.problems) issues.push(rowIssue(row, COLUMN_OF[p.path], ROW_KEYS[p.key]));
    const key = `${period}\u0000${kpiKey}`;
    if (!pp && kpi && seen.has(key)) issues.push(rowIssue(row, "kpi_key", "measurements.csv.duplicate"));
    seen.set(key, row);
    if (issues.length === before && checked.ok && kpi) rows.push({ row, period, kpiKey: kpi.key, figures: checked.figures, note: checked.note });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** Which columns a KPI's row fills in (the template's hint and the page's help). */
export const columnsFor = (kpi: SlaTarget) => (isRateKpi(kpi) ? (["successes", "trials"] as const) : (["value"] as const));
