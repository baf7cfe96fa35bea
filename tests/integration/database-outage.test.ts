import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { freePort } from "../../search/server";
import type { AppContext } from "../../app/utils/context.server";
import { isDatabaseUnavailable, unavailableIfMarked } from "../../app/utils/unavailable.server";
import { createHarness, type Harness } from "./harness";

// The database gone (decision 0056, found by the reliability suite's PostgreSQL restart): requests are answered
// 503 — problem+json with Retry-After for the API, a short bilingual page otherwise — never a 500 with a stack,
// and a connection the server ends while the app holds it does not end the process.

let h: Harness;
let dead: DB;
let handler: (request: Request, context: AppContext) => Promise<Response>;
const buyer = DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!;

/** A request through the built app and the server's last step (scripts/serve.ts), on a database nobody listens on. */
async function requestWithoutDatabase(pathname: string, headers: Record<string, string>): Promise<Response> {
  const request = new Request(`http://localhost${pathname}`, { headers: { "x-kurabe-client-ip": "127.0.0.1", ...headers } });
  const context = { ...h.ctx, db: dead };
  // The server logs one line per refused request (not a stack); the test keeps its output quiet.
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const res = unavailableIfMarked(request, await handler(request, context), context);
  expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringMatching(/^database unavailable: /));
  return res;
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  // A port that was free a moment ago: nothing accepts connections there.
  dead = await createDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/none` });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  handler = createRequestHandler(build, "production") as never;
});
afterAll(async () => {
  await dead.destroy();
  await h.close();
});

describe("while the database cannot be reached", () => {
  it("the API answers 503 problem+json in the caller's language, with Retry-After and no internals", async () => {
    const res = await requestWithoutDatabase("/api/v1/rfqs", { Authorization: `Bearer ${buyer.token}`, "Accept-Language": "en" });
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("Retry-After")).toBe("5");
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ status: 503, title: "Temporarily unavailable" });
    expect(body).not.toMatch(/ECONNREFUSED|node_modules|\bat /);
  });

  it("a page answers a short 503 page in both languages", async () => {
    const res = await requestWithoutDatabase("/", { Accept: "text/html", "Accept-Language": "en" });
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("Temporarily unavailable");
    expect(html).toContain("一時的にご利用いただけません");
    expect(html).not.toMatch(/ECONNREFUSED|node_modules/);
  });

  it("with the database there, the same requests succeed (the 503 is the outage, not the route)", async () => {
    const request = new Request("http://localhost/api/v1/rfqs", { headers: { Authorization: `Bearer ${buyer.token}`, "x-kurabe-client-ip": "127.0.0.1" } });
    const res = unavailableIfMarked(request, await handler(request, h.ctx), h.ctx);
    expect(res.status).toBe(200);
  });
});

describe("a connection the server ends (restart, failover)", () => {
  it("fails the transaction that held it as unavailable, leaves the process running, and the pool recovers", async () => {
    const db = await createDatabase({ url: h.databaseUrl, poolSize: 2 });
    const admin = await createDatabase({ url: h.databaseUrl, poolSize: 1 });
    try {
      let caught: unknown;
      try {
        await db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          // What `pg_ctl stop -m fast` does to every session: the server ends it (57P01) between two statements.
          await sql`select pg_terminate_backend(${rows[0].pid})`.execute(admin);
          // The "error" event reaches the idle client now; without a listener it would end the process.
          await new Promise((r) => setTimeout(r, 200));
          await sql`select 1`.execute(trx);
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeDefined();
      expect(isDatabaseUnavailable(caught)).toBe(true);
      // The broken connection was discarded: the next query gets a fresh one.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows[0].one).toBe(1);
    } finally {
      await db.destroy();
      await admin.destroy();
    }
  });
});
