// A dependency the app cannot work without (the database) is unreachable: the API's 503 problem and the short
// page shown instead of a page (decision 0056).
export const reliabilityMessages = {
  "unavailable.title": { ja: "一時的にご利用いただけません", en: "Temporarily unavailable" },
  "unavailable.detail": {
    ja: "データベースに接続できません。数秒後にもう一度お試しください。",
    en: "The database cannot be reached. Try again in a few seconds.",
  },
  "request.json.tooDeep": {
    ja: "JSON の入れ子が深すぎます（64 段まで）。",
    en: "The JSON is nested too deeply (64 levels at most).",
  },
} as const;
