import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { Actor } from "~/domain/permissions";
import type { Criterion, RfqInput } from "~/domain/rfq/schema";
import type { DataSensitivity, RfqCategory, RfqPhase } from "~/domain/rfq/categories";
import { suggestCriteria, suggestRequiredCertifications } from "~/domain/rfq/kpi-templates";
import { publishAddendum, updateRfqWorkingCopyFor } from "~/services/rfqs.server";
import {
  actorFor,
  answerRfqQuestion,
  askRfqQuestion,
  createPublishedRfq,
  createRfq,
  mustSucceed,
  serviceContext,
  vendorOrgId,
  type FactoryContext,
} from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";

// Demo RFQs, written through the service layer (not raw inserts) so every one carries the
// versions, invitations, audit rows, outbox rows and notifications a real one would. The
// seed runs its own business clock: RFQs are "published" a few days before `now`, and the
// closed one is published, questioned and answered weeks earlier, its deadline now past.

export const DEMO_RFQS = {
  benefits: { title: "物価高騰対策給付金 申請受付・審査補助業務の委託", buyer: "buyer@midori-city.example", state: "published" },
  payroll: { title: "給与計算・年末調整業務のアウトソーシング（BPO）", buyer: "buyer@sakura-foods.example", state: "published" },
  landingPage: { title: "新商品「さくら発酵ぬか床キット」ランディングページ制作", buyer: "buyer@sakura-foods.example", state: "published" },
  adOperations: { title: "運用型広告（検索・SNS）運用代行", buyer: "buyer@sakura-foods.example", state: "published" },
  accountingDraft: { title: "経理BPO（支払業務・記帳代行）【作成中】", buyer: "buyer@sakura-foods.example", state: "draft" },
  surveyClosed: { title: "市民意識調査 調査票データ入力・集計業務", buyer: "buyer@midori-city.example", state: "closed" },
  bookkeepingAwarded: { title: "記帳代行・月次決算支援業務（2026年度）", buyer: "buyer@sakura-foods.example", state: "closed" },
  taxFormsPending: { title: "個人住民税 申告書データ入力業務", buyer: "buyer@midori-city.example", state: "closed" },
  callCentreEvaluated: { title: "市民総合案内コールセンター運営業務", buyer: "buyer@midori-city.example", state: "closed" },
  callCentreEvaluating: { title: "粗大ごみ受付センター運営業務", buyer: "buyer@midori-city.example", state: "closed" },
} as const satisfies Record<string, { title: string; buyer: string; state: "published" | "draft" | "closed" }>;

export type DemoRfqKey = keyof typeof DEMO_RFQS;
export type DemoRfqIds = Record<DemoRfqKey, string>;

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** The Japanese calendar day `days` after `now`, e.g. "2026-12-11" (due dates are JST days). */
function jstDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A quote deadline at 17:00 JST (the usual close of a 入札/見積 window), `days` after `now`. */
function jstDeadline(now: Date, days: number): string {
  return `${jstDate(now, days)}T17:00:00+09:00`;
}

/**
 * The KPI template for the category, phase and sensitivity (as the authoring form proposes it),
 * with the buyer's edits applied. TCO has no template scale, so absolute scoring needs one here.
 */
function criteria(
  category: RfqCategory,
  phase: RfqPhase,
  sensitivity: DataSensitivity,
  edits: { tcoScale?: { worst: number; best: number }; override?: Record<string, Partial<Criterion>> } = {},
): Criterion[] {
  return suggestCriteria(category, phase, sensitivity).map((criterion) => {
    const scale = criterion.key === "tco" && edits.tcoScale ? { scale: edits.tcoScale } : {};
    return { ...criterion, ...scale, ...edits.override?.[criterion.key] };
  });
}

interface DemoContext extends FactoryContext {
  actorFor(email: string): Promise<Actor>;
  vendorOrgId(name: string): Promise<string>;
}

const accountEmail = (org: string) => DEMO_ACCOUNTS.find((account) => account.org === org)!.email;
export const VENDOR = {
  gyosei: "行政サポートセンター株式会社",
  hokkaidoData: "北海道データエントリー株式会社",
  contactOne: "コンタクトワン株式会社",
  nextKeiri: "株式会社ネクスト経理サービス",
  payrollPartners: "ペイロールパートナーズ株式会社",
  studioAoi: "スタジオ・アオイ合同会社",
  growthAd: "グロースアド株式会社",
} as const;

/** Creates the draft and publishes it with the clock at `publishedAt`. */
async function createAndPublish(demo: DemoContext, buyerEmail: string, input: RfqInput, publishedAt: Date): Promise<string> {
  const buyer = await demo.actorFor(buyerEmail);
  demo.clock.set(publishedAt);
  return createPublishedRfq(demo, buyer, input);
}

/** A vendor asks at `askedAt`; the buyer answers at `answeredAt` (omit it to leave the question open). */
async function questionAndAnswer(
  demo: DemoContext,
  rfqId: string,
  qa: { vendor: string; question: string; askedAt: Date; buyerEmail: string; answer?: string; answeredAt?: Date },
) {
  demo.clock.set(qa.askedAt);
  const asker = await demo.actorFor(accountEmail(qa.vendor));
  const questionId = await askRfqQuestion(demo, asker, rfqId, qa.question);
  if (qa.answer === undefined || qa.answeredAt === undefined) return;
  demo.clock.set(qa.answeredAt);
  const buyer = await demo.actorFor(qa.buyerEmail);
  await answerRfqQuestion(demo, buyer, questionId, qa.answer);
}

