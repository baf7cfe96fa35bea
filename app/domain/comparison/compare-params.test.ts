import { describe, expect, it } from "vitest";
import { ScoringInputError, rankAlternatives } from "~/domain/scoring";
import { allWeightsZero, isRelativeMethod, parseCompareParams, parseWeight, readWhatIfWeights, whatIfProblem } from "./compare-params";

const criteria = [
  { key: "tco", weight: 24 },
  { key: "accuracy", weight: 16 },
];
const parse = (qs: string) => parseCompareParams(new URLSearchParams(qs), criteria);

describe("parseCompareParams", () => {
  it("defaults to the RFQ's own weights and method, sorted by score, nothing filtered", () => {
    expect(parse("")).toEqual({ hideDisqualified: false, mandatoryMet: false, sort: "score" });
  });

  it("reads what-if weights only when they differ from the RFQ's, filling the others from it", () => {
    expect(parse("w_tco=24&w_accuracy=16").weights).toBeUndefined();
    expect(parse("w_tco=5").weights).toEqual({ tco: 5, accuracy: 16 });
    expect(parse("w_tco=5&w_unknown=9").weights).toEqual({ tco: 5, accuracy: 16 });
  });

  it("drops unreadable or impossible weights, and an all-zero set", () => {
    expect(parse("w_tco=-1").weights).toBeUndefined();
    expect(parse("w_tco=abc").weights).toBeUndefined();
    expect(parse("w_tco=0&w_accuracy=0").weights).toBeUndefined();
  });

  it("accepts a known method, filters and a sort by a known criterion only", () => {
    const p = parse("method=topsis&hideDisqualified=1&mandatoryMet=1&cert=privacy_mark&tcoMin=1,000,000&tcoMax=2000000&sort=accuracy");
    expect(p).toEqual({
      method: "topsis",
      hideDisqualified: true,
      mandatoryMet: true,
      certType: "privacy_mark",
      tcoMin: 1_000_000,
      tcoMax: 2_000_000,
      sort: "accuracy",
    });
    expect(parse("method=magic&sort=drop_table").method).toBeUndefined();
    expect(parse("sort=drop_table").sort).toBe("score");
  });

  it("knows which methods are relative", () => {
    expect(isRelativeMethod("weighted-sum-target")).toBe(false);
    expect(isRelativeMethod("weighted-sum-minmax")).toBe(true);
    expect(isRelativeMethod("topsis")).toBe(true);
  });
});

describe("what-if weights, field by field", () => {
  it("reads numbers from 0 to 1000, also typed with full-width digits or thousands separators", () => {
    expect(parseWeight("30")).toBe(30);
    expect(parseWeight(" 2.5 ")).toBe(2.5);
    expect(parseWeight("３０")).toBe(30);
    expect(parseWeight("1,000")).toBe(1000);
    expect(parseWeight("0")).toBe(0);
  });

  it("names what is wrong with a weight: negative, not a number (or blank), too large", () => {
    expect(parseWeight("-1")).toBe("weights.whatIf.negative");
    expect(parseWeight("－５")).toBe("weights.whatIf.negative");
    expect(parseWeight("abc")).toBe("weights.whatIf.notANumber");
    expect(parseWeight("")).toBe("weights.whatIf.notANumber");
    expect(parseWeight("Infinity")).toBe("weights.whatIf.notANumber");
    expect(parseWeight("1e9")).toBe("weights.whatIf.tooLarge");
  });

  it("keeps the refused weights apart, with what was typed, and applies none of them", () => {
    const read = readWhatIfWeights(new URLSearchParams("w_tco=-3&w_accuracy=abc&method=topsis"));
    expect(read.weights).toEqual({});
    expect(read.errors).toEqual({ tco: "weights.whatIf.negative", accuracy: "weights.whatIf.notANumber" });
    expect(read.typed).toEqual({ tco: "-3", accuracy: "abc" });
    // A negative weight is no longer silently dropped while the others apply.
    expect(parse("w_tco=-1&w_accuracy=50").weights).toBeUndefined();
  });

  it("knows an all-zero set, counting the RFQ's weights for criteria not typed", () => {
    expect(allWeightsZero(criteria, { tco: 0, accuracy: 0 })).toBe(true);
    expect(allWeightsZero(criteria, { tco: 0 })).toBe(false);
  });

  it("says why the module refused a what-if in the reader's language, never the developer's English", () => {
    let error: unknown;
    try {
      rankAlternatives({
        method: "weighted-sum-minmax",
        criteria: [{ key: "a", label: { ja: "A", en: "A" }, perspective: "financial", direction: "benefit", weight: 0, kind: "number" }],
        alternatives: [{ id: "x", values: { a: 1 } }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScoringInputError);
    const issues = (error as ScoringInputError).issues;
    expect(whatIfProblem(issues, "ja")).toContain("0より大きい重み");
    expect(whatIfProblem(issues, "ja")).not.toMatch(/[A-Za-z]{4,}/);
    expect(whatIfProblem(issues, "en")).toContain("Give at least one criterion a weight above 0.");
  });
});
