import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import { rankAlternatives } from "~/domain/scoring";
import { recurrenceLabel, recurrenceLabels } from "~/domain/rfq/categories";
import { buildComparisonExport, gateLabel, roundScore, toCsv } from "./export-table";
import { buildRankingInput, mandatoryCertificationKey, type QuoteForRanking } from "./ranking-input";
import { workUnderstanding } from "./test-fixtures";

const rfq = fixtureRfq();
const valid = { verificationStatus: "verified" as const, validFrom: "2025-01-01", validUntil: "2028-12-31" };
const certs = [
  { type: "isms_iso27001" as const, ...valid },
  { type: "privacy_mark" as const, ...valid },
];
function quote(id: string, name: string, input: ReturnType<typeof quoteA>, certifications = certs): QuoteForRanking {
  const content = quoteBaseSchema.parse(input);
  return { id, vendorName: name, content, normalized: normalizeQuoteToTco(rfq, content), certifications };
}
// Two ranked quotes and one without Pマーク (disqualified by the mandatory-certification gate).
const quotes = [quote("a", "行政サポート株式会社", quoteA()), quote("b", "Hokkaido Data", quoteB()), quote("c", "失格商事", quoteA(), [certs[0]])];
const input = buildRankingInput(rfq, quotes, "2026-11-20");
const result = rankAlternatives(input);
const x = { rfq, rfqVersion: 2, input, result, quotes, date: "2026-11-20" };

