import type { ContractContent } from "./contract-draft";
import type { BuyerKind } from "./legal-deadlines";
import { milestoneAmounts, milestoneLegalDates, type MilestoneLegalDate } from "./milestone-plan";

/**
 * What the winning vendor may read of its contract: an ALLOW-LIST, field by field, so nothing added to the
 * buyer's record later (internal notes, the reason a contract is out of the laws' scope, who changed what,
 * anything of the RFQ's evaluation) reaches a vendor by default. docs/security.md; sentinel-tested in
 * tests/integration/contracts.test.ts.
 */

/** The buyer's full record of one contract as the service presents it. */
export interface ContractRecord {
  id: string;
  rfqId: string;
  status: "draft" | "active";
  currentVersion: number;
  outsideScope: boolean;
  outsideScopeReason: string | null;
  content: ContractContent;
  versions: { version: number; changeReason: string; createdAt: string; createdByName?: string }[];
  activatedAt: string | null;
  createdAt: string;
}

export interface ContractMilestoneView {
  name: string;
  amountYen: number;
  percent: number | null;
  dueDate: string;
  acceptance: string;
  inspectionDays: number | null;
  paymentDueDays: number | null;
  legalDates: MilestoneLegalDate[];
}

/** The milestones with their yen and legal due dates, as both sides show them. */
export function presentMilestones(content: ContractContent, outsideScope: boolean): ContractMilestoneView[] {
  const plan = content.milestonePlan;
  const amounts = milestoneAmounts(plan, content.totals.total);
  return plan.milestones.map((m, i) => ({
    name: m.name,
    amountYen: amounts[i]!,
    percent: plan.basis === "percent" ? (m.percent ?? null) : null,
    dueDate: m.dueDate,
    acceptance: m.acceptance,
    inspectionDays: m.inspectionDays ?? null,
    paymentDueDays: m.paymentDueDays ?? null,
    legalDates: milestoneLegalDates(content.buyerKind as BuyerKind, m, outsideScope),
  }));
}

export function contractVendorView(record: ContractRecord) {
  const c = record.content;
  return {
    id: record.id,
    rfqId: record.rfqId,
    status: record.status,
    currentVersion: record.currentVersion,
    activatedAt: record.activatedAt,
    buyerKind: c.buyerKind,
    parties: {
      buyer: { name: c.parties.buyer.name, registrationNumber: c.parties.buyer.registrationNumber },
      vendor: { name: c.parties.vendor.name, registrationNumber: c.parties.vendor.registrationNumber },
    },
    rfq: { title: c.rfq.title },
    lines: c.lines.map((l) => ({ description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate })),
    totals: { subtotal: c.totals.subtotal, tax: c.totals.tax, total: c.totals.total },
    term: { months: c.term.months, from: c.term.from, to: c.term.to },
    sla: c.sla.map((s) => ({ key: s.key, label: { ja: s.label.ja, en: s.label.en }, unit: s.unit, direction: s.direction, target: s.target })),
    assumptions: c.assumptions,
    changeRequestRule: c.changeRequestRule,
    escalationRules: c.escalationRules,
    outsideScope: record.outsideScope,
    milestones: presentMilestones(c, record.outsideScope),
    versions: record.versions.map((v) => ({ version: v.version, createdAt: v.createdAt })),
  };
}

export type ContractVendorView = ReturnType<typeof contractVendorView>;
