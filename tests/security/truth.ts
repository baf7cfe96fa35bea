import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed/demo-data";

// What the database says is true: the demo accounts with their organisations, every RFQ, quote,
// certificate, question and advisor note, with the confidential values the policy protects. The probe
// reads it straight from PostgreSQL so that a surface hiding an id from the probe cannot hide it from the check.

export type OrgKind = "buyer" | "vendor" | "advisory" | "platform";

export interface Role {
  label: string;
  email: string | null;
  password: string;
  token: string | null;
  orgId: string;
  kind: OrgKind | "anonymous";
  isAdmin: boolean;
}

export interface RfqTruth {
  id: string;
  title: string;
  buyerOrgId: string;
  status: string;
  sealed: boolean;
  visibility: "invited" | "marketplace";
  deadline: Date | null;
  invitedVendorOrgIds: string[];
  advisorOrgIds: string[];
  /** The published (or draft working) content, camelCase RFQ JSON. */
  content: RfqContent;
}

export interface RfqContent {
  budget?: { min: number; max: number; showToVendors?: boolean };
  hiddenCosts?: { managementOverheadPct: number; transitionEffortYen: number };
  baselineCostMonthlyYen?: number;
  lineItems?: { quantity: number }[];
}

export interface QuoteTruth {
  id: string;
  rfqId: string;
  vendorOrgId: string;
  status: string;
  unitPrices: number[];
  contractValue: number | null;
  tco: number | null;
  managementOverhead: number | null;
  transitionEffort: number | null;
  /** Every number in the quote's content and normalized figures (what a legitimate reader of it sees). */
  allNumbers: number[];
}

export interface Truth {
  roles: Role[];
  orgs: Map<string, { name: string; kind: OrgKind }>;
  rfqs: RfqTruth[];
  quotes: QuoteTruth[];
  certifications: { id: string; orgId: string }[];
  questions: { id: string; rfqId: string }[];
  notes: { rfqId: string; body: string; advisorOrgId: string }[];
  vendorOrgIds: string[];
  /** Numbers anyone signed in may come across (RFQ texts and figures, track records): not distinctive. */
  publicNumbers: Set<number>;
  now: Date;
}

/** All numbers in a JSON value, including those written in its texts (1,500,000 / 300万). */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (typeof value === "string") {
    for (const m of value.matchAll(/(\d[\d,]*)(万)?/g)) out.push(Number(m[1].replace(/,/g, "")) * (m[2] ? 10_000 : 1));
  } else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => numbersIn(v, out));
  return out;
}

export function connect(databaseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: 3 });
}

const ROLE_LABELS: Record<string, string> = {
  "buyer@midori-city.example": "buyer midori",
  "buyer@sakura-foods.example": "buyer sakura",
  "sales@next-keiri.example": "vendor next-keiri",
  "info@payroll-partners.example": "vendor payroll",
  "biz@contact-one.example": "vendor contact-one",
  "gyosei@gyosei-support.example": "vendor gyosei",
  "hello@studio-aoi.example": "vendor studio-aoi",
  "sales@bridgesoft.example": "vendor bridgesoft",
  "team@growth-ad.example": "vendor growth-ad",
  "contact@hokkaido-data.example": "vendor hokkaido",
  "advisor@hikaku-advisory.example": "advisor",
  "admin@kurabe.example": "admin",
};

