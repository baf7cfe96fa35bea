import type { Kysely } from "kysely";
import { writeAudit } from "../../../db/queries/audit";
import { insertPaymentNotices, listCardAttempts, listCardRefunds } from "../../../db/queries/card-payments";
import { findInvoiceForOrg, lockInvoice } from "../../../db/queries/invoices";
import {
  closeOpenRefundRequest,
  findLatestRefundRequest,
  insertRefundRequest,
  listOpenRefundRequests,
  lockRefundRequest,
  orgMemberIds,
  platformAdminIds,
} from "../../../db/queries/refund-requests";
import type { Database } from "../../../db/schema";
import { refundable } from "~/domain/payments/refund";
import { DeclineRefundRequestSchema, RefundRequestSchema } from "~/domain/payments/refund-request";
import type { PaymentState } from "~/domain/payments/state";
import type { Actor } from "~/domain/permissions";
import type { InvoiceMessageKey } from "~/i18n/messages-invoices";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";

// The buyer's side of a card refund (issue 16 item 3, "Refunds (buyer request, admin action)"; decision 0035). The
// buyer cannot move money: it ASKS, a platform admin decides. Refunding goes through the admin's one refund path
// (`refundCardPayment`, which reverses the transfer and closes the open request in its own transaction); declining
// closes it here with a note the buyer reads. Each step writes its row, its audit entry and the in-app notices in one
// transaction. The invoice's payment state is never touched here: only Stripe's `charge.refunded` moves it.

type Db = Kysely<Database>;
type Invoice = NonNullable<Awaited<ReturnType<typeof findInvoiceForOrg>>>;

const fieldIssue = (path: string, message: InvoiceMessageKey) => ({ code: "custom" as const, path: [path], message, input: undefined });

/**
 * What can still be refunded on the invoice's card payment, counted the way the admin's refund counts it: the newest
 * succeeded card payment with money left (Stripe's refunded figure or what was already asked, whichever is larger).
 */
async function refundableLeft(db: Db, inv: Invoice): Promise<number> {
  const state = inv.payment_state as PaymentState;
  const [attempts, refunds] = await Promise.all([listCardAttempts(db, inv.id), listCardRefunds(db, inv.id)]);
  const lefts = attempts
    .filter((r) => state.card[String(r.attempt)]?.stage === "succeeded" && r.payment_intent_id)
    .map((r) => {
      const fact = state.card[String(r.attempt)]!;
      const asked = refunds.filter((x) => x.attempt_id === r.id).reduce((sum, x) => sum + Number(x.amount), 0);
      return refundable(fact.amount, fact.refunded, asked);
    })
    .filter((left) => left > 0);
  return lefts.at(-1) ?? 0;
}

export interface RefundRequestView {
  id: string;
  status: "open" | "refunded" | "declined";
  /** Null: everything still refundable. */
  amount: number | null;
  reason: string;
  note: string | null;
  /** Days in Asia/Tokyo. */
  requestedOn: string;
  decidedOn: string | null;
}

const view = (r: NonNullable<Awaited<ReturnType<typeof findLatestRefundRequest>>>): RefundRequestView => ({
  id: r.id,
  status: r.status,
  amount: r.amount === null ? null : Number(r.amount),
  reason: r.reason,
  note: r.decision_note,
  requestedOn: tokyoDateString(new Date(r.created_at)),
  decidedOn: r.decided_at ? tokyoDateString(new Date(r.decided_at)) : null,
});

/**
 * For the invoice page: whether the buyer may ask for a refund now (a card payment succeeded with money left and no
 * request is open), how much is left, and the newest request with its status. The vendor reads the request too (the
 * refund would reverse its transfer, and its notice leads here) but never asks. Null for anyone else, and when there
 * is neither a request nor anything to ask for.
 */
export async function refundRequestPanel(ctx: AppContext, actor: Actor, invoiceId: string) {
  if (!actor.org || !isRowId(invoiceId)) return null;
  const inv = await findInvoiceForOrg(ctx.db, actor.org.id, invoiceId);
  if (!inv) return null;
  const isBuyer = inv.buyer_org_id === actor.org.id;
  const [left, latest] = await Promise.all([refundableLeft(ctx.db, inv), findLatestRefundRequest(ctx.db, inv.id)]);
  if (!latest && (!isBuyer || left === 0)) return null;
  return { eligible: isBuyer && left > 0 && latest?.status !== "open", left, latest: latest ? view(latest) : null };
}

/**
 * A member of the invoice's buyer organisation asks for a refund of its card payment: amount optional (integer yen,
 * at most what is left; blank = all of it), reason required. 404 for anyone else; 400 at `amount` / `reason`; 409
 * when no card payment of the invoice has money left to refund, or a request is already open. The request, its
 * audit entry and the notices to the platform admins and the vendor's members are written in one transaction.
 */
