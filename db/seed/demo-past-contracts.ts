import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { writeAudit } from "../queries/audit";
import { KPI_CATALOG, toWeightPoints } from "~/domain/rfq/kpi-templates";
import type { Criterion } from "~/domain/rfq/schema";
import { quoteA } from "~/domain/quote/test-fixtures";
import type { Actor } from "~/domain/permissions";
import { activateContract, createContract, readContract, saveMilestones } from "~/services/contracts.server";
import { inspectDelivery, submitDelivery } from "~/services/deliveries.server";
import { enterAndConfirmMonth } from "~/services/sla-measurements.server";
import { createLocalMailer } from "~/services/mail.server";
import { readEnv } from "~/utils/env.server";
import { actorFor, createAccount, createAcceptedAward, mustSucceed, serviceContext, vendorOrgId, type FactoryContext } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { VENDOR } from "./demo-rfqs";

// The demo's track records as past Kurabe contracts (issue 17 item 5; decision 0038): for each past client a
// buyer organisation with one member, a closed RFQ in the work's category with its KPI criteria, the vendor's
// quote, the award (through the buyer's approval route) and the vendor's acceptance, and an ACTIVE contract with
// the SLA targets and a milestone plan — all through the services and factories the award and invoice seeds use.
// Then the parties do the contract's work through the services they use — the vendor delivers each milestone and
// the buyer inspects it, the vendor enters each month's measurements and the buyer confirms them — and those
// services record the evidence (`doPastWork`). This seed never writes evidence itself.
//
// The closed survey RFQ (accuracy, on-time rate, similar projects) is built to show all three badges:
// 行政サポートセンター's record is at or above its claims (verified); 北海道データエントリー's is clearly below its
// claims of 99.95% accuracy and 100% on time (shrunk); ネクスト経理サービス has no record (unverified).

const BRIDGESOFT = "ブリッジソフト株式会社";

type Kpis = Record<string, [successes: number, trials: number]>;

export interface DemoPastContract {
  client: string;
  buyerKind: "municipality" | "company";
  category: string;
  title: string;
  /** The first and last day of the work (YYYY-MM-DD): months measured, milestones due in between. */
  started: string;
  ended: string;
  /** Totals over the contract, as the old seeded engagements had them; spread over months / milestones below. */
  kpis: Kpis;
  /** The vendor's commitments, when not the catalog's targets or the rates it delivered (an ongoing contract). */
  claims?: Record<string, number>;
  /** How many milestones, when not one per delivery counted (an ongoing contract: quarterly). */
  milestones?: number;
}

