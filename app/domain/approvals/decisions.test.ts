import { describe, expect, it } from "vitest";
import { awardDeadlines, stepRecipients, DecisionInput, DelegationInput, isActiveDelegation, ProposalEditInput, routeState, stepStates } from "./decisions";
import { COMPANY_CALENDAR, MUNICIPAL_CALENDAR } from "~/domain/calendar/japan-business-days";
import type { RouteStep } from "./route-rules";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

describe("DecisionInput", () => {
  it("requires a comment to reject or return, not to approve", () => {
    expect(DecisionInput.safeParse({ decision: "approve" }).success).toBe(true);
    for (const decision of ["reject", "return"]) {
      const r = DecisionInput.safeParse({ decision, comment: "  " });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["comment", "approvals.comment.required"]]);
    }
    expect(DecisionInput.safeParse({ decision: "return", comment: "見積の前提を確認" }).success).toBe(true);
  });
  it("refuses an unknown decision and a comment over 2000 characters", () => {
    expect(DecisionInput.safeParse({ decision: "maybe" }).error!.issues[0]!.message).toBe("approvals.decision.invalid");
    expect(DecisionInput.safeParse({ decision: "approve", comment: "あ".repeat(2001) }).error!.issues[0]!.message).toBe("approvals.comment.tooLong");
    expect(DecisionInput.safeParse({ decision: "approve", comment: "あ".repeat(2000) }).success).toBe(true);
  });
});

describe("ProposalEditInput", () => {
  it("requires the rationale and the debrief reason", () => {
    const r = ProposalEditInput.safeParse({ rationale: "", debriefReason: " " });
    expect(r.error!.issues.map((i) => i.message).sort()).toEqual(["awardProposal.debriefReason.required", "awardProposal.rationale.required"]);
  });
});

describe("DelegationInput", () => {
  it("refuses oneself, a period that ends before it starts and a date that does not exist", () => {
    const self = DelegationInput.safeParse({ fromUserId: A, toUserId: A, startsOn: "2026-12-10", endsOn: "2026-12-09" });
    expect(self.error!.issues.map((i) => i.message).sort()).toEqual(["approvals.delegation.endsBeforeStart", "approvals.delegation.self"]);
    expect(DelegationInput.safeParse({ toUserId: B, startsOn: "2026-02-30", endsOn: "2026-03-01" }).error!.issues[0]!.message).toBe(
      "approvals.delegation.date.invalid",
    );
    expect(DelegationInput.safeParse({ fromUserId: "", toUserId: B, startsOn: "2026-12-10", endsOn: "2026-12-10" }).data?.fromUserId).toBeUndefined();
  });
  it("is active on its days only (Japan time), and never once revoked", () => {
    const d = { startsOn: "2026-12-10", endsOn: "2026-12-11", revokedAt: null };
    expect(isActiveDelegation(d, new Date("2026-12-09T14:59:59Z"))).toBe(false); // 23:59 JST on the 9th
    expect(isActiveDelegation(d, new Date("2026-12-09T15:00:00Z"))).toBe(true); // 00:00 JST on the 10th
    expect(isActiveDelegation(d, new Date("2026-12-11T14:59:59Z"))).toBe(true);
    expect(isActiveDelegation(d, new Date("2026-12-11T15:00:00Z"))).toBe(false);
    expect(isActiveDelegation({ ...d, revokedAt: new Date() }, new Date("2026-12-10T03:00:00Z"))).toBe(false);
  });
});

describe("routeState and stepStates", () => {
  const route: RouteStep[] = [
    { kind: "sequential", required: 1, approverIds: [A] },
    { kind: "parallel", required: 2, approverIds: [A, B, C] },
  ];
  it("walks the route: step 1, then 2 of 3", () => {
    const s1 = routeState(route, [{ step_index: 0, approver_user_id: A, decided_by: A, decision: "approve" }]);
    expect(s1).toMatchObject({ status: "pending", stepIndex: 1, approvals: 0 });
    expect(stepStates(route, s1)).toEqual(["done", "current"]);
    const done = routeState(route, [
      { step_index: 0, approver_user_id: A, decided_by: A, decision: "approve" },
      { step_index: 1, approver_user_id: B, decided_by: B, decision: "approve" },
      { step_index: 1, approver_user_id: C, decided_by: A, decision: "approve" },
    ]);
    expect(done.status).toBe("approved");
    expect(stepStates(route, done)).toEqual(["done", "done"]);
    const returned = routeState(route, [{ step_index: 0, approver_user_id: A, decided_by: A, decision: "return" }]);
    expect(stepStates(route, returned)).toEqual(["stopped", "waiting"]);
  });
});

describe("awardDeadlines", () => {
  it("counts business days from the day after the award, to the end of the Japanese day", () => {
    // Friday 2026-12-25 10:00 JST; 5 business days → Fri 2027-01-01 is a holiday → Mon 12-28, Tue 12-29, Wed 12-30, Thu 12-31, Mon 01-04 (company)
    const at = new Date("2026-12-25T01:00:00Z");
    const company = awardDeadlines(at, 5, 0, COMPANY_CALENDAR);
    expect(company.respondBy.toISOString()).toBe("2027-01-04T14:59:59.999Z");
    expect(company.standstillEndsAt).toBeNull();
    // A municipality is closed 12/29–1/3: Mon 12-28, Mon 01-04, Tue 01-05, Wed 01-06, Thu 01-07
    const town = awardDeadlines(at, 5, 2, MUNICIPAL_CALENDAR);
    expect(town.respondBy.toISOString()).toBe("2027-01-07T14:59:59.999Z");
    expect(town.standstillEndsAt!.toISOString()).toBe("2027-01-04T14:59:59.999Z");
  });
});

describe("stepRecipients", () => {
  const step: RouteStep = { kind: "parallel", required: 2, approverIds: [A, B, C] };
  const D = "00000000-0000-4000-8000-00000000000d";
  it("tells the open seats and their delegates, never the proposer nor a seat that decided", () => {
    const delegations = [
      { fromUserId: B, toUserId: D, startsOn: "2026-12-01", endsOn: "2026-12-31" },
      { fromUserId: A, toUserId: C, startsOn: "2026-12-01", endsOn: "2026-12-31" },
    ];
    expect(stepRecipients(step, C, [A], delegations)).toEqual([B, D]);
    expect(stepRecipients(step, D, [], delegations)).toEqual([A, B, C]);
  });
});
