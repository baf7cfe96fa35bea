import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areQuotesOpened, canReadQuoteContent, canSeeQuoteCount, finalVersionOf, isBafoRoundOpened, type QuoteContentAccess, type ViewerKind } from "./sealed";

const DEADLINE = "2026-03-31T17:00:00+09:00";
const BEFORE = new Date("2026-03-31T16:59:59+09:00");
const AT = new Date(DEADLINE);
const AFTER = new Date("2026-04-01T09:00:00+09:00");

const sealedRfq = { buyerOrgId: "buyer-1", status: "published", sealed: true, deadline: DEADLINE, assignedAdvisorOrgIds: ["advisor-1"] };
const quote = { vendorOrgId: "vendor-a", status: "submitted" };

const can = (kind: ViewerKind, orgId: string | null, now: Date, rfq: QuoteContentAccess["rfq"] = sealedRfq, q: QuoteContentAccess["quote"] = quote) =>
  canReadQuoteContent({ viewer: { kind, orgId }, quote: q, rfq, now });

describe("canReadQuoteContent — the tender matrix", () => {
  const viewers: [string, ViewerKind, string | null][] = [
    ["the quoting vendor", "vendor", "vendor-a"],
    ["another vendor", "vendor", "vendor-b"],
    ["the buyer", "buyer", "buyer-1"],
    ["another buyer", "buyer", "buyer-2"],
    ["the assigned advisor", "advisor", "advisor-1"],
    ["an unassigned advisor", "advisor", "advisor-2"],
    ["an admin", "admin", "platform"],
    ["anonymous", "anonymous", null],
  ];
  const expected: Record<string, [boolean, boolean, boolean, boolean]> = {
    //                        sealed before, sealed at, sealed after, open before
    "the quoting vendor": [true, true, true, true],
    "another vendor": [false, false, false, false],
    "the buyer": [false, true, true, true],
    "another buyer": [false, false, false, false],
    "the assigned advisor": [false, true, true, true],
    "an unassigned advisor": [false, false, false, false],
    "an admin": [false, false, false, false],
    anonymous: [false, false, false, false],
  };

  it.each(viewers)("%s", (name, kind, orgId) => {
    const openRfq = { ...sealedRfq, sealed: false };
    expect([can(kind, orgId, BEFORE), can(kind, orgId, AT), can(kind, orgId, AFTER), can(kind, orgId, BEFORE, openRfq)]).toEqual(expected[name]);
  });

  it("a vendor whose org id equals the buyer's still only reads its own quotes", () => {
    expect(can("vendor", "buyer-1", AFTER)).toBe(false);
  });

  it("never shows a draft or a withdrawn quote to the buyer side, even after the deadline", () => {
    for (const status of ["draft", "withdrawn"]) {
      expect(can("buyer", "buyer-1", AFTER, sealedRfq, { vendorOrgId: "vendor-a", status })).toBe(false);
      expect(can("advisor", "advisor-1", AFTER, sealedRfq, { vendorOrgId: "vendor-a", status })).toBe(false);
      expect(can("vendor", "vendor-a", AFTER, sealedRfq, { vendorOrgId: "vendor-a", status })).toBe(true);
    }
  });

  it("accepts the deadline as a Date and fails closed on an unreadable one", () => {
    expect(can("buyer", "buyer-1", AFTER, { ...sealedRfq, deadline: new Date(DEADLINE) })).toBe(true);
    expect(can("buyer", "buyer-1", AFTER, { ...sealedRfq, deadline: "garbage" })).toBe(false);
    expect(areQuotesOpened({ status: "published", sealed: true, deadline: "garbage" }, AFTER)).toBe(false);
  });

  it("property: another vendor never reads a quote, whatever the time, status or RFQ", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.boolean(),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }),
        fc.constantFrom("draft", "submitted", "withdrawn", "shortlisted", "awarded", "not_selected"),
        (viewerOrg, vendorOrg, sealed, now, status) => {
          fc.pre(viewerOrg !== vendorOrg);
          const rfq = { buyerOrgId: viewerOrg, status: "published", sealed, deadline: DEADLINE, assignedAdvisorOrgIds: [viewerOrg] };
          expect(canReadQuoteContent({ viewer: { kind: "vendor", orgId: viewerOrg }, quote: { vendorOrgId: vendorOrg, status }, rfq, now })).toBe(false);
        },
      ),
    );
  });

  it("property: before the deadline of a sealed RFQ only the quoting vendor reads it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ViewerKind>("buyer", "vendor", "advisor", "admin", "anonymous"),
        fc.constantFrom("buyer-1", "vendor-a", "vendor-b", "advisor-1"),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        (kind, orgId, msBefore) => {
          const now = new Date(Date.parse(DEADLINE) - msBefore);
          const allowed = can(kind, orgId, now);
          expect(allowed).toBe(kind === "vendor" && orgId === "vendor-a");
        },
      ),
    );
  });
});

