import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, parseAgreementInput, type AgreementLevel, type Ratings } from "./agreement";
import { ScoringInputError } from "./errors";

// The worked example of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
// observers, twelve units, values 1–5 with missing data (unit 12 has one value and is not pairable). The paper
// gives α = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio).
const row = (values: (number | null)[]) => Object.fromEntries(values.map((v, i) => [`u${i + 1}`, v]));
const PAPER: Ratings = {
  A: row([1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null]),
  B: row([1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3]),
  C: row([null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null]),
  D: row([1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]),
};

describe("krippendorffAlpha", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as [AgreementLevel, number][])("reproduces the paper's %s alpha (%s) to 3 decimals", (level, alpha) => {
    const a = krippendorffAlpha({ level, ratings: PAPER });
    expect(a.alpha!.toFixed(3)).toBe(alpha.toFixed(3));
    // 11 pairable units (unit 12 has one value), 40 pairable values.
    expect([a.units, a.pairableValues]).toEqual([11, 40]);
  });

  it("gives the paper's disagreements at the nominal level: D_o = 8/40, D_e from the marginals", () => {
    const a = krippendorffAlpha({ level: "nominal", ratings: PAPER });
    // The off-diagonal cells of the paper's coincidence matrix add up to 8 (observed mismatches), so D_o = 8/40, and
    // α = 1 − (n − 1)·8 / (n² − Σ n_c²) = 1 − 39·8/1216 = 0.743.
    expect(a.observedDisagreement).toBeCloseTo(8 / 40, 12);
    // Marginals n_1..n_5 = 9, 13, 10, 5, 3: D_e = (40² − Σ n_c²) / (40 · 39).
    expect(a.expectedDisagreement).toBeCloseTo((1600 - (81 + 169 + 100 + 25 + 9)) / (40 * 39), 12);
  });

  it("is 1 for perfect agreement and undefined (null) when nothing varies", () => {
    const perfect = { a: { x: 1, y: 3, z: 5 }, b: { x: 1, y: 3, z: 5 } };
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) expect(krippendorffAlpha({ level, ratings: perfect }).alpha).toBe(1);
    expect(krippendorffAlpha({ level: "interval", ratings: { a: { x: 2, y: 2 }, b: { x: 2, y: 2 } } }).alpha).toBeNull();
  });

  it("ignores units with fewer than two values", () => {
    const base = { a: { x: 1, y: 2 }, b: { x: 1, y: 3 } };
    const withLone = { a: { ...base.a, lone: 5 }, b: base.b };
    expect(krippendorffAlpha({ level: "interval", ratings: withLone })).toEqual(krippendorffAlpha({ level: "interval", ratings: base }));
  });

  const ratingsArb = fc
    .array(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 5 })
    .map((rows) => rows.map((values) => values.map((v, i) => [`u${i}`, v] as const)));

  it("does not change when evaluators are relabelled or units reordered (property)", () => {
    fc.assert(
      fc.property(ratingsArb, fc.constantFrom<AgreementLevel>("nominal", "ordinal", "interval"), (rows, level) => {
        const ratings = Object.fromEntries(rows.map((r, i) => [`e${i}`, Object.fromEntries(r)]));
        const relabelled = Object.fromEntries(rows.map((r, i) => [`z${rows.length - i}`, Object.fromEntries([...r].reverse())]));
        const a = krippendorffAlpha({ level, ratings }).alpha;
        const b = krippendorffAlpha({ level, ratings: relabelled }).alpha;
        if (a === null) expect(b).toBeNull();
        else expect(b).toBeCloseTo(a, 10);
      }),
    );
  });

  it("refuses bad input field by field, in English and Japanese", () => {
    try {
      parseAgreementInput({ level: "bogus", ratings: { a: { x: "3" } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringInputError);
      const issues = (e as ScoringInputError).issues;
      expect(issues.map((i) => i.path)).toEqual(["level", "ratings.a.x"]);
      expect(issues[1]!.message.ja).toContain("数値または null");
    }
  });
});
