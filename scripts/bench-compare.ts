import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { DEMO_ACCOUNTS, seedDemoData } from "../db/seed";
import { actorFor, createPublishedRfq, createUser, createVendor, serviceContext } from "../tests/factories";
import { createDatabaseOn, startPostgres } from "../tests/support/postgres";
import { completeRfqInput } from "../app/domain/rfq/test-fixtures";
import type { Criterion } from "../app/domain/rfq/schema";
import { saveQuote } from "../app/services/quotes.server";
import type { Actor } from "../app/domain/permissions";

// `npm run bench:compare [-- --quotes=10,30,100,300 --criteria=17 --history=0 --seconds=10]` (after
// `npx remix build`): seeds one RFQ per quote count (the same buyer, vendors and criteria), serves them from the
// built server under 20 connections and prints a growth table — req/s, p50, p99, body kB and kB per quote of the
// default (one page) response, beside /healthz measured in the same run just before each size, and the
// page-less body (`view=full`) size for comparison. `--history` adds that many earlier RFQs of the buyer with
// ten opened quotes each, so the tables the comparison reads are not only the measured RFQs.
// Everything it starts (database, server, Meilisearch) it removes; on your own DATABASE_URL, `--keep` keeps the
// seeded database (to EXPLAIN its queries). Environment: BENCH_SECONDS, BENCH_CPU_PROF.

// autocannon ships no types; this is the slice of its API used here.
interface BenchResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (o: { url: string; connections: number; duration?: number; amount?: number; headers: Record<string, string> }) => Promise<BenchResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
const SIZES = (arg("quotes") ?? "10,30,100,300").split(",").map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--quotes takes whole numbers, e.g. --quotes=10,30,100,300");
const KPI_CRITERIA = Number(arg("criteria") ?? 17) - 1; // + TCO
const HISTORY = Number(arg("history") ?? 0);
const DURATION_S = Number(arg("seconds") ?? process.env.BENCH_SECONDS ?? 10);
const DAY = 86_400_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** 14 KPI commitments on rates (on-time, accuracy …) with a target scale, so every quote scores on all of them. */
function kpiCriteria(): Criterion[] {
  return Array.from({ length: KPI_CRITERIA }, (_, i) => ({
    key: `kpi_bench_${i + 1}`,
    label: { ja: `品質指標${i + 1}`, en: `Quality KPI ${i + 1}` },
    perspective: (["customer", "internalProcess", "learningGrowth"] as const)[i % 3],
    direction: "benefit",
    weight: 4,
    source: "kpi_commitment",
    unit: "rate",
    scale: { worst: 0.9, best: 1 },
  })) as unknown as Criterion[];
}

async function seed(url: string): Promise<Map<number, string>> {
  const db = await createDatabase({ url, poolSize: 4 });
  await migrateToLatest(db);
  // The RFQs are published 20 days ago with a deadline 10 days ago, so the real clock of the server sees them opened.
  const start = new Date(Date.now() - 20 * DAY);
  await seedDemoData(db, start);
  const f = serviceContext(db, start);
  const vendors: (Actor & { org: NonNullable<Actor["org"]> })[] = [];
  for (let i = 0; i < Math.max(...SIZES, HISTORY > 0 ? 10 : 0); i++) {
    const org = await createVendor(db, {
      name: `ベンチ業者${String(i + 1).padStart(3, "0")}株式会社`,
      categories: ["municipal"],
      certifications: ["isms_iso27001", "privacy_mark"].map((type) => ({
        type,
        number: `B-${i}-${type}`,
        issuer: "JIPDEC",
        validFrom: "2020-01-01",
        validUntil: "2099-12-31",
      })),
    });
    const user = await createUser(db, { orgId: org.id, role: "owner" });
    vendors.push({ userId: user.id, isPlatformAdmin: false, org: { id: org.id, kind: "vendor" as const, role: "owner" as const } });
  }
  const buyer = await actorFor(db, "buyer@midori-city.example");
  const base = completeRfqInput();
  const rfqWith = async (title: string, count: number) => {
    f.clock.set(start);
    const input = completeRfqInput({
      title,
      quoteDeadline: new Date(start.getTime() + 10 * DAY).toISOString(),
      invitedVendorIds: vendors.slice(0, count).map((v) => v.org.id),
      criteria: [...base.criteria!.filter((c) => c.key === "tco"), ...(kpiCriteria() as typeof base.criteria & object)],
    });
    const rfqId = await createPublishedRfq(f, buyer, input);
    f.clock.set(new Date(start.getTime() + DAY));
    for (const [i, vendor] of vendors.slice(0, count).entries()) {
      const kpiCommitments = Object.fromEntries(kpiCriteria().map((c, k) => [c.key, Number((0.9 + (((i * 7 + k * 3) % 10) + 0.5) / 100).toFixed(4))]));
      const quote = {
        unitPrices: { INIT: 200_000 + (i % 97) * 5_000, OPS: 400_000 + ((i * 13) % 30) * 4_000, DOC: 300 + (i % 50) },
        oneOffFees: { setup: 100_000, transition: 0 },
        taxBasis: "excluded",
        taxRate: 10,
        leadTimeDays: 30,
        kpiCommitments,
        assumptions: "ベンチマーク用の見積です。",
      };
      const saved = await saveQuote(f.ctx, vendor, rfqId, quote, "submit");
      if (!saved.ok) throw new Error(`quote ${i} refused: ${JSON.stringify(saved)}`);
    }
    return rfqId;
  };
  for (let i = 0; i < HISTORY; i++) await rfqWith(`ベンチマーク用 過去の見積依頼 ${i + 1}`, 10);
  const ids = new Map<number, string>();
  for (const n of SIZES) ids.set(n, await rfqWith(`ベンチマーク用 見積比較（${n}社×${KPI_CRITERIA + 1}項目）`, n));
  await db.destroy();
  return ids;
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start in 60 s");
}

