import { z } from "zod";

// 稟議ルート: a buyer organisation's approval rules (issue 15, item 3), as data and pure functions.
//
// Rules are bands of contract value, from ¥0 upward with no gap and no overlap, the last one open-ended.
// A band is half-open: it applies from `fromYen` (inclusive) up to `toYen` (exclusive); `toYen: null` means
// "and above". Each band is an ordered list of steps; a step is
//   - sequential: one named approver, or
//   - parallel:   N of M named approvers (1 ≤ N ≤ M).
// A proposal freezes `routeFor(rules, amount)` when it enters the route, so later edits of the rules never
// change a running route. `nextPending` walks a frozen route against the decisions made so far;
// `canDecide` says whether a user may decide at the current step (never the proposer; delegates 代決).
//
// Every message is a catalog key (app/i18n/messages-approval-routes.ts).

/** The shape of the stored jsonb; bump it (and migrate old rows) when the shape changes. */
export const ROUTE_RULES_VERSION = 1;

const yen = (key: "approvalRoutes.band.fromYen.invalid" | "approvalRoutes.band.toYen.invalid") =>
  z.number({ error: key }).int({ error: "approvalRoutes.yen.integer" }).min(0, { error: key }).max(Number.MAX_SAFE_INTEGER, { error: key });

export const StepSchema = z
  .object({
    kind: z.enum(["sequential", "parallel"], { error: "approvalRoutes.step.kind.invalid" }),
    /** N of a parallel step; a sequential step needs its one approver (1). */
    required: z
      .number({ error: "approvalRoutes.step.required.invalid" })
      .int({ error: "approvalRoutes.step.required.invalid" })
      .min(1, { error: "approvalRoutes.step.required.invalid" })
      .optional(),
    approverIds: z.array(z.string().uuid({ error: "approvalRoutes.step.approver.invalid" })).default([]),
  })
  .superRefine((step, ctx) => {
    if (step.approverIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["approverIds"], message: "approvalRoutes.step.empty" });
      return;
    }
    const seen = new Set<string>();
    for (const id of step.approverIds) {
      if (seen.has(id)) {
        ctx.addIssue({ code: "custom", path: ["approverIds"], message: "approvalRoutes.step.approver.duplicate" });
        break;
      }
      seen.add(id);
    }
    if (step.kind === "sequential" && step.approverIds.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["approverIds"], message: "approvalRoutes.step.sequential.one" });
    }
    if (step.kind === "parallel") {
      if (step.required === undefined) ctx.addIssue({ code: "custom", path: ["required"], message: "approvalRoutes.step.required.invalid" });
      else if (step.required > step.approverIds.length)
        ctx.addIssue({ code: "custom", path: ["required"], message: "approvalRoutes.step.required.moreThanApprovers" });
    }
  });

export const BandSchema = z.object({
  fromYen: yen("approvalRoutes.band.fromYen.invalid"),
  /** Exclusive upper bound; absent/null only on the last band. */
  toYen: yen("approvalRoutes.band.toYen.invalid").nullish(),
  steps: z.array(StepSchema).min(1, { error: "approvalRoutes.band.steps.empty" }),
});

/**
 * The rules as an owner edits and the table stores them. Bands are checked in the order given (the
 * form shows them by amount): the first starts at ¥0, each next one starts where the previous ends, the
 * last is open-ended and only the last is. Each problem is reported at the field that causes it.
 */
export const RouteRulesSchema = z
  .object({
    version: z.literal(ROUTE_RULES_VERSION).default(ROUTE_RULES_VERSION),
    bands: z.array(BandSchema).min(1, { error: "approvalRoutes.bands.empty" }),
  })
  .superRefine(({ bands }, ctx) => {
    const first = bands[0];
    if (first && first.fromYen !== 0) ctx.addIssue({ code: "custom", path: ["bands", 0, "fromYen"], message: "approvalRoutes.band.firstFromZero" });
    bands.forEach((band, i) => {
      const last = i === bands.length - 1;
      const to = band.toYen ?? null;
      if (to === null && !last) ctx.addIssue({ code: "custom", path: ["bands", i, "toYen"], message: "approvalRoutes.band.toYen.required" });
      if (to !== null && last) ctx.addIssue({ code: "custom", path: ["bands", i, "toYen"], message: "approvalRoutes.band.lastOpenEnded" });
      if (to !== null && to <= band.fromYen) ctx.addIssue({ code: "custom", path: ["bands", i, "toYen"], message: "approvalRoutes.band.toYen.notAboveFrom" });
      const next = bands[i + 1];
      if (next && to !== null && to > band.fromYen) {
        if (next.fromYen < to) ctx.addIssue({ code: "custom", path: ["bands", i + 1, "fromYen"], message: "approvalRoutes.band.overlap" });
        else if (next.fromYen > to) ctx.addIssue({ code: "custom", path: ["bands", i + 1, "fromYen"], message: "approvalRoutes.band.gap" });
      }
    });
  });

