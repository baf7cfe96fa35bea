import { describe, expect, it } from "vitest";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { rfqReviewMessages } from "./messages-rfq-review";
import { rfqFieldWords } from "./rfq-field-words";

describe("an RFQ field path in words (issue 14, item 9)", () => {
  const rfq = completeRfqInput();

  it("names criteria, list items and parts instead of showing the path", () => {
    expect(rfqFieldWords(["criteria", 0, "scale"], rfq)).toEqual({ ja: "評価基準1「総保有コスト」の目標スケール", en: "Criterion 1 “TCO”: target scale" });
    expect(rfqFieldWords(["criteria", 1, "scale", "best"], rfq).ja).toBe("評価基準2「処理の正確性」の満点の値");
    expect(rfqFieldWords(["deliverables", 0, "dueDate"], rfq).ja).toBe("成果物1「月次処理報告書」の期日");
    expect(rfqFieldWords(["requiredCertifications", 1, "reason"], rfq)).toEqual({
      ja: "求める認証2「プライバシーマーク」の理由",
      en: "Certification 2 “Privacy Mark”: reason",
    });
    expect(rfqFieldWords(["budget", "min"], rfq)).toEqual({ ja: "予算の下限", en: "Budget: minimum" });
    expect(rfqFieldWords(["quoteDeadline"], rfq)).toEqual({ ja: "見積締切", en: "Quote deadline" });
    expect(rfqFieldWords(["criteria", 7, "weight"], null).ja).toBe("評価基準8の重み");
    expect(rfqFieldWords(["somethingNew"], rfq).en).toBe("A field");
  });

  it("has Japanese and English with the same placeholders for every word", () => {
    for (const [key, { ja, en }] of Object.entries(rfqReviewMessages)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ja.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(names(ja), key).toEqual(names(en));
    }
  });
});
