// Where a vendor works: the 47 prefectures plus "nationwide/remote", which matters for
// on-site work (municipal counters, document pick-up) and for buyers who want a local partner.
export const REGIONS = [
  ["nationwide", "全国・リモート", "Nationwide / remote"],
  ["hokkaido", "北海道", "Hokkaido"],
  ["aomori", "青森県", "Aomori"],
  ["iwate", "岩手県", "Iwate"],
  ["miyagi", "宮城県", "Miyagi"],
  ["akita", "秋田県", "Akita"],
  ["yamagata", "山形県", "Yamagata"],
  ["fukushima", "福島県", "Fukushima"],
  ["ibaraki", "茨城県", "Ibaraki"],
  ["tochigi", "栃木県", "Tochigi"],
  ["gunma", "群馬県", "Gunma"],
  ["saitama", "埼玉県", "Saitama"],
  ["chiba", "千葉県", "Chiba"],
  ["tokyo", "東京都", "Tokyo"],
  ["kanagawa", "神奈川県", "Kanagawa"],
  ["niigata", "新潟県", "Niigata"],
  ["toyama", "富山県", "Toyama"],
  ["ishikawa", "石川県", "Ishikawa"],
  ["fukui", "福井県", "Fukui"],
  ["yamanashi", "山梨県", "Yamanashi"],
  ["nagano", "長野県", "Nagano"],
  ["gifu", "岐阜県", "Gifu"],
  ["shizuoka", "静岡県", "Shizuoka"],
  ["aichi", "愛知県", "Aichi"],
  ["mie", "三重県", "Mie"],
  ["shiga", "滋賀県", "Shiga"],
  ["kyoto", "京都府", "Kyoto"],
  ["osaka", "大阪府", "Osaka"],
  ["hyogo", "兵庫県", "Hyogo"],
  ["nara", "奈良県", "Nara"],
  ["wakayama", "和歌山県", "Wakayama"],
  ["tottori", "鳥取県", "Tottori"],
  ["shimane", "島根県", "Shimane"],
  ["okayama", "岡山県", "Okayama"],
  ["hiroshima", "広島県", "Hiroshima"],
  ["yamaguchi", "山口県", "Yamaguchi"],
  ["tokushima", "徳島県", "Tokushima"],
  ["kagawa", "香川県", "Kagawa"],
  ["ehime", "愛媛県", "Ehime"],
  ["kochi", "高知県", "Kochi"],
  ["fukuoka", "福岡県", "Fukuoka"],
  ["saga", "佐賀県", "Saga"],
  ["nagasaki", "長崎県", "Nagasaki"],
  ["kumamoto", "熊本県", "Kumamoto"],
  ["oita", "大分県", "Oita"],
  ["miyazaki", "宮崎県", "Miyazaki"],
  ["kagoshima", "鹿児島県", "Kagoshima"],
  ["okinawa", "沖縄県", "Okinawa"],
] as const;

export type RegionKey = (typeof REGIONS)[number][0];
export const REGION_KEYS = REGIONS.map((r) => r[0]) as [RegionKey, ...RegionKey[]];
/** The tables below are the catalog of place and language names: [key, ja, en]; this is the column per locale. */
const COLUMN = { ja: 1, en: 2 } as const;

export const regionLabel = (key: string, locale: "ja" | "en"): string => {
  const r = REGIONS.find((x) => x[0] === key);
  return r ? r[COLUMN[locale]] : key;
};

export const LANGUAGES = [
  ["ja", "日本語", "Japanese"],
  ["en", "英語", "English"],
  ["zh", "中国語", "Chinese"],
  ["ko", "韓国語", "Korean"],
  ["vi", "ベトナム語", "Vietnamese"],
  ["pt", "ポルトガル語", "Portuguese"],
] as const;
export type LanguageKey = (typeof LANGUAGES)[number][0];
export const LANGUAGE_KEYS = LANGUAGES.map((l) => l[0]) as [LanguageKey, ...LanguageKey[]];
export const languageLabel = (key: string, locale: "ja" | "en"): string => {
  const l = LANGUAGES.find((x) => x[0] === key);
  return l ? l[COLUMN[locale]] : key;
};
