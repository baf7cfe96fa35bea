import type { TcoBreakdown } from "~/domain/quote/normalize";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { lowQuoteReasonsText } from "~/domain/insight/low-quote-words";
import type { Quote } from "~/domain/quote/schema";
import { perspectiveLabels, recurrenceLabel, scoringMethodLabels, type LocalizedText } from "~/domain/rfq/categories";
import type { Rfq } from "~/domain/rfq/schema";
import {
  credibilityOf,
  DEFAULT_PRIOR_STRENGTH,
  type Contribution,
  type CredibilityDetail,
  type Gate,
  type RankingInput,
  type RankingResult,
} from "~/domain/scoring";
import { t } from "~/i18n";
import { credibilityBadge } from "./comparison-view";
import { isClaimedRate } from "./ranking-input";
import { missedKpiRisk } from "./kpi-risk";

// The comparison as plain tables, for the Excel and CSV downloads: pure, so the cells a buyer
// pastes into a 稟議 are tested without opening a workbook. Numbers stay numbers (the writer
// gives yen cells a ¥ format); every code (recurrence, perspective, gate, method) is a label in the
// reader's language; scores are rounded for reading, with the full precision in a column of its own
// (hidden in the workbook, an extra column in the CSV).

export type Locale = "ja" | "en";
export type CellFormat = "yen" | "percent" | "score" | "number";
export interface ExportCell {
  value: string | number | null;
  format?: CellFormat;
}
export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
  /** Columns (0-based) kept for recalculation, not for reading: hidden in the workbook, present in the CSV. */
  hiddenColumns?: number[];
}

export interface ExportQuote {
  id: string;
  vendorName: string;
  content: Quote;
  normalized: TcoBreakdown;
}

export interface ComparisonExportInput {
  rfq: Rfq;
  rfqVersion: number;
  /** What was ranked: the same input the module saw, with any what-if weights applied. */
  input: RankingInput;
  result: RankingResult;
  quotes: ExportQuote[];
  /** YYYY-MM-DD (Japan) the report was prepared. */
  date: string;
  /** The quotes to export, in this order (the page's filters and sort); all of them, ranked first, when absent. */
  order?: string[];
  /** How many quotes the page's filters left out: the file says so, so it is not taken for the whole comparison. */
  hiddenByFilters?: number;
  /** Criteria left out of the ranking until evaluator ratings are in: listed on the criteria sheet as such. */
  awaitingRatings?: string[];
  /** Per quote and evaluator-rated criterion, where its value comes from: the chair's consensus or the mean of n. */
  ratedBasis?: Record<string, Record<string, { basis: "consensus" | "mean"; n: number }>>;
  /** Abnormally low quotes' reasons by quote id (decision 0051): a 「著しい低価格」 row under the TCO when any is flagged. */
  abnormallyLow?: Record<string, LowQuoteReason[]>;
}

export interface ComparisonExport {
  title: string;
  sheetNames: { sideBySide: string; rawQuotes: string; criteria: string };
  sideBySide: ExportTable;
  rawQuotes: ExportTable;
  criteria: ExportTable;
}

