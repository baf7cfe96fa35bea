import { listAuditEntries } from "../../db/queries/audit-log";
import { AUDIT_PAGE_SIZE, auditObjectLink, readAuditFilter } from "~/domain/audit/log-view";
import { sealPriceRulesInAudit } from "~/domain/audit/price-rules-redaction";
import { auditChanges } from "~/domain/audit/rfq-changes";
import type { AppContext } from "~/utils/context.server";

/**
 * The platform admin's view of the audit log (the caller checks auditLog:read): one page of entries,
 * newest first, filtered by the URL's actor, action, date range and object, each with its object's link.
 */
export async function auditLogPage(ctx: AppContext, params: URLSearchParams) {
  const { filter, values, errors } = readAuditFilter(params);
  const { rows, hasNext } = await listAuditEntries(ctx.db, filter, AUDIT_PAGE_SIZE);
  return {
    rows: rows.map(({ before, after, ...r }) => ({ ...r, link: auditObjectLink(r), changedFields: changedFieldsOf(r, before, after) })),
    page: filter.page,
    hasNext,
    values,
    errors,
    entity: filter.entity ?? null,
  };
}

/**
 * An RFQ row's "変更内容" for the platform admin: the names of the fields it changed, never their values (a platform
 * admin does not read RFQ content, decision 0049 revisited). The row still goes through the price-rules redaction,
 * always sealed, so no later change here can show a 予定価格 to the platform. Before/after never leave this function.
 */
function changedFieldsOf(r: { action: string; entity_type: string }, before: unknown, after: unknown): string[] {
  if (r.entity_type !== "rfq") return [];
  const sealed = sealPriceRulesInAudit({ before, after }, false);
  return auditChanges(r.action, sealed.before, sealed.after).map((c) => c.field);
}
