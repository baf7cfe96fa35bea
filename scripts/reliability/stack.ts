import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemoData } from "../../db/seed";
import { freePort, locateBundledMeilisearch, waitForHealthy } from "../../search/server";
import { findPostgresBin } from "../../tests/support/postgres";
import { DEMO_ACCOUNTS } from "../../db/seed/demo-data";

// The reliability suite's own services: a PostgreSQL cluster and a Meilisearch it can stop, kill and start again
// on the same data directory and port, and N app processes (`scripts/serve.ts`, as `npm start` runs it) sharing
// them — the "N stateless processes behind a reverse proxy" shape of docs/deploy.md, without the proxy: the load
// client spreads its requests over the ports itself.

export interface AppProcess {
  index: number;
  port: number;
  url: string;
  child: ChildProcess | null;
  /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. */
  kill(): Promise<void>;
  /** Start again on the same port, as a supervisor would; resolves once it answers. */
  start(): Promise<void>;
}

export interface Stack {
  dir: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  apps: AppProcess[];
  pgStop(): Promise<void>;
  pgStart(): Promise<void>;
  meiliKill(): Promise<void>;
  meiliStart(): Promise<void>;
  stop(): Promise<void>;
  log(line: string): void;
}

export const TOKENS = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.email, a.token])) as Record<string, string>;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startStack(options: { processes: number; log: (line: string) => void }): Promise<Stack> {
  const log = options.log;
  const dir = mkdtempSync(path.join(os.tmpdir(), "kurabe-reliability-"));
  const logs = createWriteStream(path.join(dir, "services.log"));
  log(`working directory ${dir} (services.log holds every process's output)`);

  // ── PostgreSQL (as tests/support/postgres.ts, but kept so it can be stopped and started again) ──
  const bin = findPostgresBin();
  const data = path.join(dir, "pg");
  const sock = path.join(dir, "sock");
  mkdirSync(sock);
  const pgPort = await freePort();
  const asRoot = process.getuid?.() === 0;
  const runAs = (cmd: string, args: string[]) =>
    asRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(sock, uid, gid);
  }
  runAs(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  // Durable settings (fsync on), unlike the test clusters: "every acknowledged write is there" is the point.
  // Asynchronous, so the load client keeps sending while PostgreSQL stops and starts.
  const run = promisify(execFile);
  const runAsync = (cmd: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args));
  const pgStart = async () =>
    void (await runAsync(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "pg.log"),
      "-o",
      `-p ${pgPort} -k ${sock} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      "start",
    ]));
  const pgStop = async () => void (await runAsync(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]));
  await pgStart();
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
  log(`PostgreSQL at 127.0.0.1:${pgPort}`);

  // Demo data, migrated and seeded here once (without the market history: the suite does not need three years of
  // other buyers' RFQs), so the app processes start on a non-empty database and never race to seed it.
  const db = await createDatabase({ url: databaseUrl });
  await migrateToLatest(db);
  await seedDemoData(db, new Date());
  await db.destroy();
  log("demo data seeded");

  // ── Meilisearch: the bundled binary, spawned here so it can be SIGKILLed and restarted on its data ──
  const meiliBinary = locateBundledMeilisearch();
  chmodSync(meiliBinary, 0o755);
  const meiliPort = await freePort();
  const meiliKey = randomBytes(24).toString("hex");
  const meiliUrl = `http://127.0.0.1:${meiliPort}`;
  const meiliDir = path.join(dir, "meili");
  mkdirSync(meiliDir, { recursive: true, mode: 0o700 });
  let meili: ChildProcess | null = null;
  const meiliStart = async () => {
    const child = spawn(
      meiliBinary,
      [
        "--db-path",
        path.join(meiliDir, "data.ms"),
        "--dump-dir",
        path.join(meiliDir, "dumps"),
        "--http-addr",
        `127.0.0.1:${meiliPort}`,
        "--no-analytics",
        "--env",
        "development",
        "--max-indexing-memory",
        "256MiB",
        "--log-level",
        "WARN",
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "/usr/bin:/bin", MEILI_MASTER_KEY: meiliKey } },
    );
    child.stdout?.pipe(logs, { end: false });
    child.stderr?.pipe(logs, { end: false });
    meili = child;
    await waitForHealthy(meiliUrl, 30_000);
  };
  const meiliKill = async () => {
    if (!meili) return;
    const m = meili;
    meili = null;
    m.kill("SIGKILL");
    await exited(m);
  };
  await meiliStart();
  log(`Meilisearch at ${meiliUrl}`);

  // ── App processes ──
  const sessionSecret = randomBytes(32).toString("hex");
  const dataDir = path.join(dir, "app-data");
  mkdirSync(dataDir, { recursive: true });
  const apps: AppProcess[] = [];
  for (let index = 0; index < options.processes; index++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app: AppProcess = {
      index,
      port,
      url,
      child: null,
      async kill() {
        const child = app.child;
        app.child = null;
        if (!child) return;
        child.kill("SIGKILL");
        await exited(child);
      },
      async start() {
        const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
          stdio: ["ignore", "pipe", "pipe"],
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            NODE_ENV: "production",
            PORT: String(port),
            APP_URL: `http://localhost:${port}`,
            DATABASE_URL: databaseUrl,
            MEILI_URL: meiliUrl,
            MEILI_MASTER_KEY: meiliKey,
            SESSION_SECRET: sessionSecret,
            DATA_DIR: dataDir,
          },
        });
        child.stdout?.on("data", (d: Buffer) => logs.write(`[app${index}] ${d}`));
        child.stderr?.on("data", (d: Buffer) => logs.write(`[app${index}] ${d}`));
        app.child = child;
        await waitForApp(url, child);
      },
    };
    apps.push(app);
  }
  // One after the other: each runs the (already applied) migrations at boot.
  for (const app of apps) await app.start();
  log(`${apps.length} app processes at ${apps.map((a) => a.url).join(", ")}`);

  return {
    dir,
    databaseUrl,
    meiliUrl,
    meiliKey,
    apps,
    pgStop,
    pgStart,
    meiliKill,
    meiliStart,
    log,
    async stop() {
      for (const app of apps) await app.kill();
      await meiliKill();
      try {
        await pgStop();
      } catch {
        // already stopped
      }
      logs.end();
      if (!process.env.KEEP_RELIABILITY_DIR) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForApp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app at ${url} exited during start-up`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app at ${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function cleanDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
