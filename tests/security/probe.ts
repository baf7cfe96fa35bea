import { parseArgs } from "node:util";
import { Client } from "./client";
import { runFindings } from "./findings";
import { openSessions, readsMatrix } from "./reads";
import { printTable, type CheckResult } from "./report";
import { searchScope } from "./search";
import { startStack } from "./stack";
import { connect, loadTruth } from "./truth";
import { fuzzWrites, writesMatrix } from "./writes";

// `npm run probe:security [-- --quick] [-- --url http://localhost:3000 --database-url postgres://… [--pid N] [--data-dir D]]`
//
// Re-measures the security review of issue 12 from outside: reads and writes across every demo role,
// search scope, fuzzed API writes, and one check per finding. It starts its own throwaway stack unless
// --url is given, sends traffic only to loopback addresses, and prints one table. It is a measurement,
// not a gate: it exits 0 whatever it finds, and 1 only when it could not run.

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    url: { type: "string" },
    "database-url": { type: "string" },
    pid: { type: "string" },
    "data-dir": { type: "string" },
    only: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});

const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);

async function main() {
  const stack = await startStack({
    url: args.url,
    databaseUrl: args["database-url"],
    pid: args.pid ? Number(args.pid) : undefined,
    dataDir: args["data-dir"],
    log,
  });
  const db = connect(stack.databaseUrl);
  const rows: CheckResult[] = [];
  const quick = args.quick ?? false;
  // --only reads,search… runs a subset (while working on one area).
  const only = new Set((args.only ?? "reads,search,writes,findings,fuzz").split(","));
  try {
    const client = new Client(stack.origin);
    const truth = await loadTruth(db);
    log(
      `ground truth: ${truth.rfqs.length} RFQs, ${truth.quotes.length} quotes, ${truth.certifications.length} certificates, ${truth.vendorOrgIds.length} vendors, ${truth.roles.length} roles`,
    );
    const sessions = await openSessions(client, truth.roles);
    // Order matters: reads and search first, on the seeded state; then refused writes (which must change
    // nothing); then the findings, some of which change state (an addendum, an invitation); fuzzing last.
    if (only.has("reads")) {
      log("reads matrix…");
      rows.push(...(await readsMatrix(client, truth, sessions, { quick })));
    }
    if (only.has("search")) {
      log("search scope…");
      rows.push(...(await searchScope(client, truth, { quick })));
    }
    if (only.has("writes")) {
      log("writes matrix (refused writes, with partial-write fingerprints)…");
      rows.push(...(await writesMatrix(client, db, truth, { quick })));
    }
    if (only.has("findings")) {
      log("specific findings…");
      rows.push(...(await runFindings({ client, db, truth, sessions, stack, quick, log })));
    }
    if (only.has("fuzz")) {
      log("fuzzed API writes…");
      rows.push(...(await fuzzWrites(client, db, truth, { quick })));
    }
  } finally {
    await db.end();
    await stack.stop();
  }
  printTable(rows, (Date.now() - started) / 1000, args.verbose);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`probe could not run: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    process.exit(1);
  },
);
