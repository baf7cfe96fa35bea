import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/services/payments/stripe-webhooks.server";
import { BodyTooLargeError, readBodyText } from "~/utils/request-body.server";

// POST /webhooks/stripe (issue 16 item 4; decision 0035). Stripe signs the RAW body, so it is read as text (up to the
// app's body limit) and handed to the SDK's constructEvent untouched. No session, no CSRF form token (readForm is
// never called here): the Stripe-Signature header is the authentication. 400 for a missing, forged or stale
// signature with nothing written; 200 once the event is stored (or was already); 500 when applying it failed and
// nothing was kept, so Stripe delivers it again. 404 when card payment is off on this server.

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  let raw: string;
  try {
    raw = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return new Response("Payload Too Large", { status: 413 });
    throw error;
  }
  const answer = await handleStripeWebhook(context, raw, request.headers.get("Stripe-Signature"));
  return Response.json({ received: answer.status === 200, outcome: answer.outcome }, { status: answer.status, headers: { "Cache-Control": "no-store" } });
}

/** GET and the rest: this address only takes Stripe's POSTs. */
export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
