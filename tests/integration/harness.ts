import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { createSearchService, type SearchService } from "../../search/client";
import { processOutboxOnce } from "../../app/jobs";
import { createLocalMailer, type Mailer } from "../../app/services/mail.server";
import type { PaymentGateway } from "../../app/services/payments/stripe-gateway.server";
import type { AppContext } from "../../app/utils/context.server";
import { readEnv } from "../../app/utils/env.server";
import { createDatabaseOn } from "../support/postgres";
import { HARNESS_NOW } from "./harness-clock";

// A fresh database and index prefix per test file on the shared real servers, an AppContext
// with a controllable clock, and the built Remix app answering real Requests in-process.

export interface Harness {
  db: DB;
  /** The test database's own URL. */
  databaseUrl: string;
  search: SearchService;
  mailer: Mailer;
  clock: { now: () => Date; set(d: Date | string): void };
  ctx: AppContext;
  /** Runs the outbox indexer until nothing is due. */
  index(): Promise<void>;
  request(pathname: string, init?: RequestInit & { cookies?: Cookies }): Promise<Response>;
  close(): Promise<void>;
}

export class Cookies {
  private jar = new Map<string, string>();
  absorb(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0/i.test(c) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

let buildPromise: Promise<ServerBuild> | null = null;
function loadBuild() {
  buildPromise ??= import(pathToFileURL(path.resolve("build/index.js")).href) as Promise<ServerBuild>;
  return buildPromise;
}

export interface HarnessOptions {
  /**
   * Start from the demo data as `seedDemoData(db, HARNESS_NOW)` leaves it: a copy of the database global-setup seeded
   * once for the whole run (seeding takes seconds; a copy, a fraction of one). Its outbox rows are not yet indexed.
   */
  demo?: boolean;
  search?: SearchService;
  /** A gateway (the real SDK pointed at tests/support/stripe-test-server.ts); null (default) = card payment off. */
  payments?: PaymentGateway | null;
  /** Extra environment read by readEnv (e.g. PLATFORM_FEE_BASIS_POINTS). */
  env?: Partial<Record<string, string>>;
  poolSize?: number;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const template = opts.demo ? inject("demoDatabase") : undefined;
  return createHarnessOn({ databaseUrl: inject("databaseUrl"), meiliUrl: inject("meiliUrl"), meiliKey: inject("meiliKey"), template }, opts);
}

/** The same on given servers, outside vitest (the webhook benchmark builds its data with the test factories). */
export async function createHarnessOn(
  on: { databaseUrl: string; meiliUrl: string; meiliKey: string; template?: string },
  opts: HarnessOptions = {},
): Promise<Harness> {
  const name = `kurabe_test_${randomBytes(5).toString("hex")}`;
  const url = await createDatabaseOn(on.databaseUrl, name, on.template);
  const db = await createDatabase({ url, poolSize: opts.poolSize ?? 4 });
  await migrateToLatest(db);
  const search = opts.search ?? createSearchService({ url: on.meiliUrl, apiKey: on.meiliKey, prefix: `${name}_` });
  await search.reconcileSettings().catch(() => {});
  let now = new Date(HARNESS_NOW);
  const clock = { now: () => new Date(now), set: (d: Date | string) => (now = new Date(d)) };
  const mailer = createLocalMailer();
  const env = readEnv({ NODE_ENV: "test", ...opts.env } as NodeJS.ProcessEnv);
  const ctx: AppContext = {
    db,
    search,
    env,
    clock,
    mailer,
    payments: opts.payments ?? null,
    sessionSecret: "test-secret-test-secret-test-secret-123",
    kickIndexer: () => {},
    searchHealthy: () => search.isHealthy(),
  };
  return {
    db,
    databaseUrl: url,
    search,
    mailer,
    clock,
    ctx,
    async index() {
      for (let i = 0; i < 50; i++) {
        const r = await processOutboxOnce({ db, search, now: clock.now });
        if (r.processed === 0 && r.failed === 0) return;
        if (r.failed > 0) throw new Error("indexer failed");
      }
    },
    async request(pathname, init = {}) {
      const build = await loadBuild();
      const handler = createRequestHandler(build, "production");
      const headers = new Headers(init.headers);
      if (init.cookies) headers.set("Cookie", init.cookies.header());
      headers.set("x-kurabe-client-ip", headers.get("x-kurabe-client-ip") ?? "127.0.0.1");
      const res = await handler(new Request(`http://localhost${pathname}`, { ...init, headers }), ctx as never);
      init.cookies?.absorb(res);
      return res;
    },
    async close() {
      await db.destroy();
    },
  };
}

/** GETs a page to obtain the CSRF cookie, then POSTs a form with the token, like a browser would. */
export async function postForm(
  h: Harness,
  pathname: string,
  fields: Record<string, string | string[]>,
  cookies: Cookies,
  extraHeaders: Record<string, string> = {},
) {
  if (!cookies.header().includes("__kurabe_csrf")) await h.request("/login", { cookies });
  const page = await h.request("/", { cookies });
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const body = new URLSearchParams();
  body.set("csrf", csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return h.request(pathname, {
    method: "POST",
    body,
    cookies,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...extraHeaders },
    redirect: "manual",
  });
}

export type ApiInit = { method?: string; body?: unknown; lang?: string };

/** A JSON API call with a Bearer token: the body as JSON, the answer in `lang` (ja unless told). */
export function apiRequest(h: Harness, token: string, path: string, init: ApiInit = {}) {
  return h.request(path, {
    method: init.method ?? "GET",
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: {
      Authorization: `Bearer ${token}`,
      "Accept-Language": init.lang ?? "ja",
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
  });
}
