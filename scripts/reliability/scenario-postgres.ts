import { Recorder, runWorkers, sleep, type Answer, type Client } from "./client";
import { missingAcks, type openPool } from "./checks";
import { rowFrom, type Row } from "./report";
import type { Stack } from "./stack";
import { Acks, pick, reviseQuote, type Targets } from "./workload";

// Scenario 3: PostgreSQL stopped (`pg_ctl stop -m fast`) in the middle of a load, started again ~3 s later,
// the app processes left running. While it is down every failure must be clean — 503, problem+json for the API,
// a plain page for HTML, no stack trace — and each process must answer 2xx again within seconds of its return
// without a restart. Acknowledged writes are all there afterwards.

/** What a stack trace or an internal error looks like in a body. */
const LEAKS = /(\n\s+at [^\n]+:\d+:\d+)|node_modules|ECONNREFUSED|Connection terminated|\bError: /;

export async function postgresScenario(
  client: Client,
  pool: ReturnType<typeof openPool>,
  stack: Stack,
  targets: Targets,
  options: { connections: number },
): Promise<Row> {
  const rec = new Recorder();
  const acks = new Acks();
  const problems: string[] = [];
  const note = (s: string) => void (problems.length < 8 && problems.push(s));
  let phase: "before" | "down" | "after" = "before";
  let backAt = 0;
  const firstOkAfter = new Map<number, number>();
  let answered503 = { api: 0, html: 0 };
  let stop = false;

  const check = (a: Answer, kind: "api" | "html") => {
    rec.add(a);
    if (a.status === 0) return note(`${a.what}: no answer (connection failed) in phase ${phase}`);
    if (LEAKS.test(a.body)) note(`${a.what} → ${a.status}: body leaks internals: ${a.body.slice(0, 200)}`);
    if (a.status >= 500) {
      if (a.status !== 503) return note(`${a.what} → ${a.status} (not 503) in phase ${phase}`);
      if (!a.headers.get("retry-after")) note(`${a.what} → 503 without Retry-After`);
      if (kind === "api" && !a.contentType.startsWith("application/problem+json")) note(`${a.what} → 503 as ${a.contentType}, not problem+json`);
      if (kind === "html" && !a.contentType.startsWith("text/html")) note(`${a.what} → 503 as ${a.contentType}, not a page`);
      answered503 = { ...answered503, [kind]: answered503[kind] + 1 };
      if (phase === "before") note(`${a.what} → 503 before PostgreSQL was stopped`);
    } else if (a.status >= 200 && a.status < 300 && phase === "after" && !firstOkAfter.has(a.port)) {
      firstOkAfter.set(a.port, Date.now() - backAt);
    }
  };

  const load = runWorkers(
    options.connections,
    () => stop,
    async (w) => {
      const r = Math.random();
      if (r < 0.3) check(await reviseQuote(client, pick(targets.quotes), acks), "api");
      else if (r < 0.6) {
        const c = pick(targets.comparisons);
        check(await client.request(`/api/v1/rfqs/${c.rfqId}/comparison`, { token: c.token }), "api");
      } else if (r < 0.8) check(await client.request("/api/v1/rfqs?status=open", { token: pick(targets.buyers) }), "api");
      // The home page reads the database (platform figures) for anyone.
      else check(await client.request("/", { accept: "text/html", lang: w % 2 ? "en" : "ja" }), "html");
      // While PostgreSQL is down answers come back at once: do not spin.
      if (phase === "down") await sleep(50);
    },
  );
  await sleep(3000);
  stack.log("stopping PostgreSQL (pg_ctl stop -m fast)");
  // Down from the moment the stop begins: a fast shutdown ends the running sessions at once.
  phase = "down";
  await stack.pgStop();
  await sleep(3000);
  await stack.pgStart();
  phase = "after";
  backAt = Date.now();
  stack.log("PostgreSQL started again");
  const deadline = Date.now() + 30_000;
  while (firstOkAfter.size < stack.apps.length && Date.now() < deadline) await sleep(100);
  await sleep(3000);
  stop = true;
  await load;
  rec.stop();

  const lost = await missingAcks(pool, acks);
  const recovered = firstOkAfter.size === stack.apps.length;
  const recovery = recovered ? Math.max(...firstOkAfter.values()) / 1000 : null;
  const alive = stack.apps.every((a) => a.child && a.child.exitCode === null && a.child.signalCode === null);
  const pass = problems.length === 0 && lost === 0 && recovered && recovery !== null && recovery <= 10 && alive && answered503.api > 0;
  return rowFrom("3 PostgreSQL restarted", rec, {
    lostWrites: lost,
    convergence: recovery,
    // The 503s are the check passing; only other 5xx count as server errors here.
    serverErrors: rec.countOf((s) => s >= 500 && s !== 503),
    pass,
    notes: [
      `statuses ${JSON.stringify(rec.summary())}; 503 answers: API ${answered503.api} (problem+json, Retry-After), pages ${answered503.html}`,
      `first 2xx after PostgreSQL was back, per process: ${[...firstOkAfter.entries()].map(([p, ms]) => `:${p} ${(ms / 1000).toFixed(1)} s`).join(", ") || "none"}; processes alive ${alive}`,
      `acknowledged writes ${acks.total}, missing ${lost}`,
      ...problems,
    ],
  });
}
