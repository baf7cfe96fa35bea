import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";
import { mulberry32 } from "~/domain/scoring/prng";
import { rankAlternatives, winnerStability } from "~/domain/scoring";
import { canonicalJson } from "~/domain/canonical-json";
import { freezeSnapshot, type ProposalSnapshot } from "~/domain/award/proposal";
import { buildRankingInput, type QuoteForRanking } from "~/domain/comparison/ranking-input";
import { buildContractDraft, termEnd } from "~/domain/contracts/contract-draft";
import { lastDayOf } from "~/domain/measurements/period";
import { KPI_CATALOG, suggestCriteria } from "~/domain/rfq/kpi-templates";
import { RFQ_PHASES, type RfqCategory, type RfqPhase } from "~/domain/rfq/categories";
import { rfqSchema, type Criterion, type Rfq } from "~/domain/rfq/schema";
import { buildQuoteSchema, type Quote } from "~/domain/quote/schema";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";

// The demo's market history (issue 19 item 5; decision 0050): three years of other buyers' past RFQs, their opened
// quotes, the awards and contracts and every month's confirmed measurements with their evidence, so the market
// benchmarks have something to show — some cells publish (many buyers and vendors, no dominant vendor, data older
// than three months) and some do not (a handful of organisations).
//
// Everything is generated from one fixed seed (mulberry32), so two runs with the same seed and the same `now`
// write the same figures; ids come from the generator too, so the whole history is planned in memory and then
// inserted in ONE transaction with multi-row inserts — never through the services, which would take minutes
// (each award walks a 稟議 route, each month a vendor entry and a buyer confirmation). The rows are what those
// services would have written: the same content shapes (rfqSchema, buildQuoteSchema, normalizeQuoteToTco,
// buildContractDraft, the scoring module for the proposal snapshot), the same states (awarded RFQ, accepted award,
// active contract, confirmed measurement with its `entered` and `confirmed` events, one evidence fact per
// confirmed figure observed on the period's last day).
//
// The history stays out of the way of the demo: its organisations are new and fictional (サンプル…, デモ…, 見本…),
// their members cannot sign in (no valid password hash), its vendors have no vendor profile (so they never appear
// in the vendor directory or its index), its RFQs were invited-only and closed long ago (never in a vendor's
// search), and no outbox row is written (nothing is indexed by the seed).

export const MARKET_HISTORY_SEED = 19_2026;

/** A password hash no password matches (verifyPassword answers false): history members never sign in. */
const NO_LOGIN = "!market-history:no-login";

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

interface OrgSpec {
  name: string;
  municipality?: boolean;
}

/** Twelve-plus buyers: public bodies and companies, all plainly samples. */
export const HISTORY_BUYERS: readonly OrgSpec[] = [
  { name: "サンプル市 総務課", municipality: true },
  { name: "デモ町 住民課", municipality: true },
  { name: "見本市 税務課", municipality: true },
  { name: "ためし村 保健福祉課", municipality: true },
  { name: "サンプル県 行政改革推進室", municipality: true },
  { name: "サンプル商事株式会社" },
  { name: "デモ物産株式会社" },
  { name: "見本工業株式会社" },
  { name: "サンプル食品株式会社" },
  { name: "デモ不動産株式会社" },
  { name: "サンプル電機株式会社" },
  { name: "デモ運輸株式会社" },
  { name: "見本保険株式会社" },
  { name: "サンプル薬品株式会社" },
];

/** Twenty-plus vendors (〇〇データ株式会社 and the like). */
export const HISTORY_VENDORS: readonly OrgSpec[] = [
  "サンプルデータ株式会社",
  "デモ入力センター株式会社",
  "見本データサービス株式会社",
  "サンプルコール株式会社",
  "デモコンタクト株式会社",
  "見本テレサービス株式会社",
  "サンプル会計サポート株式会社",
  "デモ経理アウトソーシング株式会社",
  "見本記帳センター株式会社",
  "サンプル給与計算株式会社",
  "デモ人事サービス株式会社",
  "見本ペイロール株式会社",
  "サンプルヘルプデスク株式会社",
  "デモITサポート株式会社",
  "見本システム運用株式会社",
  "サンプル行政サービス株式会社",
  "デモBPO株式会社",
  "見本総務代行株式会社",
  "サンプルクリエイティブ株式会社",
  "デモ広告株式会社",
  "見本ソフトウェア株式会社",
  "サンプルサポート株式会社",
  "デモオペレーションズ株式会社",
  "見本ビジネスサービス株式会社",
].map((name) => ({ name }));

