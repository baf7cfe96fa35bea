import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { contractTotalAsEntered } from "~/domain/quote/amounts";
import type { QuoteInput } from "~/domain/quote/schema";
import { loadOwnQuote, withdrawQuote } from "~/services/quotes.server";
import { actorFor, mustSucceed, serviceContext, submitQuote } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { BOOKKEEPING_DAYS, CALL_CENTRE_DAYS, findDemoRfqIds, SURVEY_CLOSED_DAYS, TAX_FORMS_DAYS, VENDOR, type DemoRfqKey } from "./demo-rfqs";

// Demo quotes, submitted through the quote service so each one has its versions, normalized TCO,
// audit and outbox rows. Prices are realistic yen figures for the work; about half the vendors quote
// 税込 (10%) and the rest 税抜, which is exactly what normalization must make comparable. The seed's
// clock puts every submission between the RFQ's publication and its deadline — for the closed survey
// RFQ that is weeks ago, so its quotes are opened now. Which vendors may quote follows demo-rfqs.ts:
// invited RFQs take only their invitees (the ad-operations RFQ invited two agencies, so it has two).

const DAY_MS = 24 * 60 * 60 * 1000;
/** Marketplace only: no demo RFQ invites this software house, so demo-rfqs.ts does not list it. */
const BRIDGESOFT = "ブリッジソフト株式会社";

interface DemoQuote {
  vendor: string;
  /** Days relative to `now`, after the RFQ's publication (or addendum) and before its deadline. */
  at: number;
  quote: QuoteInput;
  /** Milestones as shares of the total; amounts are computed so they add up to the yen. */
  schedule?: [label: string, share: number][];
  /** A later revision: the same quote with these fields changed, submitted at `at`. */
  revise?: { at: number; changes: Partial<QuoteInput> };
  withdrawAt?: number;
}

const tax = (basis: "excluded" | "included") => ({ taxBasis: basis, taxRate: 10 as const });

// (g) 記帳代行 (awarded): three invited firms; the proposal (demo-awards.ts) picks ネクスト経理, ranked first.
const QUARTERS: [string, number][] = [
  ["第1四半期分 検収後", 0.25],
  ["第2四半期分 検収後", 0.25],
  ["第3四半期分 検収後", 0.25],
  ["第4四半期分 検収後", 0.25],
];
const BOOKKEEPING_QUOTES: DemoQuote[] = [
  {
    vendor: VENDOR.nextKeiri,
    at: BOOKKEEPING_DAYS.deadline - 6,
    quote: {
      unitPrices: { SETUP: 150_000, ENTRY: 150_000, CLOSE: 80_000 },
      ...tax("excluded"),
      leadTimeDays: 20,
      kpiCommitments: { on_time_close: 0.98, accuracy: 0.999, processing_lead_time_days: 5, improvement_proposals: 4 },
      assumptions: "証憑はクラウドストレージで受領します。紙の証憑は月2回の郵送を前提とします。",
      team: "担当者2名（日商簿記2級以上）、レビュー担当1名。",
    },
    schedule: QUARTERS,
  },
  {
    vendor: VENDOR.payrollPartners,
    at: BOOKKEEPING_DAYS.deadline - 4,
    quote: {
      unitPrices: { SETUP: 0, ENTRY: 187_000, CLOSE: 99_000 },
      ...tax("included"),
      leadTimeDays: 30,
      kpiCommitments: { on_time_close: 0.95, accuracy: 0.998, processing_lead_time_days: 6, improvement_proposals: 2 },
      assumptions: "初期設定費は無償とします（12か月以上のご契約が条件）。",
      team: "担当者2名。",
    },
    schedule: QUARTERS,
  },
  {
    vendor: VENDOR.hokkaidoData,
    at: BOOKKEEPING_DAYS.deadline - 2,
    quote: {
      unitPrices: { SETUP: 200_000, ENTRY: 130_000, CLOSE: 110_000 },
      ...tax("excluded"),
      leadTimeDays: 25,
      kpiCommitments: { on_time_close: 0.9, accuracy: 0.9995, processing_lead_time_days: 7, improvement_proposals: 1 },
      assumptions: "入力はダブルエントリー。月次試算表の作成補助は残高照合までとします。",
      team: "入力担当4名、経理経験者1名。",
    },
  },
];

