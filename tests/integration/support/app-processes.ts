import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";

// Real app processes for the scale-out tests (decision 0055): scripts/serve.ts or scripts/serve-cluster.ts spawned
// as their own process group (so afterAll can stop a primary with its workers and its Meilisearch in one signal),
// their output kept for assertions and failure messages, and plain HTTP requests that each open a new connection
// (a cluster hands every new connection to the next worker in turn; a kept-alive one would stay on one worker).

export interface AppProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when `pattern` appears in the output (or rejects when the process exits or time runs out). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the leader exited. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnApp(script: string, args: string[], env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"], env, detached: true });
  let text = "";
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const w of waiters) w();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) {
            done();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern} in:\n${text}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`the process exited before ${pattern} appeared:\n${text}`));
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off("exit", onExit);
        };
        waiters.add(check);
        child.once("exit", onExit);
        check();
      });
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) {
        signalGroup("SIGKILL"); // anything the leader left behind
        return;
      }
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup("SIGKILL");
    },
  };
}

/** Polls /healthz until it answers 200. */
export async function waitHealthy(port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await request(port, "GET", "/healthz")).status === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`port ${port} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface PlainResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (agent: false), with the given Cookie header and form fields. */
export function request(
  port: number,
  method: string,
  path: string,
  o: { cookie?: string; form?: Record<string, string>; lang?: string; headers?: Record<string, string> } = {},
): Promise<PlainResponse> {
  const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(o.cookie ? { Cookie: o.cookie } : {}),
          ...(body !== undefined ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
          "Accept-Language": o.lang ?? "ja",
          ...o.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A cookie jar over plain responses: name=value pairs, dropping cookies set to expire. */
export class Jar {
  private cookies = new Map<string, string>();
  absorb(res: PlainResponse): this {
    for (const c of res.headers["set-cookie"] ?? []) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF field on the page:\n${html.slice(0, 500)}`);
  return token;
}
