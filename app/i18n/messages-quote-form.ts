// The quote form's words added by issue 14: withdrawing with a confirmation, submitting again after a
// withdrawal, and the warning about mandatory certifications the vendor lacks.
export const quoteFormMessages = {
  "quoteForm.withdraw.title": { ja: "見積の取り下げ", en: "Withdraw your quote" },
  "quoteForm.withdraw.question": { ja: "「{rfq}」への見積（第{n}版）を取り下げますか？", en: "Withdraw your quote (version {n}) on “{rfq}”?" },
  "quoteForm.withdraw.effect": {
    ja: "取り下げた見積は開封時に発注者に届かず、評価の対象になりません。取り下げた版は履歴に残ります。",
    en: "A withdrawn quote does not reach the buyer at the opening and is not evaluated. The withdrawn version stays in the history.",
  },
  "quoteForm.withdraw.again": {
    ja: "締切（{date}）までは、内容を見直して新しい版として再提出できます。",
    en: "Until the deadline ({date}) you can review it and submit it again as a new version.",
  },
  "quoteForm.withdraw.confirm": { ja: "取り下げる", en: "Withdraw" },
  "quoteForm.withdraw.cancel": { ja: "やめる", en: "Cancel" },
  "quoteForm.withdraw.back": { ja: "見積に戻る", en: "Back to the quote" },
  "quoteForm.withdrawnNotice": {
    ja: "この見積は取り下げ済みです。締切（{date}）までは内容を見直して再提出できます（新しい版になります）。",
    en: "This quote is withdrawn. Until the deadline ({date}) you can review it and submit it again (as a new version).",
  },
  "quoteForm.resubmit": { ja: "見積を再提出", en: "Submit again" },
  "quotes.version.resubmitted": { ja: "再提出", en: "Resubmitted" },
  "quoteForm.version.withdrawnAt": { ja: "{date} に取り下げ", en: "withdrawn on {date}" },
  "quoteForm.warning.title": { ja: "このままでは開封時に失格になります", en: "As it stands, this quote will be disqualified at the opening" },
  "quoteForm.warning.mandatoryCertification": {
    ja: "必須認証「{cert}」: {status}。有効な認証が確認されていないため、この見積は開封時に失格となり順位付けされません。",
    en: "Mandatory certification “{cert}”: {status}. Without a valid, verified certificate the quote is disqualified at the opening and not ranked.",
  },
  "quoteForm.warning.expiresBeforeOpening": { ja: "締切日までに有効期限が切れます", en: "Expires before the deadline" },
  "quoteForm.warning.manage": { ja: "認証を登録・更新する", en: "Add or renew certificates" },
} as const satisfies Record<string, { ja: string; en: string }>;
