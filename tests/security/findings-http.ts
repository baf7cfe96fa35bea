import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { bearer, CookieJar, csrfFrom, postForm, type HttpResponse } from "./client";
import { ipFor, type Finding, type FindingContext } from "./findings";
import { result } from "./report";

// HTTP hygiene: request size limits, browser security headers, 500s where a 4xx belongs, the origin in
// e-mail links under a forged Host, and the names evidence files download under.

const isServerError = (r: HttpResponse) => r.status >= 500;
/** A Node or V8 stack frame in a response body: what production must never show. */
const STACK = /\n\s+at [^\n]+(\.[cm]?[jt]sx?:\d+:\d+|node:internal)/;

function rssKb(pid: number | null): { rss: number; peak: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return null;
  }
}

const bodySize: Finding = {
  name: "request size limits",
  async run(ctx) {
    const mb = 20;
    const buyer = ctx.truth.roles.find((r) => r.label === "buyer sakura")!;
    const json = JSON.stringify({ title: "big", category: "accounting", purpose: "x".repeat(mb * 1024 * 1024) });
    const form = `email=a%40b.example&password=${"x".repeat(mb * 1024 * 1024)}`;
    const details: string[] = [];
    let failures = 0;
    let serverErrors = 0;
    for (const [label, send] of [
      [
        `${mb} MB JSON → POST /api/v1/rfqs`,
        () =>
          ctx.client.tryRequest("/api/v1/rfqs", {
            method: "POST",
            body: json,
            headers: { ...bearer(buyer.token), "Content-Type": "application/json" },
            ip: ipFor(20),
            timeoutMs: 60_000,
          }),
      ],
      [
        `${mb} MB form → POST /login`,
        () =>
          ctx.client.tryRequest("/login", {
            method: "POST",
            body: form,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            ip: ipFor(20),
            timeoutMs: 60_000,
          }),
      ],
    ] as const) {
      const before = rssKb(ctx.stack.pid);
      const res = await send();
      const after = rssKb(ctx.stack.pid);
      // Refused at the limit: 413, or the connection cut while the body was still being sent, or (a form from a
      // client holding no CSRF cookie) refused with 403 before its body is read — then memory must stay flat.
      const cut = res.status === 0 && /EPIPE|ECONNRESET|socket hang up/.test(res.text());
      const flat = before !== null && after !== null && after.rss - before.rss < 10 * 1024;
      const refused = res.status === 413 || cut || (res.status === 403 && flat);
      if (!refused) failures++;
      if (isServerError(res)) serverErrors++;
      const growth =
        before && after
          ? ` RSS ${Math.round(before.rss / 1024)} → ${Math.round(after.rss / 1024)} MB (peak ${Math.round(after.peak / 1024)} MB)`
          : " (server RSS unknown: no --pid)";
      details.push(`${label}: ${cut ? "connection cut" : res.status}${growth}`);
    }
    return [result(`body size: ${mb} MB JSON and form`, { tried: 2, failures, serverErrors, details })];
  },
};

const headers: Finding = {
  name: "security headers",
  async run(ctx) {
    const survey = ctx.truth.rfqs.find((r) => r.status !== "draft" && r.buyerOrgId === ctx.truth.roles.find((x) => x.label === "buyer midori")!.orgId)!;
    const vendor = ctx.truth.roles.find((r) => r.label === "vendor hokkaido")!;
    const quote = ctx.truth.quotes.find((q) => q.vendorOrgId === vendor.orgId)!;
    const pages: [string, Promise<HttpResponse>, boolean][] = [
      ["/login", ctx.client.request("/login"), false],
      [`/rfqs/{id} (buyer)`, ctx.client.request(`/rfqs/${survey.id}`, { jar: ctx.sessions.jars.get("buyer midori") }), true],
      [`/api/v1/quotes/{id} (vendor)`, ctx.client.request(`/api/v1/quotes/${quote.id}`, { headers: bearer(vendor.token) }), true],
    ];
    let tried = 0;
    const missing: string[] = [];
    for (const [label, pending, confidential] of pages) {
      const res = await pending;
      const h = (name: string) => String(res.headers[name] ?? "");
      const html = String(res.headers["content-type"] ?? "").includes("text/html");
      const checks: [string, boolean][] = [
        ["X-Content-Type-Options: nosniff", /nosniff/i.test(h("x-content-type-options"))],
        ...(html
          ? ([
              ["Content-Security-Policy", h("content-security-policy") !== ""],
              [
                "frame-ancestors 'none' (or X-Frame-Options DENY)",
                /frame-ancestors\s+'none'/.test(h("content-security-policy")) || /deny/i.test(h("x-frame-options")),
              ],
              ["Referrer-Policy", h("referrer-policy") !== ""],
              ["Permissions-Policy", h("permissions-policy") !== ""],
            ] as [string, boolean][])
          : []),
        ...(confidential ? ([["Cache-Control: no-store", /no-store/.test(h("cache-control"))]] as [string, boolean][]) : []),
      ];
      for (const [name, ok] of checks) {
        tried++;
        if (!ok) missing.push(`${label}: no ${name}`);
      }
    }
    return [result("headers: CSP, framing, nosniff, referrer, permissions, no-store", { tried, failures: missing.length, details: missing })];
  },
};

