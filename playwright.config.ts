import { defineConfig } from "@playwright/test";

// Debian's Chromium (browsers cannot be downloaded here); one worker on 2 cores.
// `npm test` provides DATABASE_URL, MEILI_URL and a fresh DATA_DIR for the server below.
const port = Number(process.env.E2E_PORT ?? 3210);

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
  projects: [
    { name: "main", testIgnore: /award-loop\.spec\.ts$/ },
    { name: "award-loop", testMatch: /award-loop\.spec\.ts$/, dependencies: ["main"] },
  ],
  webServer: {
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
    } as Record<string, string>,
  },
});