export const DEMO_PAST_CONTRACTS: Record<string, DemoPastContract[]> = {
  [VENDOR.gyosei]: [
    {
      client: "青葉市 税務課",
      buyerKind: "municipality",
      category: "data_entry",
      title: "令和5年度 個人住民税 申告書データ入力業務",
      started: "2023-04-01",
      ended: "2024-03-31",
      kpis: { accuracy: [59_955, 60_000], on_time_rate: [24, 24] },
    },
    {
      client: "東山市 福祉政策課",
      buyerKind: "municipality",
      category: "municipal",
      title: "臨時特別給付金 申請受付・審査補助業務",
      started: "2023-06-01",
      ended: "2024-01-31",
      kpis: { accuracy: [41_962, 42_000], answer_rate: [9_420, 9_800] },
    },
    {
      client: "港南区役所 保険年金課",
      buyerKind: "municipality",
      category: "municipal",
      title: "国民健康保険 各種申請の受付・入力補助",
      started: "2024-04-01",
      ended: "2025-03-31",
      kpis: { accuracy: [39_970, 40_000], answer_rate: [11_690, 12_000] },
    },
    {
      client: "白浜町 企画課",
      buyerKind: "municipality",
      category: "data_entry",
      title: "町民アンケート 調査票入力・集計業務",
      started: "2024-09-01",
      ended: "2024-11-30",
      kpis: { accuracy: [6_996, 7_000], on_time_rate: [12, 12] },
    },
    {
      client: "緑ヶ丘市 市民課",
      buyerKind: "municipality",
      category: "data_entry",
      title: "マイナンバーカード交付予約 データ入力業務",
      started: "2025-04-01",
      ended: "2026-03-31",
      kpis: { accuracy: [35_968, 36_000], on_time_rate: [22, 24] },
    },
  ],
  [VENDOR.hokkaidoData]: [
    {
      client: "北斗市 市民課",
      buyerKind: "municipality",
      category: "data_entry",
      title: "住民異動届 データ入力業務",
      started: "2023-07-01",
      ended: "2024-06-30",
      kpis: { accuracy: [29_931, 30_000], on_time_rate: [20, 24] },
    },
    {
      client: "株式会社道央ロジスティクス",
      buyerKind: "company",
      category: "data_entry",
      title: "配送伝票・納品書 データ入力",
      started: "2024-04-01",
      ended: "2025-03-31",
      kpis: { accuracy: [47_880, 48_000], on_time_rate: [21, 24] },
    },
    {
      client: "美瑛町 健康推進課",
      buyerKind: "municipality",
      category: "data_entry",
      title: "特定健診 問診票データ入力",
      started: "2025-05-01",
      ended: "2025-12-31",
      kpis: { accuracy: [15_968, 16_000], on_time_rate: [7, 8] },
    },
  ],
  [VENDOR.contactOne]: [
    {
      client: "西海市 企画財政課",
      buyerKind: "municipality",
      category: "contact_center",
      title: "定額減税補足給付金 コールセンター運営",
      started: "2024-06-01",
      ended: "2025-03-31",
      kpis: { answer_rate: [45_260, 48_000], resolution_rate: [38_900, 45_260], csat: [1_640, 1_900] },
    },
    {
      client: "株式会社九州ホームサービス",
      buyerKind: "company",
      category: "support_operations",
      title: "会員向けカスタマーサポート窓口（多言語）",
      started: "2025-01-01",
      ended: "2025-12-31",
      kpis: { answer_rate: [61_100, 64_000], resolution_rate: [52_400, 61_100], csat: [2_310, 2_600] },
    },
  ],
  [VENDOR.payrollPartners]: [
    {
      client: "株式会社みなと製菓",
      buyerKind: "company",
      category: "hr_payroll",
      title: "給与計算・年末調整業務（従業員820名）",
      started: "2023-01-01",
      ended: "2025-12-31",
      kpis: { payroll_on_time: [39, 39], accuracy: [31_960, 31_980] },
    },
    {
      client: "北陸フーズ株式会社",
      buyerKind: "company",
      category: "hr_payroll",
      title: "給与計算・社会保険手続き代行（従業員1,150名）",
      started: "2024-04-01",
      ended: "2026-03-31",
      kpis: { payroll_on_time: [28, 28], accuracy: [32_180, 32_200] },
    },
  ],
  [VENDOR.studioAoi]: [
    {
      client: "株式会社こはる茶舗",
      buyerKind: "company",
      category: "creative",
      title: "新茶キャンペーン ランディングページ制作",
      started: "2024-02-01",
      ended: "2024-04-30",
      kpis: { on_time_rate: [6, 6] },
    },
    {
      client: "有限会社やまびこ味噌",
      buyerKind: "company",
      category: "creative",
      title: "通販サイト 商品ページ・LP制作",
      started: "2025-03-01",
      ended: "2025-06-30",
      kpis: { on_time_rate: [7, 8] },
    },
  ],
  [VENDOR.growthAd]: [
    {
      client: "株式会社しまなみ果樹園",
      buyerKind: "company",
      category: "marketing",
      title: "検索・SNS広告 運用代行（ギフト需要期）",
      started: "2024-10-01",
      ended: "2025-09-30",
      kpis: { ctr: [27_300, 1_500_000], cvr: [610, 27_300] },
    },
  ],
  [BRIDGESOFT]: [
    {
      client: "株式会社東邦精機",
      buyerKind: "company",
      category: "software_development",
      title: "生産管理システム 受託開発",
      started: "2023-05-01",
      ended: "2024-08-31",
      kpis: { defect_rate: [18, 1_200], schedule_adherence: [11, 12] },
    },
  ],
  // 株式会社ネクスト経理サービス: no past contract — its claims stay unverified.
};

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_MS = 9 * 60 * 60 * 1000;

type KpiTemplateLike = {
  key: string;
  label: { ja: string; en: string };
  perspective: Criterion["perspective"];
  direction: Criterion["direction"];
  aspect: string;
};
const template = (key: string) => (KPI_CATALOG as Record<string, KpiTemplateLike & { scale?: { worst: number; best: number }; target?: number }>)[key]!;

