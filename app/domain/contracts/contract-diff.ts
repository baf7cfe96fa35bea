import type { ContractContent } from "./contract-draft";
import { milestoneAmounts } from "./milestone-plan";

// What changed between two versions of a contract (issue 17 item 3; decision 0041), as the change request page and
// the version history show it. Pure. Each entry names the field by a stable path (the page words it) and carries the
// values before and after (null = absent), with a `kind` saying how to format them. Only what the vendor may read of
// a contract is compared (lines, totals, term, milestones, SLA targets): the diff is shown to both sides.

export type DiffKind = "yen" | "date" | "target" | "text" | "number";

export interface DiffEntry {
  /** e.g. "totals.total", "term.to", "milestones.2.dueDate", "milestones.2.amountYen", "sla.accuracy.target", "lines.CHG-1". */
  field: string;
  kind: DiffKind;
  /** A name for the field's subject where a path is not enough: the milestone's name, the KPI's label, the line's text. */
  label?: string;
  /** The English name where it differs (a KPI label). */
  labelEn?: string;
  /** For "target": the KPI's unit ("rate" → shown as %). */
  unit?: string;
  before: string | number | null;
  after: string | number | null;
}

const lineAmount = (l: { quantity: number; unitPrice: number }) => Math.round(l.quantity * l.unitPrice);

export function contractDiff(prev: ContractContent, next: ContractContent): DiffEntry[] {
  const out: DiffEntry[] = [];
  const push = (e: DiffEntry) => {
    if (e.before !== e.after) out.push(e);
  };

  // Lines by code: added, removed or repriced.
  const before = new Map(prev.lines.map((l) => [l.code, l]));
  const after = new Map(next.lines.map((l) => [l.code, l]));
  for (const code of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(code);
    const a = after.get(code);
    push({ field: `lines.${code}`, kind: "yen", label: (a ?? b)!.description, before: b ? lineAmount(b) : null, after: a ? lineAmount(a) : null });
  }
  push({ field: "totals.subtotal", kind: "yen", before: prev.totals.subtotal, after: next.totals.subtotal });
  push({ field: "totals.tax", kind: "yen", before: prev.totals.tax, after: next.totals.tax });
  push({ field: "totals.total", kind: "yen", before: prev.totals.total, after: next.totals.total });
  push({ field: "term.to", kind: "date", before: prev.term.to, after: next.term.to });

  const pm = prev.milestonePlan.milestones;
  const nm = next.milestonePlan.milestones;
  const pa = milestoneAmounts(prev.milestonePlan, prev.totals.total);
  const na = milestoneAmounts(next.milestonePlan, next.totals.total);
  for (let i = 0; i < Math.max(pm.length, nm.length); i++) {
    const label = (nm[i] ?? pm[i])!.name;
    push({ field: `milestones.${i}.dueDate`, kind: "date", label, before: pm[i]?.dueDate ?? null, after: nm[i]?.dueDate ?? null });
    push({ field: `milestones.${i}.amountYen`, kind: "yen", label, before: pa[i] ?? null, after: na[i] ?? null });
  }

  const ps = new Map(prev.sla.map((s) => [s.key, s]));
  for (const s of next.sla) {
    const p = ps.get(s.key);
    push({ field: `sla.${s.key}.target`, kind: "target", label: s.label.ja, labelEn: s.label.en, unit: s.unit, before: p?.target ?? null, after: s.target });
  }
  for (const p of prev.sla)
    if (!next.sla.some((s) => s.key === p.key))
      push({ field: `sla.${p.key}.target`, kind: "target", label: p.label.ja, labelEn: p.label.en, unit: p.unit, before: p.target, after: null });
  return out;
}
