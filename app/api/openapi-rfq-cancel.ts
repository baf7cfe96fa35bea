import { z } from "zod";
import { CancelRfqSchema } from "~/domain/award/cancel";
import { idParameter, jsonBody, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// Cancelling an RFQ without an award (不調・中止, issue 15 item 7), spread into the document's `paths` by openapi.ts.

export const CancelRfqResponse = z.object({
  id: z.uuid(),
  status: z.literal("cancelled"),
  notified: z.number().int().min(0).describe("Bidder users told in-app and by e-mail"),
});

export function rfqCancelPaths() {
  return {
    "/api/v1/rfqs/{id}/cancel": {
      parameters: idParameter("RFQ id"),
      post: {
        operationId: "cancelRfq",
        summary: "Cancel an RFQ without an award (不調・中止), with the reason every bidder is told",
        description:
          "Allowed for a draft, an open RFQ and a closed one (its quotes opened or not); never for an awarded or cancelled RFQ. Every member of an invited, asking or quoting vendor is notified in-app and by e-mail with the reason. Sealed quotes of an RFQ cancelled before its deadline are never opened. Audited.",
        requestBody: jsonBody(CancelRfqSchema),
        responses: {
          "200": ok("Cancelled", CancelRfqResponse),
          "400": problem("`errors` has `reason` (missing, blank or over 2,000 characters) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": problem("Not found — no such RFQ in the caller's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The RFQ is already awarded or cancelled"),
        },
      },
    },
  };
}