export async function requestRefund(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  input: unknown,
): Promise<{ ok: true; request: RefundRequestView } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(invoiceId)) return failure.notFound();
  const inv = await findInvoiceForOrg(ctx.db, a.org.id, invoiceId);
  if (!inv || inv.buyer_org_id !== a.org.id) return failure.notFound();
  const parsed = RefundRequestSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Under the invoice's lock, so the amount is checked against what the admin's refund (same lock) leaves.
    const locked = (await lockInvoice(trx, inv.id))!;
    const left = await refundableLeft(trx, { ...inv, payment_state: locked.payment_state });
    if (left === 0) return failure.conflict("payments.refundRequest.notEligible");
    if (parsed.data.amount !== undefined && parsed.data.amount > left)
      return failure.invalid({ issues: [fieldIssue("amount", "payments.refund.amount.tooMuch") as never] });
    const row = await insertRefundRequest(trx, {
      invoiceId: inv.id,
      requestedBy: a.userId,
      buyerOrgId: a.org.id,
      amount: parsed.data.amount ?? null,
      reason: parsed.data.reason,
      at: now,
    });
    if (!row) return failure.conflict("payments.refundRequest.alreadyOpen");
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "invoice.refund.request",
      entityType: "invoice",
      entityId: inv.id,
      after: { requestId: row.id, amount: parsed.data.amount ?? null, refundable: left, reason: parsed.data.reason },
    });
    const [admins, vendorMembers] = await Promise.all([platformAdminIds(trx), orgMemberIds(trx, inv.vendor_org_id)]);
    await insertPaymentNotices(trx, [...admins, ...vendorMembers], "invoice.refundRequest.opened", { invoiceId: inv.id, title: inv.number }, now);
    return { ok: true as const, request: view(row) };
  });
}

/**
 * A platform admin declines an open request with a note (required) the buyer reads on the invoice. 404 for anyone
 * else or an unknown request; 400 at `note`; 409 when the request is no longer open (refunded or declined already).
 */
export async function declineRefundRequest(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  input: unknown,
): Promise<{ ok: true; request: RefundRequestView } | ServiceFailure> {
  if (!actor.isPlatformAdmin || !isRowId(requestId)) return failure.notFound();
  const parsed = DeclineRefundRequestSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const request = await lockRefundRequest(trx, requestId);
    if (!request) return failure.notFound();
    if (request.status !== "open") return failure.conflict("payments.refundRequest.notOpen");
    const closed = (await closeOpenRefundRequest(trx, { id: request.id }, { status: "declined", decidedBy: actor.userId, note: parsed.data.note, at: now }))!;
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.org?.id ?? null,
      action: "invoice.refund.request.decline",
      entityType: "invoice",
      entityId: request.invoice_id,
      before: { requestId: request.id, status: "open" },
      after: { requestId: request.id, status: "declined", note: parsed.data.note },
    });
    await notifyBuyer(trx, request.invoice_id, request.buyer_org_id, "invoice.refundRequest.declined", now);
    return { ok: true as const, request: view(closed) };
  });
}

/**
 * Called by `refundCardPayment` inside its transaction (under the invoice's lock) once a refund is recorded: the
 * invoice's open request, if any, becomes refunded, with an audit entry and a notice to the buyer's members. Nothing
 * when no request is open (an admin may refund without one).
 */
export async function closeRefundRequestOnRefund(
  trx: Db,
  e: { invoiceId: string; adminId: string; adminOrgId: string | null; refundId: string; amount: number; at: Date },
) {
  const closed = await closeOpenRefundRequest(trx, { invoiceId: e.invoiceId }, { status: "refunded", decidedBy: e.adminId, note: null, at: e.at });
  if (!closed) return;
  await writeAudit(trx, {
    actorUserId: e.adminId,
    actorOrgId: e.adminOrgId,
    action: "invoice.refund.request.refunded",
    entityType: "invoice",
    entityId: e.invoiceId,
    before: { requestId: closed.id, status: "open" },
    after: { requestId: closed.id, status: "refunded", refundId: e.refundId, amount: e.amount },
  });
  await notifyBuyer(trx, e.invoiceId, closed.buyer_org_id, "invoice.refundRequest.refunded", e.at);
}

async function notifyBuyer(trx: Db, invoiceId: string, buyerOrgId: string, kind: string, at: Date) {
  const inv = (await findInvoiceForOrg(trx, buyerOrgId, invoiceId))!;
  await insertPaymentNotices(trx, await orgMemberIds(trx, buyerOrgId), kind, { invoiceId, title: inv.number }, at);
}

/** The open requests for the platform admin's refund page, oldest first (404 for anyone else). */
export async function openRefundRequests(ctx: AppContext, actor: Actor) {
  if (!actor.isPlatformAdmin) return failure.notFound();
  const rows = await listOpenRefundRequests(ctx.db);
  return {
    ok: true as const,
    requests: rows.map((r) => ({
      id: r.id,
      invoiceId: r.invoice_id,
      number: r.number,
      buyer: r.buyer_name,
      vendor: r.vendor_name,
      amount: r.amount === null ? null : Number(r.amount),
      reason: r.reason,
      requestedOn: tokyoDateString(new Date(r.created_at)),
    })),
  };
}
