import type { Kysely } from "kysely";
import type { Database, LowQuoteTopic } from "../schema";
import { writeAudit } from "../queries/audit";
import { answerExplanationRequest, insertExplanationRequest, type ExplanationAnswer } from "../queries/low-quote-explanations";
import { addBusinessDays, COMPANY_CALENDAR } from "~/domain/calendar/japan-business-days";
import type { QuoteInput } from "~/domain/quote/schema";
import { suggestCriteria } from "~/domain/rfq/kpi-templates";
import type { RfqInput } from "~/domain/rfq/schema";
import { tokyoDateString } from "~/utils/format";
import { actorFor, createPublishedRfq, serviceContext, submitQuote } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { VENDOR } from "./demo-rfqs";

// An abnormally low quote with the vendor's explanation (issue 19 "Done means"; decision 0051). さくら食品 puts the
// entry of its product specification sheets (商品規格書: ingredients, allergens, nutrition facts) on the marketplace;
// three data-entry firms quote in a normal range and a software house entering the work with its own AI-OCR quotes
// about 60 % of the others' median TCO, so `abnormallyLowQuotes` flags it (under 75 %). The deadline has passed, the
// quotes are opened, and nothing is proposed or awarded: the demo buyer can still try the award with the flag.
// The buyer asked the vendor to explain its price (costs, assumptions, staffing) two days after the deadline; the
// vendor answered three days later; the buyer's assessment is left for the demo user to record.
// The RFQ and the quotes go through the services (versions, audit and outbox rows); the request and the answer are
// written with the foundation's queries, each in one transaction with its audit row. No notification is seeded: these
// are past events, and the notification kinds belong to the explanation-request service.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Marketplace only: the software house is no demo RFQ's invitee (as in demo-quotes.ts). */
const BRIDGESOFT = "ブリッジソフト株式会社";
const BUYER = "buyer@sakura-foods.example";

export const DEMO_LOW_QUOTE = {
  title: "商品規格書データの登録・更新業務",
  buyer: BUYER,
  /** The vendor whose quote is abnormally low. */
  lowVendor: BRIDGESOFT,
  /** The three vendors quoting in the normal range. */
  normalVendors: [VENDOR.hokkaidoData, VENDOR.nextKeiri, VENDOR.gyosei],
} as const;

/** Days relative to `now`: publication, quote deadline, the buyer's request and the vendor's answer. */
export const LOW_QUOTE_DAYS = { published: -30, deadline: -12, requested: -10, answered: -7 } as const;

/** Business days (company calendar) the vendor is given to answer. */
export const LOW_QUOTE_REPLY_BUSINESS_DAYS = 5;

/**
 * The audit action codes of the request and the answer. They must be the codes the explanation-request service
 * writes (app/services/low-quote-explanations.server.ts, with their words in AUDIT_ACTIONS); until both are merged
 * the audit log shows an unknown code in words as "その他の操作（…）".
 */
export const DEMO_LOW_QUOTE_AUDIT = { request: "quote.explanation.request", answer: "quote.explanation.answer" } as const;

const TOPICS: LowQuoteTopic[] = ["costs", "assumptions", "staffing"];

const REQUEST_MESSAGE =
  "ご提出いただいた見積金額について、本業務を契約期間を通じて仕様どおりに履行いただけるかを確認するため、以下の点についてご説明ください。" +
  "特に、原材料・アレルゲン情報の入力精度（99.9%）を、ご提示の体制と単価でどのように担保されるのかを具体的にお示しください。";

