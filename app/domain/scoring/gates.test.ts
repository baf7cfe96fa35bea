import { describe, expect, it } from "vitest";
import { evidenceFailsGate, gateFailures } from "./gates";
import type { Criterion } from "./types";

const criterion = (key: string, extra: Partial<Criterion>): Criterion => ({
  key,
  label: { ja: `${key}（ja）`, en: `${key} (en)` },
  perspective: "customer",
  direction: "benefit",
  weight: 1,
  ...extra,
});

const onTime = criterion("onTime", { kind: "rate", gate: { min: 0.95 } });
const price = criterion("price", { direction: "cost", gate: { max: 1000 } });
const band = criterion("team", { gate: { min: 3, max: 10 } });
const isms = criterion("isms", { kind: "boolean", gate: { required: true }, weight: 0 });
const criteria = [onTime, price, band, isms];

describe("gateFailures", () => {
  it("gives a criterion's own reason instead of the sentence with its bound, except for a missing value", () => {
    const ceiling = criterion("ceiling", {
      kind: "number",
      direction: "cost",
      gate: { max: 5_000_000 },
      gateMessage: { ja: "予定価格超過", en: "Above the ceiling price" },
    });
    const [above] = gateFailures([ceiling], { ceiling: 5_000_001 });
    expect(above).toEqual({ criterion: "ceiling", code: "above-max", value: 5_000_001, message: { ja: "予定価格超過", en: "Above the ceiling price" } });
    expect(JSON.stringify(above.message)).not.toContain("5,000,000");
    expect(gateFailures([ceiling], { ceiling: 5_000_000 })).toEqual([]);
    expect(gateFailures([ceiling], {})[0].message.en).toContain("No value");
  });

  it("passes values on the boundary (gates are inclusive)", () => {
    expect(gateFailures(criteria, { onTime: 0.95, price: 1000, team: 3, isms: true })).toEqual([]);
    expect(gateFailures(criteria, { onTime: 1, price: 0, team: 10, isms: true })).toEqual([]);
  });

  it("reports every failed gate, with a code, the value and a message in both languages", () => {
    expect(gateFailures(criteria, { onTime: 0.9, price: 1200, team: 11, isms: false })).toEqual([
      {
        criterion: "onTime",
        code: "below-min",
        value: 0.9,
        message: { en: '"onTime (en)" is 0.9, below the minimum of 0.95.', ja: "「onTime（ja）」が 0.9 で、下限 0.95 を下回っています。" },
      },
      {
        criterion: "price",
        code: "above-max",
        value: 1200,
        message: { en: '"price (en)" is 1,200, above the maximum of 1,000.', ja: "「price（ja）」が 1,200 で、上限 1,000 を上回っています。" },
      },
      {
        criterion: "team",
        code: "above-max",
        value: 11,
        message: { en: '"team (en)" is 11, above the maximum of 10.', ja: "「team（ja）」が 11 で、上限 10 を上回っています。" },
      },
      { criterion: "isms", code: "required", value: false, message: { en: '"isms (en)" is required.', ja: "「isms（ja）」は必須です。" } },
    ]);
  });

  it("fails a gate whose value is missing: a requirement that cannot be checked is not met", () => {
    const failures = gateFailures(criteria, { onTime: 0.99, price: null, team: 5 });
    expect(failures.map((f) => [f.criterion, f.code, f.value])).toEqual([
      ["price", "missing", null],
      ["isms", "missing", null],
    ]);
  });
});

describe("evidenceFailsGate", () => {
  it("is true only when the evidence-adjusted value is outside a min/max gate", () => {
    expect(evidenceFailsGate(onTime, 0.91)).toBe(true);
    expect(evidenceFailsGate(onTime, 0.96)).toBe(false);
    expect(evidenceFailsGate(isms, 0)).toBe(false);
    expect(evidenceFailsGate(criterion("x", {}), 0)).toBe(false);
  });
});