// ---------------------------------------------------------------------------------------------
// (a) みどり市: benefit applications, My Number and bank data, invited vendors, one addendum.

async function seedBenefits(demo: DemoContext, now: Date): Promise<string> {
  const { buyer } = DEMO_RFQS.benefits;
  const invited = await Promise.all([VENDOR.gyosei, VENDOR.hokkaidoData, VENDOR.contactOne].map((name) => demo.vendorOrgId(name)));
  const input: RfqInput = {
    category: "municipal",
    phase: "launch",
    title: DEMO_RFQS.benefits.title,
    purpose:
      "物価高騰対策として実施する給付金について、市民からの申請（郵送・電子申請）を正確かつ迅速に処理し、申請から振込までの期間を短縮する。市職員は支給決定と例外判断に専念する。",
    goal: "申請受付から支給決定までの平均処理日数10日以内、審査補助の誤り率0.1%以下",
    scopeIn:
      "郵送申請書の開封・受付登録、電子申請データの取込、添付書類（本人確認書類・振込口座確認書類）の確認、不備の判定と不備通知の作成・発送、審査結果のシステム入力、日次・月次の進捗報告",
    scopeOut: "支給可否の決定、窓口での市民対応、振込処理（会計課が実施）、コールセンター業務（別途契約）",
    decisionsInHouse: "支給可否の最終判断、審査基準・要綱の解釈と変更、DV避難者等の例外案件の取扱い、処理の優先順位の変更",
    deliverables: [
      {
        title: "業務フロー・審査補助マニュアル",
        dueDate: jstDate(now, 60),
        qualityCriteria: "市の審査基準と1対1で対応し、判断を伴う手順は市へのエスカレーションとして明記",
      },
      { title: "日次進捗報告（受付・処理・不備・滞留件数）", qualityCriteria: "翌営業日10時までに提出" },
      { title: "月次業務報告書", qualityCriteria: "KPI実績（正確性・処理日数）、不備の傾向分析、改善提案を含む" },
    ],
    volumes: {
      perMonth: 3500,
      peakMonths: [3, 4],
      notes: "通常月は約2,500件。年度末・年度初めの3〜4月は申請が集中し、月8,000件程度を見込む（平均3,500件/月）。",
    },
    judgementCriteria: "給付金支給要綱および審査マニュアル（市が提示）に従う。基準に当てはまらない申請は判断せず保留とし、市へ回付する。",
    escalationRules: "判断に迷う案件・苦情・個人情報事故のおそれは当日中に市民生活部担当課へ報告。事故は発覚後1時間以内に第一報。",
    changeRequestRule: "制度改正や件数の±20%を超える変動による業務変更は、単価表に基づき協議し、書面（変更契約）で承認する。",
    reportingCadence: "日次（進捗）、月次（業務報告・定例会）",
    lineItems: [
      { code: "SETUP", description: "立ち上げ（業務設計・マニュアル整備・従事者研修・執務環境構築）", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "OPS", description: "運営管理（業務責任者・SV配置、進捗管理、月次報告）", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "INTAKE", description: "申請受付（開封・受付登録・電子申請取込）", unit: "件", quantity: 3500, recurrence: "per_unit" },
      { code: "REVIEW", description: "審査補助（添付書類確認・不備判定・審査結果入力）", unit: "件", quantity: 3500, recurrence: "per_unit" },
      { code: "NOTICE", description: "不備通知の作成・発送", unit: "通", quantity: 400, recurrence: "per_unit" },
    ],
    contractTermMonths: 12,
    currency: "JPY",
    budget: { min: 30_000_000, max: 42_000_000, showToVendors: false },
    dataSensitivity: "my_number_bank",
    // My Number and bank data: both ISMS and the Privacy Mark are mandatory (seed 002).
    requiredCertifications: suggestRequiredCertifications("my_number_bank"),
    criteria: criteria("municipal", "launch", "my_number_bank", {
      tcoScale: { worst: 42_000_000, best: 28_000_000 },
      // 審査補助の誤りは市民への誤支給に直結するため、正確性は最低ラインを設ける。
      override: { accuracy: { gate: { min: 0.995 } } },
    }),
    scoringMethod: "weighted-sum-target",
    hiddenCosts: { managementOverheadPct: 5, transitionEffortYen: 800_000 },
    baselineCostMonthlyYen: 3_200_000,
    quoteDeadline: jstDeadline(now, 21),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
  const rfqId = await createAndPublish(demo, buyer, input, daysFrom(now, -6));

  await questionAndAnswer(demo, rfqId, {
    vendor: VENDOR.contactOne,
    question: "繁忙期（3〜4月）の想定件数について、過去の給付金事業での月別実績をご提示いただけますか。増員計画の前提にしたいと考えています。",
    askedAt: daysFrom(now, -4),
    buyerEmail: buyer,
    answer: "前回事業の実績は、3月7,800件、4月8,400件、5月以降は月2,000〜2,600件でした。補足（第2版）で数量の注記を更新しましたのでご確認ください。",
    answeredAt: daysFrom(now, -3),
  });

  // The answer changed the volumes note; the buyer issues an addendum and gives a week more.
  const buyerActor = await demo.actorFor(buyer);
  demo.clock.set(daysFrom(now, -2));
  mustSucceed(
    await updateRfqWorkingCopyFor(demo.ctx, buyerActor, rfqId, {
      volumes: { ...input.volumes!, peakMonths: [3, 4], notes: "前回実績：3月7,800件、4月8,400件、5月以降は月2,000〜2,600件（平均3,500件/月）。" },
      quoteDeadline: jstDeadline(now, 28),
    }),
    "editing the benefits RFQ",
  );
  mustSucceed(
    await publishAddendum(demo.ctx, buyerActor, rfqId, "質疑回答No.1を踏まえ月別の件数実績を追記し、見積締切を1週間延長しました。"),
    "benefits addendum",
  );
  return rfqId;
}

// ---------------------------------------------------------------------------------------------
// (b) さくら食品: payroll BPO on the marketplace, personal data.

async function seedPayroll(demo: DemoContext, now: Date): Promise<string> {
  const { buyer } = DEMO_RFQS.payroll;
  const input: RfqInput = {
    category: "hr_payroll",
    phase: "improvement",
    title: DEMO_RFQS.payroll.title,
    purpose:
      "現行の給与計算を社内2名で担っており、締め後の差し戻しや計算ミスが毎月発生している。計算・明細発行・年末調整を委託し、人事担当は制度設計と従業員対応に集中する。",
    goal: "給与計算ミスを年2件以下に、給与確定を締め日から5営業日以内に",
    scopeIn:
      "勤怠データ（CSV）の受領と計算、月次給与計算、賞与計算（年2回）、Web給与明細の発行、住民税の特別徴収の更新、年末調整、社会保険の算定基礎・月額変更の届出書作成",
    scopeOut: "勤怠の締め・承認（社内）、マイナンバーの収集・保管（当社の既存システムで管理し委託先には提供しない）、労務相談",
    decisionsInHouse: "給与規程・手当の新設や変更、遡及精算の可否、個別の支給額の例外判断",
    deliverables: [
      {
        title: "移行計画書・並行稼働結果報告",
        dueDate: jstDate(now, 75),
        qualityCriteria: "並行稼働2か月分で現行結果との差異ゼロ、差異があれば原因と対応を記載",
      },
      { title: "月次給与データ・明細・振込データ", qualityCriteria: "締め日から5営業日以内、ダブルチェック済み" },
    ],
    volumes: { perMonth: 850, peakMonths: [6, 12], notes: "正社員420名・パート430名（4工場・本社）。6月・12月は賞与、12月は年末調整が重なる。" },
    judgementCriteria: "給与規程・賃金テーブル（当社提示）に従う。規程にない支給・控除は計算せず照会する。",
    escalationRules: "計算上の疑義は締め後2営業日以内に人事課へ照会。支給日に影響するおそれがあれば即日電話連絡。",
    changeRequestRule: "人数の±10%を超える増減は従量単価で精算。規程改定に伴う設定変更は見積のうえ事前承認。",
    reportingCadence: "月次（処理報告）、四半期（改善提案を含む定例会）",
    lineItems: [
      { code: "SETUP", description: "導入・移行（給与マスタ移行、並行稼働2か月）", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "PAYROLL", description: "月次給与計算・Web明細発行", unit: "名", quantity: 850, recurrence: "per_unit" },
      { code: "BONUS", description: "賞与計算（6月・12月、1回あたり）", unit: "式", quantity: 1, recurrence: "half_yearly" },
      { code: "YEAREND", description: "年末調整（書類回収・計算・源泉徴収票作成）", unit: "名", quantity: 850, recurrence: "yearly" },
      { code: "SUPPORT", description: "運用管理・従業員からの問い合わせ一次対応", unit: "月", quantity: 1, recurrence: "monthly" },
    ],
    contractTermMonths: 12,
    budget: { min: 9_000_000, max: 14_000_000, showToVendors: true },
    dataSensitivity: "personal",
    requiredCertifications: suggestRequiredCertifications("personal"),
    criteria: criteria("hr_payroll", "improvement", "personal"),
    // Relative scoring: the buyer has no price benchmark yet, so quotes are scored against each other.
    scoringMethod: "weighted-sum-minmax",
    hiddenCosts: { managementOverheadPct: 3, transitionEffortYen: 400_000 },
    baselineCostMonthlyYen: 1_100_000,
    quoteDeadline: jstDeadline(now, 24),
    sealed: true,
    visibility: "marketplace",
    invitedVendorIds: [],
  };
  const rfqId = await createAndPublish(demo, buyer, input, daysFrom(now, -3));
  // Left unanswered, so the buyer's list shows a question waiting.
  await questionAndAnswer(demo, rfqId, {
    vendor: VENDOR.payrollPartners,
    question: "現在ご利用中の給与システム名と、勤怠CSVの項目定義書をご提示いただけますか。移行工数の見積に必要です。",
    askedAt: daysFrom(now, -1),
    buyerEmail: buyer,
  });
  return rfqId;
}

// ---------------------------------------------------------------------------------------------
// (c) さくら食品: a landing page, creative work on the marketplace.

async function seedLandingPage(demo: DemoContext, now: Date): Promise<string> {
  const input: RfqInput = {
    category: "creative",
    phase: "launch",
    title: DEMO_RFQS.landingPage.title,
    purpose: "2月発売の新商品の認知獲得と自社ECでの初回購入を増やすため、広告の受け皿となるランディングページを制作する。",
    goal: "公開後3か月でLP経由の初回購入1,500件",
    scopeIn:
      "構成案（ワイヤーフレーム）作成、コピーライティング、PC・スマートフォン向けデザイン、コーディング（レスポンシブ・購入フォーム連携）、商品撮影、公開後1か月の軽微修正",
    scopeOut: "広告出稿・運用（別途発注）、ECシステム本体の改修、サーバー保守",
    decisionsInHouse: "訴求軸・価格表示の最終決定、薬機法・景品表示法に関わる表現の可否（法務確認）",
    deliverables: [
      { title: "構成案（ワイヤーフレーム）", dueDate: jstDate(now, 45), qualityCriteria: "訴求軸2案を含む" },
      { title: "デザインカンプ（PC・SP）", dueDate: jstDate(now, 60), qualityCriteria: "修正は2回まで見積内" },
      { title: "公開用データ一式", dueDate: jstDate(now, 80), qualityCriteria: "主要ブラウザ・iOS/Androidで表示確認済み、表示速度（LCP）2.5秒以内" },
    ],
    judgementCriteria: "ブランドガイドライン（当社提示）に従う。表現の可否に迷うものは法務確認に回す。",
    escalationRules: "スケジュール遅延のおそれは判明した時点で販促課へ連絡。",
    changeRequestRule: "各工程の修正は2回まで見積内。3回目以降・ページ追加は1回・1ページあたりの単価で事前承認のうえ精算。",
    reportingCadence: "週次（進捗共有）",
    lineItems: [
      { code: "DIRECTION", description: "ディレクション・構成案・コピーライティング", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "DESIGN", description: "デザイン（PC・スマートフォン）", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "CODING", description: "コーディング（レスポンシブ・フォーム連携）", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "PHOTO", description: "商品撮影（スタジオ・スタイリング込み）", unit: "カット", quantity: 20, recurrence: "one_off" },
      { code: "CARE", description: "公開後の軽微修正・効果測定レポート", unit: "月", quantity: 1, recurrence: "monthly" },
    ],
    contractTermMonths: 3,
    budget: { min: 1_200_000, max: 2_500_000, showToVendors: true },
    dataSensitivity: "none",
    requiredCertifications: [],
    criteria: criteria("creative", "launch", "none", {
      tcoScale: { worst: 2_500_000, best: 1_200_000 },
      // 修正2回まで見積内なので、それ以下を約束できる制作会社を評価する。
      override: { revision_rounds: { target: 1.5 } },
    }),
    scoringMethod: "weighted-sum-target",
    quoteDeadline: jstDeadline(now, 18),
    sealed: true,
    visibility: "marketplace",
    invitedVendorIds: [],
  };
  return createAndPublish(demo, DEMO_RFQS.landingPage.buyer, input, daysFrom(now, -2));
}

// ---------------------------------------------------------------------------------------------
// (d) さくら食品: ad operations, invited agencies, CPA / CVR / ROI.

async function seedAdOperations(demo: DemoContext, now: Date): Promise<string> {
  const invited = await Promise.all([VENDOR.growthAd, VENDOR.studioAoi].map((name) => demo.vendorOrgId(name)));
  const input: RfqInput = {
    category: "marketing",
    phase: "expansion",
    title: DEMO_RFQS.adOperations.title,
    purpose:
      "自社ECの売上拡大期に入り、社内1名での広告運用が限界に達している。検索・SNS広告の運用を委託し、獲得効率を保ったまま広告費を月300万円まで拡大する。",
    goal: "自社EC新規購入 月1,200件、CPA 4,000円以下、広告ROI 300%以上",
    scopeIn:
      "Google・Yahoo!検索広告、Meta・LINE広告の運用（入札・予算配分・ターゲティング）、計測タグの設計・設定、バナー・短尺動画クリエイティブの制作、週次・月次レポート",
    scopeOut: "LP制作（別途発注）、広告費そのもの（当社から媒体へ直接支払い）、SNSアカウントのオーガニック運用",
    decisionsInHouse: "月間広告予算の上限、訴求・表現の最終可否、新規媒体の追加",
    deliverables: [
      { title: "運用設計書（アカウント構成・計測設計・KPIツリー）", dueDate: jstDate(now, 50), qualityCriteria: "KGIからCPA・CVR・CTRまでのKPIツリーを含む" },
      { title: "週次レポート・月次報告書", qualityCriteria: "媒体別CPA・CVR・ROI、翌月の改善施策" },
    ],
    volumes: { notes: "広告費 月200万円→300万円（6か月で段階的に拡大）。クリエイティブは月8本程度。" },
    escalationRules: "CPAが目標の150%を3日連続で超えた場合は当日中に連絡し、配信調整案を提示。",
    changeRequestRule: "媒体追加・予算の±30%超の変動時は運用手数料を協議。クリエイティブ追加は単価で事前承認。",
    reportingCadence: "週次（速報）、月次（定例会）",
    lineItems: [
      { code: "SETUP", description: "アカウント設計・計測タグ設定", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "OPS", description: "運用代行（検索・SNS、月額固定手数料）", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "CREATIVE", description: "バナー・短尺動画クリエイティブ制作", unit: "本", quantity: 8, recurrence: "per_unit" },
    ],
    contractTermMonths: 12,
    dataSensitivity: "none",
    requiredCertifications: [],
    criteria: criteria("marketing", "expansion", "none", {
      override: {
        // Food e-commerce converts cheaper than the catalogue's generic default.
        cpa: { scale: { worst: 12_000, best: 2_000 }, target: 4_000 },
        ad_roi: { target: 3 },
      },
    }),
    scoringMethod: "topsis",
    hiddenCosts: { managementOverheadPct: 5, transitionEffortYen: 200_000 },
    baselineCostMonthlyYen: 650_000,
    quoteDeadline: jstDeadline(now, 20),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
  return createAndPublish(demo, DEMO_RFQS.adOperations.buyer, input, daysFrom(now, -1));
}

// ---------------------------------------------------------------------------------------------
// (e) さくら食品: a draft half-way through the guided form (no lines, no deadline yet).

async function seedAccountingDraft(demo: DemoContext): Promise<string> {
  const buyer = await demo.actorFor(DEMO_RFQS.accountingDraft.buyer);
  return createRfq(demo, buyer, {
    category: "accounting",
    phase: "improvement",
    title: DEMO_RFQS.accountingDraft.title,
    purpose: "月次決算の締めが毎月10営業日かかっている。支払業務と記帳を委託し、5営業日での締めを目指す。",
    scopeIn: "請求書の受領・データ化、支払データ作成、仕訳入力、入金消込",
    dataSensitivity: "personal",
    requiredCertifications: suggestRequiredCertifications("personal"),
  });
}

// ---------------------------------------------------------------------------------------------
// (f) みどり市: a survey data-entry job whose deadline has passed, with its Q&A history.

/** Days relative to `now`: the closed RFQ's publication and deadline (the demo quotes are submitted in between). */
export const SURVEY_CLOSED_DAYS = { published: -40, deadline: -10 } as const;

async function seedSurveyClosed(demo: DemoContext, now: Date): Promise<string> {
  const { buyer } = DEMO_RFQS.surveyClosed;
  const invited = await Promise.all([VENDOR.hokkaidoData, VENDOR.gyosei, VENDOR.nextKeiri].map((name) => demo.vendorOrgId(name)));
  const input: RfqInput = {
    category: "data_entry",
    phase: "launch",
    title: DEMO_RFQS.surveyClosed.title,
    purpose: "第5次総合計画の策定に向け実施する市民意識調査（無作為抽出5,000人）の回収票を入力・集計し、計画策定の基礎資料とする。",
    goal: "回収締切から6週間以内に集計結果を確定",
    scopeIn: "回収済み調査票の受領・保管、選択式設問の入力（ダブルエントリー）、自由記述のテキスト化、単純集計・クロス集計表の作成",
    scopeOut: "調査票の設計・発送・督促（市が実施）、報告書の執筆・分析",
    decisionsInHouse: "判読不能・矛盾回答の最終的な扱い、集計区分の決定",
    deliverables: [
      { title: "入力データ（CSV）", dueDate: jstDate(now, 20), qualityCriteria: "入力誤り率0.05%以下（抜取検査）" },
      { title: "単純集計表・クロス集計表（Excel）", dueDate: jstDate(now, 30) },
    ],
    volumes: { perMonth: 1200, peakMonths: [], notes: "回収見込み約2,400票（回収率48%）を2か月で処理。自由記述は約800件。" },
    judgementCriteria: "入力要領（市が提示）に従う。判読不能・無回答の区別は要領のコードで入力する。",
    escalationRules: "調査票の紛失・汚損のおそれは発覚後1時間以内に企画政策課へ報告。",
    changeRequestRule: "回収票が見込みの±15%を超える場合、従量単価で精算する。",
    reportingCadence: "週次（入力進捗）",
    lineItems: [
      { code: "ENTRY", description: "選択式設問の入力（ダブルエントリー・ベリファイ）", unit: "票", quantity: 1200, recurrence: "per_unit" },
      { code: "FREETEXT", description: "自由記述のテキスト化", unit: "件", quantity: 400, recurrence: "per_unit" },
      { code: "TABULATE", description: "単純集計・クロス集計表の作成", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "PM", description: "進行管理・調査票の保管管理", unit: "月", quantity: 1, recurrence: "monthly" },
    ],
    contractTermMonths: 2,
    budget: { min: 1_500_000, max: 2_600_000, showToVendors: false },
    dataSensitivity: "personal",
    requiredCertifications: suggestRequiredCertifications("personal"),
    criteria: criteria("data_entry", "launch", "personal", { tcoScale: { worst: 2_600_000, best: 1_400_000 } }),
    scoringMethod: "weighted-sum-target",
    baselineCostMonthlyYen: 1_300_000,
    quoteDeadline: jstDeadline(now, SURVEY_CLOSED_DAYS.deadline),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
  // Published while the deadline was still ahead; questions come and go before it passes.
  const rfqId = await createAndPublish(demo, buyer, input, daysFrom(now, SURVEY_CLOSED_DAYS.published));
  const history = [
    {
      vendor: VENDOR.hokkaidoData,
      question: "調査票の原本は郵送でお送りいただけるのでしょうか。それとも貴市庁舎内での作業（オンサイト）が必要でしょうか。",
      answer: "原本は市から委託先へ簡易書留で送付します（週2回）。オンサイト作業は不要ですが、保管は施錠管理された区域に限ってください。",
      askedDay: -35,
    },
    {
      vendor: VENDOR.gyosei,
      question: "判読不能な回答や、単一回答の設問に複数回答がある場合の入力ルールをご提示いただけますか。",
      answer: "入力要領で定めます。判読不能は「99」、単一回答設問への複数回答は「98」として入力し、件数を週次報告に含めてください。",
      askedDay: -30,
    },
    {
      vendor: VENDOR.hokkaidoData,
      question: "納品データの形式はCSVでよろしいでしょうか。文字コードの指定はありますか。",
      answer: "CSV（UTF-8、BOMなし）でお願いします。集計表はExcel形式で納品してください。",
      askedDay: -20,
    },
  ];
  for (const qa of history) {
    await questionAndAnswer(demo, rfqId, { ...qa, buyerEmail: buyer, askedAt: daysFrom(now, qa.askedDay), answeredAt: daysFrom(now, qa.askedDay + 2) });
  }
  return rfqId;
}

// ---------------------------------------------------------------------------------------------
// (g) さくら食品: bookkeeping, closed two months ago and awarded (demo-awards.ts approves the proposal,
// the winner accepts and the contract is active). A company buyer: the 60-day payment rule applies.

/** Days relative to `now`: publication and deadline of the awarded bookkeeping RFQ. */
export const BOOKKEEPING_DAYS = { published: -100, deadline: -70 } as const;

async function seedBookkeepingAwarded(demo: DemoContext, now: Date): Promise<string> {
  const invited = await Promise.all([VENDOR.nextKeiri, VENDOR.payrollPartners, VENDOR.hokkaidoData].map((name) => demo.vendorOrgId(name)));
  const input: RfqInput = {
    category: "accounting",
    phase: "improvement",
    title: DEMO_RFQS.bookkeepingAwarded.title,
    purpose: "経理担当者の退職に伴い、仕訳入力と月次決算の補助を外部に委託し、月次の締めを翌月10営業日から7営業日に短縮する。",
    goal: "月次決算を翌月7営業日以内に締める",
    scopeIn: "証憑（請求書・領収書・通帳）の受領とデータ化、仕訳入力、残高照合、月次試算表の作成補助",
    scopeOut: "決算・税務申告（顧問税理士が実施）、支払の実行",
    decisionsInHouse: "勘定科目の判断が分かれる取引の最終判断、支払の承認",
    deliverables: [{ title: "月次試算表・仕訳帳（会計ソフトのデータ）", qualityCriteria: "翌月7営業日以内、残高照合済み" }],
    volumes: { perMonth: 900, peakMonths: [3], notes: "仕訳約900件／月。3月は決算整理で約1.5倍。" },
    judgementCriteria: "当社の経理規程と勘定科目表に従う。判断が分かれる取引は照会票で確認する。",
    escalationRules: "締め日程の遅延見込みは判明した日のうちに経理課長へ報告。",
    changeRequestRule: "仕訳件数が月1,100件を超える月は、超過分を従量単価で精算する。",
    reportingCadence: "月次（締め報告）",
    lineItems: [
      { code: "SETUP", description: "初期設定（勘定科目・補助科目の設定、業務手順書の作成）", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "ENTRY", description: "仕訳入力（証憑のデータ化を含む）", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "CLOSE", description: "月次決算支援（残高照合・試算表作成補助）", unit: "月", quantity: 1, recurrence: "monthly" },
    ],
    contractTermMonths: 12,
    budget: { min: 2_400_000, max: 3_600_000, showToVendors: false },
    dataSensitivity: "personal",
    requiredCertifications: suggestRequiredCertifications("personal"),
    criteria: criteria("accounting", "improvement", "personal", { tcoScale: { worst: 3_600_000, best: 2_200_000 } }),
    scoringMethod: "weighted-sum-target",
    baselineCostMonthlyYen: 280_000,
    quoteDeadline: jstDeadline(now, BOOKKEEPING_DAYS.deadline),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
  return createAndPublish(demo, DEMO_RFQS.bookkeepingAwarded.buyer, input, daysFrom(now, BOOKKEEPING_DAYS.published));
}

// ---------------------------------------------------------------------------------------------
// (h) みどり市: tax-return data entry, closed last week; a proposal waits for the 課長's approval
// (demo-awards.ts).

/** Days relative to `now`: publication and deadline of the RFQ whose proposal waits for approval. */
export const TAX_FORMS_DAYS = { published: -35, deadline: -6 } as const;

async function seedTaxFormsPending(demo: DemoContext, now: Date): Promise<string> {
  const invited = await Promise.all([VENDOR.hokkaidoData, VENDOR.gyosei, VENDOR.nextKeiri].map((name) => demo.vendorOrgId(name)));
  const input: RfqInput = {
    category: "data_entry",
    phase: "improvement",
    title: DEMO_RFQS.taxFormsPending.title,
    purpose: "個人住民税の申告書（紙）約1万2千件を課税システムへ取り込めるデータにし、課税処理を5月中旬までに終える。",
    goal: "申告書の入力を受領から10営業日以内に完了",
    scopeIn: "申告書の受領・仕分け、申告内容の入力（ダブルエントリー）、不備の一覧化",
    scopeOut: "申告者への問い合わせ（市が実施）、課税計算",
    decisionsInHouse: "不備申告書の扱い、入力要領の改定",
    deliverables: [
      { title: "入力データ（課税システム取込形式）", dueDate: jstDate(now, 60), qualityCriteria: "入力誤り率0.03%以下（全件ベリファイ）" },
      { title: "不備一覧（週次）", qualityCriteria: "毎週月曜正午まで" },
    ],
    volumes: { perMonth: 6000, peakMonths: [3, 4], notes: "2〜4月に約12,000件。3月中旬がピーク。" },
    judgementCriteria: "市の入力要領に従う。判読不能は要領のコードで入力し不備一覧に載せる。",
    escalationRules: "申告書の紛失・誤送付のおそれは発覚後30分以内に市民税課へ電話で報告。",
    changeRequestRule: "件数が見込みの±10%を超える場合、従量単価で精算する。",
    reportingCadence: "週次（進捗・不備件数）",
    lineItems: [
      { code: "ENTRY", description: "申告書の入力（ダブルエントリー・ベリファイ）", unit: "件", quantity: 6000, recurrence: "per_unit" },
      { code: "SORT", description: "受領・仕分け・保管管理", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "SETUP", description: "入力環境の構築・入力要領の習熟", unit: "式", quantity: 1, recurrence: "one_off" },
    ],
    contractTermMonths: 3,
    budget: { min: 4_000_000, max: 6_500_000, showToVendors: false },
    dataSensitivity: "my_number_bank",
    requiredCertifications: suggestRequiredCertifications("my_number_bank"),
    criteria: criteria("data_entry", "improvement", "my_number_bank", { tcoScale: { worst: 6_500_000, best: 3_800_000 } }),
    scoringMethod: "weighted-sum-target",
    baselineCostMonthlyYen: 1_800_000,
    quoteDeadline: jstDeadline(now, TAX_FORMS_DAYS.deadline),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
  return createAndPublish(demo, DEMO_RFQS.taxFormsPending.buyer, input, daysFrom(now, TAX_FORMS_DAYS.published));
}

// ---------------------------------------------------------------------------------------------
// (i) みどり市: two contact-centre RFQs with criteria only evaluators can score (業務理解度 with written
// anchors, 提案内容の質). The first was evaluated by a panel (demo-evaluation.ts: ratings, a flagged spread
// with the chair's consensus, annotations, a clarification and the advisor's memo); on the second the panel
// is named and nobody has rated yet, so the ratings are still to be given (the e2e gives them).

/** Days relative to `now`: publication and deadline of the two contact-centre RFQs. */
export const CALL_CENTRE_DAYS = { evaluated: { published: -50, deadline: -16 }, evaluating: { published: -30, deadline: -3 } } as const;

/** What each level of 業務理解度 means, shown to every evaluator beside the choice. */
export const WORK_UNDERSTANDING_ANCHORS = [
  { ja: "仕様の理解に誤りがある", en: "Misreads the specification" },
  { ja: "仕様をなぞるだけで、市の業務の特性に触れていない", en: "Restates the specification; nothing on the city's specifics" },
  { ja: "主な特性（繁忙期・高齢の問い合わせ者）を理解している", en: "Understands the main specifics (peaks, elderly callers)" },
  { ja: "特性を踏まえた具体的な運営設計がある", en: "A concrete operating design built on the specifics" },
  { ja: "現行業務の課題まで把握し、改善策が具体的", en: "Grasps today's problems and proposes concrete fixes" },
];

function callCentreCriteria(): Criterion[] {
  const base = criteria("contact_center", "improvement", "personal", {
    tcoScale: { worst: 60_000_000, best: 30_000_000 },
    override: { work_understanding: { scale: { worst: 1, best: 5 }, rating: { levels: "1-5", anchors: WORK_UNDERSTANDING_ANCHORS } } },
  });
  const proposal: Criterion = {
    key: "proposal_quality",
    label: { ja: "提案内容の質", en: "Quality of the proposal" },
    perspective: "learningGrowth",
    direction: "benefit",
    weight: 10,
    source: "advisor_rating",
    unit: "points",
    scale: { worst: 0, best: 100 },
    rating: { levels: "0-100" },
  };
  return [...base, proposal];
}

function callCentreInput(now: Date, title: string, purpose: string, deadlineDays: number, invited: string[]): RfqInput {
  return {
    category: "contact_center",
    phase: "improvement",
    title,
    purpose,
    goal: "応答率90%以上を年間を通じて維持し、一次解決率を80%以上にする",
    scopeIn: "電話・メールでの問い合わせ受付と一次回答、担当課への取次ぎ、FAQの更新案の作成、月次報告",
    scopeOut: "担当課の判断を要する回答、苦情の最終対応（市が実施）",
    decisionsInHouse: "回答方針の変更、FAQの公開可否、苦情の扱い",
    deliverables: [
      { title: "運営マニュアル・FAQ案", dueDate: jstDate(now, deadlineDays + 40), qualityCriteria: "市の確認を経て運用開始の2週間前までに確定" },
      { title: "月次運営報告書", qualityCriteria: "応答率・一次解決率・主な問い合わせ・改善提案を含む" },
    ],
    volumes: { perMonth: 9000, peakMonths: [3, 4], notes: "3〜4月（転入・転出期）は月1万4千件程度。" },
    judgementCriteria: "FAQにない問い合わせは担当課へ取り次ぎ、翌営業日までに折り返す。",
    escalationRules: "個人情報の漏えいのおそれ・職員への暴言等は直ちに所管課長へ電話で報告。",
    changeRequestRule: "入電数が見込みの±15%を超える月は、応答1件あたりの単価で精算する。",
    reportingCadence: "月次（定例会）",
    lineItems: [
      { code: "OPS", description: "センター運営（席・SV・システム）", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "CALL", description: "応答（電話・メール）", unit: "件", quantity: 9000, recurrence: "per_unit" },
      { code: "SETUP", description: "立ち上げ（マニュアル・研修・回線）", unit: "式", quantity: 1, recurrence: "one_off" },
    ],
    contractTermMonths: 12,
    budget: { min: 30_000_000, max: 55_000_000, showToVendors: false },
    dataSensitivity: "personal",
    // Either certificate is welcome; neither is required, so every invited firm's proposal is evaluated.
    requiredCertifications: [
      { type: "privacy_mark", level: "preferred", reason: "個人情報の取扱いは委託契約の特記事項と現地確認で担保するため、認証は必須としない。" },
      { type: "isms_iso27001", level: "preferred" },
    ],
    criteria: callCentreCriteria(),
    scoringMethod: "weighted-sum-target",
    baselineCostMonthlyYen: 3_900_000,
    quoteDeadline: jstDeadline(now, deadlineDays),
    sealed: true,
    visibility: "invited",
    invitedVendorIds: invited,
  };
}

async function seedCallCentres(demo: DemoContext, now: Date): Promise<{ evaluated: string; evaluating: string }> {
  const invited = await Promise.all([VENDOR.contactOne, VENDOR.gyosei, VENDOR.hokkaidoData].map((name) => demo.vendorOrgId(name)));
  const days = CALL_CENTRE_DAYS;
  const evaluated = await createAndPublish(
    demo,
    DEMO_RFQS.callCentreEvaluated.buyer,
    callCentreInput(
      now,
      DEMO_RFQS.callCentreEvaluated.title,
      "市政全般の問い合わせ窓口を一本化し、担当課への電話を減らして職員が本来業務に充てる時間を確保する。",
      days.evaluated.deadline,
      invited,
    ),
    daysFrom(now, days.evaluated.published),
  );
  const evaluating = await createAndPublish(
    demo,
    DEMO_RFQS.callCentreEvaluating.buyer,
    callCentreInput(
      now,
      DEMO_RFQS.callCentreEvaluating.title,
      "粗大ごみの収集申込（電話・Web）を受け付け、収集日程と手数料を案内する。繁忙期の話し中をなくす。",
      days.evaluating.deadline,
      invited,
    ),
    daysFrom(now, days.evaluating.published),
  );
  return { evaluated, evaluating };
}

/**
 * Seeds the demo RFQs relative to `now`: four open (deadlines weeks ahead), one draft and one closed
 * (deadline 10 days ago) with answered questions. Needs the demo accounts; returns the RFQ ids.
 * Each service call commits on its own, so this must run after the accounts' transaction.
 */
export async function seedDemoRfqs(db: Kysely<Database>, now: Date): Promise<DemoRfqIds> {
  const demo: DemoContext = { ...serviceContext(db, now), actorFor: (email) => actorFor(db, email), vendorOrgId: (name) => vendorOrgId(db, name) };
  const ids: Omit<DemoRfqIds, "callCentreEvaluated" | "callCentreEvaluating"> = {
    surveyClosed: await seedSurveyClosed(demo, now),
    benefits: await seedBenefits(demo, now),
    payroll: await seedPayroll(demo, now),
    landingPage: await seedLandingPage(demo, now),
    adOperations: await seedAdOperations(demo, now),
    accountingDraft: await seedAccountingDraft(demo),
    bookkeepingAwarded: await seedBookkeepingAwarded(demo, now),
    taxFormsPending: await seedTaxFormsPending(demo, now),
  };
  const callCentres = await seedCallCentres(demo, now);
  demo.clock.set(now);
  return { ...ids, callCentreEvaluated: callCentres.evaluated, callCentreEvaluating: callCentres.evaluating };
}

/** The demo RFQs' ids in a seeded database, found by buyer and title (for tests and scripts). */
export async function findDemoRfqIds(db: Kysely<Database>): Promise<DemoRfqIds> {
  const entries = await Promise.all(
    (Object.keys(DEMO_RFQS) as DemoRfqKey[]).map(async (key) => {
      const row = await db
        .selectFrom("rfqs")
        .innerJoin("memberships", "memberships.org_id", "rfqs.buyer_org_id")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select("rfqs.id")
        .where("rfqs.title", "=", DEMO_RFQS[key].title)
        .where("users.email", "=", DEMO_RFQS[key].buyer)
        .executeTakeFirstOrThrow(() => new Error(`Demo RFQ ${key} is not in the database`));
      return [key, row.id] as const;
    }),
  );
  return Object.fromEntries(entries) as DemoRfqIds;
}