export type Step = z.output<typeof StepSchema>;
export type Band = z.output<typeof BandSchema>;
export type RouteRules = z.output<typeof RouteRulesSchema>;

/** One step of a route as frozen on a proposal: N of the named approvers (a sequential step is 1 of 1). */
export interface RouteStep {
  readonly kind: "sequential" | "parallel";
  readonly required: number;
  readonly approverIds: readonly string[];
}

/** The approvers named anywhere in the rules, once each, in order of appearance. */
export function approversIn(rules: RouteRules): string[] {
  return [...new Set(rules.bands.flatMap((b) => b.steps.flatMap((s) => s.approverIds)))];
}

/**
 * The steps naming someone who is not (or no longer) an approver of the organisation, at each step's
 * `approverIds` path, with the offending ids — the service checks this against the members with the
 * approver flag before saving.
 */
export function unknownApprovers(
  rules: RouteRules,
  approverIds: ReadonlySet<string>,
): { path: ["bands", number, "steps", number, "approverIds"]; key: "approvalRoutes.step.approver.notApprover"; userIds: string[] }[] {
  return rules.bands.flatMap((band, b) =>
    band.steps.flatMap((step, s) => {
      const userIds = step.approverIds.filter((id) => !approverIds.has(id));
      return userIds.length === 0
        ? []
        : [
            {
              path: ["bands", b, "steps", s, "approverIds"] as ["bands", number, "steps", number, "approverIds"],
              key: "approvalRoutes.step.approver.notApprover" as const,
              userIds,
            },
          ];
    }),
  );
}

/** The steps that apply to a contract value, frozen (a sequential step is "1 of 1"); null if no band covers it. */
export function routeFor(rules: RouteRules, amountYen: number): RouteStep[] | null {
  if (!Number.isInteger(amountYen) || amountYen < 0) return null;
  const band = rules.bands.find((b) => amountYen >= b.fromYen && (b.toYen == null || amountYen < b.toYen));
  if (!band) return null;
  return band.steps.map((s) => ({
    kind: s.kind,
    required: s.kind === "sequential" ? 1 : Math.min(s.required ?? 1, s.approverIds.length),
    approverIds: [...s.approverIds],
  }));
}

export type DecisionKind = "approve" | "reject" | "return";

/** A decision recorded on a proposal: at a step, for an approver's seat, possibly taken by a delegate (代決). */
export interface Decision {
  readonly stepIndex: number;
  /** The approver named in the step whose seat this decision fills. */
  readonly approverId: string;
  /** Who actually decided: the approver, or their delegate. */
  readonly decidedBy: string;
  readonly decision: DecisionKind;
}

export type RouteState =
  /** Waiting at `stepIndex` for `required - approvals` more approvals from `waitingFor`. */
  | { readonly status: "pending"; readonly stepIndex: number; readonly step: RouteStep; readonly approvals: number; readonly waitingFor: readonly string[] }
  | { readonly status: "approved" }
  /** A rejection (却下) or a return for revision (差戻し) ended the route at `stepIndex`. */
  | { readonly status: "rejected" | "returned"; readonly stepIndex: number; readonly decision: Decision };

/**
 * Where a route stands given the decisions so far (in the order they were made). Steps complete in order:
 * a sequential step at its approver's approval, a parallel step at N approvals. Any rejection or return at
 * the current step ends the route. A seat counts once (its first decision); decisions for a step that is
 * not current yet, or from someone without a seat in it, are ignored.
 */
