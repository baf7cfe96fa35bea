import { listRecentAudit } from "../../db/queries/audit";
import type { AppContext } from "~/utils/context.server";

/** The platform admin's view of the audit log (the caller checks auditLog:read). */
export function recentAuditEntries(ctx: AppContext) {
  return listRecentAudit(ctx.db, 100);
}
