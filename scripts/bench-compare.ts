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

// `npm run bench:compare` (after `npx remix build`): serves the comparison of an RFQ with 30 quotes ×
// 15 criteria from the built server under 20 connections, next to /healthz in the same run, and
// prints requests/s and p99 for both. Everything it starts (database, server, Meilisearch) it removes.

// autocannon ships no types; this is the slice of its API used here.
interface BenchResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (o: { url: string; connections: number; duration?: number; amount?: number; headers: Record<string, string> }) => Promise<BenchResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const QUOTES = 30;
const KPI_CRITERIA = 14; // + TCO = 15 criteria
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
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

async function seed(url: string) {
  const db = await createDatabase({ url, poolSize: 4 });
  await migrateToLatest(db);
  // The RFQ is published 20 days ago with a deadline 10 days ago, so the real clock of the server sees it opened.
  const start = new Date(Date.now() - 20 * DAY);
  await seedDemoData(db, start);
  const f = serviceContext(db, start);
  const vendors = [];
  for (let i = 0; i < QUOTES; i++) {
    const org = await createVendor(db, {
      name: `ベンチ業者${String(i + 1).padStart(2, "0")}株式会社`,
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
  const input = completeRfqInput({
    title: "ベンチマーク用 見積比較（30社×15項目）",
    quoteDeadline: new Date(start.getTime() + 10 * DAY).toISOString(),
    invitedVendorIds: vendors.map((v) => v.org.id),
    criteria: [...base.criteria!.filter((c) => c.key === "tco"), ...(kpiCriteria() as typeof base.criteria & object)],
  });
  const rfqId = await createPublishedRfq(f, buyer, input);
  f.clock.set(new Date(start.getTime() + DAY));
  for (const [i, vendor] of vendors.entries()) {
    const kpiCommitments = Object.fromEntries(kpiCriteria().map((c, k) => [c.key, Number((0.9 + (((i * 7 + k * 3) % 10) + 0.5) / 100).toFixed(4))]));
    const quote = {
      unitPrices: { INIT: 200_000 + i * 5_000, OPS: 400_000 + ((i * 13) % 30) * 4_000, DOC: 300 + i },
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
  await db.destroy();
  return rfqId;
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
  const rfqId = await seed(url);
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
  const check = await fetch(`${origin}/api/v1/rfqs/${rfqId}/comparison`, { headers: auth });
  const text = await check.text();
  const body = JSON.parse(text) as { ranking?: unknown[]; criteria?: unknown[] };
  if (check.status !== 200 || body.ranking?.length !== QUOTES)
    throw new Error(`comparison answered ${check.status} with ${body.ranking?.length} ranked quotes`);
  console.log(
    `RFQ ${rfqId}: ${body.ranking.length} quotes × ${body.criteria?.length} criteria, ${(Buffer.byteLength(text) / 1024).toFixed(0)} kB of JSON; ${DURATION_S} s each, 20 connections`,
  );
  // Warm-up so JIT and pools are not measured.
  await autocannon({ url: `${origin}/api/v1/rfqs/${rfqId}/comparison`, connections: 20, amount: 200, headers: auth });
  const trivial = await run(`${origin}/healthz`, {});
  const comparison = await run(`${origin}/api/v1/rfqs/${rfqId}/comparison`, auth);
  const line = (name: string, r: BenchResult) =>
    `${name.padEnd(12)} ${r.requests.average.toFixed(1).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(line("/healthz", trivial));
  console.log(line("comparison", comparison));
  const ratio = comparison.requests.average / trivial.requests.average;
  console.log(`ratio ${(ratio * 100).toFixed(1)}% of trivial (goal ≥ 25%); comparison p99 ${comparison.latency.p99} ms (goal < 200 ms)`);
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
  else {
    const pgmod = (await import("pg")).default;
    const c = new pgmod.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists "${dbName}"`);
    await c.end();
  }
}
