import { describe, expect, it } from "vitest";
import type { ComparisonCell, ComparisonColumn, ComparisonRow, ComparisonView } from "~/domain/comparison/comparison-view";
import { debriefFor } from "./debrief";

// Sentinels: numbers and names that belong to someone other than the reader. None may appear anywhere in the
// JSON of a debrief except the winner's name and total score.
const OTHER_PRICE = 98_765_431;
const OTHER_KPI = 0.987_654_3;
const OTHER_SCORE = 77.777_7;
const OTHER_CONTRIBUTION = 33.333_1;
const OTHER_TCO = 55_544_433;
const OWN_TCO = 12_121_212;
const WINNER_TCO = 44_332_211;

const row = (key: string, extra: Partial<ComparisonRow>): ComparisonRow => ({
  key,
  label: { ja: `基準${key}`, en: `Criterion ${key}` },
  perspective: "internalProcess",
  direction: "benefit",
  unit: "rate",
  source: "kpi_commitment",
  weight: 1,
  rfqWeight: 1,
  share: 0.5,
  gate: false,
  awaitingRatings: false,
  ...extra,
});

const cell = (value: number, score: number, contribution: number): ComparisonCell => ({
  value,
  score,
  weighted: score / 1000,
  contribution,
  badge: "verified",
  claim: value,
  effective: value,
  evidence: { successes: 7919, trials: 8831 },
});

const column = (id: string, vendorName: string, rank: number, score: number, tco: number, cells: Record<string, ComparisonCell>): ComparisonColumn => ({
  id,
  vendorName,
  rank,
  score,
  tco,
  roi: 0.4242,
  contractValue: tco - 1,
  cells,
  perspectives: { financial: score, customer: null, internalProcess: score, learningGrowth: null },
  dominatedBy: [],
  mandatoryMet: true,
  certifications: [{ type: "privacy_mark", verified: true, validUntil: "2031-03-31" }],
  expiringCertifications: [],
});

const view: ComparisonView = {
  orderedBy: "database",
  title: "庁舎清掃業務",
  rfqVersion: 2,
  method: "weighted-sum-minmax",
  rfqMethod: "weighted-sum-minmax",
  relative: true,
  whatIf: false,
  rows: [row("tco", { perspective: "financial", direction: "cost", unit: "yen", source: "price", share: 0.6 }), row("accuracy", { share: 0.4, gate: true })],
  columns: [
    column("q-win", "勝者システム株式会社", 1, 81.25, WINNER_TCO, { tco: cell(WINNER_TCO, 90, 54), accuracy: cell(0.95, 67.5, 27) }),
    column("q-own", "読者ソフト株式会社", 2, 64.5, OWN_TCO, { tco: cell(OWN_TCO, 70, 42), accuracy: cell(0.9125, 56.25, 22.5) }),
    column("q-other", "他社データ株式会社", 3, OTHER_SCORE, OTHER_TCO, {
      tco: cell(OTHER_PRICE, OTHER_SCORE, OTHER_CONTRIBUTION),
      accuracy: cell(OTHER_KPI, OTHER_SCORE, OTHER_CONTRIBUTION),
    }),
  ],
  disqualified: [
    {
      id: "q-out",
      vendorName: "失格テック株式会社",
      tco: 66_655_544,
      reasons: [
        {
          criterion: "accuracy",
          message: { ja: "「基準accuracy」が 0.8 で、下限 0.9 を下回っています。", en: '"Criterion accuracy" is 0.8, below the minimum of 0.9.' },
        },
        {
          criterion: "tco",
          message: { ja: "「TCO」が 66,655,544 で、上限 50,000,001 を上回っています。", en: "TCO is 66,655,544, above the maximum of 50,000,001." },
        },
      ],
      expiringCertifications: [],
    },
  ],
  hidden: 0,
  explanations: [{ upper: "勝者システム株式会社", lower: "他社データ株式会社", text: { ja: "他社データ株式会社より上", en: "above 他社データ株式会社" } }],
  robustness: { winner: "q-win", stability: 0.913 },
  stability: null,
  awaitingReconfirmation: [{ id: "q-late", vendorName: "再確認待ち株式会社" }],
  awaitingRatings: [],
  certificationTypes: ["privacy_mark"],
  mandatoryCertificationTypes: [],
};

const award = { winnerQuoteId: "q-win", reason: "価格と精度の総合点が最も高いため" };

