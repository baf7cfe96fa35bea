import { listAuditEntries } from "../../db/queries/audit-log";
import { AUDIT_PAGE_SIZE, auditObjectLink, readAuditFilter } from "~/domain/audit/log-view";
import type { AppContext } from "~/utils/context.server";

/**
 * The platform admin's view of the audit log (the caller checks auditLog:read): one page of entries,
 * newest first, filtered by the URL's actor, action, date range and object, each with its object's link.
 */
export async function auditLogPage(ctx: AppContext, params: URLSearchParams) {
  const { filter, values, errors } = readAuditFilter(params);
  const { rows, hasNext } = await listAuditEntries(ctx.db, filter, AUDIT_PAGE_SIZE);
  return {
    rows: rows.map((r) => ({ ...r, link: auditObjectLink(r) })),
    page: filter.page,
    hasNext,
    values,
    errors,
    entity: filter.entity ?? null,
  };
}
