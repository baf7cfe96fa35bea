import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { Client } from "./reliability/client";
import { openPool } from "./reliability/checks";
import { renderTable, type Row } from "./reliability/report";
import { loadScenario } from "./reliability/scenario-load";
import { postgresScenario } from "./reliability/scenario-postgres";
import { appKillScenario, meiliKillScenario } from "./reliability/scenario-faults";
import { fuzzScenario } from "./reliability/scenario-fuzz";
import { startStack } from "./reliability/stack";
import { discoverTargets } from "./reliability/workload";

// `npm run reliability`: real PostgreSQL, real Meilisearch and two app processes, put through load and faults
// (issue 20 item 5, decision 0056). Prints one table; exits non-zero when any check fails. Defaults are the
// issue's figures; the flags shorten a run while developing, e.g.
//   npm run reliability -- --load-seconds 10 --kills 3 --submissions 200 --fuzz 100
// `--only load,fuzz` runs some scenarios.

const { values } = parseArgs({
  options: {
    "load-seconds": { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    kills: { type: "string", default: "10" },
    submissions: { type: "string", default: "1000" },
    fuzz: { type: "string", default: "1000" },
    processes: { type: "string", default: "2" },
    only: { type: "string" },
  },
});
const num = (k: keyof typeof values) => Number(values[k]);
const only = values.only ? new Set(values.only.split(",")) : null;
const wanted = (name: string) => !only || only.has(name);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

if (!existsSync("build/index.js")) {
  log("build/ is missing: npm run build");
  const r = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const stack = await startStack({ processes: num("processes"), log });
const rows: Row[] = [];
let failed = false;
const pool = openPool(stack.databaseUrl);
const client = new Client(() => stack.apps.map((a) => a.url), num("connections") + 10);
try {
  const targets = await discoverTargets(client);
  log(`targets: ${targets.quotes.length} quotes to revise, ${targets.comparisons.length} opened comparisons`);
  if (wanted("load")) {
    log("scenario 1: load");
    rows.push(await loadScenario(client, pool, targets, { seconds: num("load-seconds"), connections: num("connections") }));
  }
  if (wanted("kill")) {
    log("scenario 2: app processes killed");
    rows.push(await appKillScenario(client, pool, stack, targets, { kills: num("kills"), connections: 10 }));
  }
  if (wanted("postgres")) {
    log("scenario 3: PostgreSQL restarted mid-load");
    rows.push(await postgresScenario(client, pool, stack, targets, { connections: 10 }));
  }
  if (wanted("meili")) {
    log("scenario 4: Meilisearch killed during submissions");
    rows.push(await meiliKillScenario(client, pool, stack, targets, { submissions: num("submissions"), connections: 10 }));
  }
  if (wanted("fuzz")) {
    log("scenario 5: fuzz every write operation of the API");
    rows.push(await fuzzScenario(client, pool, { perOperation: num("fuzz"), concurrency: 8, log }));
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  client.close();
  await pool.end();
  await stack.stop();
}
console.log(`\n${renderTable(rows)}`);
if (failed || rows.length === 0 || rows.some((r) => !r.pass)) {
  console.log("\nreliability: FAILED");
  process.exit(1);
}
console.log("\nreliability: all checks passed");
process.exit(0);
