import { z } from "zod";
import { RefundSchema } from "~/domain/payments/refund";
import { RefundRequestSchema } from "~/domain/payments/refund-request";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// Card payment of an invoice with Stripe (issue 16 items 3 and 7; decision 0035), spread into the document's `paths`
// by openapi.ts. The payment itself happens on Stripe's Checkout page; the invoice becomes paid only when Stripe's
// signed webhook says so (POST /webhooks/stripe, not part of this API).

const Started = z.object({
  url: z.string().describe("Stripe Checkout's page: redirect the buyer there"),
  sessionId: z.string(),
  attempt: z.number().int().describe("Per invoice, from 1; part of the idempotency key sent to Stripe"),
  amount: z.number().int().describe("The invoice's balance in yen (JPY is zero-decimal)"),
  reused: z.boolean().describe("True when an open session for the same amount was handed back instead of a new one"),
});

const Session = z.object({
  attempt: z.number().int(),
  sessionId: z.string(),
  url: z.string().nullable().describe("For the buyer while the session is open; null otherwise"),
  stage: z.enum(["open", "expired", "awaiting_async", "failed", "succeeded"]),
  amount: z.number().int(),
  applicationFee: z.number().int().describe("The platform fee (rounded down to the yen)"),
  refunded: z.number().int().describe("Refunded so far, as Stripe confirmed it"),
  paidOn: z.string().nullable().describe("The day (Asia/Tokyo) Stripe took the money, from the event's time; null until then"),
  expiresAt: z.string(),
  createdAt: z.string(),
});

const Refund = z.object({ attempt: z.number().int().nullable(), refundId: z.string(), amount: z.number().int(), reason: z.string(), requestedAt: z.string() });

const RefundRequest = z.object({
  id: z.string(),
  status: z.enum(["open", "refunded", "declined"]),
  amount: z.number().int().nullable().describe("Yen asked; null = all that is left to refund"),
  reason: z.string(),
  note: z.string().nullable().describe("The platform admin's note when declined"),
  requestedOn: z.string().describe("Day (Asia/Tokyo)"),
  decidedOn: z.string().nullable(),
});

export function cardPaymentPaths() {
  return {
    "/api/v1/invoices/{id}/payment-sessions": {
      parameters: idParameter("Invoice id"),
      get: {
        operationId: "listInvoicePaymentSessions",
        summary: "The card payment attempts of an invoice (its buyer and vendor)",
        responses: {
          "200": ok("OK", z.object({ status: z.string(), sessions: z.array(Session), refunds: z.array(Refund) })),
          "401": unauthorized,
          "404": problem("Not found — unknown invoice, or the caller is neither its vendor nor its buyer organisation"),
          "405": methodNotAllowed,
        },
      },
      post: {
        operationId: "startInvoicePaymentSession",
        summary: "The buyer starts paying the invoice's balance by card (Stripe Checkout, destination charge to the vendor)",
        description:
          "Stripe's JPY limits are checked first (¥50 to ¥99,999,999; above it bank transfer only). The vendor must have finished Stripe onboarding. A repeated call while a session for the same amount is open returns that session (`reused`). The invoice shows paid only after Stripe's webhook confirms the payment.",
        responses: {
          "201": ok("Opened", Started),
          "200": ok("An open session handed back", Started),
          "401": unauthorized,
          "404": problem("Not found — unknown invoice, or the caller is not a member of its buyer organisation"),
          "405": methodNotAllowed,
          "409": problem(
            "Card payment is off, the invoice is not payable (cancelled, credit note, nothing due), the amount is outside Stripe's JPY limits, the vendor cannot take card payments yet, or Stripe refused",
          ),
        },
      },
    },
    "/api/v1/invoices/{id}/refunds": {
      parameters: idParameter("Invoice id"),
      post: {
        operationId: "refundInvoiceCardPayment",
        summary: "A platform admin refunds a card payment in full (amount omitted) or in part, with a reason",
        description:
          "Stripe refunds the charge and reverses the transfer to the vendor and the platform fee. The invoice's status changes when Stripe's `charge.refunded` webhook arrives, not here.",
        requestBody: body(RefundSchema),
        responses: {
          "201": ok("Asked of Stripe", z.object({ ok: z.literal(true), refundId: z.string(), amount: z.number().int(), attempt: z.number().int() })),
          "400": problem("`errors` names each field (amount more than is left, reason missing) in the caller's language"),
          "401": unauthorized,
          "404": problem("Not found — unknown invoice, or the caller is not a platform admin"),
          "405": methodNotAllowed,
          "409": problem("No card payment of the invoice has money left to refund, card payment is off, or Stripe refused"),
        },
      },
    },
    "/api/v1/invoices/{id}/refund-requests": {
      parameters: idParameter("Invoice id"),
      post: {
        operationId: "requestInvoiceRefund",
        summary: "The invoice's buyer asks for a refund of its card payment (amount omitted = all that is left), with a reason",
        description:
          "The request goes to the platform admins and the vendor's members (in-app notices). An admin refunds it through POST /api/v1/invoices/{id}/refunds, which marks it refunded, or declines it with a note. At most one request per invoice is open at a time.",
        requestBody: body(RefundRequestSchema),
        responses: {
          "201": ok("Requested", RefundRequest),
          "400": problem("`errors` names each field (amount not whole yen or more than is left, reason missing) in the caller's language"),
          "401": unauthorized,
          "404": problem("Not found — unknown invoice, or the caller is not a member of its buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("No card payment of the invoice has money left to refund, or a request is already open"),
        },
      },
    },
  };
}
