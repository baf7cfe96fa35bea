import { insertRfqInvitation, listInvitableRfqsOfBuyer, listOrgUserIds, updateRfqWorkingCopy } from "../../db/queries/rfqs";
import { listInvitedVendorOrgIds, lockRfqForBuyer } from "../../db/queries/rfq-api";
import { findVendor } from "../../db/queries/vendors";
import { notifyUsers } from "../../db/queries/notifications";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { can, type Actor } from "~/domain/permissions";
import { canTakeInvitations } from "~/domain/rfq/invitation";
import type { RfqDraft } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";
import { isRowId, rfqResource } from "~/domain/rfq/resource";

// Inviting one vendor to one of the buyer's RFQs, from the vendor search or the API.
//
// The working copy's `invitedVendorIds` is what publishing and every addendum turn into the
// rfq_invitations rows (replaceRfqInvitations), so the vendor is added there as well as to the
// table: otherwise the next addendum would silently drop the invitation. Invited vendors of a
// published RFQ are told at once (in-app, like the publish flow, which sends no e-mail); for a
// draft, publishing tells them.

export type InviteResult =
  { ok: true; alreadyInvited: boolean; notified: boolean; rfq: { id: string; title: string }; vendor: { id: string; name: string } } | ServiceFailure;

/** The buyer's RFQs the invite form offers. Empty for anyone who is not acting for a buyer. */
export async function invitableRfqsFor(ctx: AppContext, actor: Actor) {
  if (!actor.org || !can(actor, "rfq:create", { type: "rfqs" })) return [];
  return listInvitableRfqsOfBuyer(ctx.db, actor.org.id, ctx.clock.now());
}

export async function inviteVendorToRfq(ctx: AppContext, actor: Actor, input: { rfqId: string; vendorOrgId: string }): Promise<InviteResult> {
  const buyerOrg = orgActor(actor, "buyer")?.org;
  if (!buyerOrg || !isRowId(input.rfqId)) return failure.notFound();
  const now = ctx.clock.now();

  const result = await ctx.db.transaction().execute(async (trx): Promise<InviteResult> => {
    // Locked like an addendum locks it: both rewrite the working copy they read.
    const row = await lockRfqForBuyer(trx, buyerOrg.id, input.rfqId);
    if (!row || !can(actor, "rfq:edit", rfqResource(row))) return failure.notFound();
    if (!canTakeInvitations({ status: row.status, quoteDeadline: row.quote_deadline }, now))
      return failure.conflict("rfqInvite.rfqId.closed", { fieldErrors: { rfqId: ["rfqInvite.rfqId.closed"] } });
    const vendor = isRowId(input.vendorOrgId) ? await findVendor(trx, input.vendorOrgId) : undefined;
    if (!vendor) return failure.invalid({ fieldErrors: { vendorOrgId: ["rfq.invitedVendorIds.unknown"] } }, "rfq.invitedVendorIds.unknown");

    const content = (row.content ?? {}) as Partial<RfqDraft>;
    const listed = content.invitedVendorIds ?? [];
    const invitedRows = await listInvitedVendorOrgIds(trx, row.id);
    // A draft's invitees live in its working copy until it is published; a published RFQ's in the table.
    const already = invitedRows.includes(vendor.id) || (row.status === "draft" && listed.includes(vendor.id));
    const summary = { rfq: { id: row.id, title: row.title }, vendor: { id: vendor.id, name: vendor.name } };
    if (already) return { ok: true, alreadyInvited: true, notified: false, ...summary };

    await insertRfqInvitation(trx, row.id, vendor.id);
    if (!listed.includes(vendor.id)) {
      await updateRfqWorkingCopy(trx, buyerOrg.id, row.id, {
        title: row.title,
        category: row.category,
        content: { ...content, invitedVendorIds: [...listed, vendor.id] },
        now,
      });
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyerOrg.id,
      action: "rfq.invite",
      entityType: "rfq",
      entityId: row.id,
      before: { invitedVendorIds: invitedRows },
      after: { invitedVendorIds: [...invitedRows, vendor.id], vendorOrgId: vendor.id },
    });
    // The RFQs index carries invited_vendor_ids: the vendor's open-RFQ search must find it now.
    await enqueueOutbox(trx, "rfq", row.id);
    const notified = row.status === "published";
    if (notified) await notifyUsers(trx, await listOrgUserIds(trx, vendor.id), "rfq.invited", { rfqId: row.id, title: row.title }, now);
    return { ok: true, alreadyInvited: false, notified, ...summary };
  });
  if (result.ok && !result.alreadyInvited) ctx.kickIndexer();
  return result;
}
