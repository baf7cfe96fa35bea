import type { Settings } from "meilisearch";

// Each index's settings live in code and are reconciled at boot (Karakeep's pattern):
// the index is a projection, so its shape must follow the code, never the other way round.
export const INDEX_NAMES = ["vendors", "rfqs", "quotes", "transaction_records"] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

// Japanese ↔ English pairs buyers actually type. Meilisearch synonyms are directional,
// so each group is expanded to every member (see `expandSynonymGroups`).
export const SYNONYM_GROUPS: string[][] = [
  ["経理", "accounting", "会計"],
  ["給与計算", "payroll", "給与"],
  ["人事", "hr", "労務"],
  ["コールセンター", "contact centre", "contact center", "call center", "コンタクトセンター"],
  ["pマーク", "プライバシーマーク", "privacy mark"],
  ["isms", "iso 27001", "iso27001"],
  ["行政", "municipal", "自治体"],
  ["データ入力", "data entry"],
  ["東京", "tokyo"],
  ["大阪", "osaka"],
];

export function expandSynonymGroups(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) out[word] = group.filter((w) => w !== word);
  }
  return out;
}

export const INDEX_SETTINGS: Record<IndexName, Settings> = {
  vendors: {
    // Order matters: a hit in the name or a category outranks one deep in the description.
    searchableAttributes: [
      "name",
      "category_labels_ja",
      "category_labels_en",
      "certification_labels",
      "region_labels_ja",
      "region_labels_en",
      "description",
      "synonyms_ja",
      "synonyms_en",
    ],
    filterableAttributes: ["categories", "regions", "certifications", "languages"],
    sortableAttributes: ["track_record_count", "name", "updated_at"],
    displayedAttributes: ["*"],
    synonyms: expandSynonymGroups(SYNONYM_GROUPS),
    localizedAttributes: [
      { attributePatterns: ["*_ja"], locales: ["jpn"] },
      { attributePatterns: ["*_en"], locales: ["eng"] },
    ],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    pagination: { maxTotalHits: 5000 },
    faceting: { maxValuesPerFacet: 100 },
  },
  rfqs: {
    searchableAttributes: ["title", "category_labels_ja", "category_labels_en", "purpose", "scope_in", "buyer_name", "synonyms_ja", "synonyms_en"],
    filterableAttributes: ["status", "visibility", "invited_vendor_ids", "buyer_org_id", "category", "phase", "required_certifications", "quote_deadline"],
    sortableAttributes: ["quote_deadline", "published_at", "updated_at"],
    displayedAttributes: ["*"],
    synonyms: expandSynonymGroups(SYNONYM_GROUPS),
    localizedAttributes: [
      { attributePatterns: ["*_ja"], locales: ["jpn"] },
      { attributePatterns: ["*_en"], locales: ["eng"] },
    ],
    pagination: { maxTotalHits: 5000 },
  },
  quotes: {
    searchableAttributes: ["vendor_name"],
    filterableAttributes: ["rfq_id", "buyer_org_id", "status", "needs_reconfirmation", "certifications", "disqualified"],
    // `kpi_<key>` attributes are added by upsertQuotes as RFQs bring new KPI keys (no wildcard exists for sorting).
    sortableAttributes: ["score", "rank", "tco", "roi", "submitted_at"],
    displayedAttributes: ["*"],
    pagination: { maxTotalHits: 1000 },
  },
  // 電子帳簿保存法 (decision 0036): one document per record and side. Every search filters on org_id and side first
  // (built by the server from the actor); dates are yyyymmdd numbers, amounts integer yen (the magnitude), the
  // counterparty matched through `counterparty_grams` (every normalized substring), so Japanese names match
  // anywhere, exactly as in the PostgreSQL fallback.
  transaction_records: {
    searchableAttributes: ["counterparty_name", "number", "title"],
    filterableAttributes: ["org_id", "side", "kind", "record_date", "amount", "counterparty_grams"],
    sortableAttributes: ["record_date", "amount", "kind", "number"],
    displayedAttributes: ["*"],
    pagination: { maxTotalHits: 10000 },
  },
};
