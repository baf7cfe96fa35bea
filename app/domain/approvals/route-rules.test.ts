import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canDecide,
  DelegationSchema,
  japanDay,
  nextPending,
  routeFor,
  RouteRulesSchema,
  unknownApprovers,
  unreachableSteps,
  type Decision,
  type RouteRules,
  type RouteStep,
} from "./route-rules";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";
const D = "00000000-0000-4000-8000-00000000000d";
const P = "00000000-0000-4000-8000-0000000000ff"; // the proposer

// The issue's example: under ¥1,000,000 one approver; up to ¥10,000,000 課長 then 部長; above: 部長 and 2 of 3 committee members.
const example = {
  bands: [
    { fromYen: 0, toYen: 1_000_000, steps: [{ kind: "sequential", approverIds: [A] }] },
    {
      fromYen: 1_000_000,
      toYen: 10_000_000,
      steps: [
        { kind: "sequential", approverIds: [A] },
        { kind: "sequential", approverIds: [B] },
      ],
    },
    {
      fromYen: 10_000_000,
      toYen: null,
      steps: [
        { kind: "sequential", approverIds: [B] },
        { kind: "parallel", required: 2, approverIds: [A, C, D] },
      ],
    },
  ],
};

const issues = (input: unknown) => {
  const r = RouteRulesSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const rules = (input: unknown): RouteRules => RouteRulesSchema.parse(input);

describe("the rules' schema", () => {
  it("accepts the issue's example and stamps the shape's version", () => {
    expect(issues(example)).toEqual([]);
    expect(rules(example).version).toBe(1);
  });

  it("refuses overlapping and gapped bands at the next band's lower limit", () => {
    const overlap = structuredClone(example);
    overlap.bands[1]!.fromYen = 900_000;
    expect(issues(overlap)).toEqual(["bands.1.fromYen: approvalRoutes.band.overlap"]);
    const gap = structuredClone(example);
    gap.bands[2]!.fromYen = 10_000_001;
    expect(issues(gap)).toEqual(["bands.2.fromYen: approvalRoutes.band.gap"]);
  });

  it("wants the first band from ¥0, an upper limit on every band but the last, and the last open-ended", () => {
    const late = structuredClone(example);
    late.bands[0]!.fromYen = 1;
    expect(issues(late)).toContain("bands.0.fromYen: approvalRoutes.band.firstFromZero");
    const closed = structuredClone(example) as { bands: { fromYen: number; toYen: number | null; steps: unknown[] }[] };
    closed.bands[2]!.toYen = 50_000_000;
    expect(issues(closed)).toEqual(["bands.2.toYen: approvalRoutes.band.lastOpenEnded"]);
    const open = structuredClone(example) as { bands: { fromYen: number; toYen: number | null; steps: unknown[] }[] };
    open.bands[0]!.toYen = null;
    expect(issues(open)).toContain("bands.0.toYen: approvalRoutes.band.toYen.required");
    const inverted = {
      bands: [
        { fromYen: 0, toYen: 0, steps: example.bands[0]!.steps },
        { fromYen: 0, toYen: null, steps: example.bands[0]!.steps },
      ],
    };
    expect(issues(inverted)).toEqual(["bands.0.toYen: approvalRoutes.band.toYen.notAboveFrom"]);
    expect(issues({ bands: [] })).toEqual(["bands: approvalRoutes.bands.empty"]);
  });

  it("refuses non-integer and negative yen", () => {
    const frac = structuredClone(example);
    frac.bands[0]!.toYen = 999_999.5;
    expect(issues(frac)).toContain("bands.0.toYen: approvalRoutes.yen.integer");
    const neg = structuredClone(example);
    neg.bands[0]!.fromYen = -1;
    expect(issues(neg)).toContain("bands.0.fromYen: approvalRoutes.band.fromYen.invalid");
  });

  it("refuses N > M, a missing N, an empty step, a band without steps, a duplicate approver and a sequential step with several", () => {
    const step = (s: unknown) => issues({ bands: [{ fromYen: 0, toYen: null, steps: [s] }] });
    expect(step({ kind: "parallel", required: 4, approverIds: [A, B, C] })).toEqual([
      "bands.0.steps.0.required: approvalRoutes.step.required.moreThanApprovers",
    ]);
    expect(step({ kind: "parallel", approverIds: [A, B] })).toEqual(["bands.0.steps.0.required: approvalRoutes.step.required.invalid"]);
    expect(step({ kind: "parallel", required: 0, approverIds: [A] })).toEqual(["bands.0.steps.0.required: approvalRoutes.step.required.invalid"]);
    expect(step({ kind: "parallel", required: 1, approverIds: [] })).toEqual(["bands.0.steps.0.approverIds: approvalRoutes.step.empty"]);
    expect(step({ kind: "sequential" })).toEqual(["bands.0.steps.0.approverIds: approvalRoutes.step.empty"]);
    expect(step({ kind: "parallel", required: 2, approverIds: [A, B, A] })).toEqual(["bands.0.steps.0.approverIds: approvalRoutes.step.approver.duplicate"]);
    expect(step({ kind: "sequential", approverIds: [A, B] })).toEqual(["bands.0.steps.0.approverIds: approvalRoutes.step.sequential.one"]);
    expect(step({ kind: "other", approverIds: [A] })).toEqual(["bands.0.steps.0.kind: approvalRoutes.step.kind.invalid"]);
    expect(issues({ bands: [{ fromYen: 0, toYen: null, steps: [] }] })).toEqual(["bands.0.steps: approvalRoutes.band.steps.empty"]);
  });

  it("names the steps that name a non-approver", () => {
    expect(unknownApprovers(rules(example), new Set([A, B, C, D]))).toEqual([]);
    expect(unknownApprovers(rules(example), new Set([A, B, C]))).toEqual([
      { path: ["bands", 2, "steps", 1, "approverIds"], key: "approvalRoutes.step.approver.notApprover", userIds: [D] },
    ]);
  });

  it("property: contiguous bands from ¥0 always parse, and every amount falls in exactly one band", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1e12 }), { maxLength: 6 }), fc.integer({ min: 0, max: 2e12 }), (cuts, amount) => {
        const bounds = [0, ...cuts.sort((x, y) => x - y)];
        const bands = bounds.map((from, i) => ({ fromYen: from, toYen: bounds[i + 1] ?? null, steps: [{ kind: "sequential", approverIds: [A] }] }));
        const parsed = rules({ bands });
        const covering = parsed.bands.filter((b) => amount >= b.fromYen && (b.toYen == null || amount < b.toYen));
        expect(covering).toHaveLength(1);
        expect(routeFor(parsed, amount)).not.toBeNull();
      }),
    );
  });

  it("property: moving any inner boundary off its neighbour is refused as a gap or an overlap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
        (delta) => {
          const moved = structuredClone(example);
          moved.bands[2]!.fromYen = 10_000_000 + delta;
          expect(issues(moved)).toEqual([`bands.2.fromYen: approvalRoutes.band.${delta > 0 ? "gap" : "overlap"}`]);
        },
      ),
    );
  });
});

