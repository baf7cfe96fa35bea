#!/usr/bin/env node
// `npm test` (and `npm run test:unit|test:integration|test:e2e`): install dependencies when missing — like
// `npm start`, a fresh clone needs no other command first — then run scripts/test.ts, passing the arguments on.
import { spawn } from "node:child_process";
import { ensureDependencies } from "./lib/ensure-deps.mjs";

ensureDependencies();
const child = spawn(process.execPath, ["--import", "tsx", "scripts/test.ts", ...process.argv.slice(2)], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
