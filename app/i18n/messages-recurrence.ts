// Line recurrences (quarterly, half-yearly, yearly, n times over the term) and rates typed as percentages (issue 14).
export const recurrenceMessages = {
  "recurrence.field.occurrences": { ja: "回数（n回のとき）", en: "Times (for “n times”)" },
  "recurrence.overTerm": { ja: "契約期間中{n}回", en: "{n}× over the term" },
  "recurrence.priceHint.months": {
    ja: "1{unit}・1か月あたりの単価（× {quantity}{unit} × {n}か月）",
    en: "price per {unit} per month (× {quantity} {unit} × {n} months)",
  },
  "recurrence.priceHint.occurrences": {
    ja: "1{unit}・1回あたりの単価（× {quantity}{unit} × {n}回）",
    en: "price per {unit} per occurrence (× {quantity} {unit} × {n} times)",
  },
  "recurrence.priceHint.once": { ja: "1{unit}あたりの単価（× {quantity}{unit}、1回のみ）", en: "price per {unit} (× {quantity} {unit}, once)" },
  "rate.percentSuffix": { ja: "%", en: "%" },
  "rate.outOfRange": { ja: "率は0〜100%で入力してください。", en: "Enter a rate from 0 to 100%." },
  "rate.commitmentOutOfRange": {
    ja: "コミット値が範囲外です（率は0〜100%、評点は0〜5、回数・時間・日数は0以上）。",
    en: "The commitment is out of range (rates 0–100%, scores 0–5, counts, hours and days at least 0).",
  },
} satisfies Record<string, { ja: string; en: string }>;
