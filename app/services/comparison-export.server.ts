import ExcelJS from "exceljs";
import { needsLowBidInvestigation } from "~/domain/rfq/public-price-rules";
import { risksOfRanking } from "~/domain/comparison/kpi-risk";
import type { core } from "zod";
import { buildComparisonView, replaceIds } from "~/domain/comparison/comparison-view";
import { buildComparisonExport, toCsv, type ComparisonExport, type ExportTable, type Locale } from "~/domain/comparison/export-table";
import { distinctWhatIfIssues, parseCompareParams, whatIfIssueKey } from "~/domain/comparison/compare-params";
import type { RankingOverrides } from "~/domain/comparison/ranking-input";
import { cleanFileName } from "~/domain/download-name";
import type { Actor } from "~/domain/permissions";
import { METHODS, ScoringInputError, type Method, type RankingResult } from "~/domain/scoring";
import { t } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { failure, type ServiceResult } from "~/utils/service-failure";
import { readerVisibility } from "./evaluation.server";
import { rankRfqForBuyer, type RfqRanking } from "./ranking.server";

// The comparison as data for the API and as files for the 稟議: one ranking call (the buyer's,
// with its sealed-bid rule), then pure table building (export-table.ts) and a thin writer.
// Sealed and foreign RFQs are both "not found" to callers, so existence never leaks.

type Comparison = { ok: true; ranking: RfqRanking; date: string; overrides: RankingOverrides };
export type ComparisonOutcome = ServiceResult<Comparison>;

/**
 * A what-if refusal at `path`: a message key (with `params`) localized at the edge, or text the caller's
 * language already has (the scoring module's own wording, the method list) passed through unchanged.
 */
function whatIfIssue(path: string, message: string, params?: Record<string, string>): core.$ZodIssue {
  return { code: "custom", path: path.split("."), message, input: undefined, ...(params ? { params } : {}) };
}

/** The buyer's comparison with optional what-if weights/method; weight keys must name the RFQ's criteria. */
export async function comparisonForBuyer(ctx: AppContext, actor: Actor, rfqId: string, overrides: RankingOverrides = {}): Promise<ComparisonOutcome> {
  let ranking: Awaited<ReturnType<typeof rankRfqForBuyer>>;
  try {
    ranking = await rankRfqForBuyer(ctx, actor, rfqId, overrides);
  } catch (e) {
    // Only what-if input can make the module refuse (e.g. every weight 0); the RFQ's own weights were validated on save.
    // Said by catalog key (every weight 0, a method that needs scales) so the caller reads it in its own language.
    if (e instanceof ScoringInputError && (overrides.weights || overrides.method)) {
      const keys = [...new Set(distinctWhatIfIssues(e.issues).map(whatIfIssueKey))];
      const issues = keys.every((k) => k !== null)
        ? keys.map((k) => whatIfIssue(k === "weights.whatIf.allZero" ? "weights" : "method", k))
        : [whatIfIssue("weights", e.message)];
      return failure.invalid({ issues });
    }
    throw e;
  }
  if (!ranking || ranking.sealed) return failure.notFound();
  // Price later (two envelopes): an evaluator who has not submitted gets neither the API's comparison nor a file.
  if (!(await readerVisibility(ctx, actor, rfqId)).seesPrice)
    return failure.conflict("evaluation.priceLater.refused", { fieldErrors: { comparison: ["evaluation.priceLater.refused"] } });
  const unknown = Object.keys(overrides.weights ?? {}).filter((k) => !ranking.rfq.criteria.some((c) => c.key === k));
  if (unknown.length) return failure.invalid({ issues: unknown.map((k) => whatIfIssue(`weights.${k}`, "compare.whatIf.unknownCriterion", { key: k })) });
  return { ok: true, ranking, date: tokyoDateString(ctx.clock.now()), overrides };
}

/** The JSON the API returns: the module's result plus the figures a buyer reads beside it. */
export function comparisonResponse(o: Comparison) {
  return { ...comparisonHead(o), ...resultPart(o.ranking.result) };
}