/** KPIs counted per delivery (a milestone accepted on time or late); every other rate is measured monthly. */
const isDeliveryKpi = (key: string) => template(key).aspect === "timeliness";

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const atJst = (day: string, hour = 10) => new Date(Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000 - JST_MS);

/** The last day of each month from `started` to `ended` (YYYY-MM-DD): the measured periods. */
export function monthEnds(started: string, ended: string): string[] {
  const out: string[] = [];
  let [y, m] = started.split("-").map(Number) as [number, number];
  for (;;) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end.slice(0, 7) > ended.slice(0, 7)) break;
    out.push(end);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/** n parts of `total` as whole numbers adding up to it, the remainder spread over the first parts. */
export function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/** The milestone dates of a contract: `n` due dates evenly between start and end, the last on the end day. */
function dueDates(c: DemoPastContract, n: number): string[] {
  const days = Math.round((Date.parse(c.ended) - Date.parse(c.started)) / DAY_MS);
  return Array.from({ length: n }, (_, i) => addDays(c.started, Math.max(1, Math.round(((i + 1) * days) / n))));
}

const deliveriesOf = (c: DemoPastContract) => Object.entries(c.kpis).find(([key]) => isDeliveryKpi(key));

/** One step of a past contract's work, on its day: a month's measurements entered and confirmed, or a milestone delivered. */
export type PastStep =
  | { kind: "month"; day: string; period: string; figures: { kpiKey: string; successes: number; trials: number }[] }
  | { kind: "delivery"; day: string; milestoneIndex: number; late: boolean };

/**
 * The work of one past contract, in the order it happened: each month's rate KPIs entered on the 3rd of the next
 * month (their totals adding up to the contract's), and one delivery per milestone — on its due date, or, for the
 * late ones (spread over the contract), rejected once and delivered again five days late.
 */