// (h) 住民税申告書 (a proposal waits for approval): the buyer proposes 北海道データエントリー, ranked first.
const TAX_FORMS_QUOTES: DemoQuote[] = [
  {
    vendor: VENDOR.hokkaidoData,
    at: TAX_FORMS_DAYS.deadline - 7,
    quote: {
      unitPrices: { ENTRY: 240, SORT: 300_000, SETUP: 250_000 },
      ...tax("excluded"),
      leadTimeDays: 14,
      kpiCommitments: { accuracy: 0.9997, processing_lead_time_days: 7, on_time_rate: 1 },
      assumptions: "入力は当社の施錠管理された入力センターで行います（個人番号を含むため、作業端末は外部接続なし）。",
      team: "入力オペレーター25名（ピーク時）、検査担当3名、責任者1名。",
    },
    schedule: [
      ["入力完了・検収後", 0.8],
      ["不備一覧の最終納品後", 0.2],
    ],
  },
  {
    vendor: VENDOR.gyosei,
    at: TAX_FORMS_DAYS.deadline - 4,
    quote: {
      unitPrices: { ENTRY: 286, SORT: 330_000, SETUP: 220_000 },
      ...tax("included"),
      leadTimeDays: 10,
      kpiCommitments: { accuracy: 0.9995, processing_lead_time_days: 8, on_time_rate: 0.98 },
      assumptions: "庁舎内の作業スペースをお借りできる場合、受領・仕分けの費用を月10万円減額できます。",
      team: "業務責任者1名、入力担当18名。",
    },
  },
  {
    vendor: VENDOR.nextKeiri,
    at: TAX_FORMS_DAYS.deadline - 1,
    quote: {
      unitPrices: { ENTRY: 300, SORT: 250_000, SETUP: 150_000 },
      ...tax("excluded"),
      leadTimeDays: 21,
      kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 10, on_time_rate: 0.95 },
      assumptions: "ピーク時（3月中旬）は受領から12営業日での入力完了とさせてください。",
      team: "担当者10名。",
    },
  },
];

// (i) コールセンター: three invited firms on each contact-centre RFQ; what the evaluators judge (業務理解度,
// 提案内容の質) is in the proposal text — assumptions, team, past work — not in a number.
function callCentreQuotes(deadline: number): DemoQuote[] {
  return [
    {
      vendor: VENDOR.contactOne,
      at: deadline - 6,
      quote: {
        unitPrices: { OPS: 1_900_000, CALL: 260, SETUP: 1_800_000 },
        ...tax("excluded"),
        leadTimeDays: 45,
        kpiCommitments: { answer_rate: 0.92, resolution_rate: 0.82, csat: 0.88 },
        assumptions:
          "転入・転出期（3〜4月）は席数を12席から18席に増やします。高齢の方の問い合わせが多いため、ゆっくり話す応対研修と、聞き返しを前提にした通話時間の設計をしています。現行のFAQは更新が年1回と伺いましたので、月次でFAQ更新案を提出します。",
        team: "センター長1名（自治体コールセンター8年）、SV3名、オペレーター12名（繁忙期18名）。",
        pastWork: { text: "B市 市民コールセンター（総合案内）運営 3年間（応答率93%）", links: [] },
      },
    },
    {
      vendor: VENDOR.gyosei,
      at: deadline - 4,
      quote: {
        unitPrices: { OPS: 1_600_000, CALL: 240, SETUP: 1_200_000 },
        ...tax("excluded"),
        leadTimeDays: 30,
        kpiCommitments: { answer_rate: 0.9, resolution_rate: 0.8, csat: 0.85 },
        assumptions: "仕様書の業務を仕様書どおりに実施します。繁忙期の体制は入電状況を見て調整します。",
        team: "業務責任者1名、オペレーター10名。",
      },
    },
    {
      vendor: VENDOR.hokkaidoData,
      at: deadline - 2,
      quote: {
        unitPrices: { OPS: 1_400_000, CALL: 300, SETUP: 900_000 },
        ...tax("excluded"),
        leadTimeDays: 40,
        kpiCommitments: { answer_rate: 0.88, resolution_rate: 0.75, csat: 0.8 },
        assumptions: "札幌のセンターから遠隔で応対します。方言・地名の研修を立ち上げ時に行います。メール応対はチャットボットで一次対応します。",
        team: "SV2名、オペレーター9名（札幌センター）。",
      },
    },
  ];
}