/** The page actions of the app (with a session that may use them) — the targets of content-type abuse. */
function formActions(ctx: FindingContext): { path: string; role: string }[] {
  const draft = ctx.truth.rfqs.find((r) => r.status === "draft")!;
  const open = ctx.truth.rfqs.find((r) => r.status === "published")!;
  const buyerOfOpen = ctx.truth.roles.find((r) => r.orgId === open.buyerOrgId)!.label;
  const buyerOfDraft = ctx.truth.roles.find((r) => r.orgId === draft.buyerOrgId)!.label;
  return [
    { path: "/login", role: "anonymous" },
    { path: "/signup", role: "anonymous" },
    { path: "/logout", role: "vendor payroll" },
    { path: "/set-language", role: "anonymous" },
    { path: "/switch-org", role: "buyer midori" },
    { path: "/rfqs/new", role: "buyer midori" },
    { path: `/rfqs/${open.id}`, role: buyerOfOpen },
    { path: `/rfqs/${draft.id}/edit/purposeAndScope`, role: buyerOfDraft },
    { path: `/rfqs/${draft.id}/review`, role: buyerOfDraft },
    { path: `/rfqs/${open.id}/compare`, role: buyerOfOpen },
    { path: `/rfqs/${open.id}/quote`, role: "vendor next-keiri" },
    { path: "/settings/members", role: "buyer midori" },
    { path: "/settings/tokens", role: "buyer midori" },
    { path: "/vendor/certifications", role: "vendor next-keiri" },
    { path: "/vendor/profile", role: "vendor next-keiri" },
    { path: `/vendors/${ctx.truth.vendorOrgIds[0]}/invite`, role: "buyer midori" },
    { path: "/admin/certifications", role: "admin" },
    { path: "/invitations/not-a-real-token", role: "anonymous" },
  ];
}