describe("debriefFor", () => {
  it("gives a not-selected vendor its own rank and scores, the winner's name and total, and the reason", () => {
    const d = debriefFor(view, "q-own", award)!;
    expect(d).toEqual({
      view: "debrief",
      quoteId: "q-own",
      title: "庁舎清掃業務",
      method: "weighted-sum-minmax",
      outcome: "ranked",
      rank: 2,
      score: 64.5,
      criteria: [
        { key: "tco", label: { ja: "基準tco", en: "Criterion tco" }, unit: "yen", share: 0.6, value: null, withheld: true, score: 70, contribution: 42 },
        {
          key: "accuracy",
          label: { ja: "基準accuracy", en: "Criterion accuracy" },
          unit: "rate",
          share: 0.4,
          value: 0.9125,
          withheld: false,
          score: 56.25,
          contribution: 22.5,
        },
      ],
      requirements: [],
      winner: { name: "勝者システム株式会社", score: 81.25 },
      reason: "価格と精度の総合点が最も高いため",
    });
  });

  it("carries nothing of another vendor, and no TCO/ROI — checked on the whole JSON", () => {
    for (const id of ["q-own", "q-other", "q-out"]) {
      const json = JSON.stringify(debriefFor(view, id, award));
      const others = view.columns.filter((c) => c.id !== id && c.id !== "q-win");
      for (const c of others) {
        expect(json).not.toContain(c.vendorName);
        expect(json).not.toContain(String(c.score));
        for (const k of Object.keys(c.cells)) {
          expect(json).not.toContain(String(c.cells[k]!.value));
          expect(json).not.toContain(String(c.cells[k]!.contribution));
        }
      }
      if (id !== "q-out") expect(json).not.toContain("失格テック");
      for (const secret of [OTHER_PRICE, OTHER_KPI, OTHER_CONTRIBUTION, OTHER_TCO, OWN_TCO, WINNER_TCO, 66_655_544, 50_000_001, 0.4242, 0.913, 7919, 8831]) {
        if (id === "q-other" && [OTHER_KPI, OTHER_CONTRIBUTION].includes(secret)) continue; // its own figures
        expect(json).not.toContain(String(secret));
      }
      // The winner's per-criterion figures and rank-order explanations are not the reader's.
      // The winner's per-criterion figures are not the reader's (compared as numbers: short ones hide inside others).
      const figures = (JSON.parse(json) as { criteria: { score: number; contribution: number; value: unknown }[] }).criteria.flatMap((c) => [
        c.score,
        c.contribution,
        c.value,
      ]);
      for (const winners of [90, 54, 67.5, 0.95, 27]) expect(figures).not.toContain(winners);
      expect(json).not.toContain("再確認待ち");
      expect(json).not.toContain("q-late");
    }
  });

  it("the third-placed vendor sees its own figures only, never the second's", () => {
    const d = debriefFor(view, "q-other", award)!;
    expect(d.rank).toBe(3);
    expect(d.criteria.find((c) => c.key === "accuracy")).toMatchObject({ value: OTHER_KPI, score: OTHER_SCORE });
    const json = JSON.stringify(d);
    for (const s of ["読者ソフト", "64.5", "0.9125", "56.25", "22.5"]) expect(json).not.toContain(s);
  });

  it("tells a disqualified vendor its own failed requirements, naming a TCO requirement without its figures", () => {
    const d = debriefFor(view, "q-out", award)!;
    expect(d).toMatchObject({ outcome: "disqualified", rank: null, score: null, criteria: [], winner: { name: "勝者システム株式会社", score: 81.25 } });
    expect(d.requirements).toEqual([
      {
        criterion: "accuracy",
        label: { ja: "基準accuracy", en: "Criterion accuracy" },
        message: { ja: "「基準accuracy」が 0.8 で、下限 0.9 を下回っています。", en: '"Criterion accuracy" is 0.8, below the minimum of 0.9.' },
      },
      { criterion: "tco", label: { ja: "基準tco", en: "Criterion tco" }, message: null },
    ]);
  });

  it("has no debrief for the winner, an unknown quote, or a winner that is not ranked", () => {
    expect(debriefFor(view, "q-win", award)).toBeNull();
    expect(debriefFor(view, "q-nobody", award)).toBeNull();
    expect(debriefFor(view, "q-own", { ...award, winnerQuoteId: "q-out" })).toBeNull();
  });
});
