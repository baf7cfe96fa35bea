import { listAuditOfRfq } from "../../db/queries/audit-log";
import { findRfqStateForBuyer } from "../../db/queries/rfqs";
import { sealPriceRulesInAudit } from "~/domain/audit/price-rules-redaction";
import { auditChanges, priceRulesOpened, type AuditChange } from "~/domain/audit/rfq-changes";
import type { Actor } from "~/domain/permissions";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type ServiceResult } from "~/utils/service-failure";
import type { AppContext } from "~/utils/context.server";

// The buyer's 変更履歴 of one RFQ (issue 19 gaps; decision 0049, revisited): its audit rows with what each changed,
// before → after, so a procurement officer sees who set or changed what and when. Every row goes through
// `sealPriceRulesInAudit` first: a municipality's 予定価格 and floor price read as 「（開札まで非公開）」 until the
// competition has opened (`priceRulesOpened`), then as written. Only the RFQ's own buyer organisation reads it:
// a vendor, an advisor or another tenant gets 404 (vendors never read a buyer's audit log).

/** The newest rows shown; an RFQ's history is short (edits, publication, addenda, invitations). */
const HISTORY_LIMIT = 200;

export interface RfqHistoryRow {
  id: number;
  action: string;
  at: Date;
  actor: string | null;
  changes: AuditChange[];
}

export async function rfqHistory(
  ctx: Pick<AppContext, "db" | "clock">,
  actor: Actor,
  rfqId: string,
): Promise<ServiceResult<{ ok: true; rfqId: string; priceRulesSealed: boolean; rows: RfqHistoryRow[] }>> {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(rfqId)) return failure.notFound();
  const rfq = await findRfqStateForBuyer(ctx.db, buyer.org.id, rfqId);
  if (!rfq) return failure.notFound();
  const opened = priceRulesOpened({ status: rfq.status, sealed: rfq.sealed, quoteDeadline: rfq.quote_deadline }, ctx.clock.now());
  const rows = (await listAuditOfRfq(ctx.db, rfqId, HISTORY_LIMIT)).map((row) => {
    const sealed = sealPriceRulesInAudit(row, opened);
    return {
      id: row.id,
      action: row.action,
      at: row.created_at,
      actor: row.actor_name || row.actor_email || null,
      changes: auditChanges(row.action, sealed.before, sealed.after),
    };
  });
  return { ok: true, rfqId, priceRulesSealed: !opened, rows };
}
