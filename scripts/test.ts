import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabaseOn } from "../tests/support/postgres";
import { startTestServices } from "../tests/support/services";

// `npm test`: typecheck, lint, unit tests, integration tests on a real PostgreSQL server and
// real Meilisearch, then Playwright in Chromium against the built app. The servers are started
// once here (throwaway ones unless DATABASE_URL / MEILI_URL are set) and shared by every step.

const started = Date.now();
const step = (name: string) => console.log(`\n▶ ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => path.resolve("node_modules/.bin", name);

/** Runs a command with its output kept, printed whole once it is done (so checks run side by side do not interleave). */
function captured(name: string, cmd: string, args: string[]): Promise<{ name: string; code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output: `── ${name}\n${output}` }));
  });
}

function ensureChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium and CJK fonts (apt-get)…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status === 0 && existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "Chromium was not found for the end-to-end tests. Install it (Debian/Ubuntu: `sudo apt-get install chromium fonts-noto-cjk`) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
}

async function main() {
  const only = process.argv[2]; // optional: unit | integration | e2e
  // Anything after the step name is passed to vitest / Playwright, e.g. a test file to run alone:
  // `npm run test:integration -- tests/integration/search-safety.test.ts`.
  const extra = only ? process.argv.slice(3) : [];
  let failed = false;
  const gate = async (name: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) => {
    if (failed) return;
    step(name);
    if ((await run(cmd, args, env)) !== 0) {
      failed = true;
      console.error(`✖ ${name} failed`);
    }
  };

  const chromium = !only || only === "e2e" ? ensureChromium() : "";
  if (!only) {
    // The three static checks are single-threaded: side by side they take about as long as the typecheck alone.
    // One formatting, checked: `npm run format` fixes what the format check refuses.
    step("typecheck, lint and format (side by side)");
    const checks = await Promise.all([
      captured("typecheck", bin("tsc"), []),
      captured("lint", bin("eslint"), ["."]),
      captured("format", bin("prettier"), ["--check", "."]),
    ]);
    for (const c of checks) {
      process.stdout.write(c.output);
      if (c.code !== 0) {
        failed = true;
        console.error(`✖ ${c.name} failed`);
      }
    }
  }
  await gate("build", bin("remix"), ["build"]);
  if (!only || only === "unit") await gate("unit tests", bin("vitest"), ["run", "--project", "unit", ...extra]);
  if (failed) process.exit(1);

  step("starting PostgreSQL and Meilisearch");
  const services = await startTestServices((m) => console.log(`  ${m}`));
  const env = { ...process.env, DATABASE_URL: services.databaseUrl, MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliKey };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-e2e-"));
  try {
    if (!only || only === "integration") await gate("integration tests", bin("vitest"), ["run", "--project", "integration", ...extra], env);
    if (!only || only === "e2e") {
      const e2eDb = await createDatabaseOn(services.databaseUrl, `kurabe_e2e_${Date.now()}`);
      await gate("end-to-end tests (Chromium)", bin("playwright"), ["test", ...extra], {
        ...env,
        DATABASE_URL: e2eDb,
        MEILI_INDEX_PREFIX: `e2e${Date.now()}_`,
        DATA_DIR: dataDir,
        CHROMIUM_PATH: chromium,
      });
    }
  } finally {
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${failed ? "✖ npm test failed" : "✔ npm test passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
