import { Recorder, runWorkers, sleep, type Client } from "./client";
import { dueOutboxRows, missingAcks, partialQuoteRecords, type openPool } from "./checks";
import { rowFrom, type Row } from "./report";
import type { Stack } from "./stack";
import { Acks, pick, reviseQuote, type Targets } from "./workload";

type Pool = ReturnType<typeof openPool>;

/** Polls until `done()` or the timeout; the seconds it took, or null when it never was. */
async function secondsUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const t0 = Date.now();
  for (;;) {
    if (await done()) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > timeoutMs) return null;
    await sleep(250);
  }
}

// Scenario 2: a stream of quote revisions over both processes while one of them is SIGKILLed every few seconds and
// restarted (as a supervisor would), `kills` times. Requests to the killed process fail at the socket (a proxy
// would retry them elsewhere); what must hold: no 5xx from anyone, the other process keeps answering during every
// kill window, no acknowledged revision is missing, no quote version lacks its audit or outbox row (or the
// reverse), and the job runner drains the outbox afterwards (leases of the killed process expire and are retaken).
export async function appKillScenario(
  client: Client,
  pool: Pool,
  stack: Stack,
  targets: Targets,
  options: { kills: number; connections: number },
): Promise<Row> {
  const rec = new Recorder();
  const acks = new Acks();
  let stop = false;
  const survivorOk: number[] = [];
  let window: { survivorPort: number; ok: number } | null = null;
  const load = runWorkers(
    options.connections,
    () => stop,
    async () => {
      const a = await reviseQuote(client, pick(targets.quotes), acks);
      rec.add(a);
      if (window && a.port === window.survivorPort && a.status >= 200 && a.status < 300) window.ok++;
      if (a.status === 0) await sleep(20);
    },
  );
  for (let k = 0; k < options.kills; k++) {
    await sleep(2000);
    const victim = stack.apps[k % stack.apps.length];
    const survivor = stack.apps[(k + 1) % stack.apps.length];
    window = { survivorPort: survivor.port, ok: 0 };
    await victim.kill();
    stack.log(`kill ${k + 1}/${options.kills}: SIGKILLed app${victim.index}; restarting it`);
    await victim.start();
    survivorOk.push(window.ok);
    window = null;
  }
  await sleep(1000);
  stop = true;
  await load;
  rec.stop();

  const lost = await missingAcks(pool, acks);
  const partial = await partialQuoteRecords(pool);
  const partialTotal = partial.versionsWithoutAudit + partial.auditWithoutVersion + partial.withoutOutbox;
  const drained = await secondsUntil(async () => (await dueOutboxRows(pool)) === 0, 60_000);
  const pass = rec.serverErrors === 0 && lost === 0 && partialTotal === 0 && drained !== null && survivorOk.every((n) => n > 0) && acks.total > 0;
  return rowFrom("2 app killed", rec, {
    lostWrites: lost,
    partialRecords: partialTotal,
    convergence: drained,
    pass,
    notes: [
      `${options.kills} SIGKILLs; statuses ${JSON.stringify(rec.summary())} (0 = refused by the killed process)`,
      `the surviving process's successes in each kill window: ${survivorOk.join(", ")}`,
      `acknowledged revisions ${acks.quoteVersions.length}, missing ${lost}; partial records ${JSON.stringify(partial)}`,
      drained === null ? "outbox NOT drained within 60 s" : `outbox drained to 0 due rows ${drained.toFixed(1)} s after the last restart`,
    ],
  });
}

interface MeiliDoc {
  id: string;
  number: string;
}

/** The vendor-side 取引書類 documents of quotes in Meilisearch, by quote id → version in their number. */
async function indexedQuoteVersions(stack: Stack): Promise<Map<string, number>> {
  const res = await fetch(`${stack.meiliUrl}/indexes/transaction_records/documents?limit=100000&fields=id,number`, {
    headers: { Authorization: `Bearer ${stack.meiliKey}` },
  });
  if (!res.ok) throw new Error(`Meilisearch documents: ${res.status}`);
  const { results } = (await res.json()) as { results: MeiliDoc[] };
  const out = new Map<string, number>();
  for (const d of results) {
    const m = /^quote-([0-9a-f-]{36})-vendor$/.exec(d.id);
    const v = /-v(\d+)$/.exec(d.number);
    if (m && v) out.set(m[1], Number(v[1]));
  }
  return out;
}

