// The compact comparison API's words (issue 21, decision 0057): why a query parameter is refused.
export const comparisonApiMessages = {
  "compareApi.param.page": { ja: "page は 1 以上の整数で指定してください。", en: "page must be a whole number from 1." },
  "compareApi.param.perPage": { ja: "perPage は 1 から 100 までの整数で指定してください。", en: "perPage must be a whole number from 1 to 100." },
  "compareApi.param.fields": {
    ja: "fields は scores、contributions、explanations をカンマ区切りで指定してください。",
    en: "fields takes scores, contributions and explanations, comma-separated.",
  },
  "compareApi.param.lang": { ja: "lang は ja か en で指定してください。", en: "lang must be ja or en." },
  "compareApi.param.precision": { ja: "precision は page か full で指定してください。", en: "precision must be page or full." },
  "compareApi.param.sort": {
    ja: "sort は score、tco、またはこの見積依頼の評価基準のキーで指定してください。",
    en: "sort must be score, tco or a criterion key of this RFQ.",
  },
  "compareApi.param.gate": { ja: "gate は passed、failed、all のいずれかで指定してください。", en: "gate must be passed, failed or all." },
  "compareApi.param.flag": { ja: "1 か 0 で指定してください。", en: "Use 1 or 0." },
  "compareApi.param.cert": { ja: "cert には認証の種類を指定してください。", en: "cert must name a certification type." },
  "compareApi.param.yen": { ja: "金額は 0 以上の整数（円）で指定してください。", en: "Amounts are whole yen from 0." },
  "compareApi.param.view": { ja: "view は page か full で指定してください。", en: "view must be page or full." },
  "compareApi.param.range": { ja: "tcoMin は tcoMax 以下にしてください。", en: "tcoMin must not be above tcoMax." },
} as const;
