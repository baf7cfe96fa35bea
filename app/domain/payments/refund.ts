import { z } from "zod";

/**
 * A platform admin's refund of a card payment (issue 16 item 3): an amount in integer yen (blank = everything still
 * refundable) and a reason, kept in the audit log. Whether the amount fits what is left is the service's check
 * (it needs the payment's state); the invoice moves only when Stripe's `charge.refunded` arrives.
 */
export const REFUND_REASON_MAX = 500;

const normalizeYen = (value: unknown) => {
  if (typeof value !== "string") return value;
  const text = value.normalize("NFKC").replace(/[,\s¥円]/g, "");
  return text === "" ? undefined : Number(text);
};

export const RefundSchema = z.object({
  amount: z.preprocess(
    normalizeYen,
    z
      .number({ error: "payments.refund.amount.invalid" })
      .int({ error: "payments.refund.amount.invalid" })
      .min(1, { error: "payments.refund.amount.invalid" })
      .max(99_999_999, { error: "payments.refund.amount.invalid" })
      .optional(),
  ),
  reason: z
    .string({ error: "payments.refund.reason.required" })
    .trim()
    .min(1, { error: "payments.refund.reason.required" })
    .max(REFUND_REASON_MAX, { error: "payments.refund.reason.tooLong" }),
});
export type RefundInput = z.infer<typeof RefundSchema>;

/** What is left to refund on one card payment: its amount less the larger of Stripe's refunded figure and what was asked. */
export function refundable(paid: number, refundedByStripe: number, requested: number): number {
  return Math.max(0, paid - Math.max(refundedByStripe, requested));
}