const serverErrors: Finding = {
  name: "500s where a 4xx belongs",
  async run(ctx) {
    const jarOf = (role: string) => ctx.sessions.jars.get(role)?.clone() ?? new CookieJar();
    const sent: { what: string; res: HttpResponse }[] = [];
    const ip = ipFor(21);
    // Non-form bodies on every form action (17 of 18 answered 500 in the review).
    for (const a of formActions(ctx).filter((x) => x.path !== "/logout")) {
      for (const [type, body] of [
        ["application/json", '{"a":1}'],
        ["text/plain", "a=1"],
        ["multipart/form-data; boundary=zzz", "--zzz\r\nbroken"],
      ]) {
        sent.push({
          what: `${a.path} as ${type}`,
          res: await ctx.client.tryRequest(a.path, { method: "POST", jar: jarOf(a.role), ip, body, headers: { "Content-Type": type } }),
        });
      }
    }
    // Bodyless POSTs.
    const draft = ctx.truth.rfqs.find((r) => r.status === "draft")!;
    const draftOwner = ctx.truth.roles.find((r) => r.orgId === draft.buyerOrgId)!.label;
    sent.push({ what: "bodyless POST /logout", res: await ctx.client.tryRequest("/logout", { method: "POST", jar: jarOf("vendor payroll"), ip }) });
    sent.push({
      what: "bodyless POST /rfqs/{id}/review",
      res: await ctx.client.tryRequest(`/rfqs/${draft.id}/review`, { method: "POST", jar: jarOf(draftOwner), ip }),
    });
    // NUL and an invalid UTF-8 sequence (what a lone surrogate becomes in a form) in stored text fields.
    for (const [label, raw] of [
      ["NUL", "%00"],
      ["lone surrogate", "%ED%A0%80"],
    ]) {
      const jar = jarOf(draftOwner);
      const csrf = csrfFrom((await ctx.client.request("/rfqs/new", { jar, ip })).text());
      const body = `csrf=${encodeURIComponent(csrf)}&title=probe${raw}title&category=accounting`;
      sent.push({
        what: `${label} in an RFQ title (form)`,
        res: await ctx.client.tryRequest("/rfqs/new", { method: "POST", jar, ip, body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      });
      const vendorJar = jarOf("vendor next-keiri");
      const csrf2 = csrfFrom((await ctx.client.request("/vendor/profile", { jar: vendorJar, ip })).text());
      const body2 = `csrf=${encodeURIComponent(csrf2)}&description=probe${raw}text&categories=accounting&regions=tokyo&languages=ja`;
      sent.push({
        what: `${label} in a vendor profile (form)`,
        res: await ctx.client.tryRequest("/vendor/profile", {
          method: "POST",
          jar: vendorJar,
          ip,
          body: body2,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
      });
    }
    for (const name of ["a=b.pdf", "a;b.pdf", 'x"; filename="y.pdf']) {
      sent.push({ what: `evidence named ${JSON.stringify(name)}`, res: await uploadEvidence(ctx, name, PDF) });
    }
    const errors = sent.filter((s) => isServerError(s.res) || s.res.status === 0);
    const traces = sent.filter((s) => STACK.test(s.res.text()));
    return [
      result(`500s: ${sent.length} malformed requests to page actions`, {
        tried: sent.length,
        failures: traces.length,
        serverErrors: errors.length,
        details: [
          ...(traces.length ? [`${traces.length} responses show a stack trace`] : []),
          ...errors.map((s) => `${s.what} → ${s.res.status}${STACK.test(s.res.text()) ? " with a stack trace" : ""}`),
        ],
      }),
    ];
  },
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const POLYGLOT = Buffer.from("%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n%%EOF\n");

/** Adds a certificate with an evidence file through the vendor's page form (multipart, as a browser sends it). */
async function uploadEvidence(ctx: FindingContext, filename: string, content: Buffer): Promise<HttpResponse> {
  const jar = ctx.sessions.jars.get("vendor next-keiri")!.clone();
  const ip = ipFor(22);
  const csrf = csrfFrom((await ctx.client.request("/vendor/certifications", { jar, ip })).text());
  const boundary = `----probe${Date.now()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(
      field("csrf", csrf) +
        field("intent", "save") +
        field("type", "iso9001") +
        field("number", `PROBE-${Date.now()}`) +
        field("issuer", "probe") +
        field("validFrom", "2025-01-01") +
        field("validUntil", "2027-12-31"),
    ),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return ctx.client.tryRequest("/vendor/certifications", {
    method: "POST",
    jar,
    ip,
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  });
}

const downloadNames: Finding = {
  name: "download names",
  async run(ctx) {
    const vendor = ctx.truth.roles.find((r) => r.label === "vendor next-keiri")!;
    const cases = [
      { name: "report.html", content: POLYGLOT, bad: (n: string) => !/\.pdf"?$/i.test(n) },
      { name: "invoice\u202efdp.exe", content: PDF, bad: (n: string) => /[\u202a-\u202e\u2066-\u2069]|%E2%80%AE/i.test(n) || !/\.pdf"?$/i.test(n) },
    ];
    const details: string[] = [];
    let failures = 0;
    let errors = 0;
    for (const c of cases) {
      const up = await uploadEvidence(ctx, c.name, c.content);
      if (isServerError(up)) errors++;
      const row = (await ctx.db.query(`select id from certifications where org_id = $1 order by created_at desc limit 1`, [vendor.orgId])).rows[0] as
        { id: string } | undefined;
      const res = row ? await ctx.client.request(`/vendor/certifications/${row.id}/evidence`, { jar: ctx.sessions.jars.get("vendor next-keiri") }) : null;
      const disposition = decodeURIComponent(String(res?.headers["content-disposition"] ?? ""));
      if (up.status >= 400) {
        details.push(`${JSON.stringify(c.name)}: upload refused (${up.status}) — nothing to download`);
        continue;
      }
      if (c.bad(disposition)) {
        failures++;
        details.push(`${JSON.stringify(c.name)} downloads as ${JSON.stringify(disposition)} (${res?.headers["content-type"]})`);
      }
    }
    return [result("download names: PDF/HTML polyglot, bidi override", { tried: cases.length, failures, serverErrors: errors, details })];
  },
};

const hostHeader: Finding = {
  name: "e-mail links under a forged Host",
  async run(ctx) {
    const email = `probe-host-${Date.now()}@probe.example`;
    const owner = ctx.sessions.jars.get("buyer midori")!;
    const res = await postForm(
      ctx.client,
      "/settings/members",
      { email, role: "member" },
      { jar: owner, ip: "127.0.0.2", headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } },
    );
    let text = res.text();
    let source = "the members page";
    if (ctx.stack.dataDir) {
      const dir = path.join(ctx.stack.dataDir, "mail");
      const mail = readdirSync(dir)
        .filter((f) => f.includes(email.replace(/[^a-z0-9@.]/gi, "_")))
        .sort((a, b) => statSync(path.join(dir, a)).mtimeMs - statSync(path.join(dir, b)).mtimeMs)
        .pop();
      if (mail) {
        text = readFileSync(path.join(dir, mail), "utf8");
        source = `the mail ${mail}`;
      }
    }
    const links = [...text.matchAll(/https?:\/\/[^\s"'<>]+\/invitations\/[A-Za-z0-9_-]+/g)].map((m) => new URL(m[0]));
    const foreign = links.filter((u) => u.host !== new URL(ctx.client.origin).host);
    const failed = links.length === 0 || foreign.length > 0;
    return [
      result("e-mail link origin under a forged Host", {
        tried: 1,
        failures: failed ? 1 : 0,
        serverErrors: isServerError(res) ? 1 : 0,
        details: [links.length ? `${source}: link to ${links[0].origin}` : `no invitation link found in ${source} (status ${res.status})`],
      }),
    ];
  },
};

export const httpFindings: Finding[] = [headers, hostHeader, downloadNames, serverErrors, bodySize];