export function nextPending(route: readonly RouteStep[], decisions: readonly Decision[]): RouteState {
  let at = 0;
  let approved = new Set<string>();
  for (const d of decisions) {
    const step = route[at];
    if (!step) break;
    if (d.stepIndex !== at || !step.approverIds.includes(d.approverId) || approved.has(d.approverId)) continue;
    if (d.decision === "reject") return { status: "rejected", stepIndex: at, decision: d };
    if (d.decision === "return") return { status: "returned", stepIndex: at, decision: d };
    approved.add(d.approverId);
    if (approved.size >= step.required) {
      at += 1;
      approved = new Set();
    }
  }
  const step = route[at];
  if (!step) return { status: "approved" };
  return { status: "pending", stepIndex: at, step, approvals: approved.size, waitingFor: step.approverIds.filter((id) => !approved.has(id)) };
}

/** 代決: `toUserId` decides for `fromUserId` on the days from `startsOn` to `endsOn` (inclusive, Japan time). */
export interface Delegation {
  readonly fromUserId: string;
  readonly toUserId: string;
  /** YYYY-MM-DD */
  readonly startsOn: string;
  /** YYYY-MM-DD */
  readonly endsOn: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "approvalRoutes.delegation.date.invalid" });

export const DelegationSchema = z
  .object({
    fromUserId: z.string().uuid({ error: "approvalRoutes.delegation.user.invalid" }),
    toUserId: z.string().uuid({ error: "approvalRoutes.delegation.user.invalid" }),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .superRefine((d, ctx) => {
    if (d.fromUserId === d.toUserId) ctx.addIssue({ code: "custom", path: ["toUserId"], message: "approvalRoutes.delegation.self" });
    if (d.endsOn < d.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "approvalRoutes.delegation.endsBeforeStart" });
  });

/** The calendar day in Japan (UTC+9, no daylight saving) of an instant, as YYYY-MM-DD. */
export function japanDay(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export type DecideRefusal = "proposer" | "notApprover" | "alreadyDecided";

export type DecideAnswer =
  | { readonly ok: true; readonly approverId: string; readonly delegated: boolean; readonly delegation?: Delegation }
  | { readonly ok: false; readonly reason: DecideRefusal };

/**
 * Whether `userId` may decide at `step` on a proposal by `proposerId`, and for whose seat.
 *
 * - The proposer never decides on their own proposal: not in their own seat, not as anyone's delegate,
 *   and nobody decides in the proposer's seat as their delegate (that would be self-approval by proxy).
 * - A user decides in their own seat first; otherwise in the seat of an approver who delegated to them
 *   for a period covering `at` (one hop: a delegate's own delegations do not pass on).
 * - A delegate who holds a seat in the same step does not take another one there (N of M stays N people).
 * - `decided` lists the seats of the step that already decided; they are not offered again.
 */
export function canDecide(
  step: RouteStep,
  userId: string,
  proposerId: string,
  delegations: readonly Delegation[],
  options: { at: Date; decided?: readonly string[] },
): DecideAnswer {
  if (userId === proposerId) return { ok: false, reason: "proposer" };
  const decided = new Set(options.decided ?? []);
  if (step.approverIds.includes(userId)) {
    return decided.has(userId) ? { ok: false, reason: "alreadyDecided" } : { ok: true, approverId: userId, delegated: false };
  }
  const day = japanDay(options.at);
  const covering = delegations.filter(
    (d) => d.toUserId === userId && d.fromUserId !== proposerId && step.approverIds.includes(d.fromUserId) && d.startsOn <= day && day <= d.endsOn,
  );
  if (covering.length === 0) return { ok: false, reason: "notApprover" };
  const open = covering.find((d) => !decided.has(d.fromUserId));
  if (!open) return { ok: false, reason: "alreadyDecided" };
  return { ok: true, approverId: open.fromUserId, delegated: true, delegation: open };
}

/**
 * The steps of a route a proposal by `proposerId` can never complete: the proposer holds a seat there and
 * the other seats are fewer than N (the proposer's seat is not delegable either). A proposal service
 * refuses to start such a route (or asks for another approver) instead of leaving it stuck.
 */
export function unreachableSteps(route: readonly RouteStep[], proposerId: string): number[] {
  return route.flatMap((step, i) => (step.approverIds.filter((id) => id !== proposerId).length < step.required ? [i] : []));
}

/** An empty starting point for the settings form: one open band with one sequential step. */
export function starterRules(): {
  version: typeof ROUTE_RULES_VERSION;
  bands: { fromYen: number; toYen: null; steps: { kind: "sequential"; required: 1; approverIds: string[] }[] }[];
} {
  return { version: ROUTE_RULES_VERSION, bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [] }] }] };
}
