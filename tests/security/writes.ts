import type pg from "pg";
import { mulberry32 } from "../../app/domain/scoring/prng";
import { bearer, type Client, type HttpResponse } from "./client";
import { result, type CheckResult } from "./report";
import { changedTables, fingerprint, vendorMaySee, type Role, type Truth } from "./truth";

// Writes: (1) every role × every API write endpoint the OpenAPI document lists, on resources the policy
// does not let that role change — any 2xx is a violation, and the database must not change at all;
// (2) fuzzed JSON bodies from roles that may write there, so the parsing and validation paths run —
// any 5xx is a failure, and a refused write that changed the database is a partial write.

interface Endpoint {
  method: string;
  template: string;
}

/** Write endpoints from the live OpenAPI document, so endpoints added later are covered (or reported as unclassified). */
export async function writeEndpoints(client: Client): Promise<Endpoint[]> {
  const res = await client.request("/api/v1/openapi.json");
  const doc = res.json() as { paths?: Record<string, Record<string, unknown>> } | null;
  if (!doc?.paths) throw new Error(`/api/v1/openapi.json answered ${res.status} without paths`);
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.keys(ops)
      .filter((m) => ["post", "put", "patch", "delete"].includes(m))
      .map((m) => ({ method: m.toUpperCase(), template })),
  );
}

interface Attempt {
  path: string;
  body: unknown;
  /** May this role's write succeed under the policy? Only refused writes are sent by the matrix. */
  allowed: boolean;
}

/** What each known endpoint is tried with, per role: one attempt per resource of the right kind. */
function attemptsFor(ep: Endpoint, role: Role, truth: Truth): Attempt[] | null {
  const rfqPath = (suffix: string, body: unknown, allowed: (rfq: Truth["rfqs"][number]) => boolean) =>
    truth.rfqs.map((rfq) => ({ path: `/api/v1/rfqs/${rfq.id}${suffix}`, body, allowed: allowed(rfq) }));
  const isBuyerOf = (rfq: Truth["rfqs"][number]) => role.orgId === rfq.buyerOrgId;
  const anAdvisory = [...truth.orgs].find(([, o]) => o.kind === "advisory")?.[0];
  switch (`${ep.method} ${ep.template}`) {
    case "POST /api/v1/rfqs":
      return [{ path: ep.template, body: { title: "probe RFQ", category: "accounting" }, allowed: role.kind === "buyer" }];
    case "PATCH /api/v1/rfqs/{id}":
      return rfqPath("", { title: "probe edit" }, isBuyerOf);
    case "POST /api/v1/rfqs/{id}/publish":
      return rfqPath("/publish", {}, isBuyerOf);
    case "POST /api/v1/rfqs/{id}/addenda":
      return rfqPath("/addenda", { changeSummary: "probe addendum" }, isBuyerOf);
    case "POST /api/v1/rfqs/{id}/invitations":
      return rfqPath("/invitations", { vendorOrgId: truth.vendorOrgIds[0] }, isBuyerOf);
    case "POST /api/v1/rfqs/{id}/advisors":
      return rfqPath("/advisors", { advisorOrgId: anAdvisory }, isBuyerOf);
    case "POST /api/v1/rfqs/{id}/questions":
      return rfqPath("/questions", { question: "probe question?" }, (rfq) => role.kind === "vendor" && vendorMaySee(rfq, role.orgId));
    case "POST /api/v1/rfqs/{id}/quotes":
      return rfqPath("/quotes", { mode: "draft" }, (rfq) => role.kind === "vendor" && vendorMaySee(rfq, role.orgId));
    case "POST /api/v1/rfqs/{id}/advisor-notes":
      return rfqPath("/advisor-notes", { body: "probe note" }, (rfq) => rfq.advisorOrgIds.includes(role.orgId));
    case "POST /api/v1/questions/{id}/answer":
      return truth.questions.map((q) => ({
        path: `/api/v1/questions/${q.id}/answer`,
        body: { answer: "probe answer" },
        allowed: truth.rfqs.find((r) => r.id === q.rfqId)?.buyerOrgId === role.orgId,
      }));
    case "POST /api/v1/quotes/{id}/withdraw":
    case "POST /api/v1/quotes/{id}/reconfirm": {
      const action = ep.template.split("/").pop();
      return truth.quotes.map((q) => ({ path: `/api/v1/quotes/${q.id}/${action}`, body: {}, allowed: q.vendorOrgId === role.orgId }));
    }
    case "POST /api/v1/vendor/certifications":
      return [
        {
          path: ep.template,
          body: { type: "iso9001", number: "PROBE-1", issuer: "probe", validFrom: "2025-01-01", validUntil: "2027-01-01" },
          allowed: role.kind === "vendor",
        },
      ];
    default:
      return null;
  }
}

