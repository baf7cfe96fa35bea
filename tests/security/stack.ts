import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../search/server";
import { createDatabaseOn, startPostgres } from "../support/postgres";

// The server stack under probe: by default a throwaway one started the way `npm test` starts the e2e
// server (real PostgreSQL, bundled Meilisearch, the built app served by scripts/serve.ts in production
// mode), so the probe never touches anyone's data; or an already running server given by --url.

export interface Stack {
  origin: string;
  databaseUrl: string;
  /** The server process (for RSS and its children in the process list); null when unknown (--url without --pid). */
  pid: number | null;
  /** Where the server writes its local mail and bundled Meilisearch data; null when unknown. */
  dataDir: string | null;
  stop(): Promise<void>;
}

export interface StackOptions {
  url?: string;
  databaseUrl?: string;
  pid?: number;
  dataDir?: string;
  log: (m: string) => void;
}

/** Newest modification time under `dir` (a cheap "is the build older than the code" test). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the app when build/ is missing or older than app/: probing a stale build would measure old code. */
export function ensureBuild(log: (m: string) => void) {
  const built = path.resolve("build/index.js");
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(path.resolve("app"))) return;
  log("building the app (build/ is missing or older than app/)…");
  const r = spawnSync(path.resolve("node_modules/.bin/remix"), ["build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("remix build failed");
}

async function waitForHealthy(origin: string, child: ChildProcess | null, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${origin}/healthz`);
      const body = (await res.json()) as { status?: string; outbox?: { pending?: number } | null };
      // Seeded and indexed: the seed runs before the server listens; the outbox drains shortly after.
      if (res.status === 200 && body.status === "ok" && (body.outbox?.pending ?? 0) === 0) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${origin} did not become healthy (seeded, search up, outbox drained) in ${timeoutMs / 1000} s`);
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  if (opts.url) {
    if (!opts.databaseUrl) throw new Error("--url needs --database-url: the probe reads the seeded values from the database");
    await waitForHealthy(opts.url.replace(/\/$/, ""), null, 30_000);
    return { origin: opts.url.replace(/\/$/, ""), databaseUrl: opts.databaseUrl, pid: opts.pid ?? null, dataDir: opts.dataDir ?? null, stop: async () => {} };
  }
  ensureBuild(opts.log);
  // A throwaway PostgreSQL (or the caller's DATABASE_URL server, on a fresh database). Meilisearch is not
  // started here: the server starts its bundled one, as `npm start` does (its key in `ps` is a check).
  const pg = process.env.DATABASE_URL ? null : await startPostgres();
  const serverUrl = process.env.DATABASE_URL ?? pg!.url;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-probe-"));
  const dbName = `kurabe_probe_${Date.now().toString(36)}`;
  const databaseUrl = await createDatabaseOn(serverUrl, dbName);
  const services = {
    // The throwaway cluster goes as a whole; on the caller's server only the probe's database is dropped.
    async stop() {
      if (pg) return pg.stop();
      const client = new (await import("pg")).default.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${dbName}"`);
      await client.end();
    },
  };
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    APP_URL: origin,
    SESSION_SECRET: "probe-session-secret-probe-session-secret-0",
    KURABE_TEST_CLOCK: "0",
  };
  delete env.MEILI_URL;
  delete env.MEILI_MASTER_KEY;
  delete env.MEILI_INDEX_PREFIX;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  opts.log(`server pid ${child.pid} at ${origin} (DATA_DIR ${dataDir})`);
  try {
    await waitForHealthy(`http://127.0.0.1:${port}`, child, 180_000);
  } catch (e) {
    child.kill("SIGTERM");
    await services.stop();
    throw new Error(`${e instanceof Error ? e.message : e}\n${stderr}`, { cause: e });
  }
  return {
    origin,
    databaseUrl,
    pid: child.pid ?? null,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