interface LineSpec {
  code: string;
  description: string;
  unit: string;
  recurrence: "per_unit" | "monthly" | "yearly";
  /** Monthly volume (or quantity per occurrence) range. */
  quantity: [number, number];
  /** The market's median tax-excluded unit price, in yen. */
  medianYen: number;
}

interface CategorySpec {
  category: RfqCategory;
  rfqs: number;
  /** Indexes into HISTORY_BUYERS and HISTORY_VENDORS: who buys and who quotes in this category. */
  buyers: number[];
  vendors: number[];
  title: string;
  lines: LineSpec[];
}

/**
 * The market: five rich categories (many buyers and vendors: their cells publish) and six thin ones (four buyers or
 * fewer, or four vendors or fewer: "not enough data"). Municipal work has exactly four buyers (one short of the rule).
 */
export const HISTORY_CATEGORIES: readonly CategorySpec[] = [
  {
    category: "data_entry",
    rfqs: 34,
    buyers: [0, 1, 2, 5, 6, 7, 8, 11],
    vendors: [0, 1, 2, 16, 23, 15, 17],
    title: "帳票データ入力業務",
    lines: [
      { code: "ENTRY", description: "帳票のデータ入力（ダブルエントリー）", unit: "件", recurrence: "per_unit", quantity: [3_000, 20_000], medianYen: 38 },
      { code: "MGMT", description: "進捗管理・品質管理（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 120_000 },
    ],
  },
  {
    category: "contact_center",
    rfqs: 30,
    buyers: [0, 3, 4, 5, 9, 10, 12, 13],
    vendors: [3, 4, 5, 16, 21, 22, 23, 12],
    title: "問合せ窓口（コールセンター）運営業務",
    lines: [
      { code: "CALL", description: "入電対応", unit: "コール", recurrence: "per_unit", quantity: [1_500, 12_000], medianYen: 620 },
      { code: "SV", description: "スーパーバイザー配置・運営管理（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 380_000 },
    ],
  },
  {
    category: "accounting",
    rfqs: 30,
    buyers: [5, 6, 7, 8, 9, 10, 11, 13],
    vendors: [6, 7, 8, 16, 23, 17, 22],
    title: "経理業務（記帳・支払・月次決算）の委託",
    lines: [
      { code: "JOURNAL", description: "仕訳入力", unit: "仕訳", recurrence: "per_unit", quantity: [1_000, 8_000], medianYen: 95 },
      { code: "CLOSE", description: "月次締め・試算表作成（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 160_000 },
    ],
  },
  {
    category: "hr_payroll",
    rfqs: 28,
    buyers: [2, 4, 5, 6, 8, 11, 12, 13],
    vendors: [9, 10, 11, 16, 23, 17, 21],
    title: "給与計算・年末調整業務",
    lines: [
      { code: "PAYSLIP", description: "給与計算・明細発行", unit: "名", recurrence: "per_unit", quantity: [150, 2_500], medianYen: 850 },
      { code: "YEAREND", description: "年末調整", unit: "名", recurrence: "yearly", quantity: [150, 2_500], medianYen: 2_600 },
    ],
  },
  {
    category: "it_helpdesk",
    rfqs: 26,
    buyers: [1, 3, 4, 6, 7, 9, 10, 12],
    vendors: [12, 13, 14, 21, 22, 16, 20],
    title: "社内ITヘルプデスク運用業務",
    lines: [
      { code: "TICKET", description: "問合せ・障害受付対応", unit: "件", recurrence: "per_unit", quantity: [200, 2_000], medianYen: 1_900 },
      { code: "BASE", description: "窓口基本料（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 420_000 },
    ],
  },
  {
    category: "municipal",
    rfqs: 14,
    buyers: [0, 1, 2, 3],
    vendors: [15, 16, 17, 0, 3, 23],
    title: "給付金・各種申請の受付審査補助業務",
    lines: [
      { code: "APPL", description: "申請書類の受付・審査補助・入力", unit: "件", recurrence: "per_unit", quantity: [800, 6_000], medianYen: 480 },
      { code: "DESK", description: "事務局運営（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 450_000 },
    ],
  },
  {
    category: "general_affairs",
    rfqs: 10,
    buyers: [5, 7, 9, 10, 12, 13],
    vendors: [17, 23, 16, 22],
    title: "総務業務（庶務・備品管理）の委託",
    lines: [{ code: "TASK", description: "庶務依頼の処理", unit: "件", recurrence: "per_unit", quantity: [100, 900], medianYen: 1_300 }],
  },
  {
    category: "support_operations",
    rfqs: 10,
    buyers: [6, 8, 11],
    vendors: [21, 22, 14],
    title: "会員向けサポート窓口の運用",
    lines: [{ code: "CASE", description: "問合せ対応（メール・チャット）", unit: "件", recurrence: "per_unit", quantity: [300, 3_000], medianYen: 1_500 }],
  },
  {
    category: "software_development",
    rfqs: 8,
    buyers: [7, 10, 13],
    vendors: [20, 14, 13],
    title: "業務システムの改修・保守",
    lines: [{ code: "DEV", description: "開発要員（人月）", unit: "人月", recurrence: "monthly", quantity: [1, 4], medianYen: 950_000 }],
  },
  {
    category: "creative",
    rfqs: 6,
    buyers: [5, 8],
    vendors: [18, 19, 20],
    title: "販促物・ウェブページ制作",
    lines: [{ code: "PAGE", description: "ページ・バナー制作", unit: "点", recurrence: "per_unit", quantity: [2, 10], medianYen: 60_000 }],
  },
  {
    category: "marketing",
    rfqs: 4,
    buyers: [6, 9],
    vendors: [19, 18, 22],
    title: "ウェブ広告運用代行",
    lines: [{ code: "OPS", description: "広告運用（月額）", unit: "式", recurrence: "monthly", quantity: [1, 1], medianYen: 280_000 }],
  },
];

/** Every RFQ had three opened quotes; one RFQ in four was closed without an award (150 of 200 awarded). */
const QUOTES_PER_RFQ = 3;
const TERMS = [6, 12, 12, 12, 18] as const;

// ---------------------------------------------------------------------------------------------
// Randomness: one stream from the fixed seed.

interface Draw {
  u(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  normal(): number;
  /** exp(σ·z): a log-normal factor with median 1. */
  logNormal(sigma: number): number;
  uuid(): string;
  /** `n` distinct items in random order. */
  sample<T>(items: readonly T[], n: number): T[];
}

function draws(seed: number): Draw {
  const next = mulberry32(seed);
  const d: Draw = {
    u: next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    // Box–Muller; 1 − u keeps the logarithm finite.
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    logNormal: (sigma) => Math.exp(sigma * d.normal()),
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = "4";
      hex[16] = ((Math.floor(next() * 4) & 0x3) | 0x8).toString(16);
      const s = hex.join("");
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    sample: (items, n) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, n);
    },
  };
  return d;
}

// ---------------------------------------------------------------------------------------------
// Dates

const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
const tokyoDay = (at: Date) => new Date(at.getTime() + JST_MS).toISOString().slice(0, 10);
/** 10:00 in Tokyo on a calendar day. */
const atJst = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000 - JST_MS);
/** The first day of the month after `day`. */
function firstOfNextMonth(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
const periodsFrom = (from: string, months: number) =>
  Array.from({ length: months }, (_, i) => {
    const [y, m] = from.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
  });

// ---------------------------------------------------------------------------------------------
// Figures

/** A price as vendors write it: whole yen under ¥1,000, tens under ¥100,000, thousands above. */
function roundPrice(yen: number): number {
  if (yen < 1_000) return Math.max(1, Math.round(yen));
  if (yen < 100_000) return Math.round(yen / 10) * 10;
  return Math.round(yen / 1_000) * 1_000;
}

type CatalogKpi = { unit: string; direction: "benefit" | "cost"; target?: number; scale?: { worst: number; best: number } };
const catalogKpi = (key: string) => (KPI_CATALOG as Record<string, CatalogKpi>)[key];

/** How far a vendor's commitment sits from the catalog's target, and how the delivered figure sits from the commitment. */
function commitmentFor(c: Criterion, d: Draw, keen: boolean): number {
  const t = catalogKpi(c.key);
  const target = c.target ?? t?.target ?? c.scale?.best ?? 1;
  if (c.unit === "rate") {
    // The shortfall from 100 % spreads log-normally around the target's (at least 0.5 %-points for a 100 % target).
    const shortfall = Math.max(1 - target, 0.005) * d.logNormal(0.45) * (keen ? 0.7 : 1);
    const value = Math.min(1, Math.max(0.5, 1 - shortfall));
    return target >= 0.99 ? Math.round(value * 10_000) / 10_000 : Math.round(value * 1_000) / 1_000;
  }
  const factor = d.logNormal(0.25) * (keen ? 0.85 : 1);
  const value = c.direction === "cost" ? target * factor : target / factor;
  if (c.unit === "yen") return Math.round(value);
  if (c.unit === "score") return Math.min(5, Math.round(value * 10) / 10);
  if (c.unit === "points") return Math.min(100, Math.round(value));
  return Math.round(value * 10) / 10;
}

/** A month's delivered figure: a little worse than committed on average (the seeds' point about claims). */
function deliveredFor(unit: string, direction: "benefit" | "cost", committed: number, trials: number, d: Draw) {
  if (unit === "rate") {
    const shortfall = Math.min(0.5, Math.max(1 - committed, 0.002) * Math.exp(0.3 + 0.35 * d.normal()));
    const successes = Math.min(trials, Math.max(0, Math.round(trials * (1 - shortfall))));
    return { successes, trials, value: null };
  }
  const factor = Math.exp(0.06 + 0.12 * d.normal());
  const raw = direction === "cost" ? committed * factor : committed / factor;
  const value = unit === "yen" ? Math.round(raw) : unit === "score" ? Math.min(5, Math.round(raw * 10) / 10) : Math.round(raw * 100) / 100;
  return { successes: null, trials: null, value: unit === "points" ? Math.min(100, value) : value };
}

// ---------------------------------------------------------------------------------------------
// The plan: every row, with its ids, before anything is written.

/** A row as it is inserted (column → value); the database's constraints and triggers check it. */
type Row = Record<string, unknown>;

export interface MarketHistoryPlan {
  organizations: Row[];
  users: Row[];
  memberships: Row[];
  rfqs: Row[];
  rfqVersions: Row[];
  rfqInvitations: Row[];
  quotes: Row[];
  quoteVersions: Row[];
  awardProposals: Row[];
  awards: Row[];
  contracts: Row[];
  contractVersions: Row[];
  measurements: Row[];
  measurementEvents: Row[];
  evidence: Row[];
}

export interface MarketHistoryOptions {
  seed?: number;
}

interface Party {
  orgId: string;
  userId: string;
  name: string;
  municipality: boolean;
}

/**
 * Plans the history as of `now`: RFQs whose deadlines fall between about 37 and 1½ months ago, their quotes, and for
 * three in four an award, an active contract (term starting the month after the award) and one confirmed
 * measurement per SLA KPI for every month of the term whose confirmation (the 5th of the next month) is before `now`.
 * Pure apart from the clock it is given: the same seed and `now` give the same plan, ids included.
 */
export function planMarketHistory(now: Date, options: MarketHistoryOptions = {}): MarketHistoryPlan {
  const d = draws(options.seed ?? MARKET_HISTORY_SEED);
  const plan: MarketHistoryPlan = {
    organizations: [],
    users: [],
    memberships: [],
    rfqs: [],
    rfqVersions: [],
    rfqInvitations: [],
    quotes: [],
    quoteVersions: [],
    awardProposals: [],
    awards: [],
    contracts: [],
    contractVersions: [],
    measurements: [],
    measurementEvents: [],
    evidence: [],
  };
  const founded = addDays(now, -1_200);
  const party = (spec: OrgSpec, kind: "buyer" | "vendor", index: number): Party => {
    const orgId = d.uuid();
    const userId = d.uuid();
    plan.organizations.push({
      id: orgId,
      kind,
      name: spec.name,
      created_at: founded,
      ...(spec.municipality ? { buyer_kind: "municipality" } : {}),
    });
    plan.users.push({
      id: userId,
      email: `history-${kind}-${String(index + 1).padStart(2, "0")}@kurabe-history.example`,
      name: kind === "buyer" ? "調達 担当" : "営業 担当",
      password_hash: NO_LOGIN,
      created_at: founded,
    });
    plan.memberships.push({ user_id: userId, org_id: orgId, role: "owner", created_at: founded });
    return { orgId, userId, name: spec.name, municipality: spec.municipality === true };
  };
  const buyers = HISTORY_BUYERS.map((b, i) => party(b, "buyer", i));
  const vendors = HISTORY_VENDORS.map((v, i) => party(v, "vendor", i));
  // A vendor's price level and delivery quality are its own (some are cheaper, some more careful) but vary less than
  // one quote from the next, so no vendor wins everything.
  const vendorPrice = vendors.map(() => d.logNormal(0.06));
  /** Months of confirmed work each vendor has delivered so far, per category ("category/vendor index"). */
  const booked = new Map<string, number>();

  const slots = HISTORY_CATEGORIES.flatMap((spec) => Array.from({ length: spec.rfqs }, () => spec));
  const order = d.sample(slots, slots.length);
  const today = tokyoDay(now);

  order.forEach((spec, index) => {
    const awarded = index % 4 !== 3;
    const buyer = buyers[d.pick(spec.buyers)]!;
    // The vendor with the least work on its books bids keenest (about a quarter lower, with more ambitious commitments):
    // over the years the work spreads over the category's vendors instead of piling onto one, as in a market with
    // capacity limits. The other two bidders are any of the category's vendors.
    const load = (v: number) => booked.get(`${spec.category}/${v}`) ?? 0;
    const tieBreak = new Map(spec.vendors.map((v) => [v, d.u()]));
    const hungry = [...spec.vendors].sort((a, b) => load(a) - load(b) || tieBreak.get(a)! - tieBreak.get(b)!)[0]!;
    const others = d.sample(
      spec.vendors.filter((v) => v !== hungry),
      QUOTES_PER_RFQ - 1,
    );
    const quoting = [hungry, ...others].map((v) => ({ index: v, vendor: vendors[v]!, priceLevel: vendorPrice[v]! * (v === hungry ? 0.75 : 1) }));
    const phase: RfqPhase = d.pick(RFQ_PHASES);
    const term = d.pick(TERMS);
    // Deadlines spread over the three years; the newest are six weeks old (so a few figures are still under three months).
    const deadline = atJst(tokyoDay(addDays(now, -d.int(45, 1_125))), 17);
    const published = addDays(deadline, -21);
    const created = addDays(deadline, -28);
    // Prices rise about 2 % a year: older RFQs were a little cheaper.
    const inflation = Math.pow(1.02, (deadline.getTime() - now.getTime()) / (365 * DAY_MS));

    const lineItems = spec.lines.map((line) => ({
      code: line.code,
      description: line.description,
      unit: line.unit,
      quantity: roundQuantity(d.int(line.quantity[0], line.quantity[1])),
      recurrence: line.recurrence,
    }));
    const criteria = suggestCriteria(spec.category, phase, "none");
    const fiscalYear = Number(tokyoDay(deadline).slice(0, 4)) - (Number(tokyoDay(deadline).slice(5, 7)) < 4 ? 1 : 0);
    const title = buyer.municipality ? `令和${fiscalYear - 2018}年度 ${spec.title}` : `${fiscalYear}年度 ${spec.title}`;
    const rfqId = d.uuid();
    const rfq: Rfq = rfqSchema.parse({
      category: spec.category,
      phase,
      title,
      purpose: `${spec.title}を外部委託し、品質を保ったまま処理を安定させる。`,
      scopeIn: spec.lines.map((l) => l.description).join("、"),
      lineItems,
      contractTermMonths: term,
      dataSensitivity: "none",
      criteria,
      scoringMethod: "weighted-sum-minmax",
      // What the work cost in-house per month (about a third above the market's median): the ROI criterion needs it.
      baselineCostMonthlyYen: Math.round((monthlyAtMedian(spec.lines, lineItems) * 1.3) / 10_000) * 10_000,
      quoteDeadline: deadline.toISOString(),
      sealed: true,
      visibility: "invited",
      invitedVendorIds: quoting.map((q) => q.vendor.orgId),
    });
    plan.rfqs.push({
      id: rfqId,
      buyer_org_id: buyer.orgId,
      status: awarded ? "awarded" : "closed",
      title,
      category: spec.category,
      quote_deadline: deadline,
      sealed: true,
      visibility: "invited",
      current_version: 1,
      content: JSON.stringify(rfq),
      created_by: buyer.userId,
      published_at: published,
      created_at: created,
      updated_at: awarded ? addDays(deadline, 10) : addDays(deadline, 1),
    });
    plan.rfqVersions.push({ rfq_id: rfqId, version: 1, content: JSON.stringify(rfq), created_by: buyer.userId, created_at: published });
    for (const q of quoting) plan.rfqInvitations.push({ rfq_id: rfqId, vendor_org_id: q.vendor.orgId, created_at: published });

    const quoteSchema = buildQuoteSchema(rfq);
    const quotes = quoting.map((q) => {
      const included = d.u() < 0.15;
      const unitPrices = Object.fromEntries(
        spec.lines.map((line) => {
          const excluded = line.medianYen * inflation * q.priceLevel * d.logNormal(0.22);
          return [line.code, roundPrice(included ? excluded * 1.1 : excluded)];
        }),
      );
      const content: Quote = quoteSchema.parse({
        unitPrices,
        oneOffFees: { setup: roundPrice(150_000 * d.logNormal(0.5)), transition: d.u() < 0.4 ? roundPrice(100_000 * d.logNormal(0.5)) : 0 },
        taxBasis: included ? "included" : "excluded",
        taxRate: 10,
        leadTimeDays: d.int(14, 60),
        kpiCommitments: Object.fromEntries(criteria.filter((c) => c.source === "kpi_commitment").map((c) => [c.key, commitmentFor(c, d, q.index === hungry)])),
        assumptions: "貴庁（貴社）提示の数量・業務範囲を前提とします。",
      });
      const normalized = normalizeQuoteToTco(rfq, content);
      const submitted = addDays(published, d.int(3, 19));
      return { id: d.uuid(), vendor: q.vendor, content, normalized, submitted };
    });

    // The ranking the buyer would have seen at the opening (the comparison page's numbers), for the award.
    const forRanking: QuoteForRanking[] = quotes.map((q) => ({
      id: q.id,
      vendorName: q.vendor.name,
      content: q.content,
      normalized: q.normalized,
      certifications: [],
      trackRecord: { engagementsInCategory: 0 },
    }));
    // Fewer robustness samples than the page (1000): the figure is kept, not browsed, and 150 rankings add up.
    const input = { ...buildRankingInput(rfq, forRanking, tokyoDay(deadline)), robustness: { samples: 100, perturbation: 0.2, seed: 42 } };
    const result = rankAlternatives(input);
    const winnerId = result.ranking[0]?.id ?? quotes[0]!.id;
    const winner = quotes.find((q) => q.id === winnerId)!;
    const winnerKey = `${spec.category}/${quoting[quotes.indexOf(winner)]!.index}`;

    for (const q of quotes) {
      const status = !awarded ? "submitted" : q.id === winnerId ? "awarded" : "not_selected";
      plan.quotes.push({
        id: q.id,
        rfq_id: rfqId,
        vendor_org_id: q.vendor.orgId,
        status,
        current_version: 1,
        rfq_version: 1,
        content: JSON.stringify(q.content),
        tco: q.normalized.tco,
        submitted_at: q.submitted,
        created_by: q.vendor.userId,
        created_at: addDays(q.submitted, -2),
        updated_at: awarded ? addDays(deadline, 10) : q.submitted,
      });
      plan.quoteVersions.push({
        quote_id: q.id,
        version: 1,
        rfq_version: 1,
        content: JSON.stringify(q.content),
        normalized: JSON.stringify(q.normalized),
        tco: q.normalized.tco,
        kind: "submitted",
        created_by: q.vendor.userId,
        created_at: q.submitted,
      });
    }
    if (!awarded) return;

    const proposedAt = addDays(deadline, 7);
    const decidedAt = addDays(deadline, 10);
    const snapshot: ProposalSnapshot = freezeSnapshot({
      schema: 2,
      takenAt: proposedAt.toISOString(),
      rfq: { id: rfqId, version: 1, title },
      input,
      result,
      stability: winnerStability(input),
      awaitingRatings: criteria.filter((c) => c.source === "advisor_rating").map((c) => c.key),
      quotes: quotes.map((q) => ({
        id: q.id,
        version: 1,
        rfqVersion: 1,
        vendorOrgId: q.vendor.orgId,
        vendorName: q.vendor.name,
        status: "submitted",
        contractValueExcludingTaxYen: q.normalized.contractValueExcludingTax,
        contractValueIncludingTaxYen: q.normalized.contractValueIncludingTax,
        tcoYen: q.normalized.tco,
        roi: q.normalized.roi,
        expiringCertifications: [],
      })),
      advisorNotes: [],
      memos: [],
      annotations: [],
    });
    const snapshotJson = canonicalJson(snapshot);
    const proposalId = d.uuid();
    const awardId = d.uuid();
    const contractId = d.uuid();
    const amount = winner.normalized.contractValueIncludingTax;
    const debrief = "総合評価点が最も高い提案を選定しました。";
    plan.awardProposals.push({
      id: proposalId,
      rfq_id: rfqId,
      buyer_org_id: buyer.orgId,
      proposed_by: buyer.userId,
      quote_id: winner.id,
      amount_yen: amount,
      rationale: "価格とKPIコミットメントの総合評価で第1位のため。",
      snapshot: snapshotJson,
      snapshot_sha256: createHash("sha256").update(snapshotJson, "utf8").digest("hex"),
      // No approval route: the buyer's rules had none then, so the proposal was approved as proposed.
      route_steps: "[]",
      route_revision: 0,
      debrief_reason: debrief,
      status: "approved",
      created_at: proposedAt,
      updated_at: decidedAt,
      decided_at: decidedAt,
    });
    plan.awards.push({
      id: awardId,
      rfq_id: rfqId,
      buyer_org_id: buyer.orgId,
      proposal_id: proposalId,
      quote_id: winner.id,
      vendor_org_id: winner.vendor.orgId,
      amount_yen: amount,
      debrief_reason: debrief,
      status: "accepted",
      respond_by: addDays(decidedAt, 7),
      responded_at: addDays(decidedAt, 2),
      responded_by: winner.vendor.userId,
      created_at: decidedAt,
    });

    const termFrom = firstOfNextMonth(tokyoDay(addDays(deadline, 30)));
    const content = buildContractDraft({
      rfq: {
        id: rfqId,
        version: 1,
        title,
        lineItems: rfq.lineItems,
        contractTermMonths: term,
        criteria: rfq.criteria,
        changeRequestRule: "",
        escalationRules: "",
      },
      quote: { id: winner.id, version: 1, ...winner.content },
      buyer: { orgId: buyer.orgId, name: buyer.name, registrationNumber: null },
      vendor: { orgId: winner.vendor.orgId, name: winner.vendor.name, registrationNumber: null },
      buyerKind: buyer.municipality ? "municipality" : "company",
      termFrom,
      defaults: { milestoneName: "業務完了", acceptance: "業務完了報告書の確認" },
    });
    const activatedAt = addDays(decidedAt, 7);
    plan.contracts.push({
      id: contractId,
      rfq_id: rfqId,
      award_id: awardId,
      quote_id: winner.id,
      buyer_org_id: buyer.orgId,
      vendor_org_id: winner.vendor.orgId,
      status: "active",
      current_version: 1,
      created_by: buyer.userId,
      created_at: addDays(decidedAt, 3),
      updated_at: activatedAt,
      activated_at: activatedAt,
      activated_by: buyer.userId,
    });
    plan.contractVersions.push({
      contract_id: contractId,
      version: 1,
      content: JSON.stringify(content),
      change_reason: "初版",
      created_by: buyer.userId,
      created_at: addDays(decidedAt, 3),
    });

    // Each month of the term already confirmed by now: the vendor entered it on the 3rd, the buyer confirmed on the 5th.
    const volume = lineItems[0]!.quantity;
    const ended = termEnd(termFrom, term);
    for (const period of periodsFrom(termFrom, term)) {
      const next = firstOfNextMonth(`${period}-01`);
      const enteredAt = atJst(`${next.slice(0, 8)}03`);
      const confirmedAt = atJst(`${next.slice(0, 8)}05`);
      if (confirmedAt.getTime() >= now.getTime() || lastDayOf(period) > ended || tokyoDay(confirmedAt) > today) break;
      booked.set(winnerKey, (booked.get(winnerKey) ?? 0) + 1);
      for (const sla of content.sla) {
        // Rates are counted over the month's work: the main line's volume, or the month's deliveries for timeliness.
        const kpi = catalogKpi(sla.key);
        const trials = sla.unit === "rate" ? (isCountedPerDelivery(sla.key) ? d.int(4, 22) : Math.max(20, Math.round(volume * d.logNormal(0.15)))) : 0;
        const figure = deliveredFor(sla.unit, kpi?.direction ?? sla.direction, sla.target, trials, d);
        const measurementId = d.uuid();
        const value = figure.value === null ? null : String(figure.value);
        plan.measurements.push({
          id: measurementId,
          contract_id: contractId,
          buyer_org_id: buyer.orgId,
          vendor_org_id: winner.vendor.orgId,
          period,
          kpi_key: sla.key,
          status: "confirmed",
          successes: figure.successes,
          trials: figure.successes === null ? null : figure.trials,
          value,
          revision: 1,
          entered_by: winner.vendor.userId,
          submitted_at: enteredAt,
          decided_by: buyer.userId,
          decided_at: confirmedAt,
          created_at: enteredAt,
          updated_at: confirmedAt,
        });
        const eventFigures = { successes: figure.successes, trials: figure.successes === null ? null : figure.trials, value };
        plan.measurementEvents.push(
          {
            measurement_id: measurementId,
            kind: "entered",
            revision: 1,
            ...eventFigures,
            note: null,
            body: null,
            actor_user_id: winner.vendor.userId,
            actor_org_id: winner.vendor.orgId,
            at: enteredAt,
          },
          {
            measurement_id: measurementId,
            kind: "confirmed",
            revision: 1,
            ...eventFigures,
            note: null,
            body: null,
            actor_user_id: buyer.userId,
            actor_org_id: buyer.orgId,
            at: confirmedAt,
          },
        );
        plan.evidence.push({
          id: d.uuid(),
          vendor_org_id: winner.vendor.orgId,
          buyer_org_id: buyer.orgId,
          contract_id: contractId,
          category: spec.category,
          kpi_key: sla.key,
          ...eventFigures,
          observed_on: lastDayOf(period),
          source: "measurement",
          source_id: measurementId,
          created_at: confirmedAt,
        });
      }
    }
  });
  return plan;
}

/** The lines' cost per month at the market's median prices (a yearly line counts a twelfth). */
function monthlyAtMedian(lines: readonly LineSpec[], items: readonly { code: string; quantity: number }[]): number {
  return lines.reduce((sum, line) => {
    const quantity = items.find((i) => i.code === line.code)!.quantity;
    return sum + (line.medianYen * quantity) / (line.recurrence === "yearly" ? 12 : 1);
  }, 0);
}

/** Volumes as buyers state them: round hundreds above a thousand, tens above a hundred. */
function roundQuantity(n: number): number {
  if (n >= 1_000) return Math.round(n / 100) * 100;
  if (n >= 100) return Math.round(n / 10) * 10;
  return n;
}

/** Timeliness KPIs count the month's deliveries (a handful), not its volume of work. */
const isCountedPerDelivery = (key: string) => (KPI_CATALOG as Record<string, { aspect?: string }>)[key]?.aspect === "timeliness";

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table (about 20 columns). */
const CHUNK = 500;

async function insertAll(trx: Transaction<Database>, table: keyof Database, rows: readonly Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

export interface MarketHistorySummary {
  buyers: number;
  vendors: number;
  rfqs: number;
  quotes: number;
  contracts: number;
  measurements: number;
  evidence: number;
}

/**
 * Writes the planned history in one transaction (a failure leaves nothing of it). Returns null, writing nothing,
 * when the history is already there (its first buyer exists), so running the seed again is harmless.
 */
export async function seedMarketHistory(db: Kysely<Database>, now: Date, options: MarketHistoryOptions = {}): Promise<MarketHistorySummary | null> {
  const plan = planMarketHistory(now, options);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("organizations").select("id").where("name", "=", HISTORY_BUYERS[0]!.name).executeTakeFirst();
    if (existing) return null;
    // Parents before children, in the order the foreign keys need.
    await insertAll(trx, "organizations", plan.organizations);
    await insertAll(trx, "users", plan.users);
    await insertAll(trx, "memberships", plan.memberships);
    await insertAll(trx, "rfqs", plan.rfqs);
    await insertAll(trx, "rfq_versions", plan.rfqVersions);
    await insertAll(trx, "rfq_invitations", plan.rfqInvitations);
    await insertAll(trx, "quotes", plan.quotes);
    await insertAll(trx, "quote_versions", plan.quoteVersions);
    await insertAll(trx, "award_proposals", plan.awardProposals);
    await insertAll(trx, "awards", plan.awards);
    await insertAll(trx, "contracts", plan.contracts);
    await insertAll(trx, "contract_versions", plan.contractVersions);
    await insertAll(trx, "sla_measurements", plan.measurements);
    await insertAll(trx, "sla_measurement_events", plan.measurementEvents);
    await insertAll(trx, "evidence_events", plan.evidence);
    return {
      buyers: HISTORY_BUYERS.length,
      vendors: HISTORY_VENDORS.length,
      rfqs: plan.rfqs.length,
      quotes: plan.quotes.length,
      contracts: plan.contracts.length,
      measurements: plan.measurements.length,
      evidence: plan.evidence.length,
    };
  });
}
