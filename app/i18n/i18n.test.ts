import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DICTIONARIES, localeFromAcceptLanguage, t, translateOrPassThrough } from "./index";
import { messages } from "./messages";

// Every dictionary (the list index.ts looks keys up in), so a key added to a split-out file is held to the same
// rules as the main one, and a new catalog is checked without being listed here.
const DICTIONARY_LIST: Record<string, { ja: string; en: string }>[] = [messages, ...Object.values(DICTIONARIES)];
const ALL: Record<string, { ja: string; en: string }> = Object.assign({}, ...DICTIONARY_LIST);
import { zodErrorMap } from "./zod-errors";

describe("i18n", () => {
  it("has non-empty Japanese and English text for every key, with the same placeholders", () => {
    for (const [key, { ja, en }] of Object.entries(ALL)) {
      expect(ja.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
      expect(names(ja), key).toEqual(names(en));
    }
  });

  it("defines each key in one dictionary only", () => {
    const keys = DICTIONARY_LIST.flatMap((d) => Object.keys(d));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("interpolates parameters and passes unknown keys through", () => {
    expect(t("ja", "home.welcome", { name: "高橋" })).toBe("高橋さん、ようこそ");
    expect(t("en", "home.welcome", { name: "Takahashi" })).toBe("Welcome, Takahashi");
    expect(translateOrPassThrough("en", "already translated text")).toBe("already translated text");
  });

  it("types t() keys, so a mistyped key fails the typecheck step of npm test", () => {
    // @ts-expect-error "home.welcom" is not a catalog key: tsc reports this directive as unused if t() accepts any string.
    const mistyped = t("en", "home.welcom");
    expect(mistyped).toBe("home.welcom");
  });

  it.each([
    [null, "ja"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,ja;q=0.8", "ja"],
    ["fr", "ja"],
    ["en-GB;q=0.3, ja-JP;q=0.2", "en"],
  ])("picks the language from Accept-Language %s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("words zod's generic issues in both languages", () => {
    const schema = z.object({ email: z.string().email(), name: z.string().min(1).max(3), n: z.number().max(10) });
    const issues = (locale: "ja" | "en") =>
      schema.safeParse({ email: "x", name: "long name", n: 11 }, { error: zodErrorMap(locale) }).error!.issues.map((i) => i.message);
    expect(issues("ja")).toEqual(["メールアドレスの形式が正しくありません。", "3文字以内で入力してください。", "10以下の値を入力してください。"]);
    expect(issues("en")).toEqual(["Enter a valid e-mail address.", "Use at most 3 characters.", "Enter a value of at most 10."]);
  });
});
