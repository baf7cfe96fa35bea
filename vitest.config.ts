import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

// Two projects: fast pure unit tests beside the code, and integration tests that
// run against a real PostgreSQL server and a real Meilisearch started by globalSetup.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "search/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          // Three files at a time on the machine's two cores (much of a file's time is spent waiting on PostgreSQL,
          // Meilisearch and the app processes it starts): each file has its own database (a copy of a template) and
          // its own index prefix on the shared servers, and mail/Stripe/HTTP test servers listen on port 0, so files
          // never see each other's data. Two at a time took 500 s, three 437 s (2026-12-07).
          fileParallelism: true,
          maxWorkers: 3,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
