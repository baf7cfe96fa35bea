import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { isoToJstLocal, jstLocalToIso, stepFormDefaults, stepFormSchema } from "./form-steps";

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};
const parse = <S extends Parameters<typeof stepFormSchema>[0]>(step: S, entries: [string, string][]) =>
  parseWithZod(form(entries), { schema: stepFormSchema(step), disableAutoCoercion: true });

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
      ["criteria[0].gateValue", "0.995"],
    ]);
    expect(s.status).toBe("success");
    const criterion = s.status === "success" ? s.value.criteria![0] : null;
    expect(criterion?.gate).toEqual({ min: 0.995 });
    expect(criterion?.scale).toBeUndefined();
    const back = stepFormDefaults({ criteria: [criterion!] }).criteria as { gateKind: string; gateValue: number }[];
    expect(back[0]).toMatchObject({ gateKind: "min", gateValue: 0.995 });
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
