import { bearer, Client, CookieJar, logIn, loggedIn, pool } from "./client";
import { buildSecrets, findLeaks, ownNumbersOf, type Leak } from "./leaks";
import { result, type CheckResult } from "./report";
import { quotesOpened, type Role, type Truth } from "./truth";

// The reads matrix: every role (page session and API token; anonymous without either) × every page and
// API GET for every demo RFQ, quote, certificate and vendor id, each response searched for what the
// policy forbids that role to see (leaks.ts). Binary downloads (xlsx, evidence files) cannot be searched
// as text: for them a 200 where the policy refuses the read is the leak.

export interface Sessions {
  jars: Map<string, CookieJar>;
}

/** Logs every demo user in through the form once (from its own loopback address, clear of the limiter checks). */
export async function openSessions(client: Client, roles: Role[]): Promise<Sessions> {
  const jars = new Map<string, CookieJar>();
  for (const role of roles) {
    const jar = new CookieJar();
    if (role.email) {
      const res = await logIn(client, role.email, role.password, { jar, ip: "127.0.0.2" });
      if (!loggedIn(res)) throw new Error(`log-in as ${role.email} failed with ${res.status}: the reads matrix needs every demo session`);
    }
    jars.set(role.label, jar);
  }
  return { jars };
}

interface Target {
  url: string;
  api: boolean;
  /** For binary responses: may this role get a 200? */
  binaryAllowed?: (role: Role) => boolean;
}

function targets(truth: Truth, quick: boolean): Target[] {
  const out: Target[] = [];
  const page = (url: string, binaryAllowed?: Target["binaryAllowed"]) => out.push({ url, api: false, binaryAllowed });
  const api = (url: string, binaryAllowed?: Target["binaryAllowed"]) => out.push({ url, api: true, binaryAllowed });
  for (const p of [
    "/",
    "/rfqs",
    "/rfqs/search",
    "/quotes",
    "/vendors",
    "/vendor/certifications",
    "/vendor/profile",
    "/settings",
    "/settings/members",
    "/settings/tokens",
    "/admin",
    "/admin/certifications",
  ])
    page(p);
  for (const p of ["/api/v1/me", "/api/v1/rfqs", "/api/v1/vendor/quotes", "/api/v1/vendor/certifications", "/api/v1/vendors"]) api(p);
  for (const rfq of truth.rfqs) {
    const comparisonReader = (role: Role) =>
      rfq.status !== "draft" && quotesOpened(rfq, truth.now) && (role.orgId === rfq.buyerOrgId || rfq.advisorOrgIds.includes(role.orgId));
    for (const s of ["", "/compare", "/compare.csv", "/quote", "/review", "/edit/purposeAndScope"]) page(`/rfqs/${rfq.id}${s}`);
    page(`/rfqs/${rfq.id}/compare.xlsx`, comparisonReader);
    for (const s of ["", "/quotes", "/comparison", "/questions", "/advisors", "/advisor-notes"]) api(`/api/v1/rfqs/${rfq.id}${s}`);
    api(`/api/v1/rfqs/${rfq.id}/comparison.xlsx`, comparisonReader);
  }
  for (const quote of truth.quotes) {
    page(`/quotes/${quote.id}`);
    api(`/api/v1/quotes/${quote.id}`);
  }
  for (const vendor of truth.vendorOrgIds.slice(0, quick ? 3 : undefined)) {
    page(`/vendors/${vendor}`);
    page(`/vendors/${vendor}/invite`);
  }
  for (const cert of truth.certifications.slice(0, quick ? 4 : undefined)) {
    // Evidence: admins, buyers and the certificate's own vendor (policy "certification:readEvidence").
    page(`/vendor/certifications/${cert.id}/evidence`, (role) => role.isAdmin || role.kind === "buyer" || role.orgId === cert.orgId);
  }
  return out;
}

const BINARY = /spreadsheetml|application\/pdf|image\/|octet-stream|zip/;

export async function readsMatrix(client: Client, truth: Truth, sessions: Sessions, opts: { quick: boolean }): Promise<CheckResult[]> {
  const secrets = buildSecrets(truth);
  const roles = opts.quick
    ? truth.roles.filter((r) => ["buyer midori", "vendor next-keiri", "vendor hokkaido", "advisor", "anonymous"].includes(r.label))
    : truth.roles;
  const all = targets(truth, opts.quick);
  const own = new Map(roles.map((r) => [r.label, ownNumbersOf(truth, r.orgId)]));
  const jobs = roles.flatMap((role) => all.map((target) => ({ role, target })));
  const leaks: Leak[] = [];
  let serverErrors = 0;
  const errorSamples: string[] = [];
  await pool(jobs, 4, async ({ role, target }) => {
    const headers = target.api ? bearer(role.token) : {};
    const res = await client.tryRequest(target.url, { jar: target.api ? undefined : sessions.jars.get(role.label), headers, ip: "127.0.0.2" });
    if (res.status >= 500 || res.status === 0) {
      serverErrors++;
      errorSamples.push(`${res.status} ${role.label} GET ${target.url}`);
      return;
    }
    const type = String(res.headers["content-type"] ?? "");
    if (target.binaryAllowed && (BINARY.test(type) || target.url.endsWith(".xlsx") || target.url.endsWith("/evidence"))) {
      if (res.status === 200 && !target.binaryAllowed(role)) leaks.push({ role: role.label, url: target.url, what: "binary download the policy refuses" });
      return;
    }
    if (res.status >= 300 && res.status < 400) return;
    leaks.push(...findLeaks(secrets, role, target.url, res.text(), type, own.get(role.label)!));
  });
  const pageJobs = jobs.filter((j) => !j.target.api).length;
  const details = [...leaks.map((l) => `${l.role} ← ${l.url}: ${l.what}`), ...errorSamples];
  const leakyResponses = new Set(leaks.map((l) => `${l.role} ${l.url}`)).size;
  return [
    result(`reads: ${roles.length} roles × pages+API (${pageJobs} page, ${jobs.length - pageJobs} API GETs)`, {
      tried: jobs.length,
      failures: leakyResponses,
      serverErrors,
      details,
    }),
  ];
}
