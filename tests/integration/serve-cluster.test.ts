import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { freePort } from "../../search/server";
import { createOrg, createUser } from "../factories";
import { createDatabaseOn } from "../support/postgres";
import { csrfOf, Jar, request, spawnApp, type AppProcess } from "./support/app-processes";

// `npm run serve:cluster` itself (scripts/serve-cluster.ts, decision 0055): the primary refuses the embedded database,
// prepares once (migrations, the bundled Meilisearch, the session secret in DATA_DIR) and forks two workers on one
// port; a worker that dies is replaced; SIGTERM stops the workers and the bundled Meilisearch and exits 0.
// Requests go out on a new connection each, which the primary hands to the workers in turn (round robin, Node's
// default on Linux), so a run of them reaches both workers.

const PASSWORD = "serve-cluster-password-2026";
const user = { email: "owner@serve-cluster.example", name: "Cluster Owner 佐藤" };
const baseEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_URL: "https://kurabe.example" };
  for (const key of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SESSION_SECRET", "PORT", "DATA_DIR"]) delete env[key];
  return env;
};

let dataDir: string;
let databaseUrl: string;
const running: AppProcess[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabaseOn(inject("databaseUrl"), `kurabe_serve_cluster_${randomBytes(4).toString("hex")}`);
  const db = await createDatabase({ url: databaseUrl, poolSize: 1 });
  try {
    // Migrated and given one user, so the primary's first-run seed has nothing to do (seeding takes a while).
    await migrateToLatest(db);
    const org = await createOrg(db, "buyer");
    await createUser(db, { orgId: org.id, email: user.email, name: user.name, password: PASSWORD });
  } finally {
    await db.destroy();
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-serve-cluster-"));
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm run serve:cluster", () => {
  it("refuses to start on the embedded database, saying what to do", async () => {
    const primary = spawnApp("scripts/serve-cluster.ts", ["--processes", "2"], { ...baseEnv(), DATA_DIR: dataDir });
    running.push(primary);
    expect(await primary.exited).toBe(1);
    expect(primary.output()).toContain("DATABASE_URL is not set");
    expect(primary.output()).toContain("can be opened by one process only");
    expect(primary.output()).not.toContain("worker");
  }, 30_000);

  it("refuses an argument it does not know", async () => {
    const primary = spawnApp("scripts/serve-cluster.ts", ["--process", "2"], { ...baseEnv(), DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    running.push(primary);
    expect(await primary.exited).toBe(2);
    expect(primary.output()).toContain('Unknown argument "--process"');
  }, 30_000);

  it("serves from two workers on one port, replaces a dead one, and stops cleanly", async () => {
    const port = await freePort();
    const primary = spawnApp("scripts/serve-cluster.ts", ["--processes", "2"], {
      ...baseEnv(),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
    });
    running.push(primary);
    const meiliUrl = (await primary.waitFor(/bundled Meilisearch at (\S+)/))[1]!;
    const pidsListening = async (n: number) => {
      await primary.waitFor(new RegExp(`(?:worker \\d+ \\(pid \\d+\\) listening[^]*){${n}}`), 90_000);
      return [...primary.output().matchAll(/worker (\d+) \(pid (\d+)\) listening/g)].map((m) => ({ id: Number(m[1]), pid: Number(m[2]) }));
    };
    const workers = await pidsListening(2);
    expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
    // The secret was made once, by the primary, before any worker existed.
    expect(statSync(path.join(dataDir, "session-secret")).mode & 0o777).toBe(0o600);
    expect(primary.output().match(/migrations up to date/g)).toHaveLength(1);

    // Signed in once; every later request, on a new connection each (so both workers), is signed in and its form
    // posts are accepted: both workers were given the one secret.
    const login = await request(port, "GET", "/login");
    const jar = new Jar().absorb(login);
    const signedIn = await request(port, "POST", "/login", { cookie: jar.header(), form: { csrf: csrfOf(login.body), email: user.email, password: PASSWORD } });
    expect(signedIn.status).toBe(302);
    jar.absorb(signedIn);
    const pages = await Promise.all(Array.from({ length: 6 }, () => request(port, "GET", "/", { cookie: jar.header() })));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const p of pages) expect(p.body).toContain(user.name);
    const token = csrfOf(pages[0]!.body);
    const posts = await Promise.all(
      Array.from({ length: 4 }, () => request(port, "POST", "/set-language", { cookie: jar.header(), form: { csrf: token, lang: "en", redirectTo: "/" } })),
    );
    expect(posts.map((p) => p.status)).toEqual([302, 302, 302, 302]);

    // A worker killed outright is replaced, and the port keeps answering meanwhile and after.
    process.kill(workers[0]!.pid, "SIGKILL");
    await primary.waitFor(new RegExp(`worker ${workers[0]!.id} \\(pid ${workers[0]!.pid}\\) died \\(signal SIGKILL\\); starting a replacement`));
    const after = await pidsListening(3);
    const replacement = after[2]!;
    expect(workers.map((w) => w.pid)).not.toContain(replacement.pid);
    expect((await request(port, "GET", "/healthz")).status).toBe(200);

    // SIGTERM: the workers stop (serve.ts's own shutdown), then the bundled Meilisearch; the primary exits 0.
    primary.child.kill("SIGTERM");
    expect(await primary.exited).toBe(0);
    expect(primary.output()).toContain("[cluster] stopped");
    expect([workers[1]!.pid, replacement.pid].filter(alive)).toEqual([]);
    await expect(fetch(`${meiliUrl}/health`)).rejects.toThrow();
  }, 120_000);
});