export function pastWorkOf(c: DemoPastContract): PastStep[] {
  const months = monthEnds(c.started, c.ended);
  const steps: PastStep[] = months.map((end) => ({ kind: "month", day: addDays(end, 3), period: end.slice(0, 7), figures: [] }));
  for (const [kpiKey, [successes, trials]] of Object.entries(c.kpis)) {
    if (isDeliveryKpi(kpiKey)) continue;
    // Failures spread like trials, so every month has 0 ≤ successes ≤ trials and the totals add up.
    const monthTrials = spread(trials, months.length);
    const monthFailures = spread(trials - successes, months.length);
    months.forEach((_, i) => {
      if (monthTrials[i]! === 0) return;
      const failures = Math.min(monthFailures[i]!, monthTrials[i]!);
      (steps[i] as Extract<PastStep, { kind: "month" }>).figures.push({ kpiKey, successes: monthTrials[i]! - failures, trials: monthTrials[i]! });
    });
  }
  const deliveries = deliveriesOf(c);
  if (deliveries) {
    const [, [onTime, total]] = deliveries;
    const late = total - onTime;
    dueDates(c, total).forEach((due, i) => {
      const isLate = Math.floor(((i + 1) * late) / total) > Math.floor((i * late) / total);
      steps.push({ kind: "delivery", day: due, milestoneIndex: i, late: isLate });
    });
  }
  return steps.filter((s) => s.kind === "delivery" || s.figures.length > 0).sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Does a past contract's work through the services its parties use — the vendor delivers and the buyer inspects
 * (deliveries.server.ts), the vendor enters each month's measurements and the buyer confirms them
 * (sla-measurements.server.ts) — each on its day (the factory clock), so the evidence comes through the one event
 * path (decision 0038) and never from this seed. Returns the number of steps done.
 */
async function doPastWork(f: FactoryContext, c: DemoPastContract, contractId: string, vendor: Actor, buyer: Actor): Promise<number> {
  const steps = pastWorkOf(c);
  for (const step of steps) {
    f.clock.set(atJst(step.day));
    if (step.kind === "month") {
      mustSucceed(
        await enterAndConfirmMonth(f.ctx, { vendor, buyer, contractId, period: step.period, figures: step.figures }),
        `${c.client}: the measurements of ${step.period}`,
      );
      continue;
    }
    const note = `第${step.milestoneIndex + 1}回の成果物を納品します。`;
    let delivered = mustSucceed(await submitDelivery(f.ctx, vendor, contractId, { milestoneIndex: step.milestoneIndex, note }), `${c.client}: delivery`);
    if (step.late) {
      mustSucceed(
        await inspectDelivery(f.ctx, buyer, delivered.delivery.id, {
          decision: "reject",
          reason: "チェックリストの一部が未記入です。記入のうえ再納品してください。",
        }),
        `${c.client}: rejection`,
      );
      f.clock.set(atJst(addDays(step.day, 5)));
      delivered = mustSucceed(
        await submitDelivery(f.ctx, vendor, contractId, { milestoneIndex: step.milestoneIndex, note: `${note}（修正版）` }),
        `${c.client}: redelivery`,
      );
    }
    mustSucceed(await inspectDelivery(f.ctx, buyer, delivered.delivery.id, { decision: "accept" }), `${c.client}: acceptance`);
  }
  return steps.length;
}

/** The past RFQ's criteria: TCO and the contract's KPIs as commitments with the catalog's scales and targets. */
function criteriaOf(c: DemoPastContract): Criterion[] {
  const keys = Object.keys(c.kpis);
  const weights = toWeightPoints([40, ...keys.map(() => 60 / keys.length)]);
  return [
    {
      key: "tco",
      label: { ja: "総保有コスト", en: "TCO" },
      perspective: "financial",
      direction: "cost",
      weight: weights[0]!,
      source: "price",
      unit: "yen",
      scale: { worst: 15_000_000, best: 10_000_000 },
    },
    ...keys.map((key, i): Criterion => {
      const t = template(key);
      return {
        key,
        label: { ja: t.label.ja, en: t.label.en },
        perspective: t.perspective,
        direction: t.direction,
        weight: weights[i + 1]!,
        source: "kpi_commitment",
        unit: "rate",
        ...(t.scale ? { scale: { ...t.scale } } : {}),
        ...(t.target !== undefined ? { target: t.target } : {}),
      };
    }),
  ];
}

/** The vendor's commitments on the past RFQ: the catalog's target where it has one, else the rate it went on to deliver. */
const commitmentsOf = (c: DemoPastContract) =>
  c.claims ?? Object.fromEntries(Object.entries(c.kpis).map(([key, [s, n]]) => [key, template(key).target ?? Math.round((s / n) * 1000) / 1000]));

const vendorEmailOf = (orgName: string) => DEMO_ACCOUNTS.find((a) => a.org === orgName)!.email;

/** The past client's member (no one signs in as them in the demo; the address is fictional). */
const clientEmail = (vendorIndex: number, contractIndex: number) => `past-client-${vendorIndex + 1}-${contractIndex + 1}@kurabe-demo.example`;

async function pastContract(f: FactoryContext, c: DemoPastContract, vendorName: string, email: string, passwordHash: string) {
  const db = f.ctx.db;
  const vendorId = await vendorOrgId(db, vendorName);
  const existing = await db
    .selectFrom("contracts")
    .innerJoin("organizations as buyer", "buyer.id", "contracts.buyer_org_id")
    .select(["contracts.id", "contracts.buyer_org_id"])
    .where("buyer.name", "=", c.client)
    .where("contracts.vendor_org_id", "=", vendorId)
    .executeTakeFirst();
  if (existing) return null;

  // The RFQ is published six weeks before the work starts; its deadline (two weeks later) opens the quote.
  f.clock.set(new Date(atJst(c.started).getTime() - 42 * DAY_MS));
  const buyer = await createAccount(db, { kind: "buyer", org: c.client, email, name: "契約 担当", passwordHash, tokenName: "demo" });
  const award = await createAcceptedAward(f, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendorEmailOf(vendorName),
    vendorOrgId: vendorId,
    buyerKind: c.buyerKind,
    // The term is the months of the work, so every month measured falls within it.
    rfq: { title: c.title, category: c.category as never, phase: "launch", criteria: criteriaOf(c), contractTermMonths: monthEnds(c.started, c.ended).length },
    quote: quoteA({ kpiCommitments: commitmentsOf(c) }),
  });
  f.clock.set(atJst(c.started));
  const buyerActor = { userId: buyer.user.id, isPlatformAdmin: false, org: { id: buyer.org.id, kind: "buyer" as const, role: "owner" as const } };
  const { contractId } = mustSucceed(await createContract(f.ctx, buyerActor, award.rfqId), `the contract with ${c.client}`);
  const read = mustSucceed(await readContract(f.ctx, buyerActor, contractId), "reading the contract");
  if (read.side !== "buyer") throw new Error("Demo past contracts: the buyer reads the vendor's view");
  const plan = read.contract.content.milestonePlan;
  const first = plan.milestones[0]!;
  // One milestone per delivery counted on time or late; a quarterly report where the work has no delivery KPI.
  const count = c.milestones ?? deliveriesOf(c)?.[1][1] ?? Math.max(1, Math.ceil(monthEnds(c.started, c.ended).length / 3));
  const amounts = spread(read.contract.content.totals.total, count);
  mustSucceed(
    await saveMilestones(f.ctx, buyerActor, contractId, {
      basis: "amount",
      outsideScope: plan.outsideScope ?? null,
      milestones: dueDates(c, count).map((dueDate, i) => ({
        name: `第${i + 1}回納品`,
        amountYen: amounts[i],
        dueDate,
        acceptance: "納品物とSLA実績報告の確認",
        inspectionDays: first.inspectionDays ?? null,
        paymentDueDays: first.paymentDueDays ?? null,
      })),
    }),
    `the milestones with ${c.client}`,
  );
  mustSucceed(await activateContract(f.ctx, buyerActor, contractId), `activating the contract with ${c.client}`);
  return { contractId, buyer: buyerActor };
}

