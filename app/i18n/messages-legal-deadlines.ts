// Legal inspection and payment deadlines of a contract's milestones (issue 15, docs/legal-deadlines.md).
// Each refusal names its rule: the law, the article, what the days count from and how they are counted.
export const legalDeadlineMessages = {
  "legalDeadlines.municipality.inspection.exceeded": {
    ja: "検査の時期が完了通知を受けた日から10日を超えています（政府契約の支払遅延防止等に関する法律 第5条第1項。第14条により地方公共団体の契約に準用。暦日で数えます）。",
    en: "Inspection is set later than 10 days after the completion notice (Act on Prevention of Delay in Payment under Government Contracts, Art. 5(1), applied to local governments by Art. 14; calendar days).",
  },
  "legalDeadlines.municipality.payment.exceeded": {
    ja: "支払の時期が適法な支払請求を受けた日から30日を超えています（政府契約の支払遅延防止等に関する法律 第6条第1項。第14条により地方公共団体の契約に準用。暦日で数えます）。",
    en: "Payment is set later than 30 days after a proper invoice (Act on Prevention of Delay in Payment under Government Contracts, Art. 6(1), applied to local governments by Art. 14; calendar days).",
  },
  "legalDeadlines.company.payment.exceeded": {
    ja: "支払期日が受領日から起算して60日を超えています（中小受託取引適正化法 第3条第1項、フリーランス・事業者間取引適正化等法 第4条第1項。受領日を1日目とする暦日）。",
    en: "Payment is set later than 60 days from receipt of the work (Act on the Proper Conduct of Transactions with Small and Medium-sized Contractors, Art. 3(1); Freelance Act, Art. 4(1); calendar days, the day of receipt being day 1).",
  },
  "legalDeadlines.days.required": { ja: "日数を入力してください。", en: "Enter the number of days." },
  "legalDeadlines.days.invalid": {
    ja: "日数は0以上の整数で入力してください（受領日から起算する場合は1以上）。",
    en: "Enter a whole number of days, 0 or more (1 or more when counted from the day of receipt).",
  },
  "legalDeadlines.outsideScope.reasonRequired": {
    ja: "法律の適用対象外とする理由を入力してください（例: 受託者が資本金・従業員数の基準に当たらない大企業である）。",
    en: "Give the reason the contract is outside these laws (e.g. the contractor is a large company outside their size thresholds).",
  },
  "legalDeadlines.outsideScope.reasonTooLong": { ja: "理由は1000文字以内で入力してください。", en: "Keep the reason within 1,000 characters." },
  "legalDeadlines.outsideScope.notForMunicipality": {
    ja: "地方公共団体の契約は政府契約の支払遅延防止等に関する法律（第14条）の対象のため、適用対象外にはできません。",
    en: "A local government's contracts are always under the Act on Prevention of Delay in Payment under Government Contracts (Art. 14); they cannot be marked out of scope.",
  },
  "legalDeadlines.date.invalid": { ja: "日付はYYYY-MM-DDの形式の実在する日で入力してください。", en: "Enter a real date as YYYY-MM-DD." },
  "legalDeadlines.date.outOfCalendar": {
    ja: "この日付の祝日データがありません（1970年〜2050年）。",
    en: "There is no holiday data for this date (1970–2050).",
  },
} satisfies Record<string, { ja: string; en: string }>;

export type LegalDeadlineMessageKey = keyof typeof legalDeadlineMessages;
