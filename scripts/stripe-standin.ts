import { startStripeTestServer } from "./lib/stripe-standin";

// `npm run stripe:standin`: a local stand-in for Stripe (the API, the Checkout page, Connect onboarding, signed
// webhooks) so card payment can be tried without an account or the internet. Start it, then start the app with the
// environment it prints. STANDIN_PORT (default 12111) and APP_URL (default http://localhost:3000) change the ports.
const port = Number(process.env.STANDIN_PORT ?? 12111);
const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const secret = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_kurabe_local_standin_0123456789";
const server = await startStripeTestServer({ port, webhook: { url: `${appUrl}/webhooks/stripe`, secret } });

console.log(`Stripe stand-in at ${server.url}; webhooks go to ${appUrl}/webhooks/stripe
Start Kurabe with:

  STRIPE_SECRET_KEY=sk_test_kurabe_standin STRIPE_WEBHOOK_SECRET=${secret} STRIPE_API_BASE=${server.url} APP_URL=${appUrl} npm start
`);

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
