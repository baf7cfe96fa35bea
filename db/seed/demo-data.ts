import type { VendorSpec } from "../../tests/factories";

// Demo data: two buyers, eight vendors across BPO, creative, development and marketing,
// one advisory firm and the platform admin. Names are fictional; facts (ISMS, Pマーク,
// ISO 9001, validity dates) follow how Japanese vendors present themselves.

export const DEMO_PASSWORD = "kurabe-demo-2026";

export interface DemoAccount {
  org: string;
  kind: "buyer" | "vendor" | "advisory" | "platform";
  email: string;
  name: string;
  /** API token value for this account: demo data only, printed in the README. */
  token: string;
  vendor?: VendorSpec;
  /** A buyer that is a local government: its payments follow 支払遅延防止法 and its calendar closes over 年末年始. */
  municipality?: true;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    org: "みどり市 市民生活部",
    kind: "buyer",
    email: "buyer@midori-city.example",
    name: "高橋 美咲",
    token: "kurabe_demo_buyer_midori_city_0000000000000001",
    municipality: true,
  },
  { org: "株式会社さくら食品", kind: "buyer", email: "buyer@sakura-foods.example", name: "佐藤 健一", token: "kurabe_demo_buyer_sakura_foods_000000000000002" },
  {
    org: "株式会社ネクスト経理サービス",
    kind: "vendor",
    email: "sales@next-keiri.example",
    name: "山本 直樹",
    token: "kurabe_demo_vendor_next_keiri_0000000000000003",
    vendor: {
      name: "株式会社ネクスト経理サービス",
      description:
        "経理BPO専門。記帳代行、請求書発行、支払・入金消込、月次決算の早期化を支援します。インボイス制度と電子帳簿保存法に対応した運用設計が得意です。Accounting BPO for mid-size companies: bookkeeping, invoicing, payables and month-end close.",
      categories: ["accounting", "data_entry"],
      regions: ["tokyo", "kanagawa", "saitama", "chiba", "nationwide"],
      languages: ["ja", "en"],
      teamSize: 85,
      certifications: [
        { type: "isms_iso27001", number: "IS 712345", issuer: "BSIグループジャパン", validFrom: "2024-04-01", validUntil: "2027-03-31" },
        { type: "privacy_mark", number: "第17001234(05)号", issuer: "JIPDEC", validFrom: "2025-01-15", validUntil: "2027-01-14" },
      ],
    },
  },
  {
    org: "ペイロールパートナーズ株式会社",
    kind: "vendor",
    email: "info@payroll-partners.example",
    name: "中村 由紀",
    token: "kurabe_demo_vendor_payroll_partners_00000000004",
    vendor: {
      name: "ペイロールパートナーズ株式会社",
      description:
        "給与計算・年末調整・社会保険手続きのアウトソーシング。従業員50〜5,000名規模で導入実績300社以上。マイナンバーの収集・保管も安全な専用環境で代行します。Payroll and year-end adjustment outsourcing, My Number handling included.",
      categories: ["hr_payroll"],
      regions: ["osaka", "tokyo", "aichi", "nationwide"],
      languages: ["ja"],
      teamSize: 120,
      certifications: [
        { type: "privacy_mark", number: "第20002345(03)号", issuer: "JIPDEC", validFrom: "2025-06-01", validUntil: "2027-05-31" },
        { type: "iso9001", number: "JQA-QMA12345", issuer: "日本品質保証機構", validFrom: "2023-10-01", validUntil: "2026-09-30" },
      ],
    },
  },
  {
    org: "コンタクトワン株式会社",
    kind: "vendor",
    email: "biz@contact-one.example",
    name: "小林 翔",
    token: "kurabe_demo_vendor_contact_one_000000000000005",
    vendor: {
      name: "コンタクトワン株式会社",
      description:
        "福岡・沖縄拠点のコールセンター/コンタクトセンター。応答率95%以上、一次回答率の改善提案を月次レポートでお届けします。多言語（英語・中国語・韓国語）窓口にも対応。Contact centre with multilingual lines and monthly improvement reports.",
      categories: ["contact_center", "support_operations"],
      regions: ["fukuoka", "okinawa", "nationwide"],
      languages: ["ja", "en", "zh", "ko"],
      teamSize: 340,
      certifications: [
        { type: "isms_iso27001", number: "IS 798765", issuer: "BSIグループジャパン", validFrom: "2025-02-01", validUntil: "2028-01-31" },
        { type: "iso9001", number: "JQA-QMA67890", issuer: "日本品質保証機構", validFrom: "2024-07-01", validUntil: "2027-06-30" },
      ],
    },
  },
  {
    org: "行政サポートセンター株式会社",
    kind: "vendor",
    email: "gyosei@gyosei-support.example",
    name: "伊藤 真理子",
    token: "kurabe_demo_vendor_gyosei_support_0000000000006",
    vendor: {
      name: "行政サポートセンター株式会社",
      description:
        "自治体の窓口業務・給付金申請受付・審査補助・データ入力・通知発送を一括受託。繁忙期（3〜4月）の増員体制とマイナンバーを含む個人情報の厳格な管理が強みです。Municipal processing: application intake, review support, data entry and notice dispatch.",
      categories: ["municipal", "data_entry", "contact_center"],
      regions: ["nationwide", "tokyo", "miyagi", "hiroshima"],
      languages: ["ja"],
      teamSize: 600,
      certifications: [
        { type: "isms_iso27001", number: "IS 701122", issuer: "日本品質保証機構", validFrom: "2024-09-01", validUntil: "2027-08-31" },
        { type: "privacy_mark", number: "第10823456(08)号", issuer: "JIPDEC", validFrom: "2025-04-01", validUntil: "2027-03-31" },
        { type: "iso9001", number: "JQA-QMA24680", issuer: "日本品質保証機構", validFrom: "2025-01-01", validUntil: "2027-12-31" },
      ],
    },
  },
  {
    org: "スタジオ・アオイ合同会社",
    kind: "vendor",
    email: "hello@studio-aoi.example",
    name: "青井 陽菜",
    token: "kurabe_demo_vendor_studio_aoi_00000000000000007",
    vendor: {
      name: "スタジオ・アオイ合同会社",
      description:
        "ランディングページ、採用サイト、パンフレットのデザイン制作。初稿から納品まで平均修正回数1.8回、納期遵守率98%。Landing pages, recruitment sites and brochures — on time, with few revision rounds.",
      categories: ["creative", "marketing"],
      regions: ["tokyo", "nationwide"],
      languages: ["ja", "en"],
      teamSize: 12,
      certifications: [],
    },
  },
  {
    org: "ブリッジソフト株式会社",
    kind: "vendor",
    email: "sales@bridgesoft.example",
    name: "渡辺 拓也",
    token: "kurabe_demo_vendor_bridgesoft_0000000000000008",
    vendor: {
      name: "ブリッジソフト株式会社",
      description:
        "業務システムの受託開発と保守運用。要件定義からテスト自動化まで、欠陥密度とスケジュール遵守率をKPIとして開示します。Custom business systems with published defect and schedule KPIs.",
      categories: ["software_development", "it_helpdesk"],
      regions: ["tokyo", "nationwide"],
      languages: ["ja", "en", "vi"],
      teamSize: 70,
      certifications: [
        { type: "isms_iso27001", number: "IS 765432", issuer: "BSIグループジャパン", validFrom: "2024-01-10", validUntil: "2027-01-09" },
        { type: "iso27701", number: "PM 701234", issuer: "BSIグループジャパン", validFrom: "2023-01-10", validUntil: "2026-01-09" },
      ],
    },
  },
  {
    org: "グロースアド株式会社",
    kind: "vendor",
    email: "team@growth-ad.example",
    name: "加藤 さくら",
    token: "kurabe_demo_vendor_growth_ad_00000000000000009",
    vendor: {
      name: "グロースアド株式会社",
      description:
        "運用型広告（検索・SNS）の運用代行。CPA・CVR・ROASを週次で報告し、クリエイティブ改善を継続します。Paid search and social ad operations with weekly CPA, CVR and ROAS reporting.",
      categories: ["marketing"],
      regions: ["tokyo", "osaka"],
      languages: ["ja"],
      teamSize: 25,
      certifications: [{ type: "privacy_mark", number: "第21004567(02)号", issuer: "JIPDEC", validFrom: "2023-08-01", validUntil: "2025-07-31" }],
    },
  },
  {
    org: "北海道データエントリー株式会社",
    kind: "vendor",
    email: "contact@hokkaido-data.example",
    name: "佐々木 大輔",
    token: "kurabe_demo_vendor_hokkaido_data_000000000000010",
    vendor: {
      name: "北海道データエントリー株式会社",
      description:
        "札幌のデータ入力センター。ダブルエントリー方式で入力精度99.98%、アンケート・申込書・伝票の大量入力に対応。Data entry centre in Sapporo: double-keyed, 99.98% accuracy.",
      categories: ["data_entry", "general_affairs"],
      regions: ["hokkaido", "nationwide"],
      languages: ["ja"],
      teamSize: 150,
      certifications: [
        { type: "privacy_mark", number: "第11820987(06)号", issuer: "JIPDEC", validFrom: "2025-03-01", validUntil: "2027-02-28" },
        { type: "isms_iso27001", number: "IS 733333", issuer: "日本品質保証機構", validFrom: "2025-05-01", validUntil: "2028-04-30", status: "unverified" },
      ],
    },
  },
  {
    org: "比較アドバイザリー合同会社",
    kind: "advisory",
    email: "advisor@hikaku-advisory.example",
    name: "松本 恵",
    token: "kurabe_demo_advisor_hikaku_0000000000000000011",
  },
  { org: "Kurabe 運営事務局", kind: "platform", email: "admin@kurabe.example", name: "Kurabe 管理者", token: "kurabe_demo_admin_platform_0000000000000000012" },
];