describe("buildComparisonExport", () => {
  it("puts ranked quotes first in rank order, then the disqualified, three columns each (the unrounded score hidden)", () => {
    const e = buildComparisonExport(x, "ja");
    const ranked = result.ranking.map((r) => quotes.find((q) => q.id === r.id)!.vendorName);
    expect(e.sideBySide.header).toEqual(["評価項目", "重み", ...[...ranked, "失格商事"].flatMap((n) => [`${n} 値`, `${n} 得点`, `${n} 得点（端数処理前）`])]);
    expect(e.sideBySide.hiddenColumns!.map((i) => e.sideBySide.header[i])).toEqual([...ranked, "失格商事"].map((n) => `${n} 得点（端数処理前）`));
  });

  it("gives each criterion its raw value and 0–100 score from the module, and yen TCO rows", () => {
    const e = buildComparisonExport(x, "en");
    const first = result.ranking[0];
    const tcoRow = e.sideBySide.rows.find((r) => r[0].value === rfq.criteria.find((c) => c.key === "tco")!.label.en)!;
    const tcoContribution = first.contributions.find((c) => c.criterion === "tco")!;
    expect(tcoRow[2]).toEqual({ value: tcoContribution.value, format: "yen" });
    expect(tcoRow[3]).toEqual({ value: roundScore(tcoContribution.score!), format: "score" });
    expect(tcoRow[4]).toEqual({ value: tcoContribution.score, format: "number" });
    const totals = e.sideBySide.rows.find((r) => r[0].value === "Total score")!;
    expect(totals[2].value).toBe(roundScore(first.score));
    expect(totals[4].value).toBe(first.score);
    const ranks = e.sideBySide.rows.find((r) => r[0].value === "Rank")!;
    expect(ranks.filter((_, i) => i >= 2 && (i - 2) % 3 === 0).map((c) => c.value)).toEqual([...result.ranking.map((r) => r.rank), null]);
  });

  it("says beside an evaluator-rated value whether it is the chair's consensus or the mean of n ratings", () => {
    const rated = { ...rfq, criteria: [...rfq.criteria, workUnderstanding()] };
    const withRatings = quotes.map((q, i) => ({ ...q, ratings: { work_understanding: 3 + i } }));
    const ratedInput = buildRankingInput(rated, withRatings, "2026-11-20");
    const ratedBasis = { a: { work_understanding: { basis: "consensus" as const, n: 2 } }, b: { work_understanding: { basis: "mean" as const, n: 2 } } };
    const e = buildComparisonExport({ ...x, rfq: rated, input: ratedInput, result: rankAlternatives(ratedInput), quotes: withRatings, ratedBasis }, "ja");
    const row = e.sideBySide.rows.find((r) => r[0].value === "業務理解度: 評価の根拠")!;
    const ids = [...rankAlternatives(ratedInput).ranking.map((r) => r.id), "c"];
    expect(ids.map((id, i) => [id, row[2 + i * 3]!.value])).toEqual(ids.map((id) => [id, id === "a" ? "合議" : id === "b" ? "平均 (2)" : null]));
  });

  it("explains a disqualification in the reader's language and shows the failed gate as ×", () => {
    const e = buildComparisonExport(x, "ja");
    const last = e.sideBySide.rows.at(-1)!;
    expect(last[0].value).toBe("失格");
    expect(String(last.at(-3)!.value)).toContain(result.disqualified[0].reasons[0].message.ja);
    const gateRow = e.sideBySide.rows.find((r) => r[0].value === input.criteria.find((c) => c.key === mandatoryCertificationKey("privacy_mark"))!.label.ja)!;
    expect(gateRow.at(-3)!.value).toBe("×");
  });

  it("follows a claimed rate with the evidence: state, claim, effective value and the record, for every quote", () => {
    // Vendor a's record on accuracy: 992 of 1,000 (99.2%) against a claim of 99.9%; b and c have none.
    const withRecord = quotes.map((q) => (q.id === "a" ? { ...q, evidence: { accuracy: { successes: 992, trials: 1000 } } } : q));
    const evidenceInput = buildRankingInput(rfq, withRecord, "2026-11-20");
    const evidenceResult = rankAlternatives(evidenceInput);
    const e = buildComparisonExport({ ...x, input: evidenceInput, result: evidenceResult, quotes: withRecord }, "ja");
    const ids = [...evidenceResult.ranking.map((r) => r.id), ...evidenceResult.disqualified.map((d) => d.id)];
    const column = (id: string) => 2 + ids.indexOf(id) * 3;
    const row = (suffix: string) => e.sideBySide.rows.find((r) => r[0].value === `処理の正確性: ${suffix}`)!;
    const accuracyIndex = e.sideBySide.rows.findIndex((r) => r[0].value === "処理の正確性");
    expect(e.sideBySide.rows[accuracyIndex + 1][0].value).toBe("処理の正確性: 実績の確認");

    expect(row("実績の確認")[column("a")].value).toBe("実績で補正");
    expect(row("実績の確認")[column("b")].value).toBe("未検証（自己申告）");
    expect(row("申告値")[column("a")]).toEqual({ value: 0.999, format: "percent" });
    expect(row("実効値（実績で補正）")[column("a")].value).toBeCloseTo((0.999 * 10 + 992) / 1010, 12);
    expect(row("実効値（実績で補正）")[column("b")].value).toBe(0.998);
    expect(row("実績: 該当件数")[column("a")].value).toBe(992);
    expect(row("実績: 観測件数")[column("a")].value).toBe(1000);
    expect(row("実績: 観測件数")[column("b")].value).toBeNull();
    // The disqualified quote's claim is still shown, unverified.
    expect(row("実績の確認")[column("c")].value).toBe("未検証（自己申告）");
    // Non-rate criteria get no evidence rows.
    expect(e.sideBySide.rows.some((r) => String(r[0].value).startsWith("処理リードタイム: "))).toBe(false);
  });

  it("lists every quote line in yen and ends each quote with its TCO", () => {
    const e = buildComparisonExport(x, "ja");
    const linesOfA = e.rawQuotes.rows.filter((r) => r[0].value === "行政サポート株式会社");
    expect(linesOfA.slice(0, quotes[0].normalized.lines.length).map((r) => r[1].value)).toEqual(quotes[0].normalized.lines.map((l) => l.code));
    // Each line in words beside its code: the RFQ's description and the recurrence's label, not its code.
    expect(linesOfA.slice(0, 3).map((r) => [r[1].value, r[2].value, r[3].value])).toEqual([
      ["INIT", "業務設計・マニュアル整備", "一時（初回のみ）"],
      ["OPS", "運用管理（月額）", "月額"],
      ["DOC", "申請書類の審査・入力", "従量（件数×単価、月間数量）"],
    ]);
    expect(linesOfA.at(-1)).toEqual(expect.arrayContaining([{ value: "TCO（税抜）" }, { value: quotes[0].normalized.tco, format: "yen" }]));
  });

  it("records the method (named as on the page), RFQ version and date with the weights", () => {
    const e = buildComparisonExport(x, "en");
    const meta = Object.fromEntries(e.criteria.rows.filter((r) => r.length === 2).map((r) => [r[0].value, r[1].value]));
    expect(meta).toMatchObject({ "RFQ version": 2, Prepared: "2026-11-20", "Scoring method": "Weighted sum on target scales (absolute)" });
    const ja = buildComparisonExport(x, "ja");
    expect(ja.criteria.rows.find((r) => r[0].value === "評価方式")![1].value).toBe("加重和（目標スケール・絶対評価）");
    const weights = e.criteria.rows.filter((r) => r.length === 6).map((r) => r[4].value as number);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 10);
  });
});