const L = {
  ja: {
    sheets: { sideBySide: "比較表", rawQuotes: "見積明細", criteria: "評価基準と重み" },
    criterion: "評価項目",
    weight: "重み",
    value: "値",
    score: "得点",
    total: "合計点",
    closeness: "近接度（×100）",
    rank: "順位",
    tco: "TCO（税抜）",
    roi: "ROI",
    disqualified: "失格",
    reasons: "失格理由",
    yes: "○",
    no: "×",
    vendor: "見積者",
    line: "明細コード",
    recurrence: "計上区分",
    quantity: "数量",
    unitPrice: "単価",
    payments: "回数",
    amountAsEntered: "金額（入力どおり）",
    amountExcludingTax: "金額（税抜）",
    taxBasis: "税区分",
    taxRate: "税率（%）",
    included: "税込",
    excluded: "税抜",
    setupFee: "初期費用",
    transitionFee: "引継ぎ費用",
    contractExcl: "契約額（税抜）",
    tax: "消費税額",
    contractIncl: "契約額（税込）",
    overhead: "管理工数",
    transitionEffort: "引継ぎ工数",
    perspective: "視点",
    direction: "方向",
    benefit: "高いほど良い",
    cost: "低いほど良い",
    gate: "足切り",
    normalizedWeight: "重み（正規化）",
    method: "評価方式",
    version: "見積依頼の版",
    date: "作成日",
    rfq: "見積依頼",
    evidence: "実績の確認",
    claim: "申告値",
    effective: "実効値（実績で補正）",
    successes: "実績: 該当件数",
    trials: "実績: 観測件数",
    risk: "未達リスク（目標を下回る確率）",
    badge: { verified: "実績で確認済み", shrunk: "実績で補正", unverified: "未検証（自己申告）" },
  },
  en: {
    sheets: { sideBySide: "Comparison", rawQuotes: "Quote lines", criteria: "Criteria and weights" },
    criterion: "Criterion",
    weight: "Weight",
    value: "Value",
    score: "Score",
    total: "Total score",
    closeness: "Closeness (×100)",
    rank: "Rank",
    tco: "TCO (excl. tax)",
    roi: "ROI",
    disqualified: "Disqualified",
    reasons: "Reasons",
    yes: "Yes",
    no: "No",
    vendor: "Vendor",
    line: "Line code",
    recurrence: "Recurrence",
    quantity: "Quantity",
    unitPrice: "Unit price",
    payments: "Payments",
    amountAsEntered: "Amount (as entered)",
    amountExcludingTax: "Amount (excl. tax)",
    taxBasis: "Tax basis",
    taxRate: "Tax rate (%)",
    included: "Tax included",
    excluded: "Tax excluded",
    setupFee: "Setup fee",
    transitionFee: "Transition fee",
    contractExcl: "Contract value (excl. tax)",
    tax: "Consumption tax",
    contractIncl: "Contract value (incl. tax)",
    overhead: "Management overhead",
    transitionEffort: "Transition effort",
    perspective: "Perspective",
    direction: "Direction",
    benefit: "Higher is better",
    cost: "Lower is better",
    gate: "Gate",
    normalizedWeight: "Weight (normalized)",
    method: "Scoring method",
    version: "RFQ version",
    date: "Prepared",
    rfq: "RFQ",
    evidence: "Evidence",
    claim: "Claim",
    effective: "Effective (adjusted by the record)",
    successes: "Record: events counted",
    trials: "Record: observations",
    risk: "Risk of missing the target",
    badge: { verified: "Verified", shrunk: "Adjusted by evidence", unverified: "Unverified (claim)" },
  },
} as const;

const cell = (value: ExportCell["value"], format?: CellFormat): ExportCell => (format ? { value, format } : { value });

/** Decimals a score is shown with in the downloads (the page shows one; two keep ties visible). */
export const SCORE_DECIMALS = 2;
/** A score as read: rounded half away from zero to SCORE_DECIMALS (the full value sits in its hidden column). */
export function roundScore(score: number | null): number | null {
  if (score === null) return null;
  const f = 10 ** SCORE_DECIMALS;
  return (Math.sign(score) * Math.round(Math.abs(score) * f + Number.EPSILON)) / f;
}

const labelOf = (table: Record<string, LocalizedText>, code: string, locale: Locale) => table[code]?.[locale] ?? code;
export const perspectiveLabel = (code: string, locale: Locale) => labelOf(perspectiveLabels, code, locale);
/** The method as the comparison page names it. */
export const methodLabel = (code: string, locale: Locale) => labelOf(scoringMethodLabels, code, locale);

