import { z } from "zod";
import { effectiveStatus, type RfqStatus } from "./lifecycle";

// Inviting one vendor to one of the buyer's RFQs (the vendor search's "invite to RFQ" form and
// POST /api/v1/rfqs/{id}/invitations). Which RFQs may still take invitations is decided here.

export const InviteVendorFormSchema = z.object({
  rfqId: z.string({ error: "rfqInvite.rfqId.required" }).trim().min(1, "rfqInvite.rfqId.required").max(100),
});

export const InviteVendorApiSchema = z.strictObject({
  vendorOrgId: z.string({ error: "validation.required" }).trim().min(1).max(100),
});

/** Drafts (the invitee is told when the RFQ is published) and published RFQs before their deadline. */
export function canTakeInvitations(rfq: { status: RfqStatus; quoteDeadline: Date | string | null }, now: Date): boolean {
  const deadline = rfq.quoteDeadline === null ? undefined : new Date(rfq.quoteDeadline).toISOString();
  const status = effectiveStatus({ status: rfq.status, quoteDeadline: deadline }, now);
  return status === "draft" || status === "published";
}
