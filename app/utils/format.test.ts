import { describe, expect, it } from "vitest";
import { formatDate, formatMonth, formatWareki, formatYen, parenthetical, tokyoDateString } from "./format";

describe("formatting for Japan", () => {
  it("formats yen without decimals", () => {
    expect(formatYen(1234567, "ja")).toBe("￥1,234,567");
    expect(formatYen(1234567, "en")).toMatch(/¥1,234,567/);
  });
  it("formats calendar dates in Japan time, including the Japanese era", () => {
    expect(formatDate("2027-03-31", "ja")).toBe("2027年3月31日");
    expect(formatDate("2027-03-31", "en")).toBe("31 Mar 2027");
    expect(formatWareki("2026-11-20")).toBe("令和8年11月20日");
  });
  it("knows that 23:30 UTC is already tomorrow in Tokyo", () => {
    expect(tokyoDateString(new Date("2026-11-20T23:30:00Z"))).toBe("2026-11-21");
  });
});

describe("words around values", () => {
  it("names months in the reader's language, never 'month 3'", () => {
    expect(formatMonth(3, "ja")).toBe("3月");
    expect(formatMonth(3, "en")).toBe("Mar");
    expect(formatMonth(12, "en")).toBe("Dec");
  });

  it("puts a remark in full-width brackets in Japanese and plain ones in English", () => {
    expect(parenthetical("消費税", "10%", "ja")).toBe("消費税（10%）");
    expect(parenthetical("Tax", "10%", "en")).toBe("Tax (10%)");
  });
});
