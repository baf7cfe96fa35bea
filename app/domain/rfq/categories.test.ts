import { describe, expect, it } from "vitest";
import {
  CERTIFICATION_TYPES,
  DATA_SENSITIVITIES,
  RECURRENCES,
  RFQ_CATEGORIES,
  RFQ_PHASES,
  certificationTypeLabels,
  dataSensitivityLabels,
  recurrenceLabels,
  rfqCategoryLabels,
  rfqPhaseLabels,
} from "./categories";
import { isWithinUnitRange } from "./units";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("vocabularies", () => {
  it.each([
    ["categories", RFQ_CATEGORIES, rfqCategoryLabels],
    ["phases", RFQ_PHASES, rfqPhaseLabels],
    ["sensitivities", DATA_SENSITIVITIES, dataSensitivityLabels],
    ["recurrences", RECURRENCES, recurrenceLabels],
    ["certifications", CERTIFICATION_TYPES, certificationTypeLabels],
  ] as const)("every %s value has a Japanese and an English label", (_name, values, labels) => {
    const table = labels as Record<string, { ja: string; en: string }>;
    expect(Object.keys(table).sort()).toEqual([...values].sort());
    for (const value of values) {
      expect(table[value].en.length).toBeGreaterThan(0);
      // Certification names are Latin acronyms in Japanese too (ISO 9001), so only require non-empty there.
      if (_name !== "certifications") expect(table[value].ja).toMatch(JAPANESE);
    }
  });

  it("has the eleven categories of the product, municipal processing as 行政事務", () => {
    expect(RFQ_CATEGORIES).toHaveLength(11);
    expect(rfqCategoryLabels.municipal.ja).toBe("行政事務");
  });
});

describe("unit ranges", () => {
  it("reads rates as fractions 0–1", () => {
    expect(isWithinUnitRange("rate", 0.999)).toBe(true);
    expect(isWithinUnitRange("rate", 99.9)).toBe(false);
    expect(isWithinUnitRange("rate", -0.01)).toBe(false);
  });

  it("keeps yen integral and scores within 0–5", () => {
    expect(isWithinUnitRange("yen", 8000)).toBe(true);
    expect(isWithinUnitRange("yen", 8000.5)).toBe(false);
    expect(isWithinUnitRange("score", 5)).toBe(true);
    expect(isWithinUnitRange("score", 5.1)).toBe(false);
  });

  it("lets ROI go negative down to -100% but not below, and refuses NaN and infinity", () => {
    expect(isWithinUnitRange("ratio", -1)).toBe(true);
    expect(isWithinUnitRange("ratio", -1.01)).toBe(false);
    expect(isWithinUnitRange("ratio", 4)).toBe(true);
    expect(isWithinUnitRange("hours", Number.NaN)).toBe(false);
    expect(isWithinUnitRange("count", Number.POSITIVE_INFINITY)).toBe(false);
  });
});