describe("labels, not codes", () => {
  const codes = /^(per_unit|one_off|monthly|internalProcess|financial|customer|learningGrowth|weighted-sum-\w+|topsis)$|\{"/;
  const cells = (e: ReturnType<typeof buildComparisonExport>) =>
    [e.sideBySide, e.rawQuotes, e.criteria]
      .flatMap((table) => [...table.header, ...table.rows.flat().map((c) => c.value)])
      .filter((v) => typeof v === "string");

  it.each(["ja", "en"] as const)("no sheet shows a code in %s: perspectives, gates and recurrences are words", (locale) => {
    const e = buildComparisonExport(x, locale);
    expect(cells(e).filter((v) => codes.test(v as string))).toEqual([]);
    const row = (ja: string, en: string) => e.criteria.rows.find((r) => r[0].value === (locale === "ja" ? ja : en))!;
    expect(row("処理の正確性", "Accuracy")[1].value).toBe(locale === "ja" ? "業務プロセスの視点" : "Internal process");
    expect(row("処理の正確性", "Accuracy")[5].value).toBe(locale === "ja" ? "下限 99.5%" : "At least 99.5%");
    const pmark = input.criteria.find((c) => c.key === mandatoryCertificationKey("privacy_mark"))!.label;
    expect(row(pmark.ja, pmark.en)[5].value).toBe(locale === "ja" ? "必須" : "Required");
  });

  it("words every gate with its unit, and every recurrence the vocabulary has (kinds added later included)", () => {
    expect(gateLabel({ min: 3, max: 10 }, "count", "ja")).toBe("下限 3 / 上限 10");
    expect(gateLabel({ max: 12_000_000 }, "yen", "en")).toBe("At most ¥12,000,000");
    expect(gateLabel(undefined, "yen", "en")).toBe("");
    for (const [code, text] of Object.entries(recurrenceLabels)) {
      expect(recurrenceLabel(code, "ja")).toBe(text.ja);
      expect(recurrenceLabel(code, "en")).toBe(text.en);
    }
  });

  it("rounds scores to two decimals for reading and keeps the full value beside them", () => {
    expect([roundScore(87.654321), roundScore(0.005), roundScore(-1.235), roundScore(null)]).toEqual([87.65, 0.01, -1.24, null]);
    const e = buildComparisonExport(x, "ja");
    const scores = e.sideBySide.rows.flatMap((r) => r.filter((c) => c.format === "score").map((c) => c.value as number | null));
    expect(scores.filter((v) => v !== null).length).toBeGreaterThan(3);
    expect(scores.every((v) => v === null || Math.abs(v * 100 - Math.round(v * 100)) < 1e-9)).toBe(true);
  });
});

describe("toCsv", () => {
  it("keeps negative numbers numbers and defuses text that starts like a formula", () => {
    const csv = toCsv({
      header: ["a"],
      rows: [[{ value: -0.25 }, { value: "-1+2" }, { value: "+81 3" }, { value: "@SUM(A1)" }, { value: "\tx" }, { value: "\rx" }, { value: "－1" }]],
    });
    expect(csv.split("\r\n")[1]).toBe("-0.25,'-1+2,'+81 3,'@SUM(A1),'\tx,\"'\rx\",'－1");
  });

  it("starts with a BOM, quotes separators and defuses formulas", () => {
    const csv = toCsv({ header: ["名前", "a,b"], rows: [[{ value: '=HYPERLINK("x")' }, { value: 1200 }]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF名前,"a,b"\r\n"\'=HYPERLINK(""x"")",1200\r\n');
  });
});
