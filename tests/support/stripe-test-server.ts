// The local stand-in for api.stripe.com lives in scripts/lib/stripe-standin.ts, so `npm run stripe:standin` (local
// development, the Playwright run) and the integration tests use the very same server.
export { startStripeTestServer, type RecordedStripeRequest, type StripeTestServer } from "../../scripts/lib/stripe-standin";