function sendJson(client: Client, method: string, path: string, role: Role, body: string, contentType = "application/json"): Promise<HttpResponse> {
  return client.tryRequest(path, { method, body, headers: { ...bearer(role.token), "Content-Type": contentType }, ip: "127.0.0.3" });
}

export async function writesMatrix(client: Client, db: pg.Pool, truth: Truth, opts: { quick: boolean }): Promise<CheckResult[]> {
  const endpoints = await writeEndpoints(client);
  const roles = opts.quick ? truth.roles.filter((r) => ["buyer sakura", "vendor growth-ad", "advisor", "admin", "anonymous"].includes(r.label)) : truth.roles;
  const unclassified = new Set<string>();
  let tried = 0;
  let accepted = 0;
  let serverErrors = 0;
  let partial = 0;
  const details: string[] = [];
  let before = await fingerprint(db);
  for (const ep of endpoints) {
    for (const role of roles) {
      const attempts = attemptsFor(ep, role, truth);
      if (!attempts) {
        unclassified.add(`${ep.method} ${ep.template}`);
        continue;
      }
      for (const a of attempts.filter((x) => !x.allowed)) {
        tried++;
        const res = await sendJson(client, ep.method, a.path, role, JSON.stringify(a.body));
        const after = await fingerprint(db);
        if (res.status >= 200 && res.status < 300) {
          accepted++;
          details.push(`${role.label} ${ep.method} ${a.path} → ${res.status} (the policy refuses it)`);
        } else if (after !== before) {
          partial++;
          details.push(`${role.label} ${ep.method} ${a.path} → ${res.status} yet changed ${changedTables(before, after).join(", ")}`);
        }
        if (res.status >= 500 || res.status === 0) {
          serverErrors++;
          details.push(`${role.label} ${ep.method} ${a.path} → ${res.status}`);
        }
        before = after;
      }
    }
  }
  if (unclassified.size) details.push(`not classified (add a rule in writes.ts): ${[...unclassified].join(", ")}`);
  return [
    result(`writes: ${roles.length} roles × ${endpoints.length} API write endpoints on others' resources`, {
      tried,
      failures: accepted,
      serverErrors,
      partialWrites: partial,
      details,
    }),
  ];
}

// ── Fuzzing ────────────────────────────────────────────────────────────────────────────────

// Values that broke or nearly broke parsers elsewhere: NUL and lone surrogates (PostgreSQL refuses them
// in text and jsonb), huge and negative numbers, wrong types, deep nesting, long strings.
const NASTY: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  " ",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "x".repeat(20_000),
  "2099-13-45",
  "2026-02-30T25:00:00+09:00",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "\u202eexe.pdf",
  [],
  {},
  [[[[[]]]]],
  { $gt: "" },
  { __proto__: { admin: true } },
  "NaN",
  "Infinity",
  "１２３",
  "T1234567890123",
];

function mutate(base: Record<string, unknown>, rnd: () => number): { body: string; contentType: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const keys = Object.keys(base);
  const body: Record<string, unknown> = structuredClone(base);
  const kind = rnd();
  if (kind < 0.55 && keys.length) body[pick(keys)] = pick(NASTY);
  else if (kind < 0.65) body[pick(["extra", "id", "buyerOrgId", "vendorOrgId", "status", "sealed", "__proto__", "constructor"])] = pick(NASTY);
  else if (kind < 0.72 && keys.length) delete body[pick(keys)];
  else if (kind < 0.8) {
    for (const k of keys) body[k] = pick(NASTY);
  } else if (kind < 0.86)
    return {
      body: pick(['{"a":', "[1,2", "{'a':1}", '{"a":1,}', "\ufeff{}", "", "null", "1", '"str"', "[]", '{"a":"\\ud800"}', '{"a":"\\u0000"}']),
      contentType: "application/json",
    };
  else if (kind < 0.92)
    return {
      body: JSON.stringify(body),
      contentType: pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]),
    };
  else {
    // Deep nesting inside a real field.
    let deep: unknown = "leaf";
    for (let i = 0; i < 200; i++) deep = { d: deep };
    body[keys.length ? pick(keys) : "deep"] = deep;
  }
  return { body: JSON.stringify(body), contentType: "application/json" };
}

