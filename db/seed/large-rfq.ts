import type { Kysely, Transaction } from "kysely";
import { hash } from "@node-rs/argon2";
import type { Database } from "../schema";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { rfqSchema, type Criterion, type Rfq } from "~/domain/rfq/schema";
import { buildQuoteSchema, type Quote } from "~/domain/quote/schema";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { DEMO_PASSWORD } from "./demo-data";

// An RFQ with hundreds of opened quotes (issue 21 item 2, decision 0058), for the comparison page's scale test and
// for trying the page by hand — NOT part of the demo seed (the integration tests copy that one, and it must stay
// fast). Loaded by `npm run seed -- --large-rfq` and by the Playwright project `compare-scale`.
//
// Like the market history (market-history.ts) every row is planned in memory and inserted in one transaction with
// multi-row inserts, never through the services (300 quotes through saveQuote take about a minute here). The rows are
// what the services would have written: an RFQ parsed by rfqSchema with its version 1, quotes parsed by the RFQ's
// quote schema with their normalized TCO in version 1. The figures follow fixed arithmetic patterns (no randomness),
// so a test can name what it expects:
//   • every 15th quote (n % 15 === 0) commits an accuracy under the 99.5 % gate → fails it (not ranked);
//   • every 37th quote prices at 60 % of the others → abnormally low (under 75 % of the peers' median, decision 0051);
//   • every 10th vendor has no プライバシーマーク (a mandatory certification);
//   • vendor names cycle through ten prefixes (あおば, ひかり, …), so a name filter finds 30 of them.
// Its own buyer organisation (スケール検証市) signs in with the demo password; its vendors cannot sign in and have
// no vendor profile (never in the vendor directory), and no outbox row is written (nothing is indexed).

export const LARGE_RFQ_BUYER_EMAIL = "buyer@scale-city.example";
export const LARGE_RFQ_BUYER_ORG = "スケール検証市";
export const LARGE_RFQ_TITLE = "大規模公募 申請書類の審査・入力業務（見積300件の比較）";
export const LARGE_RFQ_PREFIXES = ["あおば", "ひかり", "みらい", "つばさ", "こだま", "さくら", "わかば", "ほくと", "なぎさ", "いぶき"] as const;

const NO_LOGIN = "!large-rfq:no-login";
const DAY_MS = 86_400_000;
const KPI_COUNT = 14; // + TCO, accuracy and lead time: 17 criteria, as in issue 21's targets.

/** Quote n (1-based): its vendor's name. */
export const largeRfqVendorName = (n: number) =>
  `${LARGE_RFQ_PREFIXES[(n - 1) % LARGE_RFQ_PREFIXES.length]}データサービス${String(n).padStart(3, "0")}株式会社`;
export const failsGate = (n: number) => n % 15 === 0;
export const pricedLow = (n: number) => n % 37 === 0;
export const lacksPrivacyMark = (n: number) => n % 10 === 0;

function kpiCriteria(): Criterion[] {
  return Array.from({ length: KPI_COUNT }, (_, i) => ({
    key: `kpi_scale_${i + 1}`,
    label: { ja: `品質指標${i + 1}`, en: `Quality KPI ${i + 1}` },
    perspective: (["customer", "internalProcess", "learningGrowth"] as const)[i % 3],
    direction: "benefit" as const,
    weight: 3,
    source: "kpi_commitment" as const,
    unit: "rate" as const,
    scale: { worst: 0.9, best: 1 },
  }));
}

