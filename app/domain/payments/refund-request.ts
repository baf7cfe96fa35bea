import { z } from "zod";
import { REFUND_REASON_MAX, RefundSchema } from "./refund";

/**
 * A buyer's refund request (issue 16 item 3, "buyer request"): the same shape as the admin's refund — an amount in
 * integer yen (blank = everything still refundable) and a reason — so the admin can carry it over unchanged. Whether
 * the amount fits what is left is the service's check. A platform admin declines one with a note the buyer reads.
 */
export const RefundRequestSchema = RefundSchema;
export type RefundRequestInput = z.infer<typeof RefundRequestSchema>;

export const DeclineRefundRequestSchema = z.object({
  note: z
    .string({ error: "payments.refundRequest.note.required" })
    .trim()
    .min(1, { error: "payments.refundRequest.note.required" })
    .max(REFUND_REASON_MAX, { error: "payments.refundRequest.note.tooLong" }),
});
