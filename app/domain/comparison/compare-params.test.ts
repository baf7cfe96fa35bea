import { describe, expect, it } from "vitest";
import { isRelativeMethod, parseCompareParams } from "./compare-params";

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
