#!/usr/bin/env node
// `npm start`: install dependencies when missing, build the app, then run the server
// (which starts the database, Meilisearch, migrations, first-run seed and the indexer).
// Plain JavaScript on purpose: it has to run before node_modules exists.
// It runs in production mode (no stack traces to users, Secure cookies, HSTS) and still needs no variable:
// the session secret is generated into DATA_DIR and APP_URL defaults to this machine's own address.
// `npm run dev` (`--dev`) runs the same server in development mode, with error details on the page.
import { spawn, spawnSync } from "node:child_process";
import { ensureDependencies } from "./lib/ensure-deps.mjs";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

ensureDependencies();
console.log("Building…");
run(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);

const dev = process.argv.includes("--dev");
const env = { ...process.env, NODE_ENV: dev ? "development" : "production" };
env.APP_URL ??= `http://localhost:${env.PORT ?? 3000}`;

// Spawn node directly (not through npm) so Ctrl-C reaches the server, which stops what it started.
const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
