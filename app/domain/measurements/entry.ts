import { z } from "zod";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { CRITERION_UNITS, isWithinUnitRange, type CriterionUnit } from "~/domain/rfq/units";

// What a vendor enters per (period, KPI) and what may happen to it next (decision 0040). Pure: the service and
// the CSV import share `checkFigures`, so a figure typed in the form and one in a CSV row get the same rule and
// the same words.

export type MeasurementStatus = "pending" | "disputed" | "confirmed";
export type MeasurementAction = "enter" | "confirm" | "dispute" | "reply";

export const isRateKpi = (kpi: Pick<SlaTarget, "unit">) => kpi.unit === "rate";

/** Counts above this are refused (PostgreSQL integer, and no month has a billion trials). */
export const MAX_COUNT = 1_000_000_000;
/** Non-rate values above this are refused (yen, hours, counts; numeric column, kept readable). */
export const MAX_VALUE = 1_000_000_000_000;
export const MAX_NOTE = 2000;
export const MAX_REASON = 2000;

export type Figures = { kind: "rate"; successes: number; trials: number } | { kind: "value"; value: number };

export interface FigureProblem {
  path: "period" | "kpiKey" | "successes" | "trials" | "value" | "note";
  key:
    | "measurements.kpi.unknown"
    | "measurements.successes.invalid"
    | "measurements.trials.invalid"
    | "measurements.successes.overTrials"
    | "measurements.value.invalid"
    | "measurements.value.notForRate"
    | "measurements.counts.notForValue"
    | "measurements.note.tooLong";
}

/** A figure as typed: a number, or text with optional thousands separators ("9,990", "１２"→ refused). Empty → absent. */
export function readNumber(raw: unknown): number | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  const text = raw.trim().replace(/,/g, "");
  if (text === "") return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

const isCount = (n: number | undefined | null): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;

/**
 * The figures of one measurement of `kpi`: a rate needs whole successes and trials (0 ≤ successes ≤ trials,
 * trials ≥ 1) and no value; any other unit needs a value in its unit's range (rfq/units.ts: yen whole, ROI from −1,
 * others 0 or more; at most 4 decimals) and no counts.
 */
export function checkFigures(
  kpi: SlaTarget | undefined,
  raw: { successes?: unknown; trials?: unknown; value?: unknown; note?: unknown },
): { ok: true; figures: Figures; note: string } | { ok: false; problems: FigureProblem[] } {
  const problems: FigureProblem[] = [];
  const note = typeof raw.note === "string" ? raw.note.trim() : "";
  if (note.length > MAX_NOTE) problems.push({ path: "note", key: "measurements.note.tooLong" });
  if (!kpi) return { ok: false, problems: [{ path: "kpiKey", key: "measurements.kpi.unknown" }, ...problems] };
  const successes = readNumber(raw.successes);
  const trials = readNumber(raw.trials);
  const value = readNumber(raw.value);
  if (isRateKpi(kpi)) {
    if (!isCount(successes)) problems.push({ path: "successes", key: "measurements.successes.invalid" });
    if (!isCount(trials) || trials < 1) problems.push({ path: "trials", key: "measurements.trials.invalid" });
    if (isCount(successes) && isCount(trials) && trials >= 1 && successes > trials)
      problems.push({ path: "successes", key: "measurements.successes.overTrials" });
    if (value !== undefined) problems.push({ path: "value", key: "measurements.value.notForRate" });
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, figures: { kind: "rate", successes: successes as number, trials: trials as number }, note };
  }
  const inRange = (v: number) => ((CRITERION_UNITS as readonly string[]).includes(kpi.unit) ? isWithinUnitRange(kpi.unit as CriterionUnit, v) : v >= 0);
  if (value === undefined || value === null || !inRange(value) || Math.abs(value) > MAX_VALUE || Math.round(value * 10_000) / 10_000 !== value)
    problems.push({ path: "value", key: "measurements.value.invalid" });
  if (successes !== undefined || trials !== undefined) problems.push({ path: "successes", key: "measurements.counts.notForValue" });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, figures: { kind: "value", value: value as number }, note };
}

/**
 * The status after `action`, or why it is refused. Entering again corrects (pending or disputed → pending, the
 * buyer is asked again); a confirmed measurement is final. The buyer confirms or disputes a pending or disputed
 * one (a dispute may be repeated after the vendor's reply); the vendor replies only to a dispute.
 */
export function nextStatus(
  current: MeasurementStatus | null,
  action: MeasurementAction,
): { ok: true; status: MeasurementStatus } | { ok: false; key: "measurements.confirmed.final" | "measurements.missing" | "measurements.reply.notDisputed" } {
  if (current === "confirmed") return { ok: false, key: "measurements.confirmed.final" };
  switch (action) {
    case "enter":
      return { ok: true, status: "pending" };
    case "confirm":
      return current === null ? { ok: false, key: "measurements.missing" } : { ok: true, status: "confirmed" };
    case "dispute":
      return current === null ? { ok: false, key: "measurements.missing" } : { ok: true, status: "disputed" };
    case "reply":
      return current === "disputed" ? { ok: true, status: "disputed" } : { ok: false, key: "measurements.reply.notDisputed" };
  }
}

const text = (max: number, tooLong: "measurements.reason.tooLong" | "measurements.reply.tooLong") => z.string().trim().max(max, { error: tooLong });

/** The buyer's decision on one or several measurements (a dispute needs a reason). */
export const DecisionInput = z
  .object({
    decision: z.enum(["confirm", "dispute"], { error: "measurements.decision.invalid" }),
    reason: text(MAX_REASON, "measurements.reason.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "dispute" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "measurements.reason.required" });
  });
export type DecisionInput = z.output<typeof DecisionInput>;

/** The vendor's reply to a dispute. */
export const ReplyInput = z.object({
  body: text(MAX_REASON, "measurements.reply.tooLong").min(1, { error: "measurements.reply.required" }),
});
export type ReplyInput = z.output<typeof ReplyInput>;

/** A rate as the page shows it: 99.90 % (9,990 / 10,000). */
export const rateOf = (successes: number, trials: number) => successes / trials;
