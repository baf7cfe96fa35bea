import { z } from "zod";

// The admin audit log, as pure rules: which action codes have words, how the filters in the URL are
// read (bad input is reported per field and ignored, never a 500), and where an entry's object is.

/** Every action code the app writes today; the catalog has words for each (`audit.action.<code>`). */
export const AUDIT_ACTIONS = [
  "account.signup.requested",
  "account.signup",
  "account.password_changed",
  "account.password_change_failed",
  "account.password_reset_requested",
  "account.password_reset",
  "account.session_ended",
  "account.other_sessions_ended",
  "account.two_factor_enabled",
  "account.two_factor_disabled",
  "account.two_factor_recovery_used",
  "account.two_factor_recovery_regenerated",
  "organization.two_factor_requirement_changed",
  "account.mail_preferences_changed",
  "auth.login.failed",
  "auth.login.limited",
  "member.invite",
  "member.join",
  "apiToken.create",
  "apiToken.revoke",
  "vendorProfile.update",
  "vendor.invoiceRegistrationNumber.update",
  "certification.create",
  "certification.update",
  "certification.delete",
  "certification.verify",
  "certification.reject",
  "certificationType.create",
  "rfq.create",
  "rfq.edit",
  "rfq.weights.save",
  "rfq.publish",
  "rfq.addendum",
  "rfq.cancel",
  "rfq.invite",
  "rfq.question",
  "rfq.answer",
  "rfq.advisor.assign",
  "rfq.advisor.remove",
  "rfq.design.comment",
  "rfq.design.apply",
  "rfq.design.decline",
  "rfq.design.reply",
  "quote.saveDraft",
  "quote.submit",
  "quote.revise",
  "quote.withdraw",
  "quote.reconfirm",
  "quote.read.denied",
  "advisor_note.create",
  "advisor_note.edit",
  "advisor_note.withdraw",
  "rfq.attachment.upload",
  "rfq.attachment.replace",
  "rfq.attachment.delete",
  "quote.resubmit",
  "quote.attachment.upload",
  "quote.attachment.delete",
  "quote.attachment.download",
  "quote.attachment.read.denied",
  "approvalRoutes.save",
  "membership.approver.set",
  "membership.approver.unset",
  "approval.delegation.create",
  "approval.delegation.revoke",
  "award.propose",
  "award.proposal.edit",
  "approval.approve",
  "approval.reject",
  "approval.return",
  "award.award",
  "award.accept",
  "award.decline",
  "award.question.ask",
  "award.question.answer",
  "award.settings.update",
  "bafo.shortlist",
  "bafo.round.open",
  "bafo.round.extend",
  "bafo.round.cancel",
  "bafo.saveDraft",
  "bafo.submit",
  "contract.create",
  "contract.milestones.save",
  "contract.outsideScope",
  "contract.activate",
  "contract.revise",
  "document.store",
  "document.download",
  "milestone.accept",
  "invoice.issue",
  "invoice.correct",
  "invoice.creditNote",
  "invoice.receipt",
  "invoice.credit.apply",
  "invoice.settings",
  "record.search",
  "record.download",
  "record.download.denied",
  "record.export",
  "invoice.card.start",
  "invoice.card.event",
  "invoice.card.refund",
  "payouts.connect",
  "payouts.account.updated",
  "seed.demo",
  "seed.trackRecords",
  "review.create",
  "review.update",
  "review.proposals",
  "review.share",
  "review.comment",
  "review.finalize",
  "review.reminder",
  "rating.create",
  "rating.reply",
  "invoice.reminder",
  "invoice.receipt.admin",
  "invoice.refund.request",
  "invoice.refund.request.decline",
  "invoice.refund.request.refunded",
  "delivery.submit",
  "delivery.reject",
  "delivery.reminder",
  "delivery.file.download",
  "contract.inspectionTerms",
  "measurement.enter",
  "measurement.correct",
  "measurement.import",
  "measurement.confirm",
  "measurement.dispute",
  "measurement.reply",
  "measurement.reminder",
  "change.propose",
  "change.comment",
  "change.withdraw",
  "change.route",
  "change.approve",
  "change.reject",
  "change.threshold",
  "quote.annotation.add",
  "quote.annotation.edit",
  "quote.annotation.withdraw",
  "quote.clarification.ask",
  "quote.clarification.answer",
  "evaluation.panel.set",
  "evaluation.ratings.draft",
  "evaluation.ratings.submit",
  "evaluation.consensus.record",
  "memo.draft",
  "memo.edit",
  "memo.publish",
  "quote.explanation.request",
  "quote.explanation.answer",
  "quote.explanation.assess",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isKnownAuditAction = (code: string): code is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(code);

/** The object types an entry can link to; others show their type in words without a link. */
export const AUDIT_ENTITY_TYPES = [
  "rfq",
  "quote",
  "organization",
  "vendor_profile",
  "certification",
  "certification_type",
  "user",
  "api_token",
  "invitation",
  "rfq_question",
  "advisor_note",
  "login",
  "signup_request",
  "system",
  "award_proposal",
  "award",
  "approval_delegation",
  "contract",
  "document",
  "invoice",
  "transaction_record",
  "change_request",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
export const isKnownEntityType = (t: string): t is AuditEntityType => (AUDIT_ENTITY_TYPES as readonly string[]).includes(t);

export const AUDIT_PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00+09:00`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const fields = {
  actor: z.string().trim().max(200, { error: "audit.filter.actorTooLong" }),
  action: z.string().refine(isKnownAuditAction, { error: "audit.filter.actionUnknown" }),
  from: z.string().refine(isRealDay, { error: "audit.filter.dateInvalid" }),
  to: z.string().refine(isRealDay, { error: "audit.filter.dateInvalid" }),
  entityType: z.string().refine(isKnownEntityType, { error: "audit.filter.entityInvalid" }),
  entityId: z.string().regex(/^[0-9A-Za-z._:@-]{1,200}$/, { error: "audit.filter.entityInvalid" }),
  page: z.coerce.number().int().min(1).max(10_000),
};
type FieldName = keyof typeof fields;

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  /** Start of the first day (Japan time), inclusive. */
  from?: Date;
  /** Start of the day after the last day (Japan time), exclusive. */
  toExclusive?: Date;
  entity?: { type: AuditEntityType; id: string };
  page: number;
}

/**
 * The filters from the URL: each field that does not parse is left out and gets its catalog message,
 * so a hand-edited URL shows the log with an explanation instead of failing. A `to` before `from` is
 * reported on `to`.
 */
export function readAuditFilter(params: URLSearchParams): { filter: AuditFilter; values: Record<string, string>; errors: Partial<Record<FieldName, string>> } {
  const values: Record<string, string> = {};
  const errors: Partial<Record<FieldName, string>> = {};
  const ok: Partial<Record<FieldName, unknown>> = {};
  for (const name of Object.keys(fields) as FieldName[]) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") continue;
    values[name] = raw;
    const parsed = fields[name].safeParse(raw);
    if (parsed.success) ok[name] = parsed.data;
    else if (name !== "page") errors[name] = parsed.error.issues[0]?.message ?? "validation.invalid";
  }
  const filter: AuditFilter = { page: (ok.page as number | undefined) ?? 1 };
  if (ok.actor) filter.actor = ok.actor as string;
  if (ok.action) filter.action = ok.action as AuditAction;
  if (ok.from) filter.from = new Date(`${ok.from as string}T00:00:00+09:00`);
  if (ok.to) filter.toExclusive = new Date(new Date(`${ok.to as string}T00:00:00+09:00`).getTime() + 24 * 60 * 60 * 1000);
  if (filter.from && filter.toExclusive && filter.toExclusive <= filter.from) {
    errors.to = "audit.filter.toBeforeFrom";
    delete filter.toExclusive;
  }
  if (ok.entityType && ok.entityId) filter.entity = { type: ok.entityType as AuditEntityType, id: ok.entityId as string };
  return { filter, values, errors };
}

/**
 * Where an admin can look at an entry's object. Vendors and certificates have pages an admin may
 * open; an RFQ or a quote is never readable by a platform admin (sealed bids), so its link is the log
 * filtered to that object's history.
 */
export function auditObjectLink(e: { entity_type: string; entity_id: string; entity_org_kind?: string | null }): string | null {
  const history = `/admin?entityType=${encodeURIComponent(e.entity_type)}&entityId=${encodeURIComponent(e.entity_id)}`;
  switch (e.entity_type) {
    case "vendor_profile":
      return `/vendors/${e.entity_id}`;
    case "organization":
      return e.entity_org_kind === "vendor" ? `/vendors/${e.entity_id}` : history;
    case "certification":
      return `/admin/certifications#cert-${e.entity_id}`;
    case "rfq":
    case "quote":
    case "advisor_note":
    case "rfq_question":
    case "award_proposal":
    case "award":
    case "contract":
    case "document":
      return history;
    case "invoice":
      // Platform admins read any invoice (issue 16: they record receipts on the buyer's behalf).
      return `/admin/invoices/${e.entity_id}`;
    default:
      return null;
  }
}
