import { describe, expect, it } from "vitest";
import { debriefFor } from "./debrief";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { CEILING_PRICE_KEY, MINIMUM_PRICE_KEY } from "~/domain/comparison/ranking-input";

// A quote disqualified by a municipality's price rule (decision 0049): its debrief names the rule in words and
// states no amount — the gate has no comparison row, and its reason never held one.
const view = {
  orderedBy: "database",
  title: "庁舎清掃業務",
  rfqVersion: 1,
  method: "weighted-sum-minmax",
  rfqMethod: "weighted-sum-minmax",
  relative: true,
  whatIf: false,
  rows: [],
  columns: [{ id: "q-win", vendorName: "勝者株式会社", rank: 1, score: 80, tco: 1, roi: null, contractValue: 1, cells: {} }],
  disqualified: [
    {
      id: "q-above",
      vendorName: "超過株式会社",
      tco: 9_999_999,
      reasons: [{ criterion: CEILING_PRICE_KEY, message: { ja: "予定価格超過", en: "Above the ceiling price" } }],
      expiringCertifications: [],
    },
    {
      id: "q-below",
      vendorName: "未満株式会社",
      tco: 1_111_111,
      reasons: [{ criterion: MINIMUM_PRICE_KEY, message: { ja: "最低制限価格未満", en: "Below the minimum price" } }],
      expiringCertifications: [],
    },
  ],
} as unknown as ComparisonView;

describe("the debrief of a quote disqualified by a price rule", () => {
  it("names 予定価格 / 最低制限価格 in words, with no message and no amount", () => {
    const award = { winnerQuoteId: "q-win", reason: "総合評価" };
    expect(debriefFor(view, "q-above", award)?.requirements).toEqual([
      { criterion: CEILING_PRICE_KEY, label: { ja: "予定価格", en: "Ceiling price" }, message: null },
    ]);
    expect(debriefFor(view, "q-below", award)?.requirements).toEqual([
      { criterion: MINIMUM_PRICE_KEY, label: { ja: "最低制限価格", en: "Minimum price" }, message: null },
    ]);
    expect(JSON.stringify(debriefFor(view, "q-above", award))).not.toMatch(/9999999|1111111/);
  });
});
