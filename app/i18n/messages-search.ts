// Search pages (vendor search for buyers, open-RFQ search for vendors) and the search API.
export const searchMessages = {
  "search.title": { ja: "検索", en: "Search" },
} as const;
