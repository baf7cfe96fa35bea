import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Meilisearch } from "meilisearch";
import { createDatabase, type DB } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { outboxStats } from "../db/queries/outbox";
import { listMembershipsOfUser } from "../db/queries/organizations";
import { findUserByEmail } from "../db/queries/users";
import { DEMO_ACCOUNTS, seedDemoData } from "../db/seed";
import { createDatabaseOn } from "../tests/support/postgres";
import { startTestServices } from "../tests/support/services";
import { allOf, anyOf, HIGHLIGHT_END, HIGHLIGHT_START } from "../search/client";
import { freePort } from "../search/server";
import { INDEX_NAMES } from "../search/settings";
import { startSession } from "../app/utils/auth.server";
import { ensureCsrfToken } from "../app/utils/csrf.server";
import type { AppContext } from "../app/utils/context.server";
import { loadGeneratedVendors } from "./lib/bulk-vendors";
import type { GeneratedVendor } from "./lib/vendor-generator";

// `npm run bench:search` (after `npx remix build`): loads N generated vendors (default 100,000) into a
// throwaway PostgreSQL, builds the vendors index with the reindex command, starts the built server with
// its outbox indexer (as `npm start` does), then measures in one run:
//   1. vendor search latency through the app (GET /api/v1/search/vendors, buyer API token; or the HTML
//      page /vendors with a session cookie under --via=page) next to the same search sent straight to
//      Meilisearch with the official client, request by request, sequentially and with 4 connections;
//      beside GET /api/v1/me in the same rotation: the fixed cost of any authenticated API answer, which
//      explains most of the app's gap over direct (docs/decisions/0057);
//   2. the outbox lag: profile edits posted through the real form at a steady rate, timed from the
//      committed write to the moment a search for a unique word in the new description finds it.
// Options: --vendors=N --requests=N --concurrency=N --via=api|page --lag-rate=N --lag-seconds=N --seed=N --cpu-prof=DIR
// MEILI_URL / DATABASE_URL point it at existing services; otherwise it starts and removes its own.

