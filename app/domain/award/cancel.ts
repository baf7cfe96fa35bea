import { z } from "zod";

/**
 * Cancelling an RFQ without an award (不調・中止, issue 15 item 7): the reason is required, because every
 * bidder is told it in-app and by e-mail. Messages are catalog keys (app/i18n/messages-debrief.ts).
 */
export const CANCEL_REASON_MAX = 2000;

export const CancelRfqSchema = z.object({
  reason: z
    .string({ error: "cancel.reason.required" })
    .trim()
    .min(1, { error: "cancel.reason.required" })
    .max(CANCEL_REASON_MAX, { error: "cancel.reason.tooLong" }),
});
export type CancelRfqInput = z.infer<typeof CancelRfqSchema>;
