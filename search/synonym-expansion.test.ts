import { describe, expect, it } from "vitest";
import { otherLanguageQuery, synonymExpansion } from "./synonym-expansion";

describe("synonymExpansion", () => {
  it("adds the English members of a group a Japanese text mentions, and the Japanese ones of an English text", () => {
    expect(synonymExpansion(["経理の代行をお引き受けします。"]).en).toContain("accounting");
    expect(synonymExpansion(["Accounting outsourcing"]).ja).toEqual(expect.arrayContaining(["経理", "会計"]));
    expect(synonymExpansion(["Payroll processing"]).ja).toContain("給与計算");
  });

  it("folds width and case (ＩＳＭＳ, Privacy MARK)", () => {
    expect(synonymExpansion(["ＩＳＭＳ認証"]).en).toContain("iso 27001");
    expect(synonymExpansion(["Privacy MARK certified"]).ja).toEqual(expect.arrayContaining(["pマーク", "プライバシーマーク"]));
  });

  it("matches Latin terms as whole words only", () => {
    expect(synonymExpansion(["three mechanisms through Tokyoite"])).toEqual({ ja: [], en: [] });
    expect(synonymExpansion(["HR outsourcing"]).ja).toContain("人事");
  });

  it("adds nothing for a text that mentions no group", () => {
    expect(synonymExpansion(["ランディングページ制作"])).toEqual({ ja: [], en: [] });
  });
});

describe("otherLanguageQuery", () => {
  it("swaps each known word for the other language's, keeping the rest", () => {
    expect(otherLanguageQuery("経理 東京")).toBe("accounting tokyo");
    expect(otherLanguageQuery("Payroll  osaka")).toBe("給与計算 大阪");
    expect(otherLanguageQuery("Ｐマーク 札幌")).toBe("privacy mark 札幌");
  });

  it("is null when no word has a counterpart", () => {
    expect(otherLanguageQuery("ラーメン")).toBeNull();
    expect(otherLanguageQuery("")).toBeNull();
  });
});
