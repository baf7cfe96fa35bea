import { describe, expect, it } from "vitest";
import { AFTER_DEADLINE, BEFORE_DEADLINE, DEADLINE } from "~/domain/rfq/test-fixtures";
import {
  QUOTE_STATUSES,
  canDecide,
  canReconfirm,
  canSubmit,
  canTransition,
  canWithdraw,
  countsInEvaluation,
  needsReconfirmation,
  submissionKind,
  type QuoteLifecycleView,
  type RfqForQuoting,
} from "./lifecycle";

const rfq: RfqForQuoting = { status: "published", quoteDeadline: DEADLINE, version: 1, visibility: "invited", invitedVendorIds: ["vendor-a"] };
const draft: QuoteLifecycleView = { status: "draft", vendorOrgId: "vendor-a", rfqVersion: 1 };
const submitted: QuoteLifecycleView = { ...draft, status: "submitted" };

describe("quote transitions", () => {
  it("allows draft→submitted→withdrawn|shortlisted|awarded|not_selected, withdrawn→submitted, shortlisted→awarded|not_selected, awarded→declined and not_selected→awarded (the next quote after a decline) only", () => {
    const allowed = new Set([
      "draft→submitted",
      "submitted→withdrawn",
      "withdrawn→submitted",
      "submitted→shortlisted",
      "submitted→awarded",
      "submitted→not_selected",
      "shortlisted→awarded",
      "shortlisted→not_selected",
      "awarded→declined",
      "not_selected→awarded",
    ]);
    for (const from of QUOTE_STATUSES) for (const to of QUOTE_STATUSES) expect(canTransition(from, to), `${from}→${to}`).toBe(allowed.has(`${from}→${to}`));
  });
});

describe("canSubmit", () => {
  it("lets an invited vendor submit and revise before the deadline", () => {
    expect(canSubmit(draft, rfq, BEFORE_DEADLINE)).toEqual({ ok: true });
    expect(canSubmit(submitted, rfq, BEFORE_DEADLINE)).toEqual({ ok: true });
  });

  it("refuses at and after the deadline, even before any job has closed the RFQ", () => {
    expect(canSubmit(draft, rfq, new Date(DEADLINE))).toEqual({ ok: false, reasons: ["quote.submit.deadlinePassed"] });
    expect(canSubmit(submitted, rfq, AFTER_DEADLINE)).toEqual({ ok: false, reasons: ["quote.submit.deadlinePassed"] });
  });

  it("refuses when the RFQ is not open: draft, closed, cancelled", () => {
    for (const status of ["draft", "closed", "cancelled", "awarded"] as const) {
      expect(canSubmit(draft, { ...rfq, status }, BEFORE_DEADLINE)).toEqual({ ok: false, reasons: ["quote.submit.rfqNotOpen"] });
    }
  });

  it("refuses uninvited vendors on invitation-only RFQs, not on the marketplace", () => {
    const other = { ...draft, vendorOrgId: "vendor-z" };
    expect(canSubmit(other, rfq, BEFORE_DEADLINE)).toEqual({ ok: false, reasons: ["quote.submit.notInvited"] });
    expect(canSubmit(other, { ...rfq, visibility: "marketplace" }, BEFORE_DEADLINE)).toEqual({ ok: true });
  });

  it("lets a vendor submit again after a withdrawal until the deadline (issue 14, item 2)", () => {
    const withdrawn = { ...draft, status: "withdrawn" as const };
    expect(canSubmit(withdrawn, rfq, BEFORE_DEADLINE)).toEqual({ ok: true });
    expect(canSubmit(withdrawn, rfq, AFTER_DEADLINE)).toEqual({ ok: false, reasons: ["quote.submit.deadlinePassed"] });
    expect(submissionKind("withdrawn")).toBe("resubmitted");
    expect(submissionKind("submitted")).toBe("revised");
    expect(submissionKind("draft")).toBe("submitted");
  });

  it("refuses to resubmit a decided quote, with every reason", () => {
    for (const status of ["shortlisted", "awarded", "not_selected"] as const) {
      expect(canSubmit({ ...draft, status }, rfq, AFTER_DEADLINE)).toEqual({
        ok: false,
        reasons: ["quote.submit.wrongStatus", "quote.submit.deadlinePassed"],
      });
    }
  });
});

describe("withdrawal", () => {
  it("is possible for a submitted quote until the deadline only", () => {
    expect(canWithdraw(submitted, rfq, BEFORE_DEADLINE)).toEqual({ ok: true });
    expect(canWithdraw(submitted, rfq, AFTER_DEADLINE).ok).toBe(false);
    expect(canWithdraw(draft, rfq, BEFORE_DEADLINE).ok).toBe(false);
  });
});

describe("addenda and re-confirmation", () => {
  const addendum = { ...rfq, version: 2 };

  it("marks a quote submitted against an older version, which then does not count", () => {
    expect(needsReconfirmation(submitted, addendum)).toBe(true);
    expect(countsInEvaluation(submitted, addendum)).toBe(false);
    expect(countsInEvaluation(submitted, rfq)).toBe(true);
  });

  it("lets the vendor re-confirm before the deadline; revising (a new submit) also clears it", () => {
    expect(canReconfirm(submitted, addendum, BEFORE_DEADLINE)).toEqual({ ok: true });
    expect(canReconfirm(submitted, addendum, AFTER_DEADLINE).ok).toBe(false);
    expect(canReconfirm(submitted, rfq, BEFORE_DEADLINE)).toEqual({ ok: false, reasons: ["quote.reconfirm.notNeeded"] });
    expect(canSubmit(submitted, addendum, BEFORE_DEADLINE)).toEqual({ ok: true });
  });

  it("never counts drafts or withdrawn quotes", () => {
    expect(countsInEvaluation(draft, rfq)).toBe(false);
    expect(countsInEvaluation({ ...draft, status: "withdrawn" }, rfq)).toBe(false);
  });
});

describe("buyer decisions", () => {
  it("are taken only once the quotes are open", () => {
    expect(canDecide(submitted, rfq, "shortlisted", BEFORE_DEADLINE).ok).toBe(false);
    expect(canDecide(submitted, rfq, "shortlisted", AFTER_DEADLINE)).toEqual({ ok: true });
    expect(canDecide({ ...submitted, status: "shortlisted" }, rfq, "awarded", AFTER_DEADLINE)).toEqual({ ok: true });
  });

  it("never award a quote that still needs re-confirmation", () => {
    expect(canDecide(submitted, { ...rfq, version: 2 }, "awarded", AFTER_DEADLINE).ok).toBe(false);
  });

  it("mark the remaining quotes not selected after the award", () => {
    expect(canDecide(submitted, { ...rfq, status: "awarded" }, "not_selected", AFTER_DEADLINE)).toEqual({ ok: true });
    expect(canDecide(submitted, { ...rfq, status: "awarded" }, "awarded", AFTER_DEADLINE).ok).toBe(false);
  });
});