/** The buyer of the demo's ongoing contract; it signs in with the demo password. */
export const ONGOING_CLIENT_EMAIL = "buyer@shirakawa-shokai.example";

/**
 * The demo's ongoing contract (issue 17's path to try): ネクスト経理サービス's monthly bookkeeping for 株式会社しらかわ
 * 商会, begun on the first day of last month, for a year, with quarterly milestones and nothing delivered or measured
 * yet — so last month's measurements are due and the first milestone can be delivered, inspected and accepted.
 * Its dates follow `now`, so the demo always has a month to measure.
 */
export function ongoingContract(now: Date): DemoPastContract {
  const today = new Date(now.getTime() + JST_MS).toISOString().slice(0, 10);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const started = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  const ended = new Date(Date.UTC(y, m + 10, 0)).toISOString().slice(0, 10);
  return {
    client: "株式会社しらかわ商会",
    buyerKind: "company",
    category: "accounting",
    title: "月次記帳代行・決算補助業務",
    started,
    ended,
    kpis: { accuracy: [0, 0], on_time_rate: [0, 0] },
    claims: { accuracy: 0.995, on_time_rate: 0.95 },
    milestones: 4,
  };
}

/**
 * Seeds the past contracts and their work (after the demo accounts). Idempotent: a client already contracted with
 * the vendor is left as it is (its work was done when it was contracted).
 */
export async function seedDemoPastContracts(db: Kysely<Database>, now: Date, passwordHash: string): Promise<void> {
  const f = serviceContext(db, now, { mailer: createLocalMailer(), env: readEnv({ NODE_ENV: "development" }) });
  let steps = 0;
  let contracted = 0;
  const vendors = Object.entries(DEMO_PAST_CONTRACTS);
  for (const [vi, [vendorName, contracts]] of vendors.entries()) {
    const vendor = await actorFor(db, vendorEmailOf(vendorName));
    for (const [ci, c] of contracts.entries()) {
      const made = await pastContract(f, c, vendorName, clientEmail(vi, ci), passwordHash);
      if (!made) continue;
      contracted++;
      steps += await doPastWork(f, c, made.contractId, vendor, made.buyer);
    }
  }
  // The ongoing contract: contracted, its work still to do.
  if (await pastContract(f, ongoingContract(now), VENDOR.nextKeiri, ONGOING_CLIENT_EMAIL, passwordHash)) contracted++;
  f.clock.set(now);
  if (contracted > 0)
    await writeAudit(db, {
      actorUserId: null,
      actorOrgId: null,
      action: "seed.trackRecords",
      entityType: "system",
      entityId: "demo",
      after: { contracts: contracted, steps },
    });
}