const args = new Map(
  process.argv.slice(2).map((a) => {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`Unknown argument ${a}`);
    return [m[1], m[2] ?? "true"] as const;
  }),
);
const KNOWN = ["vendors", "requests", "concurrency", "via", "lag-rate", "lag-seconds", "seed", "cpu-prof"];
for (const k of args.keys()) if (!KNOWN.includes(k)) throw new Error(`Unknown option --${k} (known: ${KNOWN.map((x) => `--${x}`).join(" ")})`);
const num = (name: string, fallback: number) => {
  const v = Number(args.get(name) ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const VENDORS = Math.floor(num("vendors", 100_000));
const REQUESTS = Math.floor(num("requests", 500));
const CONCURRENCY = Math.floor(num("concurrency", 4));
const LAG_RATE = num("lag-rate", 10);
const LAG_SECONDS = num("lag-seconds", 20);
const SEED = Math.floor(num("seed", 2026));
const VIA = args.get("via") ?? "api";
if (VIA !== "api" && VIA !== "page") throw new Error("--via must be api or page");
const CPU_PROF = args.get("cpu-prof");
// Each edited vendor is written again only every WRITERS / rate seconds, far longer than the lag.
const WRITERS = Math.min(VENDORS, Math.max(20, Math.ceil(LAG_RATE * 10)));
const PER_PAGE = 10; // the page's page size (parseVendorSearchParams); the direct query asks for the same
// Its own index prefix, so an external Meilisearch (MEILI_URL) keeps its other indexes untouched.
const PREFIX = `bench${Date.now().toString(36)}_`;
const SESSION_SECRET = "bench-secret-bench-secret-bench-secret";

const GOALS = { appP95Ms: 50, ratio: 1.2, lagP95Ms: 1000 };

interface BenchQuery {
  q: string;
  categories?: string[];
  regions?: string[];
  certifications?: string[];
  sort?: "track_record";
}

// What buyers type, in both languages: multi-word, partial words, a typo, facet-only browsing, sorted by track record.
const QUERIES: BenchQuery[] = [
  { q: "経理 BPO ISMS 東京" },
  { q: "給与計算" },
  { q: "コールセンター 大阪" },
  { q: "データ入力" },
  { q: "自治体 窓口業務" },
  { q: "記帳" },
  { q: "コンタクト" },
  { q: "ヘルプデスク", regions: ["tokyo"] },
  { q: "インボイス 電子帳簿保存法" },
  { q: "マイナンバー", certifications: ["privacy_mark"], regions: ["osaka"] },
  { q: "payroll" },
  { q: "acounting" },
  { q: "contact centre Privacy Mark" },
  { q: "data entry osaka" },
  { q: "bookkeep" },
  { q: "IT support Tokyo", certifications: ["isms_iso27001"] },
  { q: "", categories: ["accounting"], certifications: ["isms_iso27001"] },
  { q: "経理", categories: ["accounting"], regions: ["tokyo"], certifications: ["privacy_mark"] },
  { q: "コールセンター", categories: ["contact_center"], certifications: ["isms_iso27001", "privacy_mark"], sort: "track_record" },
  { q: "", regions: ["fukuoka"], sort: "track_record" },
  { q: "給与", categories: ["hr_payroll"], sort: "track_record" },
];

const describe = (q: BenchQuery) =>
  [
    q.q ? `"${q.q}"` : "(no text)",
    ...(q.categories ?? []).map((c) => `category=${c}`),
    ...(q.regions ?? []).map((r) => `region=${r}`),
    ...(q.certifications ?? []).map((c) => `cert=${c}`),
    ...(q.sort ? [`sort=${q.sort}`] : []),
  ].join(" ");

function appPath(q: BenchQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  for (const c of q.categories ?? []) p.append("category", c);
  for (const r of q.regions ?? []) p.append("region", r);
  for (const c of q.certifications ?? []) p.append("cert", c);
  if (q.sort) p.set("sort", q.sort);
  return `${VIA === "api" ? "/api/v1/search/vendors" : "/vendors"}?${p.toString()}`;
}

/** The request SearchService.searchVendors sends for the page's first page: same filter, facets, sort, highlighting. */
function directSearch(meili: Meilisearch, q: BenchQuery) {
  const filter = [anyOf("categories", q.categories), anyOf("regions", q.regions), ...allOf("certifications", q.certifications)].filter(
    (x): x is string => x !== null,
  );
  return meili.index(`${PREFIX}vendors`).search(q.q, {
    filter,
    facets: ["categories", "regions", "certifications"],
    sort: q.sort === "track_record" ? ["track_record_count:desc"] : undefined,
    page: 1,
    hitsPerPage: PER_PAGE,
    attributesToHighlight: ["name", "description"],
    attributesToCrop: ["description"],
    cropLength: 40,
    highlightPreTag: HIGHLIGHT_START,
    highlightPostTag: HIGHLIGHT_END,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
};

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error("server did not start in 120 s");
}

async function pendingOutbox(db: DB): Promise<number> {
  return (await outboxStats(db)).pending;
}

/** Runs `reindex.ts vendors` as its own process, exactly as `npm run reindex vendors` does. */
function reindexVendors(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/reindex.ts", "vendors"], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`reindex exited with ${code}: ${out}`))));
  });
}

// ---------------------------------------------------------------------------------------------

interface Sample {
  query: number;
  ms: number;
}

async function measureSearch(origin: string, headers: Record<string, string>, clients: { meili: Meilisearch; plain: Meilisearch }, concurrency: number) {
  const app: Sample[] = [];
  const direct: Sample[] = [];
  const plain: Sample[] = [];
  const engine: number[] = [];
  // The app's fixed cost: an authenticated API answer that does no search (the HTTP hop, Remix, the token check and
  // one small query), sent in the same rotation so it sees the same load.
  const fixed: number[] = [];
  let errors = 0;
  let next = 0;
  const timeApp = async (qi: number) => {
    const t = performance.now();
    const res = await fetch(origin + appPath(QUERIES[qi]), { headers });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== 200) errors++;
    else app.push({ query: qi, ms });
  };
  const timeDirect = (client: Meilisearch, into: Sample[]) => async (qi: number) => {
    const t = performance.now();
    const r = await directSearch(client, QUERIES[qi]);
    into.push({ query: qi, ms: performance.now() - t });
    engine.push(r.processingTimeMs);
  };
  const timeFixed = async () => {
    const t = performance.now();
    const res = await fetch(`${origin}/api/v1/me`, { headers });
    await res.arrayBuffer();
    if (res.status === 200) fixed.push(performance.now() - t);
  };
  const steps = [timeApp, timeDirect(clients.meili, direct), timeDirect(clients.plain, plain), ...(VIA === "api" ? [timeFixed] : [])];
  // Each job sends one query all three ways, rotating which goes first, so all see the same load.
  const worker = async () => {
    for (let job = next++; job < REQUESTS; job = next++) {
      const qi = job % QUERIES.length;
      for (let k = 0; k < steps.length; k++) await steps[(job + k) % steps.length](qi);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { app, direct, plain, engine, fixed, errors, seconds: (performance.now() - started) / 1000 };
}

/** Checks each query once through the app: it answers 200, from the index (not degraded), with the direct query's total. */
async function checkQueries(origin: string, headers: Record<string, string>, meili: Meilisearch) {
  const rows: { query: string; total: number; app: string }[] = [];
  for (const q of QUERIES) {
    const res = await fetch(origin + appPath(q), { headers, redirect: "manual" });
    const text = await res.text();
    if (res.status === 404 && VIA === "api") {
      throw new Error("GET /api/v1/search/vendors answered 404: the API route is not in this build. Run with --via=page to measure the HTML page instead.");
    }
    if (res.status !== 200) throw new Error(`${appPath(q)} answered ${res.status}: ${text.slice(0, 300)}`);
    const direct = await directSearch(meili, q);
    const total = direct.totalHits ?? 0;
    let seen: string;
    if (VIA === "api") {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body.mode === "degraded") throw new Error(`${appPath(q)} answered from the database (degraded), not the index`);
      const meta = (body.meta ?? body.pagination ?? {}) as Record<string, unknown>;
      const appTotal = [body.total, body.totalHits, body.estimatedTotalHits, meta.total].find((v) => typeof v === "number") as number | undefined;
      seen = appTotal === undefined ? "?" : String(appTotal);
      if (appTotal !== undefined && appTotal !== total) console.warn(`  ! ${describe(q)}: app total ${appTotal} ≠ direct total ${total}`);
    } else {
      if (text.includes("簡易検索で表示") || text.includes("Search is degraded"))
        throw new Error(`${appPath(q)} answered from the database (degraded), not the index`);
      seen = "html";
    }
    rows.push({ query: describe(q), total, app: seen });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

/** Word made of letters only, so the tokenizer keeps it whole: 'kbq' + run id + k in base 26. */
function probeWord(run: string, k: number): string {
  let s = "";
  let n = k;
  for (let i = 0; i < 4; i++) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return `kbq${run}${s}`;
}

interface Writer {
  vendor: GeneratedVendor;
  cookie: string;
  csrf: string;
}

async function measureLag(origin: string, writers: Writer[], meili: Meilisearch) {
  const run = Array.from({ length: 3 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  const total = Math.round(LAG_RATE * LAG_SECONDS);
  const pending = new Map<string, { orgId: string; committedAt: number }>();
  const lags: number[] = [];
  const posts: number[] = [];
  let failures = 0;
  let writing = true;

  const write = async (k: number) => {
    const w = writers[k % writers.length];
    const word = probeWord(run, k);
    const body = new URLSearchParams();
    body.set("csrf", w.csrf);
    body.set("name", w.vendor.name);
    body.set("description", `${w.vendor.description} ${word}`);
    for (const c of w.vendor.categories) body.append("categories", c);
    for (const r of w.vendor.regions) body.append("regions", r);
    for (const l of w.vendor.languages) body.append("languages", l);
    body.set("teamSize", String(w.vendor.teamSize));
    const t = performance.now();
    const res = await fetch(`${origin}/vendor/profile`, {
      method: "POST",
      body,
      headers: { Cookie: w.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    const text = await res.text();
    // The action redirects after the transaction committed and the indexer was kicked.
    const committedAt = performance.now();
    posts.push(committedAt - t);
    if (res.status !== 302 && res.status !== 303) {
      failures++;
      if (failures <= 3) console.warn(`  ! profile POST answered ${res.status}: ${text.slice(0, 200)}`);
      return;
    }
    pending.set(word, { orgId: w.vendor.id, committedAt });
  };

  // One multi-search every 20 ms for all words still unseen: bounded polling load, 20 ms resolution.
  const poll = async () => {
    const deadline = () => !writing && performance.now() > lastWriteAt + 30_000;
    while (writing || (pending.size > 0 && !deadline())) {
      const words = [...pending.keys()];
      if (words.length > 0) {
        const res = await meili.multiSearch({
          queries: words.map((q) => ({ indexUid: `${PREFIX}vendors`, q, attributesToRetrieve: ["id", "description"], limit: 5 })),
        });
        const seenAt = performance.now();
        res.results.forEach((r, i) => {
          const p = pending.get(words[i])!;
          if (r.hits.some((h) => h.id === p.orgId && String(h.description).includes(words[i]))) {
            lags.push(seenAt - p.committedAt);
            pending.delete(words[i]);
          }
        });
      }
      await sleep(20);
    }
  };

  let lastWriteAt = performance.now();
  const startedIso = new Date().toISOString();
  const poller = poll();
  const started = performance.now();
  const writes: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / LAG_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    writes.push(write(k));
  }
  await Promise.all(writes);
  lastWriteAt = performance.now();
  writing = false;
  await poller;
  // Where the lag goes inside Meilisearch: the indexer's document tasks, their wait in the queue and their run.
  const tasks = await meili.tasks.getTasks({ indexUids: [`${PREFIX}vendors`], types: ["documentAdditionOrUpdate"], afterEnqueuedAt: startedIso, limit: 1000 });
  const at = (x: string | null) => (x ? Date.parse(x) : NaN);
  const meiliTasks = {
    count: tasks.results.length,
    documents: tasks.results.reduce((n, t) => n + Number((t.details as { receivedDocuments?: number } | undefined)?.receivedDocuments ?? 0), 0),
    waits: tasks.results.map((t) => at(t.startedAt) - at(t.enqueuedAt)).filter(Number.isFinite),
    runs: tasks.results.map((t) => at(t.finishedAt) - at(t.startedAt)).filter(Number.isFinite),
  };
  return { total, lags, posts, failures, missing: pending.size, seconds: (lastWriteAt - started) / 1000, meiliTasks };
}

// ---------------------------------------------------------------------------------------------

const log = (m: string) => console.log(m);
const services = await startTestServices();
const dbName = `kurabe_bench_search_${Date.now().toString(36)}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-bench-search-"));
let server: ChildProcess | null = null;
let db: DB | null = null;
try {
  const url = await createDatabaseOn(services.databaseUrl, dbName);
  db = await createDatabase({ url, poolSize: 4 });
  await migrateToLatest(db);
  await seedDemoData(db);
  const today = new Date();

  log(`Loading ${VENDORS.toLocaleString("en")} generated vendors (seed ${SEED})…`);
  let t = performance.now();
  const loaded = await loadGeneratedVendors(db, {
    count: VENDORS,
    seed: SEED,
    today,
    keep: WRITERS,
    onProgress: (n) => {
      if (n % 20_000 === 0) log(`  ${n.toLocaleString("en")}`);
    },
  });
  const loadMs = performance.now() - t;
  log(`  ${loaded.vendors.toLocaleString("en")} vendors, ${loaded.certifications.toLocaleString("en")} certifications in ${fmtS(loadMs)}`);

  // Owners for the vendors whose profiles the lag test edits (they never log in: sessions are minted below).
  const owners = await db
    .insertInto("users")
    .values(loaded.kept.map((v, i) => ({ email: `bench-owner-${i}@bench.example`, name: `ベンチ担当者${i}`, password_hash: "!bench-no-login" })))
    .returning("id")
    .execute();
  await db
    .insertInto("memberships")
    .values(owners.map((u, i) => ({ user_id: u.id, org_id: loaded.kept[i].id, role: "owner" as const })))
    .execute();

  const meiliEnv = { MEILI_URL: services.meiliUrl, MEILI_MASTER_KEY: services.meiliKey, MEILI_INDEX_PREFIX: PREFIX };
  log("Building the vendors index (scripts/reindex.ts vendors)…");
  t = performance.now();
  const reindexOut = await reindexVendors({ ...process.env, ...meiliEnv, DATABASE_URL: url, DATA_DIR: dataDir, NODE_ENV: "development" });
  const indexMs = performance.now() - t;
  log(`  ${reindexOut} (${fmtS(indexMs)} with process start-up)`);

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...meiliEnv,
    DATABASE_URL: url,
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    SESSION_SECRET,
  };
  const profileFlags = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profileFlags, "--import", "tsx", "scripts/serve.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  server = child;
  // The server logs start-up lines on stdout; pass on only what says something went wrong.
  child.stdout!.on("data", (d: Buffer) => {
    for (const line of d.toString().split("\n")) if (/indexer:|not reconciled|error/i.test(line)) console.warn(`  server: ${line}`);
  });
  const origin = `http://127.0.0.1:${port}`;
  t = performance.now();
  await waitForServer(`${origin}/healthz`, child);
  // The demo seed's outbox rows are indexed at start-up; measure once they are done.
  for (let i = 0; (await pendingOutbox(db)) > 0; i++) {
    if (i > 1200) throw new Error("the indexer did not drain the outbox in 120 s");
    await sleep(100);
  }
  log(`Server up and outbox drained in ${fmtS(performance.now() - t)}`);

  // `meili` is configured as the app's client is (search/client.ts: uncompressed answers on the loopback);
  // `plain` is the client's default, whose fetch offers br — kept to show what Brotli costs per search.
  const meili = new Meilisearch({ host: services.meiliUrl, apiKey: services.meiliKey, requestInit: { headers: { "Accept-Encoding": "identity" } } });
  const plain = new Meilisearch({ host: services.meiliUrl, apiKey: services.meiliKey });
  const ctx = { db, env: { NODE_ENV: "production" }, sessionSecret: SESSION_SECRET, clock: { now: () => new Date() } } as unknown as AppContext;
  const cookieOf = (setCookie: string) => setCookie.split(";")[0];
  let headers: Record<string, string>;
  if (VIA === "api") {
    headers = { Authorization: `Bearer ${DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!.token}` };
  } else {
    const buyer = await findUserByEmail(db, "buyer@midori-city.example");
    if (!buyer) throw new Error("the demo buyer is missing");
    const [membership] = await listMembershipsOfUser(db, buyer.id);
    headers = { Cookie: cookieOf(await startSession(ctx, buyer.id, membership.orgId)) };
  }

  log(`Checking the ${QUERIES.length} queries through ${VIA === "api" ? "GET /api/v1/search/vendors (API token)" : "the page /vendors (session cookie)"}…`);
  const checked = await checkQueries(origin, headers, meili);
  // Warm-up: JIT, connection pools and Meilisearch's caches, not measured.
  for (let i = 0; i < 3; i++)
    for (const q of QUERIES) {
      await (await fetch(origin + appPath(q), { headers })).arrayBuffer();
      await directSearch(meili, q);
      await directSearch(plain, q);
    }

  const phases = [];
  for (const concurrency of [...new Set([1, CONCURRENCY])]) {
    log(`Measuring ${REQUESTS} requests each way with ${concurrency} connection${concurrency > 1 ? "s" : ""}…`);
    phases.push({ concurrency, ...(await measureSearch(origin, headers, { meili, plain }, concurrency)) });
  }

  const writers: Writer[] = [];
  for (const [i, vendor] of loaded.kept.entries()) {
    const session = cookieOf(await startSession(ctx, owners[i].id, vendor.id));
    // Signed in, a form's token is the one bound to the session (csrf.server.ts), as the page would render it.
    const { token } = await ensureCsrfToken(new Request(origin, { headers: { Cookie: session } }), ctx);
    writers.push({ vendor, csrf: token, cookie: session });
  }
  log(`Measuring the outbox lag: ${LAG_RATE} profile edits/s for ${LAG_SECONDS} s through POST /vendor/profile…`);
  const lag = await measureLag(origin, writers, meili);

  // ----- report -----
  // Terminal columns: Japanese characters take two.
  const width = (s: string) =>
    [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, w: number, left: boolean) => (left ? s + " ".repeat(Math.max(0, w - width(s))) : " ".repeat(Math.max(0, w - width(s))) + s);
  const cut = (s: string, w: number) => {
    let out = "";
    for (const ch of s)
      if (width(out + ch) <= w) out += ch;
      else break;
    return out;
  };
  const line = (cells: string[], widths: number[]) => cells.map((c, i) => pad(c, widths[i], i === 0)).join("  ");
  const W = [27, 8, 8, 8, 8];
  console.log("");
  console.log(
    `Vendor search benchmark — ${loaded.vendors.toLocaleString("en")} vendors, ${QUERIES.length} queries, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  console.log(`  load into PostgreSQL: ${fmtS(loadMs)}   build the index (reindex vendors): ${fmtS(indexMs)}`);
  console.log(`  app = ${VIA === "api" ? "GET /api/v1/search/vendors with a buyer API token" : "GET /vendors (HTML page, session cookie)"}`);
  console.log("  direct = the same search with the meilisearch client configured as the app's (Accept-Encoding: identity);");
  console.log("  br = the same again with the client's default (Meilisearch answers with Brotli)");
  console.log("");
  const QW = [50, 7, 9, 9, 9, 6];
  console.log(line(["query", "hits", "app", "direct", "br", "ratio"], QW));
  const first = phases[0];
  const medianOf = (samples: Sample[], i: number) => stats(samples.filter((s) => s.query === i).map((s) => s.ms)).p50;
  QUERIES.forEach((q, i) => {
    const [a, d, u] = [medianOf(first.app, i), medianOf(first.direct, i), medianOf(first.plain, i)];
    console.log(line([cut(describe(q), 50), String(checked[i].total), `${fmtMs(a)} ms`, `${fmtMs(d)} ms`, `${fmtMs(u)} ms`, (a / d).toFixed(2)], QW));
  });
  console.log(`  (medians of the sequential run; hits = total of the direct query; ratio = app / direct)`);
  const verdicts: string[] = [];
  for (const ph of phases) {
    const a = stats(ph.app.map((s) => s.ms));
    const d = stats(ph.direct.map((s) => s.ms));
    const e = stats(ph.engine);
    console.log("");
    const u = stats(ph.plain.map((s) => s.ms));
    const ms = (xs: typeof a) => [xs.p50, xs.p95, xs.p99, xs.max].map((x) => `${fmtMs(x)} ms`);
    const ratio = (x: typeof a, y: typeof a) => [x.p50 / y.p50, x.p95 / y.p95, x.p99 / y.p99, x.max / y.max].map((r) => r.toFixed(2));
    console.log(
      `${ph.concurrency} connection${ph.concurrency > 1 ? "s" : ""}: ${a.n} app + ${d.n} + ${u.n} direct requests in ${ph.seconds.toFixed(1)} s, ${ph.errors} app errors`,
    );
    console.log(line(["", "p50", "p95", "p99", "max"], W));
    console.log(line([`app (${VIA})`, ...ms(a)], W));
    console.log(line(["direct (client as the app's)", ...ms(d)], W));
    console.log(line(["direct, client default (br)", ...ms(u)], W));
    console.log(line(["Meilisearch engine time", ...ms(e)], W));
    console.log(line(["app / direct", ...ratio(a, d)], W));
    console.log(line(["app / direct br", ...ratio(a, u)], W));
    if (ph.fixed.length > 0) {
      const f = stats(ph.fixed);
      console.log(line(["fixed: GET /api/v1/me", ...ms(f)], W));
      console.log(
        `  the app's gap at p50: ${fmtMs(a.p50 - d.p50)} ms, of which ${fmtMs(f.p50)} ms is what any authenticated API answer costs here (HTTP hop, Remix, token check, one query)`,
      );
    }
    const tag = `(${ph.concurrency} conn.)`;
    verdicts.push(
      `${a.p95 < GOALS.appP95Ms && ph.errors === 0 ? "✓" : "✗"} app p95 < ${GOALS.appP95Ms} ms ${tag}: ${fmtMs(a.p95)} ms${ph.errors ? `, ${ph.errors} errors` : ""}`,
    );
    const worst = Math.max(a.p50 / d.p50, a.p95 / d.p95);
    verdicts.push(
      `${worst <= GOALS.ratio ? "✓" : "✗"} app / direct ≤ ${GOALS.ratio} at p50 and p95 ${tag}: ${(a.p50 / d.p50).toFixed(2)} / ${(a.p95 / d.p95).toFixed(2)}`,
    );
  }
  const l = stats(lag.lags);
  const p = stats(lag.posts);
  console.log("");
  console.log(
    `Outbox lag: ${lag.total} edits in ${lag.seconds.toFixed(1)} s (${(lag.total / lag.seconds).toFixed(1)}/s) over ${writers.length} vendors; ${lag.failures} failed, ${lag.missing} never seen`,
  );
  console.log(line(["", "p50", "p95", "p99", "max"], W));
  console.log(line(["commit → searchable", ...[l.p50, l.p95, l.p99, l.max].map((x) => `${fmtMs(x)} ms`)], W));
  console.log(line(["profile POST", ...[p.p50, p.p95, p.p99, p.max].map((x) => `${fmtMs(x)} ms`)], W));
  const mt = lag.meiliTasks;
  const tw = stats(mt.waits);
  const tr = stats(mt.runs);
  console.log(line(["Meilisearch task queued", ...[tw.p50, tw.p95, tw.p99, tw.max].map((x) => `${fmtMs(x)} ms`)], W));
  console.log(line(["Meilisearch task running", ...[tr.p50, tr.p95, tr.p99, tr.max].map((x) => `${fmtMs(x)} ms`)], W));
  console.log(
    `  (${mt.count} document tasks from the indexer for ${lag.total} edits: ${(mt.documents / Math.max(1, mt.count)).toFixed(1)} documents per task)`,
  );
  console.log(`  (lag is measured from the POST's redirect, which follows the commit, to the first poll that finds the new word; polls every 20 ms)`);
  verdicts.push(
    `${l.p95 < GOALS.lagP95Ms && lag.missing === 0 && lag.failures === 0 ? "✓" : "✗"} outbox lag p95 < ${GOALS.lagP95Ms} ms: ${fmtMs(l.p95)} ms${lag.missing || lag.failures ? ` (${lag.failures} failed, ${lag.missing} never seen)` : ""}`,
  );
  console.log("");
  console.log("Goals");
  for (const v of verdicts) console.log(`  ${v}`);
} finally {
  const child = server as ChildProcess | null;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const pgmod = (await import("pg")).default;
    const c = new pgmod.Client({ connectionString: services.databaseUrl });
    await c.connect();
    await c.query(`drop database if exists "${dbName}"`);
    await c.end();
  }
  // With an external Meilisearch, remove the benchmark's index; a throwaway one goes with its folder.
  if (process.env.MEILI_URL) {
    const client = new Meilisearch({ host: services.meiliUrl, apiKey: services.meiliKey });
    for (const index of INDEX_NAMES) await client.deleteIndex(`${PREFIX}${index}`).catch(() => {});
  }
  await services.stop();
}
