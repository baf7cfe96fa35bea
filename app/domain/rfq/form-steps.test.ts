import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { isoToJstLocal, jstLocalToIso, stepFormDefaults, stepFormSchema } from "./form-steps";

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};
const parse = <S extends Parameters<typeof stepFormSchema>[0]>(step: S, entries: [string, string][]) =>
  parseWithZod(form(entries), { schema: stepFormSchema(step), disableAutoCoercion: true });

const parsedValue = <T>(s: { status?: string; value?: T }) => (s.status === "success" ? s.value : undefined);

/** The field errors of a submission that failed ({} when it did not). */
const errorsOf = (s: { status?: string }) => ("error" in s && s.error ? (s.error as Record<string, string[] | null>) : {});

describe("RFQ form steps", () => {
  it("decodes line items, a budget and full-width digits into the RFQ's shape", () => {
    const s = parse("lines", [
      ["lineItems[0].code", "INTAKE"],
      ["lineItems[0].description", "申請受付"],
      ["lineItems[0].unit", "件"],
      ["lineItems[0].quantity", "１，２００"],
      ["lineItems[0].recurrence", "per_unit"],
      ["contractTermMonths", "12"],
      ["budget.min", "1000000"],
      ["budget.max", "3000000"],
    ]);
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({
      lineItems: [{ code: "INTAKE", description: "申請受付", unit: "件", quantity: 1200, recurrence: "per_unit" }],
      contractTermMonths: 12,
      currency: "JPY",
      budget: { min: 1000000, max: 3000000, showToVendors: false },
    });
  });

  it("reports errors at the form's own field names", () => {
    const s = parse("lines", [
      ["lineItems[0].code", "bad code!"],
      ["lineItems[0].description", ""],
      ["lineItems[0].unit", "件"],
      ["lineItems[0].quantity", "abc"],
      ["lineItems[0].recurrence", "monthly"],
      ["budget.min", "5"],
      ["budget.max", "1"],
    ]);
    expect(s.status).toBe("error");
    expect(Object.keys((s.status === "error" && s.error) || {})).toEqual(
      expect.arrayContaining(["lineItems[0].code", "lineItems[0].description", "lineItems[0].quantity", "budget.min"]),
    );
  });

  it("turns a criterion's gate kind and value into the domain's gate, and back", () => {
    const s = parse("evaluation", [
      ["scoringMethod", "topsis"],
      ["criteria[0].key", "accuracy"],
      ["criteria[0].label.ja", "入力精度"],
      ["criteria[0].perspective", "internalProcess"],
      ["criteria[0].direction", "benefit"],
      ["criteria[0].weight", "30"],
      ["criteria[0].source", "kpi_commitment"],
      ["criteria[0].unit", "rate"],
      ["criteria[0].gateKind", "min"],
      ["criteria[0].gateValue", "99.5"],
    ]);
    expect(s.status).toBe("success");
    const criterion = s.status === "success" ? s.value.criteria![0] : null;
    expect(criterion?.gate).toEqual({ min: 0.995 });
    expect(criterion?.scale).toBeUndefined();
    const back = stepFormDefaults({ criteria: [criterion!] }).criteria as { gateKind: string; gateValue: number }[];
    expect(back[0]).toMatchObject({ gateKind: "min", gateValue: 99.5 });
  });

  const rateCriterion = (values: [string, string][]): [string, string][] => [
    ["scoringMethod", "weighted-sum-target"],
    ["criteria[0].key", "answer_rate"],
    ["criteria[0].label.ja", "応答率"],
    ["criteria[0].perspective", "customer"],
    ["criteria[0].direction", "benefit"],
    ["criteria[0].weight", "30"],
    ["criteria[0].source", "kpi_commitment"],
    ["criteria[0].unit", "rate"],
    ...values,
  ];

  it("reads a rate typed as a percentage: 95 is stored as 0.95, and shown again as 95", () => {
    const s = parse(
      "evaluation",
      rateCriterion([
        ["criteria[0].gateKind", "min"],
        ["criteria[0].gateValue", "９０"],
        ["criteria[0].scale.worst", "80"],
        ["criteria[0].scale.best", "99.9"],
        ["criteria[0].target", "95"],
      ]),
    );
    expect(s.status).toBe("success");
    const criterion = s.status === "success" ? s.value.criteria![0] : null;
    expect(criterion).toMatchObject({ gate: { min: 0.9 }, scale: { worst: 0.8, best: 0.999 }, target: 0.95 });
    expect(stepFormDefaults({ criteria: [criterion!] }).criteria![0]).toMatchObject({ gateValue: 90, scale: { worst: 80, best: 99.9 }, target: 95 });
  });

  it("refuses a rate above 100% beside its field, in the reader's language, and keeps other units as typed", () => {
    for (const [locale, text] of [
      ["ja", "率は0〜100%で入力してください。"],
      ["en", "Enter a rate from 0 to 100%."],
    ] as const) {
      const s = parseForm(form(rateCriterion([["criteria[0].target", "120"]])), stepFormSchema("evaluation"), locale, { decoded: true });
      expect(s.status).toBe("error");
      expect(errorsOf(s)["criteria[0].target"]).toEqual([text]);
    }
    const hours = parse("evaluation", [
      ...rateCriterion([["criteria[0].target", "120"]]).filter(([k]) => k !== "criteria[0].unit"),
      ["criteria[0].unit", "hours"],
    ]);
    expect(parsedValue(hours)?.criteria?.[0].target).toBe(120);
  });

  it("still words a generic error in the reader's language (an empty weight, a bad unit)", () => {
    const s = parseForm(
      form(rateCriterion([["criteria[0].target", "95"]]).map(([k, v]): [string, string] => (k === "criteria[0].perspective" ? [k, "nonsense"] : [k, v]))),
      stepFormSchema("evaluation"),
      "ja",
      { decoded: true },
    );
    expect(s.status).toBe("error");
    expect(errorsOf(s)["criteria[0].perspective"]?.[0]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("reads the deadline as Japan time", () => {
    expect(jstLocalToIso("2026-12-10T17:00")).toBe("2026-12-10T17:00:00+09:00");
    expect(isoToJstLocal("2026-12-10T08:00:00Z")).toBe("2026-12-10T17:00");
    const s = parse("scheduleAndInvitations", [
      ["quoteDeadline", "2026-12-10T17:00"],
      ["visibility", "marketplace"],
      ["sealed", "on"],
    ]);
    expect(s.status === "success" && s.value).toEqual({
      quoteDeadline: "2026-12-10T17:00:00+09:00",
      sealed: true,
      visibility: "marketplace",
      invitedVendorIds: [],
    });
  });
});
