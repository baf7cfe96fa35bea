import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { freePort, startBundledMeilisearch } from "../../search/server";
import { createDatabaseOn } from "../support/postgres";

// The real server (scripts/serve.ts, production mode) on a free port: what only the socket shows —
// a body far over the limit is not read to its end and memory does not grow, every response (API
// included) carries the security headers, a forged Host never reaches an e-mailed link — and the
// bundled Meilisearch keeps its key out of the process list and its data private.

let server: ChildProcess;
let port: number;
let dataDir: string;
const APP_URL = "https://kurabe.example";
const vendor = DEMO_ACCOUNTS.find((a) => a.email === "info@payroll-partners.example")!;

beforeAll(async () => {
  const name = `kurabe_edge_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabaseOn(inject("databaseUrl"), name);
  port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-edge-server-"));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL,
      DATABASE_URL: databaseUrl,
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliKey"),
      MEILI_INDEX_PREFIX: `${name}_`,
      DATA_DIR: dataDir,
      SESSION_SECRET: "edge-server-secret-edge-server-secret-0",
    },
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status < 600) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);

/** Streams up to `total` bytes as a chunked POST; resolves with the status (or the socket error) and the bytes the socket took. */
function streamPost(
  pathname: string,
  headers: Record<string, string>,
  total: number,
  chunk: Buffer,
  prefix = "",
): Promise<{ status: number | null; sent: number; cut: boolean }> {
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let done = false;
    const finish = (cut: boolean) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sent, cut });
    };
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: pathname, headers: { ...headers, "Transfer-Encoding": "chunked" } }, (res) => {
      status = res.statusCode ?? null;
      res.resume();
      // The answer came while the body was still being sent: the server did not wait for the rest.
      res.on("end", () => finish(sent < total));
    });
    req.on("error", () => finish(true));
    req.on("close", () => setTimeout(() => finish(sent < total), 200));
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent >= total) req.end();
    };
    if (prefix) req.write(prefix);
    pump();
  });
}

describe("the real server", () => {
  it("cuts a 200 MB chunked JSON body at the limit: 413, the socket closed, memory flat", async () => {
    const before = rssKb();
    const chunk = Buffer.from(`"${"x".repeat(64 * 1024)}",`);
    const result = await streamPost(
      "/api/v1/rfqs",
      { Authorization: `Bearer ${vendor.token}`, "Content-Type": "application/json" },
      200 * 1024 * 1024,
      chunk,
      "[",
    );
    expect(result.status).toBe(413);
    expect(result.cut).toBe(true);
    expect(result.sent).toBeLessThan(100 * 1024 * 1024);
    expect(rssKb() - before).toBeLessThan(100 * 1024);
  }, 60_000);

  it("refuses a 100 MB form to /login before reading it (no CSRF cookie) and cuts the socket", async () => {
    const chunk = Buffer.from(`a=${"x".repeat(64 * 1024)}&`);
    const result = await streamPost("/login", { "Content-Type": "application/x-www-form-urlencoded" }, 100 * 1024 * 1024, chunk);
    expect(result.status).toBe(403);
    expect(result.cut).toBe(true);
  }, 60_000);

  it("puts the security headers on API answers too, HSTS included in production", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toContain("application/problem+json");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    const page = await fetch(`http://127.0.0.1:${port}/login`);
    expect(page.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    // One policy only: the document's, not merged with the API default (fetch joins repeated headers with ", ").
    expect(page.headers.get("Content-Security-Policy")).not.toContain("default-src 'none'");
  });

  it("answers a POST to an API route without an action as problem+json", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`, { method: "POST", headers: { Authorization: `Bearer ${vendor.token}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get("Content-Type")).toContain("application/problem+json");
  });

  it("a forged Host header never reaches the invitation link: it starts with APP_URL", async () => {
    const jar = new Map<string, string>();
    const call = async (pathname: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string>), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      return res;
    };
    const token = async () =>
      /name="csrf" value="([^"]+)"/.exec(await (await call("/login")).text())?.[1] ?? /name="csrf" value="([^"]+)"/.exec(await (await call("/")).text())![1];
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "evil.example" },
      body: new URLSearchParams(fields),
    });
    const login = await call("/login", form({ csrf: await token(), email: "buyer@midori-city.example", password: DEMO_PASSWORD }));
    expect(login.status).toBe(302);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await call("/")).text())![1];
    const res = await call("/settings/members?_data=routes%2Fsettings%2B%2Fmembers", form({ csrf, email: "forged-host@midori-city.example", role: "member" }));
    expect(res.status).toBe(200);
    const { link } = (await res.json()) as { link: string };
    expect(link.startsWith(`${APP_URL}/invitations/`)).toBe(true);
  });
});

describe("bundled Meilisearch", () => {
  it("gets its master key by environment (not in the process list) and keeps its data folder 0700", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kurabe-meili-"));
    const meili = await startBundledMeilisearch({ dataDir: path.join(dir, "meilisearch") });
    try {
      const cmdline = readFileSync(`/proc/${meili.process.pid}/cmdline`, "utf8");
      expect(cmdline).not.toContain(meili.masterKey);
      expect(cmdline).not.toContain("master-key");
      expect(statSync(path.join(dir, "meilisearch")).mode & 0o777).toBe(0o700);
      // The key still protects it.
      expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
      expect((await fetch(`${meili.url}/indexes`, { headers: { Authorization: `Bearer ${meili.masterKey}` } })).status).toBe(200);
    } finally {
      await meili.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
