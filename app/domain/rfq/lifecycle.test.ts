import { describe, expect, it } from "vitest";
import { RFQ_STATUSES, canTransition, checkRfqTransition, effectiveStatus, type RfqStatus } from "./lifecycle";
import { AFTER_DEADLINE, BEFORE_DEADLINE, DEADLINE, completeRfqInput } from "./test-fixtures";

describe("canTransition", () => {
  const allowed: [RfqStatus, RfqStatus][] = [
    ["draft", "published"],
    ["draft", "cancelled"],
    ["published", "closed"],
    ["published", "cancelled"],
    ["closed", "awarded"],
    ["closed", "cancelled"],
  ];

  it("allows exactly draft→published→closed→awarded and cancelling before an award", () => {
    for (const from of RFQ_STATUSES) {
      for (const to of RFQ_STATUSES) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from}→${to}`).toBe(expected);
      }
    }
  });
});

describe("effectiveStatus (lazy closing with an injected clock)", () => {
  const published = { status: "published" as const, quoteDeadline: DEADLINE };

  it("reads a published RFQ as published before its deadline and as closed from the deadline on", () => {
    expect(effectiveStatus(published, BEFORE_DEADLINE)).toBe("published");
    expect(effectiveStatus(published, new Date(Date.parse(DEADLINE) - 1))).toBe("published");
    expect(effectiveStatus(published, new Date(DEADLINE))).toBe("closed");
    expect(effectiveStatus(published, AFTER_DEADLINE)).toBe("closed");
  });

  it("compares instants, not wall clocks: 17:00 JST is 08:00 UTC", () => {
    expect(effectiveStatus(published, new Date("2026-03-31T07:59:59Z"))).toBe("published");
    expect(effectiveStatus(published, new Date("2026-03-31T08:00:00Z"))).toBe("closed");
  });

  it("leaves other statuses alone, and a deadline extended by an addendum reopens nothing already closed", () => {
    expect(effectiveStatus({ status: "draft", quoteDeadline: DEADLINE }, AFTER_DEADLINE)).toBe("draft");
    expect(effectiveStatus({ status: "awarded", quoteDeadline: DEADLINE }, BEFORE_DEADLINE)).toBe("awarded");
    expect(effectiveStatus({ status: "closed", quoteDeadline: "2027-01-01T00:00:00+09:00" }, AFTER_DEADLINE)).toBe("closed");
  });

  it("follows an extended deadline while still published", () => {
    const extended = { status: "published" as const, quoteDeadline: "2026-04-15T17:00:00+09:00" };
    expect(effectiveStatus(extended, AFTER_DEADLINE)).toBe("published");
  });

  it("keeps the stored status when the deadline is unreadable", () => {
    expect(effectiveStatus({ status: "published", quoteDeadline: "not a date" }, AFTER_DEADLINE)).toBe("published");
  });
});

describe("checkRfqTransition", () => {
  it("publishes a complete draft and refuses an incomplete one with the reasons", () => {
    expect(checkRfqTransition({ ...completeRfqInput(), status: "draft" }, "published", BEFORE_DEADLINE)).toEqual({ ok: true });
    const incomplete = { ...completeRfqInput({ lineItems: [] }), status: "draft" as const };
    expect(checkRfqTransition(incomplete, "published", BEFORE_DEADLINE)).toEqual({ ok: false, reasons: ["rfq.lineItems.required"] });
  });

  it("refuses to publish a draft whose deadline has already passed", () => {
    expect(checkRfqTransition({ ...completeRfqInput(), status: "draft" }, "published", AFTER_DEADLINE)).toEqual({
      ok: false,
      reasons: ["rfq.quoteDeadline.past"],
    });
  });

  it("refuses an award before the deadline and allows it right after, without a closing job", () => {
    const rfq = { status: "published" as const, quoteDeadline: DEADLINE };
    expect(checkRfqTransition(rfq, "awarded", BEFORE_DEADLINE)).toEqual({ ok: false, reasons: ["rfq.transition.beforeDeadline"] });
    expect(checkRfqTransition(rfq, "awarded", AFTER_DEADLINE)).toEqual({ ok: true });
  });

  it("refuses transitions the lifecycle does not have", () => {
    expect(checkRfqTransition({ status: "awarded", quoteDeadline: DEADLINE }, "cancelled", AFTER_DEADLINE)).toEqual({
      ok: false,
      reasons: ["rfq.transition.notAllowed"],
    });
    expect(checkRfqTransition({ status: "draft" }, "closed", BEFORE_DEADLINE).ok).toBe(false);
  });
});
