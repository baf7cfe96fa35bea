import { defineConfig } from "@playwright/test";

// Debian's Chromium (browsers cannot be downloaded here); one worker on 2 cores.
// `npm test` provides DATABASE_URL, MEILI_URL and a fresh DATA_DIR for the server below.
const port = Number(process.env.E2E_PORT ?? 3210);
const standinPort = Number(process.env.E2E_STRIPE_PORT ?? 12_211);
const stripeWebhookSecret = "whsec_kurabe_e2e_standin_0123456789";

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "ja-JP",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
      ],
    },
  },
  // The award loop (award-loop.spec.ts) awards the seeded survey RFQ that other specs read: it runs last.
  // Alone: `npm run test:e2e -- tests/e2e/award-loop.spec.ts --no-deps` (a file filter still runs `main` first).
  // The card payment (card-payment.spec.ts) pays the seeded open invoice that invoices.spec.ts reads as open: it runs
  // after `main` too. Alone: `npm run test:e2e -- tests/e2e/card-payment.spec.ts --no-deps`.
  // After the award (after-award.spec.ts) gives ネクスト経理 the accuracy record that comparison.spec.ts reads as
  // unverified: it runs after `main` too. Alone: `npm run test:e2e -- tests/e2e/after-award.spec.ts --no-deps`.
  // The evaluators (evaluators.spec.ts) rate the seeded 粗大ごみ RFQ and change the rankings other specs read: after `main`.
  // Alone: `npm run test:e2e -- tests/e2e/evaluators.spec.ts --no-deps`.
  // The comparison at 300 quotes (compare-scale.spec.ts) bulk-seeds its own RFQ and buyer (db/seed/large-rfq.ts): after
  // `main`, so no other spec ever sees them. Alone: `npm run test:e2e -- tests/e2e/compare-scale.spec.ts --no-deps`.
  projects: [
    { name: "main", testIgnore: /(award-loop|card-payment|after-award|evaluators|two-factor|market-insight|compare-scale)\.spec\.ts$/ },
    { name: "award-loop", testMatch: /award-loop\.spec\.ts$/, dependencies: ["main"] },
    { name: "card-payment", testMatch: /card-payment\.spec\.ts$/, dependencies: ["main"] },
    { name: "after-award", testMatch: /after-award\.spec\.ts$/, dependencies: ["main"] },
    { name: "evaluators", testMatch: /evaluators\.spec\.ts$/, dependencies: ["main"] },
    { name: "two-factor", testMatch: /two-factor\.spec\.ts$/, dependencies: ["main"] },
    { name: "market-insight", testMatch: /market-insight\.spec\.ts$/, dependencies: ["main"] },
    { name: "compare-scale", testMatch: /compare-scale\.spec\.ts$/, dependencies: ["main"] },
  ],
  // Card payments (issue 16) go to a local Stripe stand-in (scripts/stripe-standin.ts): the app's Stripe SDK calls
  // it, its Checkout page's Pay button sends the signed webhook back to the app. Stripe itself is unreachable here.
  webServer: [
    {
      command: "node --import tsx scripts/stripe-standin.ts",
      port: standinPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { ...process.env, STANDIN_PORT: String(standinPort), APP_URL: `http://localhost:${port}`, STRIPE_WEBHOOK_SECRET: stripeWebhookSecret } as Record<
        string,
        string
      >,
    },
    {
      command: "node --import tsx scripts/serve.ts",
      url: `http://localhost:${port}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        ...process.env,
        PORT: String(port),
        NODE_ENV: "production",
        APP_URL: `http://localhost:${port}`,
        SESSION_SECRET: "e2e-session-secret-e2e-session-secret-00",
        KURABE_TEST_CLOCK: "0",
        STRIPE_SECRET_KEY: "sk_test_kurabe_e2e",
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_API_BASE: `http://127.0.0.1:${standinPort}`,
      } as Record<string, string>,
    },
  ],
});