describe("routeFor", () => {
  const r = rules(example);
  it("picks the band by amount: lower limit inclusive, upper exclusive, the last open-ended", () => {
    expect(routeFor(r, 0)).toEqual([{ kind: "sequential", required: 1, approverIds: [A] }]);
    expect(routeFor(r, 999_999)).toHaveLength(1);
    expect(routeFor(r, 1_000_000)).toEqual([
      { kind: "sequential", required: 1, approverIds: [A] },
      { kind: "sequential", required: 1, approverIds: [B] },
    ]);
    expect(routeFor(r, 10_000_000)?.[1]).toEqual({ kind: "parallel", required: 2, approverIds: [A, C, D] });
    expect(routeFor(r, 9_000_000_000)).toHaveLength(2);
  });
  it("answers null for an amount that is not whole non-negative yen", () => {
    expect(routeFor(r, -1)).toBeNull();
    expect(routeFor(r, 1.5)).toBeNull();
  });
});

describe("nextPending", () => {
  const route = routeFor(rules(example), 20_000_000)!; // B, then 2 of A/C/D
  const d = (stepIndex: number, approverId: string, decision: Decision["decision"] = "approve", decidedBy = approverId): Decision => ({
    stepIndex,
    approverId,
    decidedBy,
    decision,
  });

  it("waits at the first step with nobody's decision", () => {
    expect(nextPending(route, [])).toEqual({ status: "pending", stepIndex: 0, step: route[0], approvals: 0, waitingFor: [B] });
  });
  it("goes through the steps in order; a parallel step completes at N approvals", () => {
    expect(nextPending(route, [d(0, B)])).toMatchObject({ status: "pending", stepIndex: 1, approvals: 0, waitingFor: [A, C, D] });
    expect(nextPending(route, [d(0, B), d(1, C)])).toMatchObject({ status: "pending", stepIndex: 1, approvals: 1, waitingFor: [A, D] });
    expect(nextPending(route, [d(0, B), d(1, C), d(1, A)])).toEqual({ status: "approved" });
  });
  it("ignores decisions for a later step, from outside the step, and a seat's second decision", () => {
    expect(nextPending(route, [d(1, C), d(1, A)])).toMatchObject({ status: "pending", stepIndex: 0 });
    expect(nextPending(route, [d(0, A)])).toMatchObject({ status: "pending", stepIndex: 0 });
    expect(nextPending(route, [d(0, B), d(1, C), d(1, C)])).toMatchObject({ status: "pending", stepIndex: 1, approvals: 1 });
    expect(nextPending(route, [d(0, B), d(1, C), d(1, C, "reject")])).toMatchObject({ status: "pending", stepIndex: 1, approvals: 1 });
  });
  it("a rejection or a return for revision ends the route at its step", () => {
    expect(nextPending(route, [d(0, B, "reject")])).toEqual({ status: "rejected", stepIndex: 0, decision: d(0, B, "reject") });
    expect(nextPending(route, [d(0, B), d(1, A), d(1, D, "return")])).toMatchObject({ status: "returned", stepIndex: 1 });
    expect(nextPending(route, [d(0, B), d(1, A), d(1, D, "reject"), d(1, C)])).toMatchObject({ status: "rejected" });
  });
  it("property: approvals alone never reject, and the route is approved exactly when every step has N distinct approvals", () => {
    const steps: RouteStep[] = [
      { kind: "sequential", required: 1, approverIds: [A] },
      { kind: "parallel", required: 2, approverIds: [B, C, D] },
    ];
    const arb = fc.array(fc.record({ stepIndex: fc.integer({ min: 0, max: 2 }), approverId: fc.constantFrom(A, B, C, D) }), { maxLength: 12 });
    fc.assert(
      fc.property(arb, (raw) => {
        const decisions = raw.map((x) => d(x.stepIndex, x.approverId));
        const state = nextPending(steps, decisions);
        expect(state.status === "approved" || state.status === "pending").toBe(true);
        // Replay by hand: step 0 needs A at index 0; step 1 then needs 2 of B/C/D at index 1 after A's approval.
        const firstA = decisions.findIndex((x) => x.stepIndex === 0 && x.approverId === A);
        const later = firstA < 0 ? [] : decisions.slice(firstA + 1).filter((x) => x.stepIndex === 1 && x.approverId !== A);
        const expected = firstA >= 0 && new Set(later.map((x) => x.approverId)).size >= 2;
        expect(state.status === "approved").toBe(expected);
      }),
    );
  });
});

