import { describe, expect, it } from "vitest";
import { draftMemo, type MemoDraftInput } from "./memo-draft";
import { ratingScaleOf } from "./ratings";

const criteria = [
  { key: "proposal", label: { ja: "改善提案の質", en: "Quality of proposals" }, scale: ratingScaleOf({}) },
  { key: "team", label: { ja: "体制の妥当性", en: "Team fit" }, scale: ratingScaleOf({ rating: { levels: "0-100" } }) },
];
const quotes = [
  { id: "q-a", vendorName: "Alpha 株式会社", qualifies: true },
  { id: "q-b", vendorName: "Beta 合同会社", qualifies: true },
  { id: "q-c", vendorName: "Gamma Inc.", qualifies: false },
];

const input = (over: Partial<MemoDraftInput> = {}): MemoDraftInput => ({
  locale: "ja",
  criteria,
  quotes,
  ratings: [
    { quoteId: "q-a", criterionKey: "proposal", score: 4, reason: "具体的な改善案" },
    { quoteId: "q-a", criterionKey: "proposal", score: 5, reason: "効果の試算あり" },
    { quoteId: "q-a", criterionKey: "team", score: 80, reason: "専任PM" },
    { quoteId: "q-b", criterionKey: "proposal", score: 3, reason: "一般的" },
    { quoteId: "q-b", criterionKey: "team", score: 60, reason: "兼任" },
    // The best-rated quote fails a gate: it may not be recommended.
    { quoteId: "q-c", criterionKey: "proposal", score: 5, reason: "最良" },
    { quoteId: "q-c", criterionKey: "team", score: 100, reason: "最良" },
  ],
  annotations: [
    { quoteId: "q-a", criterionKey: "proposal", kind: "strength", body: "運用改善の実績が豊富" },
    { quoteId: "q-a", criterionKey: null, kind: "risk", body: "繁忙期の要員確保" },
    { quoteId: "q-a", criterionKey: null, kind: "question", body: "夜間対応の体制は？" },
    { quoteId: "q-b", criterionKey: null, kind: "risk", body: "Beta のリスク" },
  ],
  ...over,
});

describe("draftMemo", () => {
  it("recommends the best-rated qualifying quote, with the means and reasons per criterion", () => {
    const d = draftMemo(input());
    expect(d.quoteId).toBe("q-a");
    expect(d.rationale).toContain("Alpha 株式会社 の見積を推薦します。");
    expect(d.rationale).toContain("改善提案の質: 平均 4.5 / 5（2名の評価） 理由: 具体的な改善案 / 効果の試算あり");
    expect(d.rationale).toContain("体制の妥当性: 平均 80 / 100（1名の評価） 理由: 専任PM");
    // Its own annotations: the strength in the rationale, the risk in risks, the question as a condition.
    expect(d.rationale).toContain("・改善提案の質: 運用改善の実績が豊富");
    expect(d.risks).toBe("・繁忙期の要員確保");
    expect(d.conditions).toBe("次の点の確認を条件とします:\n・夜間対応の体制は？");
    // Another quote's risk is not the recommended quote's risk.
    expect(d.risks).not.toContain("Beta");
    // The summary orders by the normalized mean: Gamma (disqualified) first, then Alpha, then Beta.
    expect(d.summary.map((s) => s.quoteId)).toEqual(["q-c", "q-a", "q-b"]);
    // Alpha: (0.875 + 0.8) / 2.
    expect(d.summary[1]!.normalizedMean).toBeCloseTo(0.8375, 10);
  });

  it("writes English for an English-speaking author", () => {
    const d = draftMemo(input({ locale: "en" }));
    expect(d.rationale).toContain("We recommend the quote of Alpha 株式会社.");
    expect(d.rationale).toContain("Quality of proposals: mean 4.5 of 5 (2 ratings) Reasons: 具体的な改善案 / 効果の試算あり");
    expect(d.conditions.startsWith("On condition that the following is confirmed:")).toBe(true);
  });

  it("recommends nothing without ratings, and then lists every quote's annotations by vendor", () => {
    const d = draftMemo(input({ ratings: [] }));
    expect(d.quoteId).toBeNull();
    expect(d.rationale).toContain("推薦する見積は選ばれていません");
    expect(d.risks).toBe("・Alpha 株式会社: 繁忙期の要員確保\n・Beta 合同会社: Beta のリスク");
  });

  it("breaks a tie by the number of criteria rated, then by name, never by input order", () => {
    const tied: MemoDraftInput["ratings"] = [
      { quoteId: "q-b", criterionKey: "proposal", score: 4, reason: "" },
      { quoteId: "q-a", criterionKey: "proposal", score: 4, reason: "" },
    ];
    expect(draftMemo(input({ ratings: tied, annotations: [] })).quoteId).toBe("q-a");
    expect(draftMemo(input({ ratings: [...tied].reverse(), annotations: [] })).quoteId).toBe("q-a");
    const wider = [...tied, { quoteId: "q-b", criterionKey: "team", score: 75, reason: "" }];
    expect(draftMemo(input({ ratings: wider, annotations: [] })).quoteId).toBe("q-b");
  });
});