export async function fuzzWrites(client: Client, db: pg.Pool, truth: Truth, opts: { quick: boolean }): Promise<CheckResult[]> {
  const role = (label: string) => truth.roles.find((r) => r.label === label)!;
  const open = truth.rfqs.filter((r) => r.status === "published");
  const buyerRfq = open.find((r) => r.buyerOrgId === role("buyer sakura").orgId) ?? open[0];
  const vendor = role("vendor growth-ad");
  const vendorRfq = open.find((r) => vendorMaySee(r, vendor.orgId)) ?? open[0];
  const advised = truth.rfqs.find((r) => r.advisorOrgIds.includes(role("advisor").orgId));
  const question = truth.questions.find((q) => q.rfqId === buyerRfq.id);
  const targets: { role: Role; method: string; path: string; base: Record<string, unknown> }[] = [
    {
      role: role("buyer sakura"),
      method: "POST",
      path: "/api/v1/rfqs",
      base: { title: "fuzz", category: "accounting", purpose: "p", budget: { min: 1, max: 2, showToVendors: false } },
    },
    { role: role("buyer sakura"), method: "PATCH", path: `/api/v1/rfqs/${buyerRfq.id}`, base: { title: "fuzz edit", purpose: "p" } },
    { role: role("buyer sakura"), method: "POST", path: `/api/v1/rfqs/${buyerRfq.id}/addenda`, base: { changeSummary: "fuzz", changes: { purpose: "p" } } },
    { role: vendor, method: "POST", path: `/api/v1/rfqs/${vendorRfq.id}/quotes`, base: { mode: "draft", assumptions: "a", unitPrices: {}, leadTimeDays: 10 } },
    { role: vendor, method: "POST", path: `/api/v1/rfqs/${vendorRfq.id}/questions`, base: { question: "fuzz?" } },
    {
      role: vendor,
      method: "POST",
      path: "/api/v1/vendor/certifications",
      base: { type: "iso9001", number: "F-1", issuer: "fuzz", validFrom: "2025-01-01", validUntil: "2027-01-01" },
    },
    ...(question ? [{ role: role("buyer sakura"), method: "POST", path: `/api/v1/questions/${question.id}/answer`, base: { answer: "fuzz" } }] : []),
    ...(advised ? [{ role: role("advisor"), method: "POST", path: `/api/v1/rfqs/${advised.id}/advisor-notes`, base: { body: "fuzz" } }] : []),
  ];
  const total = opts.quick ? 300 : 2000;
  // Seeded, so the same run fuzzes the same bodies and a failure can be replayed.
  const rnd = mulberry32(12);
  let serverErrors = 0;
  let partial = 0;
  let notProblemJson = 0;
  const details: string[] = [];
  let before = await fingerprint(db);
  for (let i = 0; i < total; i++) {
    const t = targets[i % targets.length];
    const { body, contentType } = mutate(t.base, rnd);
    const res = await sendJson(client, t.method, t.path, t.role, body, contentType);
    const after = await fingerprint(db);
    const refused = res.status < 200 || res.status >= 300;
    if (res.status >= 500 || res.status === 0) {
      serverErrors++;
      const type = String(res.headers["content-type"] ?? "");
      if (!type.includes("application/problem+json")) notProblemJson++;
      details.push(`${t.method} ${t.path} → ${res.status} (${type || "no type"}) body ${JSON.stringify(body.slice(0, 80))}`);
    }
    if (refused && after !== before) {
      partial++;
      details.push(`${t.method} ${t.path} refused with ${res.status} yet changed ${changedTables(before, after).join(", ")}: ${body.slice(0, 80)}`);
    }
    before = after;
  }
  if (notProblemJson) details.unshift(`${notProblemJson} of the ${serverErrors} API 5xx were not application/problem+json`);
  return [
    result(`fuzz: ${total} mutated JSON bodies on ${targets.length} API writes`, { tried: total, failures: 0, serverErrors, partialWrites: partial, details }),
  ];
}
