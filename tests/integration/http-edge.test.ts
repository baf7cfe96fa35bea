import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds, type DemoRfqIds } from "../../db/seed";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The HTTP edge through the built app on real PostgreSQL: redirects, body limits, CSRF binding, headers,
// the 4xx-not-500 crawl over every route file, invitation links, download names, notifications and the
// aggregated audit of refused reads.

let h: Harness;
let ids: DemoRfqIds;
let dataDir: string;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const midori = account("buyer@midori-city.example");
const sakura = account("buyer@sakura-foods.example");
const vendor = account("info@payroll-partners.example");
const aoi = account("hello@studio-aoi.example");

beforeAll(async () => {
  h = await createHarness({ demo: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-edge-"));
  h.ctx.env = { ...h.ctx.env, DATA_DIR: dataDir };
  ids = await findDemoRfqIds(h.db);
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(email: string, redirectTo?: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: DEMO_PASSWORD, ...(redirectTo === undefined ? {} : { redirectTo }) }, cookies);
  expect(res.status).toBe(302);
  return { cookies, location: res.headers.get("Location") };
}

async function csrfOf(cookies: Cookies) {
  const html = await (await h.request("/", { cookies })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)![1];
}

const stays = (location: string | null) => {
  expect(location).not.toBeNull();
  // Resolved against our page the way a browser resolves Location, it must stay on our origin.
  const cleaned = location!.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
  expect(new URL(cleaned, "https://kurabe.example/").origin).toBe("https://kurabe.example");
};

const BYPASSES = [
  "/\t/evil.example",
  "/\\evil.example",
  "//evil.example",
  "/.//evil.example",
  "/\r\n/evil.example",
  "https://evil.example",
  "/\u202e/evil.example",
  "/%09/evil.example",
];

describe("open redirect (item 5)", () => {
  it.each(BYPASSES)("log-in with redirectTo=%j stays on our origin and never answers 500", async (target) => {
    const { location } = await logIn(vendor.email, target);
    stays(location);
  });

  it.each(BYPASSES)("/set-language with redirectTo=%j stays on our origin", async (target) => {
    const res = await postForm(h, "/set-language", { lang: "en", redirectTo: target }, new Cookies());
    expect(res.status).toBe(302);
    stays(res.headers.get("Location"));
  });

  it.each(BYPASSES)("the invite-to-RFQ returnTo=%j stays on our origin", async (target) => {
    const { cookies } = await logIn(sakura.email);
    const vendorOrg = await h.db.selectFrom("organizations").select("id").where("name", "=", aoi.org).executeTakeFirstOrThrow();
    const res = await postForm(h, `/vendors/${vendorOrg.id}/invite`, { rfqId: ids.accountingDraft, returnTo: target }, cookies);
    expect(res.status).toBe(302);
    stays(res.headers.get("Location"));
    const page = await h.request(`/vendors/${vendorOrg.id}/invite?returnTo=${encodeURIComponent(target)}&_data=routes%2Fvendors%2B%2F$id_.invite`, { cookies });
    stays(((await page.json()) as { returnTo: string }).returnTo);
  });
});

describe("body limits (item 6)", () => {
  const big = (bytes: number) => "x".repeat(bytes);

  it("answers a 2 MB JSON body to the API with 413 problem+json", async () => {
    const res = await h.request(`/api/v1/rfqs/${ids.benefits}/questions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${vendor.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ question: big(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("Content-Type")).toMatch(/application\/problem\+json/);
  });

  it("stops reading a chunked JSON body (no Content-Length) at the limit", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${big(64 * 1024)}",`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A 64 MB array that never declares its length: the reader must give up long before its end.
        if (pulled === 0) controller.enqueue(new TextEncoder().encode("["));
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await h.request(`/api/v1/rfqs/${ids.benefits}/questions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${vendor.token}`, "Content-Type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it("answers a 2 MB form to /login with 413 and a page, not a parse of the whole body", async () => {
    const cookies = new Cookies();
    await h.request("/login", { cookies });
    const res = await h.request("/login", {
      method: "POST",
      cookies,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a%40b.example&password=${big(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("送信データが大きすぎます");
  });

  it("refuses a form from a client holding no CSRF cookie before reading its body", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) return controller.close();
        controller.enqueue(new TextEncoder().encode("a=b&"));
      },
    });
    const res = await h.request("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(403);
    expect(pulled).toBeLessThanOrEqual(2); // the stream's first pull happens on construction; nothing was read
  });

  it("still takes a 1 MB-ish evidence upload (multipart keeps its 10 MB)", async () => {
    const { cookies } = await logIn(aoi.email);
    const body = new FormData();
    body.set("csrf", await csrfOf(cookies));
    body.set("intent", "save");
    for (const [k, v] of Object.entries({ type: "isms_iso27001", number: "IS 100001", issuer: "BSI", validFrom: "2026-04-01", validUntil: "2029-03-31" }))
      body.set(k, v);
    const pdf = new Uint8Array(3 * 1024 * 1024);
    pdf.set(new TextEncoder().encode("%PDF-1.4\n"));
    body.set("evidence", new File([pdf], "large.pdf", { type: "application/pdf" }));
    const res = await h.request("/vendor/certifications", { method: "POST", body, cookies, redirect: "manual" });
    expect(res.status).toBeLessThan(400);
  });
});

describe("CSRF bound to the session (item 10)", () => {
  it("a token from before log-in fails after it, and the session's token works", async () => {
    const cookies = new Cookies();
    await h.request("/login", { cookies });
    const before = await csrfOf(cookies);
    const login = await h.request("/login", {
      method: "POST",
      cookies,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: before, email: vendor.email, password: DEMO_PASSWORD }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const after = await csrfOf(cookies);
    expect(after).not.toBe(before);
    const post = (csrf: string) =>
      h.request("/settings/tokens", {
        method: "POST",
        cookies,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf, intent: "create", name: "edge" }),
        redirect: "manual",
      });
    expect((await post(before)).status).toBe(403);
    expect((await post(after)).status).toBe(200);
  });

  it("a token of one session is refused in another session of the same user", async () => {
    const a = (await logIn(vendor.email)).cookies;
    const b = (await logIn(vendor.email)).cookies;
    const tokenA = await csrfOf(a);
    expect(await csrfOf(b)).not.toBe(tokenA);
    const res = await h.request("/switch-org", {
      method: "POST",
      cookies: b,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: tokenA, orgId: "x" }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });
});

describe("headers (item 7)", () => {
  it("pages carry a nonce CSP that matches Remix's inline scripts, no framing, nosniff and no-store", async () => {
    const { cookies } = await logIn(midori.email);
    const res = await h.request(`/rfqs/${ids.benefits}`, { cookies });
    expect(res.status).toBe(200);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline' ; script");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("Permissions-Policy")).toContain("camera=()");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    // A second request gets a different nonce.
    const again = await h.request(`/rfqs/${ids.benefits}`, { cookies });
    expect(/'nonce-([^']+)'/.exec(again.headers.get("Content-Security-Policy") ?? "")?.[1]).not.toBe(nonce);
  });

  it("loader data fetched by the browser is no-store with the same headers", async () => {
    const { cookies } = await logIn(midori.email);
    const res = await h.request(`/rfqs/${ids.benefits}?_data=routes%2Frfqs%2B%2F$id._index`, { cookies });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

// ——— No 500s (item 8) ——————————————————————————————————————————————————————————————————

type BuiltRoute = { id: string; parentId?: string; path?: string };

/**
 * Every route of the built app as a URL with real ids, so each action (or its absence) is reached. Read from
 * the build's route manifest, so it does not depend on how route files are arranged in folders.
 */
async function routeUrls(): Promise<{ file: string; url: string }[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, BuiltRoute> };
  const fullPath = (id: string): string[] => {
    const route = build.routes[id];
    const parent = route.parentId && route.parentId !== "root" ? fullPath(route.parentId) : [];
    return [...parent, ...(route.path ?? "").split("/").filter((s) => s !== "")];
  };
  const value = (param: string, previous: string) => {
    if (param === "step") return "purpose";
    if (param === "token") return "not-a-real-token";
    if (previous === "vendors") return "00000000-0000-4000-8000-000000000001";
    return ids.benefits;
  };
  return Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const parts = fullPath(r.id);
      const segments = parts.map((seg, i) => (seg === "*" ? "anything" : seg.startsWith(":") ? value(seg.slice(1), parts[i - 1] ?? "") : seg));
      return { file: r.id, url: `/${segments.join("/")}` };
    });
}

/** Route modules on disk (feature folders included), for the check that the crawl misses none. */
function routeFiles(dir = path.resolve("app/routes")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : /\.(tsx?|jsx?)$/.test(e.name) && !e.name.includes(".test.") ? [e.name] : [],
  );
}

describe("no 500s on bad requests (item 8)", () => {
  it("covers every route file", async () => {
    expect((await routeUrls()).length).toBe(routeFiles().length);
  });

  it("crawls every route file's action with bad content types, no body, NUL and lone surrogates: never 5xx", async () => {
    const buyer = (await logIn(midori.email)).cookies;
    const seller = (await logIn(vendor.email)).cookies;
    const failures: string[] = [];
    for (const { file, url } of await routeUrls()) {
      for (const [who, cookies, token] of [
        ["buyer", buyer, midori.token],
        ["vendor", seller, vendor.token],
      ] as const) {
        const csrf = await csrfOf(cookies);
        const auth: Record<string, string> = url.startsWith("/api/") ? { Authorization: `Bearer ${token}` } : {};
        const variants: [string, RequestInit][] = [
          ["no body", { method: "POST" }],
          ["json", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"csrf":"x"}' }],
          ["text/plain", { method: "POST", headers: { "Content-Type": "text/plain" }, body: `csrf=${csrf}` }],
          ["xml", { method: "POST", headers: { "Content-Type": "application/xml" }, body: "<a/>" }],
          ["broken multipart", { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=zz" }, body: "--zz\r\nbroken" }],
          [
            "NUL in every field",
            {
              method: "POST",
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
              body: `csrf=${encodeURIComponent(csrf)}&intent=save&title=a%00b&name=a%00b&question=a%00b&summary=a%00b&note=a%00b&orgName=a%00b&email=a%00b%40x.example&lang=ja`,
            },
          ],
          [
            "JSON with NUL and a lone surrogate",
            { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"question":"a\\u0000b","title":"\\ud800","name":"x\\udc00"}' },
          ],
          ["PATCH JSON with NUL", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: '{"title":"a\\u0000b"}' }],
        ];
        for (const [label, init] of variants) {
          const res = await h.request(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) }, cookies, redirect: "manual" });
          if (res.status >= 500) failures.push(`${who} ${label} ${file} ${url} → ${res.status}`);
          // Remix itself answers 405 for a route without an action; every API error our code makes is a problem.
          if (url.startsWith("/api/") && res.status >= 400 && res.status !== 405) {
            const type = res.headers.get("Content-Type") ?? "";
            if (!type.includes("problem+json")) failures.push(`${who} ${label} ${file} ${url} → ${res.status} as ${type}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("a bodyless POST to /logout or /rfqs/{id}/review is a 403, not a 500", async () => {
    const { cookies } = await logIn(midori.email);
    for (const url of ["/logout", `/rfqs/${ids.benefits}/review`]) {
      const res = await h.request(url, { method: "POST", cookies, redirect: "manual" });
      expect(res.status).toBe(403);
    }
  });

  it("a non-form content type with the right token is 415 with a page in the reader's language", async () => {
    const { cookies } = await logIn(midori.email);
    const csrf = await csrfOf(cookies);
    const res = await h.request("/switch-org", {
      method: "POST",
      cookies,
      headers: { "Content-Type": "application/json", "Accept-Language": "en" },
      body: JSON.stringify({ csrf }),
    });
    expect(res.status).toBe(415);
  });

  it("stores form text with NUL removed (an API token name) and refuses NUL in API JSON with a field path", async () => {
    const { cookies } = await logIn(vendor.email);
    const res = await postForm(h, "/settings/tokens", { intent: "create", name: "edge\u0000token" }, cookies);
    expect(res.status).toBe(200);
    const stored = await h.db.selectFrom("api_tokens").select("name").where("name", "like", "edge%token").executeTakeFirstOrThrow();
    expect(stored.name).toBe("edgetoken");

    const api = await h.request(`/api/v1/rfqs/${ids.benefits}/questions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${vendor.token}`, "Content-Type": "application/json", "Accept-Language": "en" },
      body: '{"question":"is \\u0000 allowed?"}',
    });
    expect(api.status).toBe(400);
    const problem = (await api.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "question", message: "Contains characters that cannot be stored (NUL or an unpaired surrogate)." }]);
  });

  it.each(["見積=最終版.pdf", "a;b.pdf", 'quote"; filename="x.pdf'])("accepts evidence named %j (Remix's parser threw on = and ;)", async (name) => {
    const { cookies } = await logIn(aoi.email);
    const body = new FormData();
    body.set("csrf", await csrfOf(cookies));
    body.set("intent", "save");
    for (const [k, v] of Object.entries({ type: "iso9001", number: `N ${name}`, issuer: "JQA", validFrom: "2026-04-01", validUntil: "2028-03-31" }))
      body.set(k, v);
    body.set("evidence", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], name, { type: "application/pdf" }));
    const res = await h.request("/vendor/certifications", { method: "POST", body, cookies, redirect: "manual" });
    expect(res.status).toBeLessThan(500);
    expect(res.status, await res.text()).not.toBe(400);
    const row = await h.db.selectFrom("certifications").select("evidence_name").where("number", "=", `N ${name}`).executeTakeFirstOrThrow();
    expect(row.evidence_name?.endsWith(".pdf")).toBe(true);
  });
});

describe("invitation links use APP_URL, never the Host header (item 9)", () => {
  it("a forged Host and an unset APP_URL still give the configured local origin", async () => {
    const { cookies } = await logIn(midori.email);
    const res = await postForm(
      h,
      "/settings/members?_data=routes%2Fsettings%2B%2Fmembers",
      { email: "new-member@midori-city.example", role: "member" },
      cookies,
      { Host: "evil.example", "X-Forwarded-Host": "evil.example" },
    );
    expect(res.status).toBe(200);
    const { link } = (await res.json()) as { link: string };
    expect(link.startsWith(`http://localhost:${h.ctx.env.PORT}/invitations/`)).toBe(true);
    const mail = JSON.stringify(h.mailer.sent().at(-1));
    expect(mail).not.toContain("evil.example");
    expect(mail).toContain(`http://localhost:${h.ctx.env.PORT}/invitations/`);
  });
});

describe("download names (item 11)", () => {
  it("a %PDF- + HTML polyglot named report.html downloads as .pdf, with bidi controls removed", async () => {
    const { cookies } = await logIn(aoi.email);
    for (const [name, expected] of [
      ["report.html", "report.pdf"],
      ["invoice\u202efdp.exe", "invoicefdp.pdf"],
    ] as const) {
      const body = new FormData();
      body.set("csrf", await csrfOf(cookies));
      body.set("intent", "save");
      for (const [k, v] of Object.entries({ type: "iso9001", number: `Q ${expected}`, issuer: "JQA", validFrom: "2026-04-01", validUntil: "2029-03-31" }))
        body.set(k, v);
      const polyglot = new TextEncoder().encode("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n");
      body.set("evidence", new File([polyglot], name, { type: "application/pdf" }));
      const saved = await h.request("/vendor/certifications", { method: "POST", body, cookies, redirect: "manual" });
      expect(saved.status).toBeLessThan(400);
      const row = await h.db.selectFrom("certifications").select(["id", "evidence_name"]).where("number", "=", `Q ${expected}`).executeTakeFirstOrThrow();
      expect(row.evidence_name).toBe(expected);
      const res = await h.request(`/vendor/certifications/${row.id}/evidence`, { cookies });
      expect(res.status).toBe(200);
      const disposition = res.headers.get("Content-Disposition") ?? "";
      expect(disposition).toBe(`attachment; filename="${expected}"; filename*=UTF-8''${expected}`);
      expect(disposition).not.toMatch(/%E2%80%AE|\u202e/);
    }
  });
});

describe("notifications are marked read by POST only (item 13)", () => {
  it("GET leaves them unread; the button's POST marks them read", async () => {
    const { cookies } = await logIn(vendor.email);
    const userId = (await h.db.selectFrom("users").select("id").where("email", "=", vendor.email).executeTakeFirstOrThrow()).id;
    await h.db
      .insertInto("notifications")
      .values({ user_id: userId, kind: "rfq.published", payload: JSON.stringify({ title: "x" }) })
      .execute();
    const unread = async () =>
      Number(
        (
          await h.db
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("user_id", "=", userId)
            .where("read_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    const page = await h.request("/notifications", { cookies });
    expect(await page.text()).toContain("すべて既読にする");
    expect(await unread()).toBe(before);
    const res = await postForm(h, "/notifications", {}, cookies);
    expect(res.status).toBe(302);
    expect(await unread()).toBe(0);
  });
});

describe("refused reads are aggregated in the audit log (item 13)", () => {
  it("30 refused reads of one quote by one actor make one row (two across a minute boundary) with their count", async () => {
    const quote = await h.db.selectFrom("quotes").select("id").where("rfq_id", "=", ids.benefits).executeTakeFirst();
    expect(quote).toBeDefined();
    const other = account("sales@next-keiri.example");
    for (let i = 0; i < 30; i++) await h.request(`/api/v1/quotes/${quote!.id}`, { headers: { Authorization: `Bearer ${other.token}` } });
    const rows = await h.db
      .selectFrom("audit_log")
      .select(["count", "actor_user_id"])
      .where("action", "=", "quote.read.denied")
      .where("entity_id", "=", quote!.id)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(30);
  });
});
