// Installs the project's npm dependencies when they are missing, so that `npm start` and `npm test` both work on a
// fresh clone with nothing run before them. Plain JavaScript: it runs before node_modules (and tsx) exist.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function ensureDependencies() {
  if (existsSync("node_modules/.package-lock.json") && existsSync("node_modules/@remix-run/dev") && existsSync("node_modules/tsx")) return;
  console.log("Installing dependencies (npm ci)…");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