const ANSWER: Required<ExplanationAnswer> = {
  costs:
    "単価を抑えられる主な理由は、当社開発のAI-OCR（規格書読取エンジン）で原材料表示・栄養成分表を読み取り、登録項目への振り分けまでを自動化している点です。" +
    "新規登録1件あたりの作業時間は、手入力の約45分に対し約15分（OCR結果の確認・修正のみ）と見込んでいます。OCRエンジンは自社製品のため、ライセンス費用は見積に含めていません。",
  assumptions:
    "本見積の単価は、契約開始から12か月に限る導入価格です（食品業界での導入実績づくりを目的としています）。2年目以降の単価は、初年度の実績件数を踏まえて改めてご相談させてください。" +
    "また、受領する規格書の8割以上が電子ファイル（PDF・Excel）であること、月間件数が見積数量の±20%以内であることを前提としています。",
  staffing:
    "国内（東京）のPM1名とAI-OCR運用担当1名が、取引先別フォーマットへの転記と最終確認を行います。OCR結果の二次チェックは、ベトナム・ダナンの当社拠点の日本語スタッフ4名（日本語能力試験N2以上、食品表示の社内研修修了）が行います。" +
    "アレルゲン（特定原材料8品目・特定原材料に準ずるもの20品目）に関わる項目は、国内担当者が全件を再確認します。規格書は個人情報を含みませんが、海外拠点での取扱いが貴社の情報管理規程に合わない場合は、国内のみの体制もご提案できます。",
};

const tax = (basis: "excluded" | "included") => ({ taxBasis: basis, taxRate: 10 as const });

function rfqInput(now: Date): RfqInput {
  const jstDay = (days: number) => tokyoDateString(new Date(now.getTime() + days * DAY_MS));
  return {
    category: "data_entry",
    phase: "improvement",
    title: DEMO_LOW_QUOTE.title,
    purpose:
      "量販店・生協などの取引先から求められる商品規格書（原材料・アレルゲン・栄養成分・製造工程）の登録と更新を外部に委託し、品質保証課の担当者が原材料変更の確認と表示チェックに専念できるようにする。",
    goal: "規格書の登録・更新を受領から3営業日以内に完了し、アレルゲン情報の登録誤りをゼロにする",
    scopeIn:
      "仕入先から受領する原材料規格書（PDF・Excel・紙）の内容確認、規格書管理システムへの新規登録、原材料・産地変更時の更新、取引先別フォーマットへの転記、月次の登録状況報告",
    scopeOut: "原材料の選定・配合の決定、表示内容の最終判断（品質保証課が実施）、取引先との折衝",
    decisionsInHouse: "アレルゲン・添加物表示の判断、規格書の内容に疑義がある場合の仕入先への照会、取引先への提出可否",
    deliverables: [
      { title: "登録要領書（項目定義・判読ルール・照会手順）", dueDate: jstDay(30), qualityCriteria: "品質保証課の確認を経て運用開始の1週間前までに確定" },
      { title: "月次登録状況報告", qualityCriteria: "登録・更新件数、処理日数、照会件数と内容、誤登録の有無と再発防止策を含む" },
    ],
    volumes: { perMonth: 230, peakMonths: [3, 9], notes: "新規登録 月約80件、更新 月約150件。春・秋の棚替え（3月・9月）は約1.5倍。" },
    judgementCriteria: "当社の規格書登録要領と食品表示基準に従う。判読できない項目・規格書間の矛盾は推測で入力せず、照会票で品質保証課へ確認する。",
    escalationRules: "アレルゲン情報の誤登録・登録漏れのおそれは、発覚後1時間以内に品質保証課長へ電話で報告する。",
    changeRequestRule: "月間件数が見込みの±20%を超える場合は、単価表に基づき翌月から精算する。",
    reportingCadence: "月次（登録状況報告・定例会）",
    // Priced per specification sheet (規格書), not per "件": the market's data-entry "件" is one keyed form (tens of yen)
    // and a spec sheet a document of dozens of fields, so the same word would set the hint against the wrong market.
    lineItems: [
      { code: "SETUP", description: "立ち上げ（登録要領の作成・既存規格書約500件の棚卸し）", unit: "式", quantity: 1, recurrence: "one_off" },
      {
        code: "NEW",
        description: "規格書の新規登録（原材料・アレルゲン・栄養成分・製造工程の入力とダブルチェック）",
        unit: "規格書",
        quantity: 80,
        recurrence: "per_unit",
      },
      {
        code: "UPDATE",
        description: "規格書の更新（原材料・産地変更の反映、取引先別フォーマットへの転記）",
        unit: "規格書",
        quantity: 150,
        recurrence: "per_unit",
      },
      { code: "PM", description: "進行管理・品質チェック・月次報告", unit: "式", quantity: 1, recurrence: "monthly" },
    ],
    contractTermMonths: 12,
    budget: { min: 6_000_000, max: 9_000_000, showToVendors: false },
    // Product data: no personal information, so no certificate is required and every firm's quote is ranked.
    dataSensitivity: "none",
    requiredCertifications: [],
    criteria: suggestCriteria("data_entry", "improvement", "none").map((c) => (c.key === "tco" ? { ...c, scale: { worst: 9_000_000, best: 5_000_000 } } : c)),
    scoringMethod: "weighted-sum-target",
    hiddenCosts: { managementOverheadPct: 2, transitionEffortYen: 150_000 },
    baselineCostMonthlyYen: 650_000,
    quoteDeadline: `${jstDay(LOW_QUOTE_DAYS.deadline)}T17:00:00+09:00`,
    sealed: true,
    visibility: "marketplace",
    invitedVendorIds: [],
  };
}

