import { describe, expect, it } from "vitest";
import { AwardSettingsInput, DeclineAwardInput, formatDeadlineDate, isBefore } from "./answer";

describe("formatDeadlineDate", () => {
  it("names the day of the window's last moment, with its weekday, in Japan time", () => {
    // Midnight JST after Monday 14 December 2026 (15:00 UTC on the 14th).
    expect(formatDeadlineDate("2026-12-14T15:00:00.000Z", "ja")).toBe("2026年12月14日(月)");
    expect(formatDeadlineDate("2026-12-14T15:00:00.000Z", "en")).toBe("Mon, 14 Dec 2026");
    // 17:00 JST on Friday the 11th is still Friday.
    expect(formatDeadlineDate(new Date("2026-12-11T08:00:00.000Z"), "ja")).toBe("2026年12月11日(金)");
  });
});

describe("isBefore", () => {
  it("is false at the instant itself and without an end", () => {
    const end = new Date("2026-12-14T15:00:00.000Z");
    expect(isBefore(new Date(end.getTime() - 1), end)).toBe(true);
    expect(isBefore(end, end)).toBe(false);
    expect(isBefore(end, null)).toBe(false);
  });
});

describe("inputs", () => {
  it("demands a decline reason of 1..2000 characters", () => {
    expect(DeclineAwardInput.safeParse({ reason: "  " }).success).toBe(false);
    expect(DeclineAwardInput.safeParse({}).error?.issues[0]?.message).toBe("awardResult.decline.reason.required");
    expect(DeclineAwardInput.safeParse({ reason: "あ".repeat(2001) }).error?.issues[0]?.message).toBe("awardResult.text.tooLong");
    expect(DeclineAwardInput.parse({ reason: " 人員不足 " })).toEqual({ reason: "人員不足" });
  });

  it("reads settings from a form or JSON; an empty field is missing, never 0", () => {
    expect(AwardSettingsInput.parse({ acceptBusinessDays: "5", standstillBusinessDays: "0" })).toEqual({ acceptBusinessDays: 5, standstillBusinessDays: 0 });
    expect(AwardSettingsInput.parse({ acceptBusinessDays: 30, standstillBusinessDays: 20 })).toEqual({ acceptBusinessDays: 30, standstillBusinessDays: 20 });
    const bad = AwardSettingsInput.safeParse({ acceptBusinessDays: "", standstillBusinessDays: "1.5" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["acceptBusinessDays", "awardResult.settings.accept.required"],
      ["standstillBusinessDays", "awardResult.settings.standstill.range"],
    ]);
    expect(AwardSettingsInput.safeParse({ acceptBusinessDays: 0, standstillBusinessDays: 21 }).error?.issues.map((i) => i.message)).toEqual([
      "awardResult.settings.accept.range",
      "awardResult.settings.standstill.range",
    ]);
  });
});
