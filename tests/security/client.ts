import http from "node:http";

// A small HTTP client over node:http rather than fetch: the probe must set headers fetch forbids (Host),
// choose the loopback source address (127.0.0.x) so each check gets its own client IP for the server's
// rate limits, send bodies without a Content-Type, and stop reading huge responses.

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  text(): string;
  json(): unknown;
  /** The Location header resolved the way a browser would (tabs and newlines dropped, `\` read as `/`). */
  location(): URL | null;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  jar?: CookieJar;
  /** Source address on the loopback network, e.g. "127.0.0.7": the server's rate limits key on it. */
  ip?: string;
  timeoutMs?: number;
}

/** Cookies by name, as a browser keeps them for one origin (attributes ignored: the probe talks to one host). */
export class CookieJar {
  private cookies = new Map<string, string>();
  absorb(setCookie: string[] | undefined) {
    for (const c of setCookie ?? []) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      if (i < 0) continue;
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/max-age=0/i.test(c) || /expires=thu, 01 jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  names() {
    return [...this.cookies.keys()];
  }
  /** A copy, so an attacker's jar can be built from parts of two sessions. */
  clone() {
    const copy = new CookieJar();
    for (const [k, v] of this.cookies) copy.set(k, v);
    return copy;
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const MAX_BODY = 8 * 1024 * 1024;

export class Client {
  readonly origin: URL;
  /** Every request the probe sent (the table's "tried" figures are counted by the checks themselves). */
  sent = 0;
  constructor(origin: string) {
    this.origin = new URL(origin);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(this.origin.hostname)) {
      // The probe sends crafted and heavy traffic: never anywhere but this machine.
      throw new Error(`refusing to probe ${origin}: only loopback origins (127.0.0.1, localhost) are allowed`);
    }
  }

  request(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.jar && !Object.keys(headers).some((h) => h.toLowerCase() === "cookie")) {
      const cookie = opts.jar.header();
      if (cookie) headers.Cookie = cookie;
    }
    if (opts.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
      headers["Content-Length"] = String(Buffer.byteLength(opts.body));
    }
    const started = Date.now();
    this.sent++;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.origin.hostname === "localhost" ? "127.0.0.1" : this.origin.hostname.replace(/^\[|\]$/g, ""),
          port: this.origin.port || 80,
          path: url.pathname + url.search,
          method: opts.method ?? "GET",
          headers: { Host: this.origin.host, ...headers },
          localAddress: opts.ip,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= MAX_BODY) chunks.push(c);
          });
          res.on("end", () => {
            opts.jar?.absorb(res.headers["set-cookie"]);
            const body = Buffer.concat(chunks);
            resolve(makeResponse(res.statusCode ?? 0, res.headers, body, Date.now() - started, url));
          });
          res.on("error", reject);
        },
      );
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 30_000} ms: ${opts.method ?? "GET"} ${path}`)));
      req.on("error", reject);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  /** A request whose failure to connect or time-out counts as status 0 instead of aborting the check. */
  async tryRequest(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    try {
      return await this.request(path, opts);
    } catch (e) {
      return makeResponse(0, {}, Buffer.from(e instanceof Error ? e.message : String(e)), 0, new URL(path, this.origin));
    }
  }
}

function makeResponse(status: number, headers: http.IncomingHttpHeaders, body: Buffer, ms: number, url: URL): HttpResponse {
  return {
    status,
    headers,
    body,
    ms,
    text: () => body.toString("utf8"),
    json: () => {
      try {
        return JSON.parse(body.toString("utf8")) as unknown;
      } catch {
        return null;
      }
    },
    location: () => {
      const raw = headers.location;
      if (!raw) return null;
      try {
        return new URL(raw, url);
      } catch {
        return null;
      }
    },
  };
}

/** The CSRF token a page renders into its forms (hidden field `csrf`). */
export function csrfFrom(html: string): string {
  return /name="csrf"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? /value="([^"]*)"[^>]*name="csrf"/.exec(html)?.[1] ?? "";
}

/** Fetches `page` (for the CSRF cookie and token, fresh after log-in should the app rotate it) and posts a form. */
export async function postForm(
  client: Client,
  path: string,
  fields: Record<string, string>,
  opts: { jar: CookieJar; ip?: string; page?: string; headers?: Record<string, string> },
): Promise<HttpResponse> {
  const page = await client.request(opts.page ?? path, { jar: opts.jar, ip: opts.ip });
  const body = new URLSearchParams({ csrf: csrfFrom(page.text()), ...fields }).toString();
  return client.tryRequest(path, {
    method: "POST",
    jar: opts.jar,
    ip: opts.ip,
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...opts.headers },
  });
}

/** Logs in through the page form; the jar then holds the session. Returns the response of the POST. */
export async function logIn(client: Client, email: string, password: string, opts: { jar: CookieJar; ip?: string; redirectTo?: string }) {
  return postForm(
    client,
    "/login",
    { email, password, ...(opts.redirectTo !== undefined ? { redirectTo: opts.redirectTo } : {}) },
    { ...opts, page: "/login" },
  );
}

/** Logged in = the log-in POST redirected (Remix answers a failed log-in with the form and 400/429). */
export function loggedIn(res: HttpResponse): boolean {
  return res.status >= 300 && res.status < 400;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(runners);
  return results;
}

export function bearer(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
