import { REGIONS, regionLabel, type LanguageKey, type RegionKey } from "../../app/domain/regions";
import { VENDOR_CATEGORIES, categoryLabel, type VendorCategory } from "../../app/domain/vendor/catalog";
import type { BuiltInCertificationType } from "../../app/domain/rfq/categories";

// Generated vendors for the search benchmark (`npm run bench:search`): Japanese and English
// names and descriptions the way Japanese BPO vendors present themselves, with categories,
// prefectures and certifications (some expired, some rejected) drawn with realistic skews.
// Deterministic: the same seed gives the same vendors, ids included, so runs compare.

export interface GeneratedCertification {
  type: BuiltInCertificationType;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
  status: "unverified" | "verified" | "rejected";
}

export interface GeneratedEngagement {
  clientName: string;
  category: VendorCategory;
  title: string;
  startedOn: string;
  endedOn: string | null;
}

export interface GeneratedVendor {
  id: string;
  name: string;
  description: string;
  locale: "ja" | "en";
  categories: VendorCategory[];
  regions: RegionKey[];
  languages: LanguageKey[];
  teamSize: number;
  updatedAt: Date;
  certifications: GeneratedCertification[];
  engagements: GeneratedEngagement[];
}

/** mulberry32: tiny, fast and good enough to draw test data from. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
function weighted<T>(r: Rand, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of entries) {
    x -= w;
    if (x < 0) return v;
  }
  return entries[entries.length - 1][0];
}

/** A version-4-shaped UUID from the generator, so ids are reproducible too. */
function uuid(r: Rand): string {
  const b = Array.from({ length: 16 }, () => Math.floor(r() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CATEGORY_WEIGHTS: Record<VendorCategory, number> = {
  accounting: 12,
  hr_payroll: 11,
  general_affairs: 7,
  it_helpdesk: 9,
  contact_center: 12,
  data_entry: 12,
  municipal: 7,
  creative: 8,
  software_development: 9,
  marketing: 6,
  support_operations: 7,
};

/** What a vendor of one category often also does. */
const RELATED: Record<VendorCategory, VendorCategory[]> = {
  accounting: ["hr_payroll", "data_entry", "general_affairs"],
  hr_payroll: ["accounting", "general_affairs", "data_entry"],
  general_affairs: ["accounting", "hr_payroll", "support_operations"],
  it_helpdesk: ["software_development", "support_operations", "contact_center"],
  contact_center: ["support_operations", "data_entry", "marketing", "municipal"],
  data_entry: ["municipal", "accounting", "support_operations"],
  municipal: ["data_entry", "contact_center", "general_affairs"],
  creative: ["marketing", "software_development"],
  software_development: ["it_helpdesk", "creative"],
  marketing: ["creative", "contact_center"],
  support_operations: ["contact_center", "it_helpdesk", "data_entry"],
};

// Roughly where offices are: the big metropolitan prefectures dominate.
const REGION_WEIGHTS: Partial<Record<RegionKey, number>> = {
  tokyo: 30,
  osaka: 14,
  kanagawa: 10,
  aichi: 9,
  saitama: 6,
  chiba: 6,
  fukuoka: 7,
  hyogo: 6,
  hokkaido: 5,
  kyoto: 4,
  miyagi: 4,
  hiroshima: 4,
  shizuoka: 3,
  niigata: 2,
  okinawa: 3,
  kumamoto: 2,
  okayama: 2,
  nagano: 2,
  ibaraki: 2,
};
const REGION_ENTRIES = REGIONS.filter((r) => r[0] !== "nationwide").map((r) => [r[0], REGION_WEIGHTS[r[0]] ?? 1] as const);
const regionStem = (key: RegionKey) => regionLabel(key, "ja").replace(/(都|府|県)$/, "");

const JA_STEMS = [
  "東邦",
  "北斗",
  "大和",
  "光陽",
  "富士",
  "青葉",
  "千代田",
  "日本橋",
  "浪速",
  "博多",
  "杜の都",
  "湘南",
  "三河",
  "信州",
  "瀬戸内",
  "北陸",
  "東北",
  "関西",
  "中部",
  "九州",
  "みどり",
  "さくら",
  "ひかり",
  "あおぞら",
  "つばさ",
  "はるか",
  "アオバ",
  "ミライ",
  "ネクスト",
  "グローバル",
  "ユニバーサル",
  "トラスト",
  "アクティブ",
  "スマート",
  "クロス",
  "エール",
  "協和",
  "共栄",
  "創和",
  "誠和",
  "明光",
  "太陽",
  "新星",
  "旭",
  "丸の内",
  "栄",
  "梅田",
  "天神",
  "日進",
  "昭和",
  "平成",
  "令和",
  "和光",
  "まごころ",
  "すずらん",
  "やまびこ",
];
const EN_STEMS = [
  "Sakura",
  "Aoba",
  "Hikari",
  "Fuji",
  "Hokuto",
  "Yamato",
  "Chiyoda",
  "Nihonbashi",
  "Kansai",
  "Kyushu",
  "Tohoku",
  "Shonan",
  "Mirai",
  "Pacific",
  "Blue Sky",
  "Summit",
  "Harbor",
  "Orient",
  "Nippon",
  "Rising Sun",
  "Evergreen",
  "Northstar",
  "Bamboo",
  "Crane",
  "Maple",
];

const JA_BUSINESS: Record<VendorCategory, string[]> = {
  accounting: ["経理サービス", "会計サポート", "経理アウトソーシング", "記帳センター", "ビジネスサービス"],
  hr_payroll: ["給与計算センター", "人事サポート", "労務サービス", "ペイロール", "人事ソリューションズ"],
  general_affairs: ["総務サービス", "オフィスサポート", "ビジネスサポート"],
  it_helpdesk: ["ITサポート", "ヘルプデスク", "システムサービス", "情報システム"],
  contact_center: ["コールセンター", "コンタクトセンター", "テレマーケティング", "カスタマーサポート"],
  data_entry: ["データ入力センター", "データサービス", "情報処理", "データプロセス", "入力サービス"],
  municipal: ["行政サービス", "自治体サポート", "パブリックサービス"],
  creative: ["デザイン", "クリエイティブ", "制作所"],
  software_development: ["システムズ", "ソフトウェア", "テクノロジーズ", "ソリューションズ"],
  marketing: ["マーケティング", "コミュニケーションズ", "広告"],
  support_operations: ["オペレーションズ", "サポートサービス", "BPOサービス", "アウトソーシング", "BPOソリューションズ"],
};
const EN_BUSINESS: Record<VendorCategory, string[]> = {
  accounting: ["Accounting Services", "Bookkeeping Partners", "Finance BPO"],
  hr_payroll: ["Payroll Solutions", "HR Partners", "Payroll Services"],
  general_affairs: ["Office Support", "Business Support"],
  it_helpdesk: ["IT Support", "Helpdesk Services", "IT Services"],
  contact_center: ["Contact Centre", "Call Center Services", "Customer Care"],
  data_entry: ["Data Entry Services", "Data Processing", "Data Services"],
  municipal: ["Public Services", "Civic Services"],
  creative: ["Design Studio", "Creative"],
  software_development: ["Software", "Technologies", "Systems"],
  marketing: ["Marketing", "Communications"],
  support_operations: ["Operations", "BPO Services", "Business Services"],
};

const JA_SENTENCES: Record<VendorCategory, string[]> = {
  accounting: [
    "記帳代行、請求書発行、支払・入金消込、月次決算の早期化を支援します。",
    "インボイス制度と電子帳簿保存法に対応した経理BPOを提供しています。",
    "経費精算の点検から固定資産台帳の管理まで、経理業務を一括で受託します。",
    "年間{n}社の記帳代行実績があります。",
  ],
  hr_payroll: [
    "給与計算・年末調整・社会保険の手続きを代行します。",
    "勤怠データの集計から給与明細の電子配信まで対応しています。",
    "マイナンバーの収集・保管を含む労務手続きを安全に代行します。",
    "毎月{n}名分の給与計算を受託しています。",
  ],
  general_affairs: [
    "受付・郵便物の仕分け・備品管理などの総務業務を代行します。",
    "契約書の管理や社内文書の電子化を支援します。",
    "オフィス移転やファシリティ管理の実務をサポートします。",
  ],
  it_helpdesk: [
    "社内ヘルプデスクとPCキッティング、アカウント管理を代行します。",
    "情報システム部門の一次受付から障害切り分けまで対応します。",
    "Microsoft 365 や Google Workspace の運用支援を行います。",
  ],
  contact_center: [
    "インバウンド・アウトバウンドのコールセンターを{n}席で運営しています。",
    "応答率・平均処理時間などのKPIを毎月報告します。",
    "多言語対応のコンタクトセンターを24時間365日運営しています。",
    "チャット・メール・電話のオムニチャネル窓口を受託します。",
  ],
  data_entry: [
    "帳票のスキャン・データ入力・ベリファイ入力を行います。",
    "アンケートや申請書のデータ入力を月間{n}万件処理しています。",
    "OCRと人手の二重チェックで入力精度99.9%以上を維持しています。",
  ],
  municipal: [
    "自治体の窓口業務、給付金の審査事務、ふるさと納税の事務を受託しています。",
    "住民異動届や証明書発行の窓口業務の実績があります。",
    "市民意識調査の調査票データ入力・集計業務を多数受託しています。",
    "マイナンバーカード交付事務を支援しています。",
  ],
  creative: ["Webサイト・パンフレット・動画の企画制作を行います。", "企業ロゴやブランドガイドラインのデザインを手がけます。"],
  software_development: [
    "業務システムの受託開発とクラウド移行を支援します。",
    "ローコードツールを活用した業務改善アプリを開発します。",
    "要件定義から保守運用まで一貫して対応します。",
  ],
  marketing: ["デジタル広告の運用とSNSマーケティングを代行します。", "市場調査からキャンペーン企画までを支援します。"],
  support_operations: [
    "バックオフィス業務のBPOとして、業務設計から運用改善まで伴走します。",
    "業務マニュアルの整備と標準化で品質を安定させます。",
    "RPAを活用した業務効率化を提案します。",
  ],
};
const EN_SENTENCES: Record<VendorCategory, string[]> = {
  accounting: [
    "Accounting BPO: bookkeeping, invoicing, payables, receivables matching and a faster month-end close.",
    "Compliant with the invoice system and the Electronic Bookkeeping Act.",
    "Bookkeeping for {n} client companies every year.",
  ],
  hr_payroll: [
    "Payroll processing, year-end adjustment and social insurance filings.",
    "From timesheet aggregation to electronic payslips.",
    "We run payroll for {n} employees every month.",
  ],
  general_affairs: ["Reception, mail sorting and office supplies management.", "Contract management and digitisation of internal documents."],
  it_helpdesk: ["Internal IT helpdesk, PC kitting and account administration.", "First-line support and incident triage for your IT department."],
  contact_center: [
    "Inbound and outbound contact centre operations with {n} seats.",
    "Monthly KPI reports on answer rate and average handling time.",
    "Multilingual call center open around the clock.",
  ],
  data_entry: ["Form scanning, data entry and double-keyed verification.", "We process {n}0,000 survey and application forms a month."],
  municipal: ["Counter services, benefit screening and hometown tax administration for municipalities.", "Data entry and tabulation of citizen surveys."],
  creative: ["Websites, brochures and video production.", "Logo and brand guideline design."],
  software_development: ["Custom business systems and cloud migration.", "From requirements to maintenance and operations."],
  marketing: ["Digital advertising and social media marketing.", "Market research and campaign planning."],
  support_operations: ["Back-office BPO: process design, operations and continuous improvement.", "Standardised procedures keep quality stable."],
};

const CERT_RATE: Record<VendorCategory, number> = {
  accounting: 0.55,
  hr_payroll: 0.6,
  general_affairs: 0.35,
  it_helpdesk: 0.45,
  contact_center: 0.6,
  data_entry: 0.6,
  municipal: 0.7,
  creative: 0.12,
  software_development: 0.35,
  marketing: 0.15,
  support_operations: 0.45,
};
const CERTS: { type: BuiltInCertificationType; share: number; years: number; issuers: string[]; number: (r: Rand) => string }[] = [
  {
    type: "isms_iso27001",
    share: 1,
    years: 3,
    issuers: ["BSIグループジャパン", "日本品質保証機構（JQA）", "ロイドレジスタージャパン", "SGSジャパン"],
    number: (r) => `IS ${int(r, 500000, 799999)}`,
  },
  { type: "privacy_mark", share: 0.9, years: 2, issuers: ["JIPDEC"], number: (r) => `第${int(r, 10800000, 21999999)}(0${int(r, 1, 9)})号` },
  {
    type: "iso9001",
    share: 0.35,
    years: 3,
    issuers: ["日本品質保証機構（JQA）", "日本環境認証機構（JACO）", "BSIグループジャパン"],
    number: (r) => `JQA-QM${int(r, 1000, 9999)}`,
  },
  { type: "iso27701", share: 0.08, years: 3, issuers: ["BSIグループジャパン"], number: (r) => `PM ${int(r, 700000, 799999)}` },
  {
    type: "soc2_type2",
    share: 0.04,
    years: 1,
    issuers: ["あおば監査法人", "Sakura Assurance LLC"],
    number: (r) => `SOC2-${int(r, 2023, 2025)}-${int(r, 100, 999)}`,
  },
];

const PUBLIC_CLIENTS = ["市", "市役所", "町役場", "信用金庫", "大学", "病院"];
const COMPANY_CLIENTS = ["商事", "製作所", "物産", "ホールディングス", "銀行", "生命保険", "電機", "食品"];

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const fill = (r: Rand, s: string) => s.replace("{n}", String(int(r, 2, 60) * 10));

function pickCategories(r: Rand): VendorCategory[] {
  const primary = weighted(
    r,
    VENDOR_CATEGORIES.map((c) => [c, CATEGORY_WEIGHTS[c]] as const),
  );
  const out = new Set<VendorCategory>([primary]);
  const extra = weighted(r, [
    [0, 45],
    [1, 40],
    [2, 15],
  ] as const);
  for (let i = 0; i < extra; i++) out.add(pick(r, RELATED[primary]));
  return [...out];
}

function pickRegions(r: Rand): RegionKey[] {
  const main = weighted(r, REGION_ENTRIES);
  const out = new Set<RegionKey>([main]);
  if (r() < 0.3) out.add(weighted(r, REGION_ENTRIES));
  if (r() < 0.1) out.add(weighted(r, REGION_ENTRIES));
  if (r() < 0.15) out.add("nationwide");
  return [...out];
}

function certificate(r: Rand, c: (typeof CERTS)[number], today: Date): GeneratedCertification {
  // Issued up to 1.2 terms ago: most are valid today, about one in six has lapsed.
  const validFrom = addDays(today, -Math.floor(r() * c.years * 365 * 1.2));
  return {
    type: c.type,
    number: c.number(r),
    issuer: pick(r, c.issuers),
    validFrom: isoDate(validFrom),
    validUntil: isoDate(addDays(validFrom, c.years * 365 - 1)),
    status: weighted(r, [
      ["verified", 55],
      ["unverified", 40],
      ["rejected", 5],
    ] as const),
  };
}

function pickCertifications(r: Rand, categories: VendorCategory[], today: Date): GeneratedCertification[] {
  const rate = Math.max(...categories.map((c) => CERT_RATE[c]));
  if (r() >= rate) return [];
  const out = CERTS.filter((c, i) => r() < c.share * (i === 0 ? 0.75 : 0.5)).map((c) => certificate(r, c, today));
  // A certified vendor holds at least one certificate: ISMS is the common one.
  return out.length > 0 ? out : [certificate(r, CERTS[0], today)];
}

function shuffled<T>(r: Rand, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function pickEngagements(r: Rand, categories: VendorCategory[], today: Date, region: RegionKey): GeneratedEngagement[] {
  const count = weighted(r, [
    [0, 40],
    [1, 20],
    [2, 15],
    [3, 10],
    [5, 8],
    [8, 5],
    [12, 2],
  ] as const);
  const place = regionStem(region === "nationwide" ? "tokyo" : region);
  return Array.from({ length: count }, () => {
    const category = pick(r, categories);
    const start = addDays(today, -int(r, 60, 365 * 8));
    const end = addDays(start, int(r, 180, 1500));
    return {
      clientName: category === "municipal" || r() < 0.3 ? `${place}${pick(r, PUBLIC_CLIENTS)}` : `株式会社${pick(r, JA_STEMS)}${pick(r, COMPANY_CLIENTS)}`,
      category,
      title: `${categoryLabel(category, "ja")}業務の受託`,
      startedOn: isoDate(start),
      endedOn: end < today ? isoDate(end) : null,
    };
  });
}

function jaName(r: Rand, categories: VendorCategory[], regions: RegionKey[]): string {
  const stem = r() < 0.25 && regions[0] !== "nationwide" ? regionStem(regions[0]) : pick(r, JA_STEMS);
  const business = pick(r, JA_BUSINESS[categories[0]]);
  return weighted(r, [
    [`株式会社${stem}${business}`, 55],
    [`${stem}${business}株式会社`, 35],
    [`有限会社${stem}${business}`, 5],
    [`合同会社${stem}${business}`, 5],
  ] as const);
}

function enName(r: Rand, categories: VendorCategory[], regions: RegionKey[]): string {
  const stem = r() < 0.2 && regions[0] !== "nationwide" ? regionLabel(regions[0], "en") : pick(r, EN_STEMS);
  return `${stem} ${pick(r, EN_BUSINESS[categories[0]])} ${pick(r, ["Co., Ltd.", "K.K.", "Inc.", "Japan", "G.K."])}`;
}

function description(
  r: Rand,
  locale: "ja" | "en",
  v: Pick<GeneratedVendor, "categories" | "regions" | "languages" | "teamSize" | "certifications">,
  today: Date,
): string {
  const sentences = locale === "ja" ? JA_SENTENCES : EN_SENTENCES;
  const primary = shuffled(r, sentences[v.categories[0]]).slice(0, int(r, 2, 3));
  const others = v.categories.slice(1).map((c) => pick(r, sentences[c]));
  const valid = new Set(v.certifications.filter((c) => c.status !== "rejected" && c.validUntil >= isoDate(today)).map((c) => c.type));
  const nationwide = v.regions.includes("nationwide");
  const places = v.regions.filter((x) => x !== "nationwide").map((x) => regionLabel(x, locale));
  const parts = [...primary, ...others].map((s) => fill(r, s));
  if (locale === "ja") {
    parts.push(`${places.join("・")}を拠点に${nationwide ? "、全国どこでもリモートで" : ""}対応しています。`);
    if (valid.has("isms_iso27001")) parts.push("ISMS（ISO/IEC 27001）認証を取得し、情報を安全に取り扱います。");
    if (valid.has("privacy_mark")) parts.push("プライバシーマーク（Pマーク）付与事業者です。");
    parts.push(`従業員${v.teamSize}名、創業${int(r, 1965, 2022)}年。`);
    if (v.languages.includes("en")) parts.push("English support available.");
  } else {
    parts.push(`Based in ${places.join(", ")}${nationwide ? ", serving clients nationwide and remotely" : ""}.`);
    if (valid.has("isms_iso27001")) parts.push("ISO 27001 (ISMS) certified.");
    if (valid.has("privacy_mark")) parts.push("Privacy Mark holder.");
    parts.push(`${v.teamSize} staff, founded in ${int(r, 1965, 2022)}.`);
    if (v.languages.includes("ja")) parts.push("日本語・英語で対応します。");
  }
  return parts.join(locale === "ja" ? "" : " ");
}

/** `count` vendors, the same ones for the same seed; `today` decides which certificates are still valid. */
export function* generateVendors(count: number, options: { seed?: number; today?: Date } = {}): Generator<GeneratedVendor> {
  const r = prng(options.seed ?? 2026);
  const today = options.today ?? new Date();
  for (let i = 0; i < count; i++) {
    const id = uuid(r);
    const locale = r() < 0.78 ? "ja" : "en";
    const categories = pickCategories(r);
    const regions = pickRegions(r);
    const teamSize = Math.min(5000, Math.max(1, Math.round(Math.exp(3.4 + 1.3 * (r() + r() + r() - 1.5)))));
    const languages: LanguageKey[] = locale === "ja" ? ["ja"] : ["en", ...(r() < 0.7 ? (["ja"] as const) : [])];
    if (locale === "ja" && r() < 0.25) languages.push("en");
    for (const [lang, p] of [
      ["zh", 0.05],
      ["ko", 0.03],
      ["vi", 0.03],
      ["pt", 0.01],
    ] as const)
      if (r() < p) languages.push(lang);
    const certifications = pickCertifications(r, categories, today);
    const base = { categories, regions, languages, teamSize, certifications };
    yield {
      id,
      name: locale === "ja" ? jaName(r, categories, regions) : enName(r, categories, regions),
      description: description(r, locale, base, today),
      locale,
      categories,
      regions,
      languages,
      teamSize,
      updatedAt: addDays(today, -Math.floor(r() * 730)),
      certifications,
      engagements: pickEngagements(r, categories, today, regions[0]),
    };
  }
}