/** A gate in words with the criterion's unit: 「必須」, 「下限 99.5%」, 「下限 3 / 上限 10」. */
export function gateLabel(gate: Gate | undefined, unit: string | undefined, locale: Locale): string {
  if (!gate) return "";
  if ("required" in gate) return t(locale, "rfq.field.criterion.gate.required");
  const amount = (v: number) =>
    unit === "yen"
      ? `¥${v.toLocaleString("ja-JP")}`
      : unit === "rate"
        ? `${Number((v * 100).toFixed(4)).toLocaleString(locale === "ja" ? "ja-JP" : "en-US")}%`
        : v.toLocaleString(locale === "ja" ? "ja-JP" : "en-US");
  const parts = [
    gate.min !== undefined ? `${t(locale, "rfq.field.criterion.gate.min")} ${amount(gate.min)}` : null,
    gate.max !== undefined ? `${t(locale, "rfq.field.criterion.gate.max")} ${amount(gate.max)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.join(" / ");
}

/** Yen criteria are money; rates are proportions (0.97 → 97%). */
function formatOf(input: ComparisonExportInput, key: string): CellFormat | undefined {
  const unit = input.rfq.criteria.find((c) => c.key === key)?.unit;
  return unit === "yen" ? "yen" : unit === "rate" ? "percent" : "number";
}

function displayValue(v: unknown, locale: Locale): string | number | null {
  if (typeof v === "boolean") return v ? L[locale].yes : L[locale].no;
  return typeof v === "number" ? v : null;
}

/** Ranked quotes first (by rank), then the disqualified ones, as the buyer reads them. */
export function orderedQuoteIds(result: RankingResult): string[] {
  return [...result.ranking.map((r) => r.id), ...result.disqualified.map((d) => d.id)];
}

export function buildComparisonExport(x: ComparisonExportInput, locale: Locale): ComparisonExport {
  const l = L[locale];
  const ids = x.order ?? orderedQuoteIds(x.result);
  const name = (id: string) => x.quotes.find((q) => q.id === id)?.vendorName ?? id;
  const totalWeight = x.input.criteria.reduce((s, c) => s + c.weight, 0) || 1;
  const topsis = x.result.method === "topsis";

  // Three columns a quote: the value, the score as read, and the score unrounded (hidden in the workbook).
  const header = [
    l.criterion,
    l.weight,
    ...ids.flatMap((id) => [`${name(id)} ${l.value}`, `${name(id)} ${l.score}`, `${name(id)} ${t(locale, "compare.export.scoreFull")}`]),
  ];
  const hiddenColumns = ids.map((_, i) => 2 + i * 3 + 2);
  const perQuote = (f: (id: string) => ExportCell, full?: (id: string) => ExportCell): ExportCell[] =>
    ids.flatMap((id) => [f(id), cell(null), full ? full(id) : cell(null)]);
  const claimed = new Set(x.rfq.criteria.filter(isClaimedRate).map((c) => c.key));
  const rows: ExportCell[][] = x.input.criteria.flatMap((c) => {
    const label = c.label[locale] || c.label.ja;
    const valueRow: ExportCell[] = [
      cell(label),
      cell(c.weight / totalWeight, "percent"),
      ...ids.flatMap((id) => {
        const contribution: Contribution | undefined = x.result.ranking.find((r) => r.id === id)?.contributions.find((k) => k.criterion === c.key);
        const raw = contribution ? contribution.value : x.input.alternatives.find((a) => a.id === id)?.values[c.key];
        const score = contribution ? (topsis ? contribution.contribution * 100 : (contribution.score ?? null)) : null;
        return [
          cell(displayValue(raw, locale), typeof raw === "number" ? formatOf(x, c.key) : undefined),
          cell(roundScore(score), "score"),
          cell(score, "number"),
        ];
      }),
    ];
    // An evaluator-rated value says what it is: 「合議」 or 「平均 (n)」 (decision 0046).
    const basisOf = (id: string) => x.ratedBasis?.[id]?.[c.key];
    if (ids.some((id) => basisOf(id))) {
      const basisRow: ExportCell[] = [
        cell(`${label}: ${t(locale, "evaluation.export.basis")}`),
        cell(null),
        ...perQuote((id) => {
          const b = basisOf(id);
          return cell(b ? (b.basis === "consensus" ? t(locale, "evaluation.basis.consensus") : t(locale, "evaluation.basis.mean", { n: b.n })) : null);
        }),
      ];
      return [valueRow, basisRow];
    }
    if (!claimed.has(c.key)) return [valueRow];
    // A claimed rate: the claim, the value scored after weighing the vendor's record, and the record itself,
    // as the page's badge shows them (disqualified quotes too: their claims were weighed the same way).
    const detail = (id: string): CredibilityDetail | null => {
      const ranked = x.result.ranking.find((r) => r.id === id)?.contributions.find((k) => k.criterion === c.key)?.credibility;
      if (ranked) return ranked;
      const alternative = x.input.alternatives.find((a) => a.id === id);
      const claim = alternative?.values[c.key];
      return typeof claim === "number" ? credibilityOf(claim, alternative?.evidence?.[c.key], c.priorStrength ?? DEFAULT_PRIOR_STRENGTH) : null;
    };
    const evidenceRow = (what: string, f: (d: CredibilityDetail) => ExportCell): ExportCell[] => [
      cell(`${label}: ${what}`),
      cell(null),
      ...perQuote((id) => (detail(id) ? f(detail(id)!) : cell(null))),
    ];
    return [
      valueRow,
      evidenceRow(l.evidence, (d) => cell(l.badge[credibilityBadge(d, c.direction)])),
      evidenceRow(l.claim, (d) => cell(d.claim, "percent")),
      evidenceRow(l.effective, (d) => cell(d.effective, "percent")),
      evidenceRow(l.successes, (d) => cell(d.verified ? d.evidence!.successes : null, "number")),
      evidenceRow(l.trials, (d) => cell(d.verified ? d.evidence!.trials : null, "number")),
      // The risk of a missed KPI (decision 0038): only where the RFQ sets a target or threshold and there is a record.
      evidenceRow(l.risk, (d) => {
        const rfqCriterion = x.rfq.criteria.find((r) => r.key === c.key);
        return cell(rfqCriterion ? (missedKpiRisk(rfqCriterion, d)?.probability ?? null) : null, "percent");
      }),
    ];
  });
  const normalized = (id: string) => x.quotes.find((q) => q.id === id)?.normalized;
  const ranked = (id: string) => x.result.ranking.find((r) => r.id === id);
  const failed = (id: string) => x.result.disqualified.find((d) => d.id === id);
  const total = (id: string) => (ranked(id) ? (topsis ? ranked(id)!.score * 100 : ranked(id)!.score) : null);
  rows.push(
    [cell(l.tco), cell(null), ...perQuote((id) => cell(normalized(id)?.tco ?? null, "yen"))],
    // The abnormally-low reasons in words and yen (only when a quote is flagged, so other files keep their rows).
    ...(ids.some((id) => x.abnormallyLow?.[id]?.length)
      ? [
          [
            cell(t(locale, "lowFlags.export.row")),
            cell(null),
            ...perQuote((id) => {
              const reasons = x.abnormallyLow?.[id];
              return cell(reasons?.length ? `${t(locale, "lowFlags.flag")}: ${lowQuoteReasonsText(reasons, locale)}` : "");
            }),
          ],
        ]
      : []),
    [cell(l.roi), cell(null), ...perQuote((id) => cell(normalized(id)?.roi ?? null, "percent"))],
    [
      cell(topsis ? l.closeness : l.total),
      cell(null),
      ...perQuote(
        (id) => cell(roundScore(total(id)), "score"),
        (id) => cell(total(id), "number"),
      ),
    ],
    [cell(l.rank), cell(null), ...perQuote((id) => cell(ranked(id)?.rank ?? null))],
    [
      cell(l.disqualified),
      cell(null),
      ...perQuote((id) =>
        cell(
          failed(id)
            ? failed(id)!
                .reasons.map((r) => r.message[locale])
                .join(" / ")
            : "",
        ),
      ),
    ],
  );

  const rawHeader = [
    l.vendor,
    l.line,
    t(locale, "compare.export.lineDescription"),
    l.recurrence,
    l.quantity,
    l.unitPrice,
    l.payments,
    l.amountAsEntered,
    l.amountExcludingTax,
    l.taxBasis,
    l.taxRate,
  ];
  const description = (code: string) => x.rfq.lineItems.find((li) => li.code === code)?.description ?? "";
  const rawRows: ExportCell[][] = [];
  for (const id of ids) {
    const q = x.quotes.find((k) => k.id === id);
    if (!q?.normalized) continue;
    const n = q.normalized;
    const basis = n.taxBasis === "included" ? l.included : l.excluded;
    for (const line of n.lines) {
      rawRows.push([
        cell(q.vendorName),
        cell(line.code),
        cell(description(line.code)),
        // The RFQ's own words for the recurrence ("契約期間中6回" for an n-times line); an unknown code shows as stored.
        cell(recurrenceLabel(line.recurrence, locale, line.payments)),
        cell(line.quantity),
        cell(line.unitPrice, "yen"),
        cell(line.payments),
        cell(line.amountAsEntered, "yen"),
        cell(line.amountExcludingTax, "yen"),
        cell(basis),
        cell(n.taxRate),
      ]);
    }
    // The TCO breakdown under the lines, one labelled amount per row, so the sum can be checked by hand.
    const breakdown: [string, number][] = [
      [l.setupFee, n.setupFee.excludingTax],
      [l.transitionFee, n.transitionFee.excludingTax],
      [l.contractExcl, n.contractValueExcludingTax],
      [l.tax, n.taxAmount],
      [l.contractIncl, n.contractValueIncludingTax],
      [l.overhead, n.managementOverhead],
      [l.transitionEffort, n.transitionEffort],
      [l.tco, n.tco],
    ];
    for (const [label, amount] of breakdown)
      rawRows.push([
        cell(q.vendorName),
        cell(label),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(amount, "yen"),
        cell(basis),
        cell(n.taxRate),
      ]);
  }

  const criteriaHeader = [l.criterion, l.perspective, l.direction, l.weight, l.normalizedWeight, l.gate];
  const criteriaRows: ExportCell[][] = x.input.criteria.map((c) => [
    cell(c.label[locale] || c.label.ja),
    cell(perspectiveLabel(c.perspective, locale)),
    cell(c.direction === "benefit" ? l.benefit : l.cost),
    cell(c.weight, "number"),
    cell(c.weight / totalWeight, "percent"),
    cell(gateLabel(c.gate, x.rfq.criteria.find((k) => k.key === c.key)?.unit, locale)),
  ]);
  for (const c of x.rfq.criteria.filter((c) => x.awaitingRatings?.includes(c.key)))
    criteriaRows.push([
      cell(c.label[locale] || c.label.ja),
      cell(perspectiveLabel(c.perspective, locale)),
      cell(null),
      cell(c.weight, "number"),
      cell(null),
      cell(t(locale, "weights.awaiting.export")),
    ]);
  criteriaRows.push(
    [cell(null)],
    [cell(l.rfq), cell(x.rfq.title)],
    [cell(l.method), cell(methodLabel(x.result.method, locale))],
    [cell(l.version), cell(x.rfqVersion)],
    [cell(l.date), cell(x.date)],
  );
  if (x.hiddenByFilters) criteriaRows.push([cell(t(locale, "compare.filters")), cell(t(locale, "compare.hidden", { n: x.hiddenByFilters }))]);

  return {
    title: x.rfq.title,
    sheetNames: { ...l.sheets },
    sideBySide: { header, rows, hiddenColumns },
    rawQuotes: { header: rawHeader, rows: rawRows },
    criteria: { header: criteriaHeader, rows: criteriaRows },
  };
}

/**
 * A cell Excel or LibreOffice would run as a formula (CSV injection): = + - @ | tab and CR, their
 * full-width forms (＝ ＋ － ＠ ｜, which Japanese IMEs type and spreadsheets normalise) and the other
 * plus/minus look-alikes, also after leading spaces. Such a cell gets a leading quote.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@|\t\r\uff1d\uff0b\uff0d\uff20\uff5c\u2212\ufe62\ufe63\ufe66]/;

/** RFC 4180 CSV of one table; a leading BOM makes Excel read the UTF-8 Japanese correctly. */
export function toCsv(table: ExportTable): string {
  const esc = (v: ExportCell["value"]) => {
    if (v === null) return "";
    const s = String(v);
    const safe = typeof v === "string" && FORMULA_START.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.header.map(esc), ...table.rows.map((r) => r.map((c) => esc(c.value)))].map((r) => r.join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
