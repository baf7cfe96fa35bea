import { describe, expect, it } from "vitest";
import { fixedTermProblems } from "./fixed-at-publication";

const deadline = new Date("2026-03-31T17:00:00+09:00");
const published = { status: "published", sealed: true, quoteDeadline: deadline };

describe("fixedTermProblems", () => {
  it("lets a draft change sealed and the deadline freely", () => {
    expect(fixedTermProblems({ ...published, status: "draft" }, { sealed: false, quoteDeadline: "2026-01-01T00:00:00+09:00" })).toEqual([]);
  });

  it("refuses unsealing or sealing once published, in every later status", () => {
    for (const status of ["published", "closed", "awarded", "cancelled"]) {
      expect(fixedTermProblems({ ...published, status }, { sealed: false })).toEqual([
        { path: ["sealed"], key: "sealed.fixedAtPublication", severity: "error" },
      ]);
      expect(fixedTermProblems({ ...published, status, sealed: false }, { sealed: true }).map((p) => p.path)).toEqual([["sealed"]]);
    }
    expect(fixedTermProblems(published, { sealed: true })).toEqual([]);
  });

  it("lets the deadline move later or stay, never earlier (by a second, in another time zone, or to garbage)", () => {
    expect(fixedTermProblems(published, { quoteDeadline: "2026-03-31T17:00:00+09:00" })).toEqual([]);
    expect(fixedTermProblems(published, { quoteDeadline: "2026-04-07T17:00:00+09:00" })).toEqual([]);
    for (const earlier of ["2026-03-31T16:59:59+09:00", "2026-03-31T07:59:59Z", "not a date"]) {
      expect(fixedTermProblems(published, { quoteDeadline: earlier }), earlier).toEqual([
        { path: ["quoteDeadline"], key: "rfq.addendum.deadlineShortened", severity: "error" },
      ]);
    }
  });

  it("checks only what the change carries", () => {
    expect(fixedTermProblems(published, {})).toEqual([]);
  });
});