const DEMO_QUOTES: Record<Exclude<DemoRfqKey, "accountingDraft">, DemoQuote[]> = {
  // (a) 給付金: ¥30–42M budget; the addendum (version 2) was published 2 days ago, so these answer version 2.
  benefits: [
    {
      vendor: VENDOR.gyosei,
      at: -1.5,
      quote: {
        unitPrices: { SETUP: 2_500_000, OPS: 450_000, INTAKE: 180, REVIEW: 420, NOTICE: 350 },
        oneOffFees: { setup: 0, transition: 300_000 },
        ...tax("excluded"),
        leadTimeDays: 30,
        kpiCommitments: { accuracy: 0.999, answer_rate: 0.95, processing_lead_time_days: 3 },
        assumptions: "繁忙期（3〜4月）は月8,500件までを単価内で対応。これを超える場合は変更契約により従量単価で精算します。",
        exceptions: "郵送料（不備通知の発送費）は実費精算とし、本見積に含みません。",
        team: "業務責任者1名（自治体給付金業務5年）、SV2名、審査補助オペレーター12名（繁忙期20名）。",
        pastWork: { text: "令和5年度 A市 臨時特別給付金 申請受付・審査補助業務（約4万件）", links: ["https://gyosei-support.example/works"] },
      },
      schedule: [
        ["立ち上げ完了時（業務開始月末）", 0.1],
        ["上期（4〜9月分）検収後", 0.45],
        ["下期（10〜3月分）検収後", 0.45],
      ],
      // Re-checked the peak staffing after the Q&A answer and lowered the review price.
      revise: { at: -0.5, changes: { unitPrices: { SETUP: 2_500_000, OPS: 450_000, INTAKE: 180, REVIEW: 398, NOTICE: 350 } } },
    },
    {
      vendor: VENDOR.hokkaidoData,
      at: -1.2,
      quote: {
        unitPrices: { SETUP: 2_200_000, OPS: 396_000, INTAKE: 165, REVIEW: 396, NOTICE: 330 },
        ...tax("included"),
        leadTimeDays: 45,
        kpiCommitments: { accuracy: 0.998, answer_rate: 0.9, processing_lead_time_days: 4 },
        assumptions: "申請書の開封・入力は札幌の入力センター（ISMS認証範囲内）で実施します。原本の輸送は市の負担とします。",
        team: "プロジェクトマネージャー1名、入力・審査補助スタッフ15名（ダブルチェック体制）。",
      },
    },
    {
      vendor: VENDOR.contactOne,
      at: -1,
      quote: {
        unitPrices: { SETUP: 3_000_000, OPS: 520_000, INTAKE: 150, REVIEW: 450, NOTICE: 300 },
        oneOffFees: { setup: 500_000, transition: 0 },
        ...tax("excluded"),
        leadTimeDays: 21,
        kpiCommitments: { accuracy: 0.9995, answer_rate: 0.98, processing_lead_time_days: 2.5 },
        assumptions: "当社コールセンター（別契約）と同一拠点で運営し、問い合わせ内容を審査補助に即日反映します。",
        team: "センター長1名、SV3名、オペレーター10名。",
      },
    },
  ],
  // (b) 給与計算 BPO, marketplace: ¥9–14M shown to vendors.
  payroll: [
    {
      vendor: VENDOR.payrollPartners,
      at: -2,
      quote: {
        unitPrices: { SETUP: 990_000, PAYROLL: 858, BONUS: 165_000, YEAREND: 1_430, SUPPORT: 66_000 },
        ...tax("included"),
        leadTimeDays: 60,
        kpiCommitments: { payroll_on_time: 1, accuracy: 0.9995, first_response_hours: 4, improvement_proposals: 4 },
        assumptions: "勤怠CSVは当社指定の項目定義に変換のうえご提供いただく前提です。並行稼働は2か月を含みます。",
        team: "社会保険労務士1名が監修、給与計算担当3名（ダブルチェック）。",
        pastWork: { text: "食品製造業（従業員600〜1,200名）の給与計算受託 8社", links: [] },
      },
      schedule: [
        ["導入完了時", 0.2],
        ["上期末", 0.4],
        ["年末調整完了時", 0.4],
      ],
    },
    {
      vendor: VENDOR.nextKeiri,
      at: -1.5,
      quote: {
        unitPrices: { SETUP: 800_000, PAYROLL: 800, BONUS: 125_000, YEAREND: 1_200, SUPPORT: 80_000 },
        oneOffFees: { setup: 0, transition: 150_000 },
        ...tax("excluded"),
        leadTimeDays: 75,
        kpiCommitments: { payroll_on_time: 1, accuracy: 0.999, first_response_hours: 8, improvement_proposals: 2 },
        assumptions: "経理BPOとの一体運用により、給与仕訳データを会計システム取込形式で納品します。",
        team: "給与計算チーム4名（うち給与計算実務能力検定1級2名）。",
      },
    },
    {
      vendor: VENDOR.hokkaidoData,
      at: -1,
      quote: {
        unitPrices: { SETUP: 600_000, PAYROLL: 720, BONUS: 100_000, YEAREND: 1_100, SUPPORT: 120_000 },
        ...tax("excluded"),
        leadTimeDays: 90,
        kpiCommitments: { payroll_on_time: 0.99, accuracy: 0.998, first_response_hours: 24, improvement_proposals: 1 },
        assumptions: "問い合わせ一次対応は平日9〜17時、メールのみとします。",
        team: "担当者3名。",
      },
    },
    {
      // Submitted, then withdrawn: the buyer sees it only in the withdrawn count.
      vendor: VENDOR.contactOne,
      at: -1.8,
      quote: {
        unitPrices: { SETUP: 1_100_000, PAYROLL: 935, BONUS: 137_500, YEAREND: 1_650, SUPPORT: 220_000 },
        ...tax("included"),
        leadTimeDays: 60,
        kpiCommitments: { payroll_on_time: 1, accuracy: 0.999, first_response_hours: 2, improvement_proposals: 3 },
        assumptions: "従業員からの問い合わせはコールセンターで受け付けます（平日9〜18時）。",
      },
      withdrawAt: -0.5,
    },
  ],
  // (c) LP 制作: one-off lines over a 3-month term, ¥1.2–2.5M.
  landingPage: [
    {
      vendor: VENDOR.studioAoi,
      at: -1.5,
      quote: {
        unitPrices: { DIRECTION: 350_000, DESIGN: 480_000, CODING: 420_000, PHOTO: 12_000, CARE: 50_000 },
        ...tax("excluded"),
        leadTimeDays: 70,
        kpiCommitments: { on_time_rate: 1, revision_rounds: 1.5 },
        assumptions: "撮影は当社スタジオで1日。スタイリスト・フードコーディネーター費用を含みます。",
        team: "ディレクター1名、デザイナー2名、フロントエンドエンジニア1名、フォトグラファー1名。",
        pastWork: { text: "食品D2Cブランドのランディングページ制作 12件（CVR改善 平均1.4倍）", links: ["https://studio-aoi.example/works/food"] },
      },
      schedule: [
        ["着手時", 0.5],
        ["公開時", 0.5],
      ],
    },
    {
      vendor: VENDOR.growthAd,
      at: -1,
      quote: {
        unitPrices: { DIRECTION: 440_000, DESIGN: 550_000, CODING: 495_000, PHOTO: 16_500, CARE: 88_000 },
        ...tax("included"),
        leadTimeDays: 60,
        kpiCommitments: { on_time_rate: 0.95, revision_rounds: 2 },
        assumptions: "広告運用を見据えたABテスト用の訴求パターン2案を含みます。",
        team: "ディレクター1名、デザイナー1名、コーダー1名（撮影は提携スタジオ）。",
      },
    },
    {
      vendor: BRIDGESOFT,
      at: -0.5,
      quote: {
        unitPrices: { DIRECTION: 300_000, DESIGN: 400_000, CODING: 600_000, PHOTO: 15_000, CARE: 40_000 },
        oneOffFees: { setup: 100_000, transition: 0 },
        ...tax("excluded"),
        leadTimeDays: 90,
        kpiCommitments: { on_time_rate: 0.9, revision_rounds: 2 },
        assumptions: "購入フォームはEC側のAPI仕様書のご提供を前提とします。表示速度（LCP 2.5秒以内）は当社計測で保証します。",
        team: "PM1名、エンジニア2名、デザインは協力会社。",
      },
    },
  ],
  // (d) 広告運用: only two agencies were invited. Ad spend itself is outside the quote.
  adOperations: [
    {
      vendor: VENDOR.growthAd,
      at: -0.6,
      quote: {
        unitPrices: { SETUP: 300_000, OPS: 400_000, CREATIVE: 30_000 },
        ...tax("excluded"),
        leadTimeDays: 14,
        kpiCommitments: { cpa: 3_800, ctr: 0.018, cvr: 0.025, ad_roi: 3.2, improvement_proposals: 4 },
        assumptions: "運用手数料は広告費月300万円までの固定額です。これを超える場合は広告費の15%とします。",
        team: "運用コンサルタント2名、クリエイター2名。",
        pastWork: { text: "食品・飲料EC 運用実績 20社以上", links: ["https://growth-ad.example/cases"] },
      },
    },
    {
      vendor: VENDOR.studioAoi,
      at: -0.3,
      quote: {
        unitPrices: { SETUP: 220_000, OPS: 330_000, CREATIVE: 27_500 },
        ...tax("included"),
        leadTimeDays: 21,
        kpiCommitments: { cpa: 4_500, ctr: 0.015, cvr: 0.02, ad_roi: 2.8, improvement_proposals: 3 },
        assumptions: "クリエイティブ制作を強みとし、運用は検索広告を提携パートナーと共同で行います。",
        team: "アートディレクター1名、運用担当1名。",
      },
    },
  ],
  // (f) 市民意識調査 (closed): submitted weeks ago, before the deadline; opened now.
  surveyClosed: [
    {
      vendor: VENDOR.hokkaidoData,
      at: SURVEY_CLOSED_DAYS.deadline - 8,
      quote: {
        unitPrices: { ENTRY: 320, FREETEXT: 550, TABULATE: 220_000, PM: 100_000 },
        ...tax("excluded"),
        leadTimeDays: 7,
        kpiCommitments: { accuracy: 0.9995, processing_lead_time_days: 3, on_time_rate: 1 },
        assumptions: "ダブルエントリー・ベリファイ方式。自由記述は原文どおり（誤字も含め）テキスト化します。",
        team: "入力オペレーター10名、検査担当2名。",
      },
      schedule: [["納品検収後（一括）", 1]],
    },
    {
      vendor: VENDOR.gyosei,
      at: SURVEY_CLOSED_DAYS.deadline - 5,
      quote: {
        unitPrices: { ENTRY: 418, FREETEXT: 660, TABULATE: 275_000, PM: 132_000 },
        ...tax("included"),
        leadTimeDays: 10,
        kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 4, on_time_rate: 0.95 },
        assumptions: "調査票は施錠管理の保管庫で保管し、納品後に市へ返却します。",
        team: "業務責任者1名、入力担当8名。",
      },
    },
    {
      vendor: VENDOR.nextKeiri,
      at: SURVEY_CLOSED_DAYS.deadline - 2,
      quote: {
        unitPrices: { ENTRY: 380, FREETEXT: 700, TABULATE: 180_000, PM: 150_000 },
        oneOffFees: { setup: 50_000, transition: 0 },
        ...tax("excluded"),
        leadTimeDays: 14,
        kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 5, on_time_rate: 0.9 },
        assumptions: "集計はExcelのピボット形式で納品します。クロス集計の軸は10種類までを見積に含みます。",
        team: "担当者5名。",
      },
    },
  ],
  bookkeepingAwarded: BOOKKEEPING_QUOTES,
  taxFormsPending: TAX_FORMS_QUOTES,
  callCentreEvaluated: callCentreQuotes(CALL_CENTRE_DAYS.evaluated.deadline),
  callCentreEvaluating: callCentreQuotes(CALL_CENTRE_DAYS.evaluating.deadline),
};

