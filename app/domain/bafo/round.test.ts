import { describe, expect, it } from "vitest";
import { quoteA } from "~/domain/quote/test-fixtures";
import {
  deadlineFromInput,
  deadlineProblem,
  mergeBafo,
  OpenRoundInput,
  parseBafoRevision,
  rfqRefusal,
  roundPhase,
  ShortlistInput,
  vendorRefusal,
} from "./round";

const NOW = new Date("2026-12-01T10:00:00+09:00");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("the round's deadline", () => {
  it("reads a datetime-local value as Japan time and keeps an ISO offset as given", () => {
    expect(deadlineFromInput("2026-12-10T17:00")).toBe("2026-12-10T17:00:00+09:00");
    expect(deadlineFromInput("2026-12-10T08:00:00Z")).toBe("2026-12-10T08:00:00Z");
    expect(OpenRoundInput.safeParse({ deadline: "2026-12-10T17:00" }).success).toBe(true);
  });

  it("names a missing and an unreadable deadline with their own keys", () => {
    const missing = OpenRoundInput.safeParse({});
    const junk = OpenRoundInput.safeParse({ deadline: "明日" });
    expect(missing.success || missing.error.issues[0]!.message).toBe("bafo.deadline.required");
    expect(junk.success || junk.error.issues[0]!.message).toBe("bafo.deadline.invalid");
  });

  it("must lie ahead, and a moved one must lie after the current one (later only)", () => {
    expect(deadlineProblem(NOW, NOW)).toBe("bafo.deadline.past");
    expect(deadlineProblem(later(-1), NOW)).toBe("bafo.deadline.past");
    expect(deadlineProblem(later(60_000), NOW)).toBeNull();
    expect(deadlineProblem(later(60_000), NOW, later(120_000))).toBe("bafo.deadline.notLater");
    expect(deadlineProblem(later(120_000), NOW, later(120_000))).toBe("bafo.deadline.notLater");
    expect(deadlineProblem(later(180_000), NOW, later(120_000))).toBeNull();
  });
});

describe("phases and refusals", () => {
  it("accepting until the deadline, then closed; cancelled stays cancelled", () => {
    expect(roundPhase({ status: "open", deadline: later(1) }, NOW)).toBe("accepting");
    expect(roundPhase({ status: "open", deadline: NOW }, NOW)).toBe("closed");
    expect(roundPhase({ status: "cancelled", deadline: later(1) }, NOW)).toBe("cancelled");
  });

  it("the buyer may use it on a closed, opened, undecided RFQ with no proposal waiting", () => {
    const ok = { effectiveStatus: "closed", opened: true, pendingProposal: false };
    expect(rfqRefusal(ok)).toBeNull();
    expect(rfqRefusal({ ...ok, effectiveStatus: "published" })).toBe("bafo.rfq.notClosed");
    expect(rfqRefusal({ ...ok, opened: false })).toBe("bafo.rfq.notClosed");
    expect(rfqRefusal({ ...ok, effectiveStatus: "awarded" })).toBe("bafo.rfq.decided");
    expect(rfqRefusal({ ...ok, effectiveStatus: "cancelled" })).toBe("bafo.rfq.decided");
    expect(rfqRefusal({ ...ok, pendingProposal: true })).toBe("bafo.rfq.proposalPending");
  });

  it("a vendor submits once, only when invited, only while the round accepts", () => {
    expect(vendorRefusal({ invited: true, submitted: false, phase: "accepting" })).toBeNull();
    expect(vendorRefusal({ invited: false, submitted: false, phase: "accepting" })).toBe("bafo.vendor.notInvited");
    expect(vendorRefusal({ invited: true, submitted: false, phase: null })).toBe("bafo.vendor.notInvited");
    expect(vendorRefusal({ invited: true, submitted: true, phase: "accepting" })).toBe("bafo.vendor.alreadySubmitted");
    expect(vendorRefusal({ invited: true, submitted: false, phase: "closed" })).toBe("bafo.round.closed");
    expect(vendorRefusal({ invited: true, submitted: false, phase: "cancelled" })).toBe("bafo.round.cancelled");
  });
});

describe("the BAFO's content", () => {
  it("replaces only prices, KPI commitments and assumptions the vendor sent; the rest stays the first round's", () => {
    const first = quoteA({ assumptions: "初回の前提", team: "初回の体制" });
    const revision = parseBafoRevision({ unitPrices: { INIT: 1, OPS: 2, DOC: 3 }, leadTimeDays: 1, team: "変更不可" });
    expect(revision.success).toBe(true);
    const merged = mergeBafo(first, revision.success ? revision.data : {});
    expect(merged.unitPrices).toEqual({ INIT: 1, OPS: 2, DOC: 3 });
    expect(merged.kpiCommitments).toEqual(first.kpiCommitments);
    expect(merged.assumptions).toBe("初回の前提");
    expect(merged.leadTimeDays).toBe(first.leadTimeDays);
    expect(merged.team).toBe("初回の体制");
  });

  it("refuses a negative price at its field", () => {
    const bad = parseBafoRevision({ unitPrices: { INIT: -1 } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.path).toEqual(["unitPrices", "INIT"]);
  });

  it("a shortlist is a list of row ids", () => {
    expect(ShortlistInput.safeParse({ quoteIds: ["not-an-id"] }).success).toBe(false);
    expect(ShortlistInput.safeParse({ quoteIds: [] }).success).toBe(true);
  });
});