describe("areQuotesOpened — a cancelled sealed RFQ never opens", () => {
  const cancelled = { ...sealedRfq, status: "cancelled" };

  it("keeps a cancelled sealed RFQ closed to the buyer and its advisor long after the deadline", () => {
    for (const now of [BEFORE, AT, AFTER, new Date("2030-01-01T00:00:00Z")]) {
      expect(areQuotesOpened(cancelled, now)).toBe(false);
      expect(can("buyer", "buyer-1", now, cancelled)).toBe(false);
      expect(can("advisor", "advisor-1", now, cancelled)).toBe(false);
      // Its own vendor still reads its quote: it was never anyone else's to open.
      expect(can("vendor", "vendor-a", now, cancelled)).toBe(true);
    }
  });

  it("opens every other status of a sealed RFQ at the deadline, and an open RFQ at once", () => {
    for (const status of ["published", "closed", "awarded"]) {
      expect(areQuotesOpened({ status, sealed: true, deadline: DEADLINE }, BEFORE)).toBe(false);
      expect(areQuotesOpened({ status, sealed: true, deadline: DEADLINE }, AT)).toBe(true);
    }
    // An open RFQ showed its quotes from the start: cancelling it cannot un-show them.
    expect(areQuotesOpened({ status: "cancelled", sealed: false, deadline: DEADLINE }, BEFORE)).toBe(true);
  });

  it("property: a cancelled sealed RFQ is unreadable to every non-vendor at every moment", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ViewerKind>("buyer", "advisor", "admin", "anonymous"),
        fc.constantFrom("buyer-1", "advisor-1", "platform", null),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        (kind, orgId, now) => {
          expect(can(kind, orgId, now, cancelled)).toBe(false);
        },
      ),
    );
  });
});

describe("canSeeQuoteCount", () => {
  it("shows the count of arrived quotes to the RFQ's buyer only", () => {
    expect(canSeeQuoteCount({ kind: "buyer", orgId: "buyer-1" }, sealedRfq)).toBe(true);
    expect(canSeeQuoteCount({ kind: "buyer", orgId: "buyer-2" }, sealedRfq)).toBe(false);
    expect(canSeeQuoteCount({ kind: "vendor", orgId: "buyer-1" }, sealedRfq)).toBe(false);
  });
});

describe("BAFO round: sealed exactly like the first round", () => {
  const ROUND_DEADLINE = "2026-04-10T17:00:00+09:00";
  const round = { status: "open", deadline: ROUND_DEADLINE };
  const justBefore = new Date("2026-04-10T16:59:59+09:00");
  const at = new Date(ROUND_DEADLINE);
  const quote = (bafo: { version: number; round: { status: string; deadline: Date | string | null } } | null) => ({ currentVersion: 1, bafo });

  it("opens at the round's deadline, never before, never for a cancelled round or an unreadable deadline", () => {
    expect(isBafoRoundOpened(round, justBefore)).toBe(false);
    expect(isBafoRoundOpened(round, at)).toBe(true);
    expect(isBafoRoundOpened({ ...round, status: "cancelled" }, new Date("2030-01-01"))).toBe(false);
    expect(isBafoRoundOpened({ status: "open", deadline: "not a date" }, new Date("2030-01-01"))).toBe(false);
    expect(isBafoRoundOpened({ status: "open", deadline: null }, new Date("2030-01-01"))).toBe(false);
  });

  it("the buyer side reads the first-round version until then, the BAFO version from then on", () => {
    expect(finalVersionOf(quote({ version: 2, round }), justBefore)).toEqual({ version: 1, round: "first" });
    expect(finalVersionOf(quote({ version: 2, round }), at)).toEqual({ version: 2, round: "bafo" });
    expect(finalVersionOf(quote(null), at)).toEqual({ version: 1, round: "first" });
    expect(finalVersionOf(quote({ version: 2, round: { ...round, status: "cancelled" } }), new Date("2030-01-01"))).toEqual({ version: 1, round: "first" });
  });

  it("property: no moment before the deadline ever reveals the BAFO version", () => {
    const deadline = Date.parse(ROUND_DEADLINE);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }), (msBefore) => {
        expect(finalVersionOf(quote({ version: 7, round }), new Date(deadline - msBefore)).version).toBe(1);
      }),
    );
  });
});
