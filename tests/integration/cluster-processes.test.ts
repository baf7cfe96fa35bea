import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Kysely } from "kysely";
import { createDatabase, type DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { migrateToLatest } from "../../db/migrate";
import { freePort } from "../../search/server";
import { createOrg, createUser } from "../factories";
import { createDatabaseOn } from "../support/postgres";
import { csrfOf, Jar, request, spawnApp, waitHealthy, type AppProcess } from "./support/app-processes";

// Two real app processes (scripts/serve.ts, production mode, each with its own pg pool and job runner) on one
// PostgreSQL and one Meilisearch, on two ports so each request is sent to a known process: what a user does through
// one is honoured by the other, and the work both runners share is done once (decision 0055). They are given what
// serve:cluster's primary gives its workers: the same DATABASE_URL, MEILI_URL and SESSION_SECRET. Each process names
// itself to PostgreSQL (application_name), and triggers in the test's database record which one did what.

const LOGIN = "/login?_data=routes%2F_auth%2B%2Flogin";
const PASSWORD = "cluster-test-password-2026";
const buyer = { email: "buyer@cluster.example", name: "Cluster Buyer 高橋" };
const other = { email: "other@cluster.example" };
const proxied = { email: "proxied@cluster.example" };
let vendorOrgId: string;

// The tables only this test's database has (int8 arrives as a number: db/client.server.ts).
type TestDatabase = Database & {
  test_handled: { outbox_id: number; app: string };
  test_claims: { name: string; period: number; app: string };
};
let base: DB;
let db: Kysely<TestDatabase>;
let dataDir: string;
const apps: { a?: AppProcess; b?: AppProcess } = {};
const ports = { a: 0, b: 0 };

beforeAll(async () => {
  const name = `kurabe_cluster_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabaseOn(inject("databaseUrl"), name);
  base = await createDatabase({ url: databaseUrl, poolSize: 2 });
  db = base.withTables<Omit<TestDatabase, keyof Database>>();
  // A few rows of our own rather than the demo: the servers then skip the first-run seed, and their runners have no
  // backlog of thousands of index jobs to work through before the test's own.
  await migrateToLatest(base);
  const buyerOrg = await createOrg(base, "buyer");
  await createUser(base, { orgId: buyerOrg.id, email: buyer.email, name: buyer.name, password: PASSWORD });
  await createUser(base, { orgId: buyerOrg.id, email: other.email, password: PASSWORD });
  await createUser(base, { orgId: buyerOrg.id, email: proxied.email, password: PASSWORD });
  vendorOrgId = (await createOrg(base, "vendor")).id;
  // Every handling of an outbox row ends with one markOutboxProcessed (processed_at set), every schedule claim with
  // one insert or update of its job_schedules row: logged with the process that made it.
  await sql`create table test_handled (outbox_id bigint not null, app text not null)`.execute(db);
  await sql`create table test_claims (name text not null, period bigint not null, app text not null)`.execute(db);
  await sql`create function test_log_handled() returns trigger language plpgsql as $$
    begin insert into test_handled values (new.id, current_setting('application_name')); return new; end $$`.execute(db);
  await sql`create function test_log_claim() returns trigger language plpgsql as $$
    begin insert into test_claims values (new.name, new.last_period, current_setting('application_name')); return new; end $$`.execute(db);
  await sql`create trigger test_handled after update on outbox for each row when (new.processed_at is not null) execute function test_log_handled()`.execute(
    db,
  );
  await sql`create trigger test_claims after insert or update on job_schedules for each row execute function test_log_claim()`.execute(db);

  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-cluster-"));
  [ports.a, ports.b] = [await freePort(), await freePort()];
  const envFor = (label: "a" | "b"): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: "production",
    PORT: String(ports[label]),
    APP_URL: "https://kurabe.example",
    DATABASE_URL: `${databaseUrl}?application_name=kurabe-${label}`,
    MEILI_URL: inject("meiliUrl"),
    MEILI_MASTER_KEY: inject("meiliKey"),
    MEILI_INDEX_PREFIX: `${name}_`,
    DATA_DIR: dataDir,
    SESSION_SECRET: randomSecret,
    // B stands behind a reverse proxy on this host (the test's own address); A trusts nobody.
    ...(label === "b" ? { TRUSTED_PROXIES: "127.0.0.1" } : {}),
  });
  apps.a = spawnApp("scripts/serve.ts", [], envFor("a"));
  apps.b = spawnApp("scripts/serve.ts", [], envFor("b"));
  await Promise.all([waitHealthy(ports.a), waitHealthy(ports.b)]);
}, 120_000);

const randomSecret = randomBytes(32).toString("hex");

afterAll(async () => {
  await Promise.all([apps.a?.stop(), apps.b?.stop()]);
  await base?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A jar holding the anonymous CSRF cookie from /login on `port`, and the token its form repeats. */
async function loginForm(port: number) {
  const page = await request(port, "GET", "/login");
  return { jar: new Jar().absorb(page), csrf: csrfOf(page.body) };
}

describe("two app processes on one PostgreSQL", () => {
  it("a session started through one process is used on the other, CSRF-protected form posts included", async () => {
    const { jar, csrf } = await loginForm(ports.a);
    const login = await request(ports.a, "POST", "/login", { cookie: jar.header(), form: { csrf, email: buyer.email, password: PASSWORD } });
    expect(login.status).toBe(302);
    jar.absorb(login);
    expect(jar.has("__Host-kurabe_session")).toBe(true); // production's name for it

    // Read through B: signed in there too (the session is a row, its cookie signed with the shared secret).
    const home = await request(ports.b, "GET", "/", { cookie: jar.header() });
    expect(home.status).toBe(200);
    expect(home.body).toContain(buyer.name);

    // A form rendered by A, posted to B: its session-bound token is accepted.
    const tokenFromA = csrfOf((await request(ports.a, "GET", "/", { cookie: jar.header() })).body);
    const user = await db.selectFrom("users").select(["id", "locale"]).where("email", "=", buyer.email).executeTakeFirstOrThrow();
    expect(user.locale).toBe("ja");
    const posted = await request(ports.b, "POST", "/set-language", { cookie: jar.header(), form: { csrf: tokenFromA, lang: "en", redirectTo: "/" } });
    expect(posted.status).toBe(302);
    jar.absorb(posted);
    expect((await db.selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale).toBe("en");
    // The control: B still refuses a token that is not this session's (the anonymous one from before sign-in).
    const refused = await request(ports.b, "POST", "/set-language", { cookie: jar.header(), form: { csrf, lang: "ja", redirectTo: "/" } });
    expect(refused.status).toBe(403);
    // The language cookie B set (signed with the shared secret) is honoured by A, over the browser's Japanese.
    expect((await request(ports.a, "GET", "/", { cookie: jar.header() })).body).toContain('lang="en"');
  });

  it("the log-in limit counts the attempts made through both processes", async () => {
    const { jar, csrf } = await loginForm(ports.a);
    const through = [ports.a, ports.b, ports.a, ports.b, ports.a];
    for (const port of through) {
      const wrong = await request(port, "POST", LOGIN, { cookie: jar.header(), form: { csrf, email: other.email, password: "not-the-password-1" } });
      expect(wrong.status).toBe(400);
    }
    // Five wrong passwords from this address, three through A and two through B: the sixth attempt is refused
    // before the password is checked, even the right one, through either process.
    for (const port of [ports.b, ports.a]) {
      const limited = await request(port, "POST", LOGIN, { cookie: jar.header(), form: { csrf, email: other.email, password: PASSWORD } });
      expect(limited.status).toBe(429);
    }
    const attempts = await db.selectFrom("login_attempts").select("succeeded").where("email", "=", other.email).execute();
    expect(attempts).toHaveLength(5);
    expect(attempts.every((a) => !a.succeeded)).toBe(true);
  });

  it("behind a trusted proxy the limits count the forwarded client; without one, X-Forwarded-For is ignored", async () => {
    const { jar, csrf } = await loginForm(ports.a);
    const form = { csrf, email: proxied.email, password: "not-the-password-2" };
    const headers = { "X-Forwarded-For": "203.0.113.9" };
    expect((await request(ports.b, "POST", LOGIN, { cookie: jar.header(), form, headers })).status).toBe(400);
    expect((await request(ports.a, "POST", LOGIN, { cookie: jar.header(), form, headers })).status).toBe(400);
    const ips = await db.selectFrom("login_attempts").select("ip").where("email", "=", proxied.email).orderBy("id").execute();
    expect(ips.map((r) => r.ip)).toEqual(["203.0.113.9", expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/)]);
  });

  it("an outbox job is handled once, by whichever process claimed it", async () => {
    // Jobs arrive one at a time, as writes do, until both processes have handled some (each polls every 250 ms,
    // so whichever is idle first takes the next one); then the last of them is awaited.
    const enqueued: number[] = [];
    const deadline = Date.now() + 25_000;
    for (;;) {
      const row = await db.insertInto("outbox").values({ topic: "vendor", entity_id: vendorOrgId }).returning("id").executeTakeFirstOrThrow();
      enqueued.push(row.id);
      await new Promise((r) => setTimeout(r, 150));
      const apps = await db.selectFrom("test_handled").select("app").distinct().where("outbox_id", "in", enqueued).execute();
      if (apps.length === 2 || Date.now() > deadline) break;
    }
    const done = async () => (await db.selectFrom("outbox").select("id").where("id", "in", enqueued).where("processed_at", "is", null).execute()).length === 0;
    for (const until = Date.now() + 15_000; !(await done()) && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));

    const handled = await db.selectFrom("test_handled").select(["outbox_id", "app"]).where("outbox_id", "in", enqueued).execute();
    expect(new Set(handled.map((h) => h.app))).toEqual(new Set(["kurabe-a", "kurabe-b"]));
    expect(handled.map((h) => h.outbox_id).sort((x, y) => x - y)).toEqual(enqueued);
    // Nor was anything else both processes found at start (the factories' rows) handled twice.
    const twice = await db
      .selectFrom("test_handled")
      .select(["outbox_id", sql<number>`count(*)::int`.as("n")])
      .groupBy("outbox_id")
      .having(sql`count(*)`, ">", 1)
      .execute();
    expect(twice).toEqual([]);
  }, 60_000);

  it("each scheduled period runs once across both processes", async () => {
    // The opening sweep runs every 5 s: wait until a few of its periods have passed with both processes competing.
    for (const until = Date.now() + 20_000; Date.now() < until;) {
      const n = await db
        .selectFrom("test_claims")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("name", "=", "search.opening-sweep")
        .executeTakeFirstOrThrow();
      if (n.n >= 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const claims = await db.selectFrom("test_claims").select(["name", "period", "app"]).execute();
    const sweeps = claims.filter((c) => c.name === "search.opening-sweep");
    expect(sweeps.length).toBeGreaterThanOrEqual(3);
    const keys = claims.map((c) => `${c.name}@${c.period}`);
    expect(keys).toEqual([...new Set(keys)]);
    // Both processes started with every daily schedule due for today: one of them ran each, once.
    const daily = claims.filter((c) => c.name !== "search.opening-sweep");
    // (Every one of the seven ran; a second period of one appears only if the test straddles midnight in Tokyo.)
    expect(new Set(daily.map((c) => c.name)).size).toBe(7);
  }, 30_000);
});