function comparisonHead(o: Comparison) {
  const { ranking: r } = o;
  return {
    title: r.rfq.title,
    rfqVersion: r.rfqVersion,
    date: o.date,
    method: r.result.method,
    whatIf: Boolean(o.overrides.weights || o.overrides.method),
    criteria: r.input.criteria,
    quotes: r.quotes.map((q) => ({
      id: q.id,
      vendorName: q.vendorName,
      status: q.status,
      tco: q.normalized?.tco ?? null,
      roi: q.normalized?.roi ?? null,
      expiringCertifications: q.expiringCertifications,
      /** Below a public buyer's 低入札価格調査基準価格: ranked, but investigated before any award (decision 0049). */
      lowBidInvestigation: q.normalized ? needsLowBidInvestigation(r.rfq.publicPriceRules, q.normalized) : false,
      /** Abnormally low (decision 0051): the reasons with their figures, and where the buyer asks the vendor to explain. */
      abnormallyLow: r.abnormallyLow[q.id] ? { reasons: r.abnormallyLow[q.id]!, detailsHref: `/quotes/${q.id}#low-price` } : null,
    })),
    /** The winner's stability under single-weight changes: quote ids as in `ranking`, the sentence with vendor names. */
    stability: { ...r.stability, sentence: replaceIds(r.stability.sentence, new Map(r.quotes.map((q) => [q.id, q.vendorName]))) },
    awaitingReconfirmation: r.awaitingReconfirmation,
    /** Criteria left out of the ranking until every quote has its evaluator rating. */
    awaitingRatings: r.awaitingRatings,
    /** How many named evaluators have submitted (rated criteria wait for all of them). */
    ratingProgress: r.ratingProgress,
    /** Per quote id and evaluator-rated criterion: the value ranked and its basis (consensus, or the mean of n ratings). */
    ratedValues: r.ratedValues,
    /** The risk of missing each rate target, per quote and criterion (decision 0038); buyers and advisors only. */
    risks: risksOfRanking(r.rfq.criteria, r.result),
  };
}

const resultPart = (result: RankingResult) => ({ ranking: result.ranking, disqualified: result.disqualified, robustness: result.robustness });

// The ranking is most of the body (~170 kB for 30 quotes × 15 criteria) and the memoized result object
// is frozen and shared, so its JSON is serialized and UTF-8 encoded once per result rather than once
// per request; only the small head (names, statuses, the date) is encoded each time.
const encodedResults = new WeakMap<RankingResult, Buffer>();

/**
 * The bytes of `JSON.stringify(comparisonResponse(o))` in two parts: the head, encoded per request, and
 * the ranking's part, shared across requests — sent as they are rather than copied into one buffer
 * (a 175 kB copy per request was a large-object allocation for the garbage collector each time).
 */
export function comparisonResponseBody(o: Comparison): Uint8Array[] {
  const result = o.ranking.result;
  let tail = encodedResults.get(result);
  if (tail === undefined) {
    // "{…}" without its opening brace: appended after the head's fields and a comma.
    tail = Buffer.from(JSON.stringify(resultPart(result)).slice(1));
    if (Object.isFrozen(result)) encodedResults.set(result, tail);
  }
  return [Buffer.from(`${JSON.stringify(comparisonHead(o)).slice(0, -1)},`), tail];
}

/**
 * The page's filters and sort (`hideDisqualified`, `mandatoryMet`, `cert`, `tcoMin`, `tcoMax`, `sort`), when the
 * download link carries them: the file then holds the quotes the page showed, in the page's order.
 */