/** Quote ids (and current versions) that should have a vendor-side document: the offers. */
async function expectedQuoteVersions(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ id: string; v: number }>(
    `select id, current_version as v from quotes where status in ('submitted', 'shortlisted', 'awarded', 'not_selected')`,
  );
  return new Map(rows.map((r) => [r.id, r.v]));
}

function differences(expected: Map<string, number>, indexed: Map<string, number>): number {
  let diff = 0;
  for (const [id, v] of expected) if (indexed.get(id) !== v) diff++;
  for (const id of indexed.keys()) if (!expected.has(id)) diff++;
  return diff;
}

// Scenario 4: `submissions` quote revisions while Meilisearch is SIGKILLed (after a fifth of them) and started
// again on its data (after about half): every submission must succeed (search is a projection, never in the
// write's way), and the index must converge document by document — every offer's vendor-side 取引書類 document
// present with the current version, none extra — within 10 s of Meilisearch's return.
export async function meiliKillScenario(
  client: Client,
  pool: Pool,
  stack: Stack,
  targets: Targets,
  options: { submissions: number; connections: number },
): Promise<Row> {
  const rec = new Recorder();
  const acks = new Acks();
  let sent = 0;
  let failed = 0;
  const failures: string[] = [];
  let backAt = 0;
  const load = runWorkers(
    options.connections,
    () => sent >= options.submissions,
    async () => {
      sent++;
      const a = await reviseQuote(client, pick(targets.quotes), acks);
      rec.add(a);
      if (a.status < 200 || a.status >= 300) {
        failed++;
        if (failures.length < 5) failures.push(`${a.what} → ${a.status} ${a.body.slice(0, 160)}`);
      }
    },
  );
  // Caught up: every quote the database had when Meilisearch came back is indexed at (at least) that version, and no
  // quote is indexed that should not be. Measured from its return while the submissions go on.
  let caughtUp: number | null = null;
  let lastBacklog = -1;
  const faults = (async () => {
    while (sent < options.submissions * 0.2) await sleep(20);
    await stack.meiliKill();
    stack.log(`Meilisearch SIGKILLed after ${sent} submissions`);
    while (sent < options.submissions * 0.5) await sleep(20);
    await stack.meiliStart();
    backAt = Date.now();
    stack.log(`Meilisearch started again after ${sent} submissions`);
    const atReturn = await expectedQuoteVersions(pool);
    caughtUp = await secondsUntil(async () => {
      const indexed = await indexedQuoteVersions(stack);
      const current = await expectedQuoteVersions(pool);
      lastBacklog = [...atReturn].filter(([id, v]) => (indexed.get(id) ?? 0) < v).length + [...indexed.keys()].filter((id) => !current.has(id)).length;
      return lastBacklog === 0;
    }, 60_000);
    if (caughtUp !== null) caughtUp = (Date.now() - backAt) / 1000;
  })();
  await load;
  const loadEnded = Date.now();
  await faults;
  rec.stop();
  // Then, with no more writes, the index equals the database document by document: measured from the last
  // submission (or from Meilisearch's return, whichever is later).
  let lastDiff = -1;
  const settled = await secondsUntil(async () => {
    lastDiff = differences(await expectedQuoteVersions(pool), await indexedQuoteVersions(stack));
    return lastDiff === 0;
  }, 60_000);
  const finalLag = settled === null ? null : (Date.now() - Math.max(loadEnded, backAt)) / 1000;
  const convergence = caughtUp === null || finalLag === null ? null : Math.max(caughtUp, finalLag);
  const lost = await missingAcks(pool, acks);
  const pass = failed === 0 && lost === 0 && convergence !== null && convergence <= 10 && backAt > 0;
  return rowFrom("4 Meilisearch killed", rec, {
    lostWrites: lost,
    convergence,
    pass,
    notes: [
      `${options.submissions} submissions, failed ${failed}; statuses ${JSON.stringify(rec.summary())}`,
      caughtUp === null
        ? `the backlog of Meilisearch's absence NOT indexed within 60 s of its return (${lastBacklog} documents behind)`
        : `every quote as it was at Meilisearch's return indexed ${Number(caughtUp).toFixed(1)} s after the return, while submissions went on`,
      finalLag === null
        ? `index NOT equal to the database within 60 s of the last submission (${lastDiff} documents differ)`
        : `index equal to the database, document by document (every offer's vendor document at its current version, none extra), ${finalLag.toFixed(1)} s after the last submission`,
      ...failures,
    ],
  });
}
