import cluster, { type Worker } from "node:cluster";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemoData } from "../db/seed";
import { startBundledMeilisearch, type RunningMeilisearch } from "../search/server";
import { readEnv, type Env } from "../app/utils/env.server";
import { parseTrustedProxies } from "../app/utils/client-ip.server";
import { CLUSTER_USAGE, parseClusterArgs, RestartBudget } from "./lib/cluster-options";
import { sessionSecretFor } from "./lib/runtime";

// `npm run serve:cluster -- --processes N`: N app processes (Node's cluster) on one PORT, against one external
// PostgreSQL and one Meilisearch (decision 0055, docs/deploy.md). The primary serves nothing itself: it prepares
// what must happen once — migrations and the first-run seed, the bundled Meilisearch when MEILI_URL is unset,
// the session secret when SESSION_SECRET is unset (so N workers never race to create DATA_DIR/session-secret) —
// then forks N workers, each running scripts/serve.ts unchanged with those settings in its environment. Every
// worker runs the job runner too: the outbox is claimed with SKIP LOCKED and leases, schedules under an advisory
// lock, so N runners share the work (decision 0018). A dead worker is replaced within a restart budget;
// SIGINT/SIGTERM stop the workers (each finishes like `npm start` on Ctrl-C), then the bundled Meilisearch.

const log = (line: string) => console.log(`[cluster] ${line}`);
function fail(message: string): never {
  console.error(`[cluster] ${message}`);
  process.exit(1);
}

const parsed = parseClusterArgs(process.argv.slice(2), { cpus: os.availableParallelism() });
if (!parsed.ok) {
  console.error(`${parsed.error}\n\n${CLUSTER_USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(CLUSTER_USAGE);
  process.exit(0);
}
const options = parsed.options;

// Like `npm start` (scripts/start.mjs): production mode unless told otherwise, links to this machine by default.
process.env.NODE_ENV ??= "production";
process.env.APP_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
let env: Env;
try {
  env = readEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!env.DATABASE_URL) {
  fail(
    "DATABASE_URL is not set. Several app processes need one PostgreSQL server they all connect to; the embedded " +
      "database (PGlite in DATA_DIR/pglite) can be opened by one process only. Set DATABASE_URL=postgres://user:password@host:5432/kurabe " +
      "(see docs/deploy.md), or run a single process with `npm start`.",
  );
}
const ready = env;
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
if (!trusted.ok) fail(trusted.error);
if (!existsSync(path.resolve("build/index.js"))) fail("build/index.js is missing: run `npm run build` first.");

// Once, before any worker exists: every worker's own migrateToLatest then finds nothing to do.
const db = await createDatabase({ url: ready.DATABASE_URL, poolSize: 2 });
try {
  await migrateToLatest(db);
  log("database: migrations up to date");
  if (await isDatabaseEmpty(db)) {
    log("database: first run — seeding demo data");
    await seedDemoData(db, new Date(), { history: true });
  }
} catch (error) {
  await db.destroy();
  fail(`database at DATABASE_URL not ready: ${error instanceof Error ? error.message : String(error)}`);
}
await db.destroy();

let meili: RunningMeilisearch | null = null;
if (!ready.MEILI_URL) {
  meili = await startBundledMeilisearch({ dataDir: path.join(ready.DATA_DIR, "meilisearch") });
  log(`search: bundled Meilisearch at ${meili.url} (one for all workers)`);
}

const workerEnv: Record<string, string> = {
  NODE_ENV: ready.NODE_ENV,
  APP_URL: process.env.APP_URL!,
  SESSION_SECRET: sessionSecretFor(ready),
  ...(meili ? { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey } : {}),
};

cluster.setupPrimary({
  exec: fileURLToPath(new URL("./lib/cluster-worker.ts", import.meta.url)),
  // tsx registered by flag, as `npm start` runs serve.ts; not the primary's own execArgv (a runner may add its own).
  execArgv: ["--import", "tsx"],
  silent: true,
});

const budget = new RestartBudget(options.maxRestarts, options.restartWindowMs);
const listened = new WeakSet<Worker>();
let anyListened = false;
let stopping = false;

/** Each worker's output, line by line, prefixed with its number so interleaved logs stay readable. */
function relay(worker: Worker, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) {
  let partial = "";
  stream?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) out.write(`[worker ${worker.id} pid ${worker.process.pid}] ${line}\n`);
  });
}

function fork(): Worker {
  const worker = cluster.fork(workerEnv);
  relay(worker, worker.process.stdout, process.stdout);
  relay(worker, worker.process.stderr, process.stderr);
  log(`worker ${worker.id} started (pid ${worker.process.pid})`);
  return worker;
}

cluster.on("listening", (worker, address) => {
  listened.add(worker);
  anyListened = true;
  log(`worker ${worker.id} (pid ${worker.process.pid}) listening on port ${address.port}`);
});

cluster.on("exit", (worker, code, signal) => {
  if (stopping) return;
  const how = signal ? `signal ${signal}` : `code ${code}`;
  // A first worker that cannot start (port taken, bad settings) would fail the same way every time.
  if (!listened.has(worker) && !anyListened) {
    console.error(`[cluster] worker ${worker.id} exited during start-up (${how}); not retrying.`);
    void shutdown(1);
    return;
  }
  if (!budget.allow(Date.now())) {
    console.error(
      `[cluster] worker ${worker.id} died (${how}); restart budget spent (${options.maxRestarts} within ${options.restartWindowMs / 1000} s): stopping the cluster.`,
    );
    void shutdown(1);
    return;
  }
  log(`worker ${worker.id} (pid ${worker.process.pid}) died (${how}); starting a replacement`);
  fork();
});

const GRACE_MS = 20_000;

async function shutdown(code: number, signal?: string) {
  if (stopping) return;
  stopping = true;
  if (signal) log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers…`);
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.process.exitCode !== null || w.process.signalCode !== null) return resolve();
          // A worker still busy after the grace period (a stuck request) is killed, so the cluster always stops.
          const timer = setTimeout(() => w.process.kill("SIGKILL"), GRACE_MS);
          w.process.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          // serve.ts stops on SIGTERM: closes the server, lets the job runner finish its batch, closes the pool.
          w.process.kill("SIGTERM");
        }),
    ),
  );
  await meili?.stop();
  log("stopped");
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0, "SIGINT"));
process.on("SIGTERM", () => void shutdown(0, "SIGTERM"));

log(`starting ${options.processes} workers on port ${ready.PORT}`);
for (let i = 0; i < options.processes; i++) fork();
