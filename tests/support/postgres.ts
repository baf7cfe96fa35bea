import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../search/server";

// A throwaway PostgreSQL cluster from the system's binaries (Debian: /usr/lib/postgresql/N/bin),
// for tests when DATABASE_URL is not given. Fast settings (fsync off): the data is disposable.

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export function findPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  throw new Error(
    "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql@16`) or set DATABASE_URL to a PostgreSQL you can create databases on.",
  );
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "kurabe-pg-"));
  const data = path.join(dir, "data");
  const sock = path.join(dir, "sock");
  mkdirSync(sock);
  const port = await freePort();
  // initdb refuses to run as root: run the cluster as the `postgres` system user then.
  const asRoot = process.getuid?.() === 0;
  const runAs = (cmd: string, args: string[]) => {
    if (!asRoot) return execFileSync(cmd, args, { stdio: "pipe" });
    return execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" });
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(sock, uid, gid);
  }
  runAs(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  runAs(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-w",
    "-l",
    path.join(dir, "log"),
    "-o",
    `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        runAs(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Creates a fresh database on the server and returns its URL; with `template`, a copy of that database
 * (PostgreSQL's CREATE DATABASE … TEMPLATE), which is how test files start from the run's seeded demo data.
 */
export async function createDatabaseOn(serverUrl: string, name: string, template?: string): Promise<string> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}"`);
    await client.query(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
