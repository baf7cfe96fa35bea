import type { MilestonePlanInput } from "./milestone-plan";

/**
 * The milestone form's fields (`basis`, `milestones[i].name|amountYen|percent|dueDate|acceptance|inspectionDays|
 * paymentDueDays`, `outsideScope`, `outsideScopeReason`) as the plan the service checks. An empty number is
 * absent; a number that does not parse is passed on as typed so the schema refuses it at its field. Rows
 * left entirely blank are dropped.
 */
export function planFromForm(fields: ReadonlyMap<string, string>): MilestonePlanInput {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of fields) {
    const m = /^milestones\[(\d{1,2})\]\.(\w+)$/.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    const row = rows.get(i) ?? {};
    row[m[2]!] = value;
    rows.set(i, row);
  }
  const num = (v: string | undefined): number | null => {
    const s = (v ?? "").replace(/[,，\s]/g, "").replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (s === "") return null;
    const n = Number(s);
    return (Number.isFinite(n) ? n : s) as number;
  };
  const milestones = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => r)
    .filter((r) => Object.values(r).some((v) => v.trim() !== ""))
    .map((r) => ({
      name: r.name ?? "",
      amountYen: num(r.amountYen),
      percent: num(r.percent),
      dueDate: (r.dueDate ?? "").trim(),
      acceptance: r.acceptance ?? "",
      inspectionDays: num(r.inspectionDays),
      paymentDueDays: num(r.paymentDueDays),
    }));
  const basis = fields.get("basis") === "amount" ? "amount" : "percent";
  const outside = fields.get("outsideScope") === "on";
  return { basis, milestones, outsideScope: outside ? { reason: fields.get("outsideScopeReason") ?? "" } : null };
}