/** A uuid from a namespace byte and a number: stable across runs, distinct from anything gen_random_uuid() makes. */
const stableId = (kind: number, n: number) => `5ca1e000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;

type Row = Record<string, unknown>;

export interface LargeRfqPlan {
  rfqId: string;
  organizations: Row[];
  users: Row[];
  memberships: Row[];
  certifications: Row[];
  rfqs: Row[];
  rfqVersions: Row[];
  rfqInvitations: Row[];
  quotes: Row[];
  quoteVersions: Row[];
}

/** Everything as of `now`: published 20 days ago, its deadline 2 days ago (opened), `count` submitted quotes. */
export function planLargeRfq(now: Date, count: number, passwordHash: string): LargeRfqPlan {
  const published = new Date(now.getTime() - 20 * DAY_MS);
  const deadline = new Date(now.getTime() - 2 * DAY_MS);
  const buyerOrg = stableId(1, 0);
  const buyerUser = stableId(2, 0);
  const rfqId = stableId(3, 0);
  const plan: LargeRfqPlan = {
    rfqId,
    organizations: [{ id: buyerOrg, kind: "buyer", name: LARGE_RFQ_BUYER_ORG, buyer_kind: "municipality", created_at: published }],
    users: [{ id: buyerUser, email: LARGE_RFQ_BUYER_EMAIL, name: "規模 検証", password_hash: passwordHash, locale: "ja", created_at: published }],
    memberships: [{ user_id: buyerUser, org_id: buyerOrg, role: "owner", created_at: published }],
    certifications: [],
    rfqs: [],
    rfqVersions: [],
    rfqInvitations: [],
    quotes: [],
    quoteVersions: [],
  };
  const vendors = Array.from({ length: count }, (_, i) => ({ n: i + 1, orgId: stableId(4, i + 1), userId: stableId(5, i + 1) }));
  const base = completeRfqInput();
  const rfq: Rfq = rfqSchema.parse({
    ...base,
    title: LARGE_RFQ_TITLE,
    quoteDeadline: deadline.toISOString(),
    visibility: "invited",
    invitedVendorIds: vendors.map((v) => v.orgId),
    budget: { min: 10_000_000, max: 40_000_000, showToVendors: false },
    criteria: [...base.criteria!.map((c) => (c.key === "tco" ? { ...c, scale: { worst: 40_000_000, best: 10_000_000 } } : c)), ...kpiCriteria()],
  });
  const content = JSON.stringify(rfq);
  plan.rfqs.push({
    id: rfqId,
    buyer_org_id: buyerOrg,
    status: "published",
    title: LARGE_RFQ_TITLE,
    category: rfq.category,
    quote_deadline: deadline,
    sealed: true,
    visibility: "invited",
    current_version: 1,
    content,
    created_by: buyerUser,
    published_at: published,
    created_at: published,
    updated_at: published,
  });
  plan.rfqVersions.push({ rfq_id: rfqId, version: 1, content, created_by: buyerUser, created_at: published });

  const quoteSchema = buildQuoteSchema(rfq);
  for (const v of vendors) {
    const { n } = v;
    plan.organizations.push({ id: v.orgId, kind: "vendor", name: largeRfqVendorName(n), created_at: published });
    plan.users.push({ id: v.userId, email: `scale-vendor-${n}@scale-city.example`, name: "営業 担当", password_hash: NO_LOGIN, created_at: published });
    plan.memberships.push({ user_id: v.userId, org_id: v.orgId, role: "owner", created_at: published });
    for (const type of ["isms_iso27001", ...(lacksPrivacyMark(n) ? [] : ["privacy_mark"])])
      plan.certifications.push({
        org_id: v.orgId,
        type,
        number: `SC-${n}-${type}`,
        issuer: type === "privacy_mark" ? "JIPDEC" : "BSIグループジャパン",
        valid_from: "2024-04-01",
        valid_until: "2099-03-31",
        status: "verified",
        created_at: published,
      });
    plan.rfqInvitations.push({ rfq_id: rfqId, vendor_org_id: v.orgId, created_at: published });
    // Prices spread over ±15 % by a fixed pattern; the abnormally low ones at 60 %.
    const level = (pricedLow(n) ? 0.6 : 1) * (0.85 + ((n * 37) % 100) / 333);
    const quote: Quote = quoteSchema.parse({
      unitPrices: { INIT: Math.round((2_000_000 * level) / 1000) * 1000, OPS: Math.round((500_000 * level) / 1000) * 1000, DOC: Math.round(600 * level) },
      oneOffFees: { setup: 100_000, transition: 0 },
      taxBasis: "excluded",
      taxRate: 10,
      leadTimeDays: 30,
      kpiCommitments: {
        accuracy: failsGate(n) ? 0.99 : Number((0.995 + ((n * 7) % 50) / 10_000).toFixed(4)),
        processing_lead_time_days: 2 + ((n * 3) % 7),
        ...Object.fromEntries(kpiCriteria().map((c, k) => [c.key, Number((0.9 + (((n * 7 + k * 3) % 10) + 0.5) / 100).toFixed(4))])),
      },
      assumptions: "提示の数量・業務範囲を前提とします。",
    });
    const normalized = normalizeQuoteToTco(rfq, quote);
    const id = stableId(6, n);
    const submitted = new Date(published.getTime() + (1 + (n % 15)) * DAY_MS);
    plan.quotes.push({
      id,
      rfq_id: rfqId,
      vendor_org_id: v.orgId,
      status: "submitted",
      current_version: 1,
      rfq_version: 1,
      content: JSON.stringify(quote),
      tco: normalized.tco,
      submitted_at: submitted,
      created_by: v.userId,
      created_at: submitted,
      updated_at: submitted,
    });
    plan.quoteVersions.push({
      quote_id: id,
      version: 1,
      rfq_version: 1,
      content: JSON.stringify(quote),
      normalized: JSON.stringify(normalized),
      tco: normalized.tco,
      kind: "submitted",
      created_by: v.userId,
      created_at: submitted,
    });
  }
  return plan;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table here. */
const CHUNK = 500;

async function insertAll(trx: Transaction<Database>, table: keyof Database, rows: readonly Row[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/**
 * Writes the large RFQ in one transaction and returns its id; when its buyer already exists, writes nothing and returns
 * the id it has (running the seed again is harmless). `passwordHash`: the demo password's, when the caller has one.
 */
export async function seedLargeRfq(db: Kysely<Database>, now: Date, options: { quotes?: number; passwordHash?: string } = {}): Promise<string> {
  const existing = await db
    .selectFrom("rfqs")
    .innerJoin("users", "users.id", "rfqs.created_by")
    .select("rfqs.id")
    .where("users.email", "=", LARGE_RFQ_BUYER_EMAIL)
    .executeTakeFirst();
  if (existing) return existing.id;
  const plan = planLargeRfq(now, options.quotes ?? 300, options.passwordHash ?? (await hash(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, "organizations", plan.organizations);
    await insertAll(trx, "users", plan.users);
    await insertAll(trx, "memberships", plan.memberships);
    await insertAll(trx, "certifications", plan.certifications);
    await insertAll(trx, "rfqs", plan.rfqs);
    await insertAll(trx, "rfq_versions", plan.rfqVersions);
    await insertAll(trx, "rfq_invitations", plan.rfqInvitations);
    await insertAll(trx, "quotes", plan.quotes);
    await insertAll(trx, "quote_versions", plan.quoteVersions);
  });
  return plan.rfqId;
}
