import { describe, expect, it } from "vitest";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { checkFigures, DecisionInput, nextStatus, readNumber, ReplyInput } from "./entry";

const rate: SlaTarget = { key: "accuracy", label: { ja: "正確性", en: "Accuracy" }, unit: "rate", direction: "benefit", target: 0.999 };
const hours: SlaTarget = { key: "first_response_hours", label: { ja: "初回応答", en: "First response" }, unit: "hours", direction: "cost", target: 4 };

describe("checkFigures", () => {
  it("takes a rate as whole successes of trials, thousands separators allowed", () => {
    expect(checkFigures(rate, { successes: "9,990", trials: "10,000", note: " 月次 " })).toEqual({
      ok: true,
      figures: { kind: "rate", successes: 9990, trials: 10000 },
      note: "月次",
    });
    expect(checkFigures(rate, { successes: 0, trials: 1 })).toMatchObject({ ok: true, figures: { successes: 0, trials: 1 } });
  });
  it("refuses impossible counts field by field", () => {
    const keys = (raw: Record<string, unknown>) => {
      const r = checkFigures(rate, raw);
      return r.ok ? [] : r.problems.map((p) => `${p.path}:${p.key}`);
    };
    expect(keys({ successes: 11, trials: 10 })).toEqual(["successes:measurements.successes.overTrials"]);
    expect(keys({ successes: 0, trials: 0 })).toEqual(["trials:measurements.trials.invalid"]);
    expect(keys({ successes: "9.5", trials: "-1" })).toEqual(["successes:measurements.successes.invalid", "trials:measurements.trials.invalid"]);
    expect(keys({ successes: "", trials: "" })).toEqual(["successes:measurements.successes.invalid", "trials:measurements.trials.invalid"]);
    expect(keys({ successes: 1, trials: 2, value: 3 })).toEqual(["value:measurements.value.notForRate"]);
    expect(keys({ successes: "１", trials: 2 })).toEqual(["successes:measurements.successes.invalid"]);
    expect(keys({ successes: 1, trials: 2e9 })).toEqual(["trials:measurements.trials.invalid"]);
  });
  it("takes a non-rate KPI as a value and refuses counts for it", () => {
    expect(checkFigures(hours, { value: "3.5" })).toEqual({ ok: true, figures: { kind: "value", value: 3.5 }, note: "" });
    expect(checkFigures(hours, { value: "-1" })).toMatchObject({ ok: false, problems: [{ path: "value", key: "measurements.value.invalid" }] });
    expect(checkFigures(hours, { value: "0.12345" })).toMatchObject({ ok: false, problems: [{ path: "value" }] });
    expect(checkFigures(hours, { value: 2, trials: 3 })).toMatchObject({
      ok: false,
      problems: [{ path: "successes", key: "measurements.counts.notForValue" }],
    });
  });
  it("keeps a value within its unit's range: whole yen, ROI from -1", () => {
    const yen: SlaTarget = { ...hours, key: "cpa", unit: "yen" };
    expect(checkFigures(yen, { value: "12,000" })).toMatchObject({ ok: true, figures: { value: 12000 } });
    expect(checkFigures(yen, { value: "12.5" })).toMatchObject({ ok: false });
    expect(checkFigures({ ...hours, unit: "ratio" }, { value: "-0.5" })).toMatchObject({ ok: true, figures: { value: -0.5 } });
  });
  it("refuses a KPI the contract does not have, and an over-long note", () => {
    expect(checkFigures(undefined, { value: 1, note: "x".repeat(2001) })).toMatchObject({
      ok: false,
      problems: [{ path: "kpiKey" }, { path: "note", key: "measurements.note.tooLong" }],
    });
  });
  it("reads numbers strictly", () => {
    expect(readNumber(undefined)).toBeUndefined();
    expect(readNumber("  ")).toBeUndefined();
    expect(readNumber("1e3")).toBeNull();
    expect(readNumber(Number.NaN)).toBeNull();
    expect(readNumber({})).toBeNull();
  });
});

describe("nextStatus", () => {
  it("enters, corrects while pending or disputed, and freezes once confirmed", () => {
    expect(nextStatus(null, "enter")).toEqual({ ok: true, status: "pending" });
    expect(nextStatus("pending", "enter")).toEqual({ ok: true, status: "pending" });
    expect(nextStatus("disputed", "enter")).toEqual({ ok: true, status: "pending" });
    expect(nextStatus("confirmed", "enter")).toEqual({ ok: false, key: "measurements.confirmed.final" });
  });
  it("lets the buyer confirm or dispute what exists and is not final", () => {
    expect(nextStatus("pending", "confirm")).toEqual({ ok: true, status: "confirmed" });
    expect(nextStatus("disputed", "confirm")).toEqual({ ok: true, status: "confirmed" });
    expect(nextStatus("pending", "dispute")).toEqual({ ok: true, status: "disputed" });
    expect(nextStatus("disputed", "dispute")).toEqual({ ok: true, status: "disputed" });
    expect(nextStatus(null, "confirm")).toEqual({ ok: false, key: "measurements.missing" });
    expect(nextStatus("confirmed", "confirm")).toEqual({ ok: false, key: "measurements.confirmed.final" });
    expect(nextStatus("confirmed", "dispute")).toEqual({ ok: false, key: "measurements.confirmed.final" });
  });
  it("lets the vendor reply only to a dispute", () => {
    expect(nextStatus("disputed", "reply")).toEqual({ ok: true, status: "disputed" });
    expect(nextStatus("pending", "reply")).toEqual({ ok: false, key: "measurements.reply.notDisputed" });
  });
});

describe("decision and reply input", () => {
  it("a dispute needs a reason, a confirmation does not", () => {
    expect(DecisionInput.safeParse({ decision: "confirm" }).success).toBe(true);
    const d = DecisionInput.safeParse({ decision: "dispute", reason: "  " });
    expect(d.success ? [] : d.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "measurements.reason.required"]]);
    const bad = DecisionInput.safeParse({ decision: "maybe" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(["measurements.decision.invalid"]);
    const r = ReplyInput.safeParse({ body: "" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["measurements.reply.required"]);
  });
});
