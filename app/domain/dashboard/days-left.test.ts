import { describe, expect, it } from "vitest";
import { daysLeft } from "./days-left";

describe("daysLeft", () => {
  it("counts calendar days in Japan, not 24-hour periods", () => {
    // 23:30 JST on 1 Dec → 00:30 JST on 2 Dec is one day away though only an hour passes.
    expect(daysLeft("2026-12-01T15:30:00Z", new Date("2026-12-01T14:30:00Z"))).toBe(1);
    expect(daysLeft("2026-12-01T14:59:00Z", new Date("2026-11-30T15:00:00Z"))).toBe(0);
    expect(daysLeft("2026-12-15T08:00:00Z", new Date("2026-12-01T01:00:00Z"))).toBe(14);
    expect(daysLeft("2026-11-30T08:00:00Z", new Date("2026-12-01T01:00:00Z"))).toBe(-1);
  });
});