// TCO (contract value excl. tax + 2 % overhead + ¥150,000 transition effort): 北海道データエントリー ¥7,261,440,
// ネクスト経理 ¥7,626,600, 行政サポートセンター ¥7,789,800 (quoted 税込), ブリッジソフト ¥4,725,720 — 62 % of the
// others' median (¥7,626,600; the 75 % line is ¥5,719,950). The three in the normal range are within 7 % of each other.
const QUOTES: { vendor: string; at: number; quote: QuoteInput }[] = [
  {
    vendor: VENDOR.hokkaidoData,
    at: LOW_QUOTE_DAYS.deadline - 7,
    quote: {
      unitPrices: { SETUP: 300_000, NEW: 3_200, UPDATE: 1_200, PM: 120_000 },
      ...tax("excluded"),
      leadTimeDays: 30,
      kpiCommitments: { accuracy: 0.9998, processing_lead_time_days: 3, on_time_rate: 1 },
      assumptions:
        "規格書はクラウドストレージで受領します。原材料・アレルゲンの項目はダブルエントリー・ベリファイで入力し、判読できない項目は照会票で確認します。",
      team: "専任チーム5名（うち食品表示検定 中級2名）、検査担当1名。",
    },
  },
  {
    vendor: VENDOR.nextKeiri,
    at: LOW_QUOTE_DAYS.deadline - 5,
    quote: {
      unitPrices: { SETUP: 250_000, NEW: 3_500, UPDATE: 1_400, PM: 100_000 },
      ...tax("excluded"),
      leadTimeDays: 30,
      kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 4, on_time_rate: 0.98 },
      assumptions: "取引先別の規格書フォーマット（20社分まで）への転記を含みます。紙の規格書は月2回の郵送で受領する前提です。",
      team: "担当者4名、レビュー担当1名。",
    },
  },
  {
    vendor: VENDOR.gyosei,
    at: LOW_QUOTE_DAYS.deadline - 3,
    quote: {
      unitPrices: { SETUP: 385_000, NEW: 3_850, UPDATE: 1_430, PM: 132_000 },
      ...tax("included"),
      leadTimeDays: 21,
      kpiCommitments: { accuracy: 0.9995, processing_lead_time_days: 5, on_time_rate: 0.97 },
      assumptions: "春・秋の棚替え（3月・9月）は入力担当を2名増員します。増員分の費用は単価に含みます。",
      team: "業務責任者1名、入力担当6名（繁忙期8名）。",
    },
  },
  {
    vendor: BRIDGESOFT,
    at: LOW_QUOTE_DAYS.deadline - 1,
    quote: {
      unitPrices: { SETUP: 100_000, NEW: 2_100, UPDATE: 850, PM: 70_000 },
      ...tax("excluded"),
      leadTimeDays: 14,
      kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 2, on_time_rate: 1 },
      assumptions: "当社開発のAI-OCRで規格書を読み取り、入力作業を自動化します。取引先別フォーマットへの転記も同じ仕組みで行います。",
      team: "PM1名、AI-OCR運用担当1名、チェック担当4名。",
    },
  },
];