export function exportTables(o: Comparison, locale: Locale, pageParams?: URLSearchParams): ComparisonExport {
  const { ranking: r } = o;
  let order: string[] | undefined;
  let hiddenByFilters = 0;
  if (pageParams) {
    const view = buildComparisonView(r, parseCompareParams(pageParams, r.rfq.criteria), o.date);
    order = [...view.columns.map((c) => c.id), ...view.disqualified.map((d) => d.id)];
    hiddenByFilters = view.hidden;
  }
  return buildComparisonExport(
    {
      rfq: r.rfq,
      rfqVersion: r.rfqVersion,
      input: r.input,
      result: r.result,
      quotes: r.quotes,
      date: o.date,
      order,
      hiddenByFilters,
      awaitingRatings: r.awaitingRatings,
      ratedBasis: r.ratedValues,
      abnormallyLow: r.abnormallyLow,
    },
    locale,
  );
}

const NUMBER_FORMATS = { yen: '"¥"#,##0', percent: "0.00%", score: "0.00", number: "#,##0.###" } as const;

function addSheet(wb: ExcelJS.Workbook, name: string, table: ExportTable) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) {
    const added = ws.addRow(row.map((c) => c.value));
    row.forEach((c, i) => {
      if (c.format && typeof c.value === "number") added.getCell(i + 1).numFmt = NUMBER_FORMATS[c.format];
    });
  }
  ws.columns.forEach((col, i) => (col.width = i === 0 ? 28 : 16));
  // Unrounded scores stay in the file for recalculation, out of the reader's way.
  for (const i of table.hiddenColumns ?? []) ws.getColumn(i + 1).hidden = true;
}

export async function comparisonXlsx(o: Comparison, locale: Locale, pageParams?: URLSearchParams): Promise<Uint8Array<ArrayBuffer>> {
  const tables = exportTables(o, locale, pageParams);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Kurabe";
  // A fixed creation date keeps the file a function of the data (and the business clock), not of the wall clock.
  wb.created = new Date(`${o.date}T00:00:00+09:00`);
  addSheet(wb, tables.sheetNames.sideBySide, tables.sideBySide);
  addSheet(wb, tables.sheetNames.rawQuotes, tables.rawQuotes);
  addSheet(wb, tables.sheetNames.criteria, tables.criteria);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function comparisonCsv(o: Comparison, locale: Locale, pageParams?: URLSearchParams): string {
  return toCsv(exportTables(o, locale, pageParams).sideBySide);
}

/** 「<title>_比較_<date>.xlsx」: the name a buyer files it under. */
export function exportFilename(o: Comparison, locale: Locale, ext: "xlsx" | "csv"): string {
  const safeTitle = cleanFileName(o.ranking.rfq.title).slice(0, 80);
  return `${safeTitle}_${t(locale, "compare.export.fileWord")}_${o.date}.${ext}`;
}

export { contentDisposition } from "~/domain/download-name";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const WEIGHT_PAIR = /^[A-Za-z0-9_]+:\d+(\.\d+)?$/;

/** `?weights=tco:30,accuracy:50&method=topsis` → what-if overrides, or field errors in the caller's language. */
export function parseWhatIf(params: URLSearchParams, locale: Locale): ServiceResult<{ ok: true; overrides: RankingOverrides }> {
  const issues: core.$ZodIssue[] = [];
  const overrides: RankingOverrides = {};
  const method = params.get("method");
  if (method) {
    if ((METHODS as readonly string[]).includes(method)) overrides.method = method as Method;
    // Worded here: the list's separator is itself in the caller's language.
    else issues.push(whatIfIssue("method", t(locale, "compare.whatIf.method", { methods: METHODS.join(t(locale, "compare.whatIf.methodSeparator")) })));
  }
  const weights = params.get("weights");
  if (weights) {
    const pairs = weights.split(",").map((p) => p.trim());
    const bad = pairs.filter((p) => !WEIGHT_PAIR.test(p));
    if (bad.length) issues.push(whatIfIssue("weights", "compare.whatIf.weights", { bad: bad.join(", ") }));
    else overrides.weights = Object.fromEntries(pairs.map((p) => [p.split(":")[0], Number(p.split(":")[1])]));
  }
  return issues.length ? failure.invalid({ issues }) : { ok: true, overrides };
}
