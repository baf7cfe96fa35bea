import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { writeAudit } from "../queries/audit";
import { enqueueOutbox } from "../queries/outbox";
import { insertEngagementIfAbsent } from "../queries/track-records";
import { vendorOrgId } from "../../tests/factories";
import { VENDOR } from "./demo-rfqs";

// Demo track records: fictional past engagements of the seeded vendors, with the rate KPIs measured
// on them (successes = the events the rate counts: accurate records, on-time deliveries, answered calls,
// clicks…). Until post-award tracking exists this is where a vendor's evidence comes from.
//
// The closed survey RFQ (accuracy, on-time rate, similar projects) is built to show all three badges:
// 行政サポートセンター's record is at or above its claims (verified); 北海道データエントリー's is clearly
// below its claims of 99.95% accuracy and 100% on time (shrunk); ネクスト経理サービス has no record (unverified).

const BRIDGESOFT = "ブリッジソフト株式会社";

type Kpis = Record<string, [successes: number, trials: number]>;

interface DemoEngagement {
  client: string;
  category: string;
  title: string;
  started: string;
  ended: string | null;
  kpis: Kpis;
}

export const DEMO_TRACK_RECORDS: Record<string, DemoEngagement[]> = {
  [VENDOR.gyosei]: [
    {
      client: "青葉市 税務課",
      category: "data_entry",
      title: "個人住民税 申告書データ入力業務",
      started: "2023-04-01",
      ended: "2024-03-31",
      kpis: { accuracy: [59_955, 60_000], on_time_rate: [24, 24] },
    },
    {
      client: "東山市 福祉政策課",
      category: "municipal",
      title: "臨時特別給付金 申請受付・審査補助業務",
      started: "2023-06-01",
      ended: "2024-01-31",
      kpis: { accuracy: [41_962, 42_000], answer_rate: [9_420, 9_800] },
    },
    {
      client: "港南区役所 保険年金課",
      category: "municipal",
      title: "国民健康保険 各種申請の受付・入力補助",
      started: "2024-04-01",
      ended: "2025-03-31",
      kpis: { accuracy: [39_970, 40_000], answer_rate: [11_690, 12_000] },
    },
    {
      client: "白浜町 企画課",
      category: "data_entry",
      title: "町民アンケート 調査票入力・集計業務",
      started: "2024-09-01",
      ended: "2024-11-30",
      kpis: { accuracy: [6_996, 7_000], on_time_rate: [12, 12] },
    },
    {
      client: "緑ヶ丘市 市民課",
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
      category: "data_entry",
      title: "住民異動届 データ入力業務",
      started: "2023-07-01",
      ended: "2024-06-30",
      kpis: { accuracy: [29_931, 30_000], on_time_rate: [20, 24] },
    },
    {
      client: "株式会社道央ロジスティクス",
      category: "data_entry",
      title: "配送伝票・納品書 データ入力",
      started: "2024-04-01",
      ended: "2025-03-31",
      kpis: { accuracy: [47_880, 48_000], on_time_rate: [21, 24] },
    },
    {
      client: "美瑛町 健康推進課",
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
      category: "contact_center",
      title: "定額減税補足給付金 コールセンター運営",
      started: "2024-06-01",
      ended: "2025-03-31",
      kpis: { answer_rate: [45_260, 48_000], resolution_rate: [38_900, 45_260], csat: [1_640, 1_900] },
    },
    {
      client: "株式会社九州ホームサービス",
      category: "support_operations",
      title: "会員向けカスタマーサポート窓口（多言語）",
      started: "2025-01-01",
      ended: null,
      kpis: { answer_rate: [61_100, 64_000], resolution_rate: [52_400, 61_100], csat: [2_310, 2_600] },
    },
  ],
  [VENDOR.payrollPartners]: [
    {
      client: "株式会社みなと製菓",
      category: "hr_payroll",
      title: "給与計算・年末調整業務（従業員820名）",
      started: "2023-01-01",
      ended: "2025-12-31",
      kpis: { payroll_on_time: [39, 39], accuracy: [31_960, 31_980] },
    },
    {
      client: "北陸フーズ株式会社",
      category: "hr_payroll",
      title: "給与計算・社会保険手続き代行（従業員1,150名）",
      started: "2024-04-01",
      ended: null,
      kpis: { payroll_on_time: [28, 28], accuracy: [32_180, 32_200] },
    },
  ],
  [VENDOR.studioAoi]: [
    {
      client: "株式会社こはる茶舗",
      category: "creative",
      title: "新茶キャンペーン ランディングページ制作",
      started: "2024-02-01",
      ended: "2024-04-30",
      kpis: { on_time_rate: [6, 6] },
    },
    {
      client: "有限会社やまびこ味噌",
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
      category: "software_development",
      title: "生産管理システム 受託開発",
      started: "2023-05-01",
      ended: "2024-08-31",
      kpis: { defect_rate: [18, 1_200], schedule_adherence: [11, 12] },
    },
  ],
  // 株式会社ネクスト経理サービス: no engagement on record — its claims stay unverified.
};

/**
 * Records the demo track records (after seedDemoData's accounts). Idempotent: an engagement already on
 * record is skipped. One transaction with its audit row and a vendor outbox row per vendor that changed,
 * so the vendors index and the rankings of the RFQs those vendors quoted on are refreshed.
 */
export async function seedDemoTrackRecords(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const changed: string[] = [];
    let inserted = 0;
    for (const [vendor, engagements] of Object.entries(DEMO_TRACK_RECORDS)) {
      const orgId = await vendorOrgId(trx, vendor);
      let any = false;
      for (const e of engagements) {
        const added = await insertEngagementIfAbsent(trx, {
          vendorOrgId: orgId,
          clientName: e.client,
          category: e.category,
          title: e.title,
          startedOn: e.started,
          endedOn: e.ended,
          source: "seeded",
          kpis: Object.entries(e.kpis).map(([kpiKey, [successes, trials]]) => ({ kpiKey, successes, trials })),
        });
        if (added) inserted++;
        any ||= added;
      }
      if (any) changed.push(orgId);
    }
    if (changed.length === 0) return;
    for (const orgId of changed) await enqueueOutbox(trx, "vendor", orgId);
    await writeAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "seed.trackRecords",
      entityType: "system",
      entityId: "demo",
      after: { engagements: inserted, vendors: changed.length },
    });
  });
}