/** Milestone amounts from shares of the total, the last one taking the rounding remainder so they add up exactly. */
function milestones(total: number, shares: [string, number][]) {
  let left = total;
  return shares.map(([label, share], index) => {
    const amount = index === shares.length - 1 ? left : Math.floor(total * share);
    left -= amount;
    return { label, amount };
  });
}

/**
 * Submits the demo quotes on the seeded RFQs (needs seedDemoRfqs first). Each service call commits
 * on its own; the seed's caller runs the indexer afterwards.
 */
export async function seedDemoQuotes(db: Kysely<Database>, now: Date): Promise<void> {
  const f = serviceContext(db, now);
  const { ctx } = f;
  const ids = await findDemoRfqIds(db);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const emailOf = (org: string) => DEMO_ACCOUNTS.find((account) => account.org === org)!.email;

  for (const [key, quotes] of Object.entries(DEMO_QUOTES) as [keyof typeof DEMO_QUOTES, DemoQuote[]][]) {
    const rfqId = ids[key];
    for (const demo of quotes) {
      const vendor = await actorFor(db, emailOf(demo.vendor));
      f.clock.set(at(demo.at));
      const own = await loadOwnQuote(ctx, vendor, rfqId);
      if (!own) throw new Error(`Demo quote seed: ${demo.vendor} may not quote on ${key}`);
      const withSchedule = (quote: QuoteInput): QuoteInput => {
        if (!demo.schedule) return quote;
        const total = contractTotalAsEntered(
          own.rfq.lineItems,
          quote.unitPrices,
          { setup: quote.oneOffFees?.setup ?? 0, transition: quote.oneOffFees?.transition ?? 0 },
          own.rfq.contractTermMonths,
        );
        return { ...quote, paymentSchedule: milestones(total, demo.schedule) };
      };
      const quoteId = await submitQuote(f, vendor, rfqId, withSchedule(demo.quote));
      if (demo.revise) {
        f.clock.set(at(demo.revise.at));
        await submitQuote(f, vendor, rfqId, withSchedule({ ...demo.quote, ...demo.revise.changes }));
      }
      if (demo.withdrawAt !== undefined) {
        f.clock.set(at(demo.withdrawAt));
        mustSucceed(await withdrawQuote(ctx, vendor, quoteId), `${demo.vendor} withdrawing on ${key}`);
      }
    }
  }
  f.clock.set(now);
}