export async function loadTruth(db: pg.Pool): Promise<Truth> {
  const q = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];
  const now = new Date();
  const members = await q<{ email: string; org_id: string; kind: OrgKind; is_platform_admin: boolean }>(
    `select u.email, m.org_id, o.kind, u.is_platform_admin from users u join memberships m on m.user_id = u.id join organizations o on o.id = m.org_id where u.email = any($1)`,
    [DEMO_ACCOUNTS.map((a) => a.email)],
  );
  const roles: Role[] = DEMO_ACCOUNTS.map((a) => {
    const m = members.find((row) => row.email === a.email);
    if (!m) throw new Error(`demo account ${a.email} is not in the database: was the demo data seeded?`);
    return {
      label: ROLE_LABELS[a.email] ?? a.email,
      email: a.email,
      password: DEMO_PASSWORD,
      token: a.token,
      orgId: m.org_id,
      kind: m.kind,
      isAdmin: m.is_platform_admin,
    };
  });
  roles.push({ label: "anonymous", email: null, password: "", token: null, orgId: "", kind: "anonymous", isAdmin: false });

  const orgs = new Map(
    (await q<{ id: string; name: string; kind: OrgKind }>(`select id, name, kind from organizations`)).map((o) => [o.id, { name: o.name, kind: o.kind }]),
  );
  const rfqRows = await q<{
    id: string;
    title: string;
    buyer_org_id: string;
    status: string;
    sealed: boolean;
    visibility: "invited" | "marketplace";
    quote_deadline: Date | null;
    content: RfqContent;
  }>(`select id, title, buyer_org_id, status, sealed, visibility, quote_deadline, content from rfqs`);
  const invitations = await q<{ rfq_id: string; vendor_org_id: string }>(`select rfq_id, vendor_org_id from rfq_invitations`);
  const advisors = await q<{ rfq_id: string; advisor_org_id: string }>(`select rfq_id, advisor_org_id from rfq_advisors`);
  const rfqs: RfqTruth[] = rfqRows.map((r) => ({
    id: r.id,
    title: r.title,
    buyerOrgId: r.buyer_org_id,
    status: r.status,
    sealed: r.sealed,
    visibility: r.visibility,
    deadline: r.quote_deadline,
    invitedVendorOrgIds: invitations.filter((i) => i.rfq_id === r.id).map((i) => i.vendor_org_id),
    advisorOrgIds: advisors.filter((a) => a.rfq_id === r.id).map((a) => a.advisor_org_id),
    content: r.content ?? {},
  }));

  type Normalized = { contractValueExcludingTax?: number; tco?: number; managementOverhead?: number; transitionEffort?: number };
  const quoteRows = await q<{
    id: string;
    rfq_id: string;
    vendor_org_id: string;
    status: string;
    content: { unitPrices?: Record<string, number> };
    normalized: Normalized | null;
  }>(
    `select q.id, q.rfq_id, q.vendor_org_id, q.status, q.content, v.normalized
       from quotes q left join quote_versions v on v.quote_id = q.id and v.version = q.current_version`,
  );
  const quotes: QuoteTruth[] = quoteRows.map((r) => ({
    id: r.id,
    rfqId: r.rfq_id,
    vendorOrgId: r.vendor_org_id,
    status: r.status,
    unitPrices: Object.values(r.content?.unitPrices ?? {}).filter((n): n is number => typeof n === "number"),
    contractValue: r.normalized?.contractValueExcludingTax ?? null,
    tco: r.normalized?.tco ?? null,
    managementOverhead: r.normalized?.managementOverhead ?? null,
    transitionEffort: r.normalized?.transitionEffort ?? null,
    allNumbers: numbersIn([r.content, r.normalized]),
  }));
  const certifications = (await q<{ id: string; org_id: string }>(`select id, org_id from certifications`)).map((c) => ({ id: c.id, orgId: c.org_id }));
  const questions = (await q<{ id: string; rfq_id: string }>(`select id, rfq_id from rfq_questions`)).map((c) => ({ id: c.id, rfqId: c.rfq_id }));
  const notes = (await q<{ rfq_id: string; body: string; advisor_org_id: string }>(`select rfq_id, body, advisor_org_id from advisor_notes`)).map((n) => ({
    rfqId: n.rfq_id,
    body: n.body,
    advisorOrgId: n.advisor_org_id,
  }));
  // The track record's counts are public (the vendor profile shows them).
  const observations = await q<{ successes: number; trials: number }>(`select successes, trials from evidence_events where trials is not null`);
  const publicNumbers = new Set([...numbersIn(rfqRows.map((r) => r.content)), ...numbersIn(observations)]);
  const vendorOrgIds = [...orgs].filter(([, o]) => o.kind === "vendor").map(([id]) => id);
  return { roles, orgs, rfqs, quotes, certifications, questions, notes, vendorOrgIds, publicNumbers, now };
}

/** True once the buyer side may read quote contents (the policy in app/domain/quote/sealed.ts, restated independently). */
export function quotesOpened(rfq: RfqTruth, now: Date): boolean {
  if (rfq.status === "cancelled") return false;
  if (!rfq.sealed) return true;
  return rfq.deadline !== null && rfq.deadline.getTime() <= now.getTime();
}

/** A vendor may see a published RFQ on the marketplace or one it was invited to. */
export function vendorMaySee(rfq: RfqTruth, vendorOrgId: string): boolean {
  return rfq.status !== "draft" && (rfq.visibility === "marketplace" || rfq.invitedVendorOrgIds.includes(vendorOrgId));
}

// Tables a refused write must leave untouched. Contents are hashed for the small business tables; the
// append-only ones are counted (the indexer updates outbox rows, and a refused read or write may add
// an audit row for the refusal itself, which is not a partial write).
const HASHED_TABLES = [
  "rfqs",
  "rfq_versions",
  "rfq_invitations",
  "rfq_questions",
  "rfq_advisors",
  "advisor_notes",
  "quotes",
  "quote_versions",
  "certifications",
  "organizations",
  "memberships",
  "invitations",
  "api_tokens",
  "vendor_profiles",
];

/** One string that changes when any business row changes; compared before and after each refused write. */
export async function fingerprint(db: pg.Pool): Promise<string> {
  // Columns that record use rather than state (an API token's last use) are left out.
  const parts = HASHED_TABLES.map(
    (t) =>
      `(select md5(coalesce(string_agg(md5((to_jsonb(x) - 'last_used_at')::text), '' order by md5((to_jsonb(x) - 'last_used_at')::text)), '')) from ${t} x) as "${t}"`,
  );
  const counts = [
    `(select count(*)::int from outbox) as outbox`,
    `(select count(*)::int from notifications) as notifications`,
    `(select count(*)::int from users) as users`,
    // Refusals may be audited ("quote.read.denied"…); anything else is a state change.
    `(select count(*)::int from audit_log where action !~* '(denied|refused|failed|forbidden|rate)') as audit`,
  ];
  const row = (await db.query(`select ${[...parts, ...counts].join(", ")}`)).rows[0] as Record<string, unknown>;
  return JSON.stringify(row);
}

/** Names the tables whose part of the fingerprint differs, for the report. */
export function changedTables(before: string, after: string): string[] {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(a).filter((k) => a[k] !== b[k]);
}