describe("canDecide", () => {
  const step: RouteStep = { kind: "parallel", required: 2, approverIds: [A, B, P] };
  const at = new Date("2026-12-10T01:00:00Z"); // 10:00 on 10 Dec in Japan
  const none: never[] = [];

  it("an approver named in the step decides in their own seat", () => {
    expect(canDecide(step, A, P, none, { at })).toEqual({ ok: true, approverId: A, delegated: false });
    expect(canDecide(step, A, P, none, { at, decided: [A] })).toEqual({ ok: false, reason: "alreadyDecided" });
  });
  it("the proposer never decides on their own proposal, even when named in the step or delegated to", () => {
    expect(canDecide(step, P, P, none, { at })).toEqual({ ok: false, reason: "proposer" });
    expect(canDecide(step, P, P, [{ fromUserId: A, toUserId: P, startsOn: "2026-12-01", endsOn: "2026-12-31" }], { at })).toEqual({
      ok: false,
      reason: "proposer",
    });
  });
  it("nobody decides in the proposer's seat as their delegate", () => {
    expect(canDecide(step, C, P, [{ fromUserId: P, toUserId: C, startsOn: "2026-12-01", endsOn: "2026-12-31" }], { at })).toEqual({
      ok: false,
      reason: "notApprover",
    });
  });
  it("a member outside the step may not decide", () => {
    expect(canDecide(step, C, P, none, { at })).toEqual({ ok: false, reason: "notApprover" });
  });
  it("a delegate decides in the delegator's seat during the period (Japan's calendar day, both ends included)", () => {
    const delegation = { fromUserId: B, toUserId: C, startsOn: "2026-12-10", endsOn: "2026-12-10" };
    expect(canDecide(step, C, P, [delegation], { at })).toEqual({ ok: true, approverId: B, delegated: true, delegation });
    // 2026-12-09T15:00Z is already 10 Dec in Japan; 2026-12-10T15:00Z is 11 Dec.
    expect(canDecide(step, C, P, [delegation], { at: new Date("2026-12-09T15:00:00Z") })).toMatchObject({ ok: true });
    expect(canDecide(step, C, P, [delegation], { at: new Date("2026-12-09T14:59:59Z") })).toEqual({ ok: false, reason: "notApprover" });
    expect(canDecide(step, C, P, [delegation], { at: new Date("2026-12-10T15:00:00Z") })).toEqual({ ok: false, reason: "notApprover" });
    expect(canDecide(step, C, P, [delegation], { at, decided: [B] })).toEqual({ ok: false, reason: "alreadyDecided" });
  });
  it("a delegate who holds a seat in the step decides only in their own (N of M stays N people); delegation is one hop", () => {
    expect(canDecide(step, A, P, [{ fromUserId: B, toUserId: A, startsOn: "2026-12-01", endsOn: "2026-12-31" }], { at, decided: [A] })).toEqual({
      ok: false,
      reason: "alreadyDecided",
    });
    const chain = [
      { fromUserId: B, toUserId: C, startsOn: "2026-12-01", endsOn: "2026-12-31" },
      { fromUserId: C, toUserId: D, startsOn: "2026-12-01", endsOn: "2026-12-31" },
    ];
    expect(canDecide(step, D, P, chain, { at })).toEqual({ ok: false, reason: "notApprover" });
  });
  it("a route the proposer alone would have to complete is flagged before it starts", () => {
    const route: RouteStep[] = [
      { kind: "sequential", required: 1, approverIds: [P] },
      { kind: "parallel", required: 2, approverIds: [A, P] },
      { kind: "parallel", required: 2, approverIds: [A, B, P] },
    ];
    expect(unreachableSteps(route, P)).toEqual([0, 1]);
    expect(unreachableSteps(route, C)).toEqual([]);
  });
  it("japanDay is the calendar day in Japan", () => {
    expect(japanDay(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });
});

describe("delegations", () => {
  const check = (input: unknown) => {
    const r = DelegationSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  it("run from one member to another, over a period that does not end before it starts", () => {
    expect(check({ fromUserId: A, toUserId: B, startsOn: "2026-12-01", endsOn: "2026-12-01" })).toEqual([]);
    expect(check({ fromUserId: A, toUserId: A, startsOn: "2026-12-01", endsOn: "2026-12-01" })).toEqual(["toUserId: approvalRoutes.delegation.self"]);
    expect(check({ fromUserId: A, toUserId: B, startsOn: "2026-12-02", endsOn: "2026-12-01" })).toEqual(["endsOn: approvalRoutes.delegation.endsBeforeStart"]);
    expect(check({ fromUserId: A, toUserId: B, startsOn: "12/01", endsOn: "2026-12-01" })).toEqual(["startsOn: approvalRoutes.delegation.date.invalid"]);
  });
});