const emailOf = (org: string) => DEMO_ACCOUNTS.find((account) => account.org === org)!.email;

/** The RFQ's id in a seeded database (for tests and scripts). */
export async function findDemoLowQuoteRfqId(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom("rfqs")
    .innerJoin("memberships", "memberships.org_id", "rfqs.buyer_org_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("rfqs.id")
    .where("rfqs.title", "=", DEMO_LOW_QUOTE.title)
    .where("users.email", "=", DEMO_LOW_QUOTE.buyer)
    .executeTakeFirstOrThrow(() => new Error("The demo's abnormally low quote RFQ is not in the database"));
  return row.id;
}

/**
 * Seeds the RFQ, its four quotes, the buyer's explanation request on the low one and the vendor's answer, relative to
 * `now` (needs the demo accounts). Returns the ids.
 */
export async function seedDemoLowQuote(db: Kysely<Database>, now: Date): Promise<{ rfqId: string; quoteId: string; explanationId: string }> {
  const f = serviceContext(db, now);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const buyer = await actorFor(db, BUYER);

  f.clock.set(at(LOW_QUOTE_DAYS.published));
  const rfqId = await createPublishedRfq(f, buyer, rfqInput(now));

  const quoteIds = new Map<string, string>();
  for (const { vendor, at: day, quote } of QUOTES) {
    f.clock.set(at(day));
    quoteIds.set(vendor, await submitQuote(f, await actorFor(db, emailOf(vendor)), rfqId, quote));
  }
  const quoteId = quoteIds.get(BRIDGESOFT)!;
  const quote = await db.selectFrom("quotes").select(["current_version", "vendor_org_id"]).where("id", "=", quoteId).executeTakeFirstOrThrow();
  const vendor = await actorFor(db, emailOf(BRIDGESOFT));

  const requestedAt = at(LOW_QUOTE_DAYS.requested);
  const replyBy = addBusinessDays(tokyoDateString(requestedAt), LOW_QUOTE_REPLY_BUSINESS_DAYS, COMPANY_CALENDAR);
  const explanationId = await db.transaction().execute(async (trx) => {
    const id = await insertExplanationRequest(trx, {
      rfqId,
      quoteId,
      quoteVersion: quote.current_version,
      buyerOrgId: buyer.org!.id,
      vendorOrgId: quote.vendor_org_id,
      trigger: "abnormally_low",
      topics: TOPICS,
      message: REQUEST_MESSAGE,
      replyBy,
      requestedBy: buyer.userId,
      requestedAt,
    });
    await writeAudit(trx, {
      actorUserId: buyer.userId,
      actorOrgId: buyer.org!.id,
      action: DEMO_LOW_QUOTE_AUDIT.request,
      entityType: "quote",
      entityId: quoteId,
      after: { explanationId: id, quoteVersion: quote.current_version, topics: TOPICS, replyBy },
    });
    return id;
  });

  await db.transaction().execute(async (trx) => {
    const answered = await answerExplanationRequest(trx, quote.vendor_org_id, explanationId, ANSWER, vendor.userId, at(LOW_QUOTE_DAYS.answered));
    if (!answered) throw new Error("Demo low-quote seed: the explanation request was already answered");
    await writeAudit(trx, {
      actorUserId: vendor.userId,
      actorOrgId: quote.vendor_org_id,
      action: DEMO_LOW_QUOTE_AUDIT.answer,
      entityType: "quote",
      entityId: quoteId,
      after: { explanationId, topics: TOPICS },
    });
  });
  return { rfqId, quoteId, explanationId };
}
