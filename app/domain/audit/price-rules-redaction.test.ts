import { describe, expect, it } from "vitest";
import { SEALED_PRICE_RULES, sealPriceRulesInAudit } from "./price-rules-redaction";
import { t } from "~/i18n";

const rules = { ceilingYen: 12_345_678, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 9_876_543, taxBasis: "excluded" } };

describe("sealPriceRulesInAudit", () => {
  it("seals the price rules of an RFQ edit before opening, and keeps every other change", () => {
    const entry = { id: 1, action: "rfq.edit", before: { publicPriceRules: null, title: "旧" }, after: { publicPriceRules: rules, title: "新" } };
    const sealed = sealPriceRulesInAudit(entry, false);
    expect(sealed).toEqual({
      id: 1,
      action: "rfq.edit",
      before: { publicPriceRules: SEALED_PRICE_RULES, title: "旧" },
      after: { publicPriceRules: SEALED_PRICE_RULES, title: "新" },
    });
    expect(JSON.stringify(sealed)).not.toMatch(/12345678|9876543/);
    expect(entry.after.publicPriceRules).toBe(rules); // the stored row is not changed
  });

  it("seals them at any depth and in stored JSON text", () => {
    const nested = sealPriceRulesInAudit({ after: JSON.stringify({ changes: [{ publicPriceRules: rules }] }) }, false);
    expect(nested.after).toBe(JSON.stringify({ changes: [{ publicPriceRules: SEALED_PRICE_RULES }] }));
    expect(sealPriceRulesInAudit({ after: "publicPriceRules 12345678" }, false).after).toBe(JSON.stringify(SEALED_PRICE_RULES));
    expect(sealPriceRulesInAudit({ after: '{"title":"x"}' }, false).after).toBe('{"title":"x"}');
  });

  it("shows the row as written once the quotes are opened", () => {
    const entry = { after: { publicPriceRules: rules } };
    expect(sealPriceRulesInAudit(entry, true)).toBe(entry);
  });

  it("says so in both languages", () => {
    expect(t("ja", SEALED_PRICE_RULES.sealed)).toBe("（開札まで非公開）");
    expect(t("en", SEALED_PRICE_RULES.sealed)).toBe("(sealed until opening)");
  });
});