function run(url: string, headers: Record<string, string>) {
  return autocannon({ url, connections: 20, duration: DURATION_S, headers });
}

const pg = process.env.DATABASE_URL ? null : await startPostgres();
const serverUrl = process.env.DATABASE_URL ?? pg!.url;
const dbName = `kurabe_bench_${Date.now().toString(36)}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-bench-"));
let server: ChildProcess | null = null;
try {
  const url = await createDatabaseOn(serverUrl, dbName);
  const seedStart = performance.now();
  const rfqIds = await seed(url);
  console.log(
    `seeded ${SIZES.join(", ")} quotes × ${KPI_CRITERIA + 1} criteria (+ ${HISTORY} earlier RFQs) in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`,
  );
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
  };
  delete env.MEILI_URL;
  delete env.MEILI_MASTER_KEY;
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), "--import", "tsx", "scripts/serve.ts"],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  server = child;
  const origin = `http://127.0.0.1:${port}`;
  await waitForServer(`${origin}/healthz`, child);
  const token = DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!.token;
  const auth = { Authorization: `Bearer ${token}` };
  const rows: { quotes: number; healthz: BenchResult; comparison: BenchResult; bodyKb: number; fullKb: number }[] = [];
  for (const n of SIZES) {
    const path = `${origin}/api/v1/rfqs/${rfqIds.get(n)}/comparison`;
    const check = await fetch(path, { headers: auth });
    const text = await check.text();
    const body = JSON.parse(text) as { totals?: { quotes: number }; items?: unknown[]; criteria?: unknown[] };
    if (check.status !== 200 || body.totals?.quotes !== n) throw new Error(`comparison of ${n} answered ${check.status} with ${body.totals?.quotes} quotes`);
    const full = await (await fetch(`${path}?view=full`, { headers: auth })).text();
    // Warm-up so JIT, pools and the ranking's memo are not measured.
    await autocannon({ url: path, connections: 20, amount: 200, headers: auth });
    const healthz = await run(`${origin}/healthz`, {});
    const comparison = await run(path, auth);
    const bodyKb = Buffer.byteLength(text) / 1024;
    rows.push({ quotes: n, healthz, comparison, bodyKb, fullKb: Buffer.byteLength(full) / 1024 });
    console.log(`${n} quotes: ${body.items?.length} on the first page, ${body.criteria?.length} criteria — done`);
  }
  console.log(`\nGET /api/v1/rfqs/{id}/comparison (default: page 1 of 30), 20 connections, ${DURATION_S} s each, /healthz just before in the same run`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  console.log("| quotes | req/s | p50 | p99 | body | kB/quote | /healthz req/s | % of /healthz | view=full body | non-2xx/errors |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const c = r.comparison;
    console.log(
      `| ${r.quotes} | ${c.requests.average.toFixed(0)} | ${c.latency.p50} ms | ${c.latency.p99} ms | ${r.bodyKb.toFixed(1)} kB | ${(r.bodyKb / r.quotes).toFixed(2)} | ${r.healthz.requests.average.toFixed(0)} | ${((100 * c.requests.average) / r.healthz.requests.average).toFixed(0)} % | ${r.fullKb.toFixed(0)} kB | ${c.non2xx + r.healthz.non2xx}/${c.errors + r.healthz.errors} |`,
    );
  }
  const at = (n: number) => rows.find((r) => r.quotes === n);
  if (at(300)) console.log(`\ntarget 300 quotes: p99 ${at(300)!.comparison.latency.p99} ms (< 200), body ${at(300)!.bodyKb.toFixed(0)} kB (≤ 600)`);
  if (at(30))
    console.log(`target 30 quotes: ${((100 * at(30)!.comparison.requests.average) / at(30)!.healthz.requests.average).toFixed(0)} % of /healthz (≥ 60 %)`);
} finally {
  // Let the last in-flight requests of the load finish before the server closes its pool.
  await new Promise((r) => setTimeout(r, 1000));
  const child = server as ChildProcess | null;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (pg) await pg.stop();
  else if (process.argv.includes("--keep")) console.log(`kept database ${dbName} on ${serverUrl}`);
  else {
    const pgmod = (await import("pg")).default;
    const c = new pgmod.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists "${dbName}"`);
    await c.end();
  }
}
