import http from "node:http";

// The load client: HTTP/1.1 keep-alive connections spread round-robin over the app processes' ports (what a
// reverse proxy in front of N processes does), every answer recorded with its latency and status.

export interface Answer {
  status: number;
  /** 0 when the connection failed (refused, reset) before any answer. */
  ms: number;
  contentType: string;
  body: string;
  port: number;
  headers: Headers;
  /** "POST /api/v1/…", for the samples a report shows. */
  what: string;
}

export class Recorder {
  latencies: number[] = [];
  statuses = new Map<number, number>();
  /** Connection failures (no HTTP answer at all), e.g. while a process is being killed. */
  networkErrors = 0;
  started = Date.now();
  finished = 0;

  add(a: Answer) {
    if (a.status === 0) this.networkErrors++;
    else this.latencies.push(a.ms);
    this.statuses.set(a.status, (this.statuses.get(a.status) ?? 0) + 1);
  }
  get requests() {
    return [...this.statuses.values()].reduce((s, n) => s + n, 0);
  }
  get serverErrors() {
    return [...this.statuses.entries()].filter(([s]) => s >= 500).reduce((s, [, n]) => s + n, 0);
  }
  countOf(pred: (status: number) => boolean) {
    return [...this.statuses.entries()].filter(([s]) => pred(s)).reduce((s, [, n]) => s + n, 0);
  }
  stop() {
    this.finished = Date.now();
  }
  get seconds() {
    return ((this.finished || Date.now()) - this.started) / 1000;
  }
  percentile(p: number): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
  summary() {
    return Object.fromEntries([...this.statuses.entries()].sort(([a], [b]) => a - b));
  }
}

export class Client {
  private next = 0;
  private readonly agent: http.Agent;
  constructor(
    private readonly bases: () => string[],
    connections = 50,
  ) {
    // Idle connections are closed after 4 s, before the server's keep-alive timeout (Node's 5 s) closes them: a
    // request sent on a connection the server is closing at that moment is reset (what a reverse proxy avoids the
    // same way, by an idle timeout shorter than the upstream's).
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: 4000 });
  }

  /** The next base URL in turn (round robin), or a given process's. */
  base(index?: number): string {
    const all = this.bases();
    return index === undefined ? all[this.next++ % all.length] : all[index % all.length];
  }

  async request(
    path: string,
    options: {
      method?: string;
      token?: string;
      json?: unknown;
      body?: string | Uint8Array;
      contentType?: string;
      base?: string;
      lang?: string;
      accept?: string;
      fresh?: boolean;
    } = {},
  ): Promise<Answer> {
    const base = options.base ?? this.base();
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.lang) headers["Accept-Language"] = options.lang;
    if (options.accept) headers.Accept = options.accept;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["Content-Type"] = "application/json";
    }
    if (options.contentType !== undefined) headers["Content-Type"] = options.contentType;
    const t0 = performance.now();
    const url = new URL(base + path);
    const port = Number(url.port);
    const what = `${options.method ?? "GET"} ${url.pathname}`;
    // A fresh connection per request where the server may refuse before reading the body: it then closes the
    // connection a second later (scripts/serve.ts), which a reused keep-alive socket would see as a reset.
    if (options.fresh) headers.Connection = "close";
    // Node's client sends a DELETE body without a length (no chunking for DELETE): always say how long it is.
    if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
    return new Promise<Answer>((resolve) => {
      const fail = () => resolve({ status: 0, ms: performance.now() - t0, contentType: "", body: "", port, headers: new Headers(), what });
      const req = http.request(url, { method: options.method ?? "GET", headers, agent: options.fresh ? false : this.agent, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            contentType: res.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
            port,
            headers: h,
            what,
          });
        });
      });
      req.on("timeout", () => req.destroy());
      req.on("error", fail);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Runs `workers` loops of `step` until `until()` is true; each loop awaits its step (one request in flight each). */
export async function runWorkers(workers: number, until: () => boolean, step: (worker: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (!until()) await step(w);
    }),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
