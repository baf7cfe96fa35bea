// E-mail notifications (issue 20 item 2; decision 0054): the settings page where a user turns each kind of mail
// on or off, and the footer every mail ends with.
export const mailSettingsMessages = {
  "mailSettings.title": { ja: "メール通知", en: "E-mail notifications" },
  "mailSettings.intro": {
    ja: "種類ごとにメールを受け取るかどうかを選べます。オフにしても、アプリ内のお知らせは引き続き表示されます。",
    en: "Choose which kinds of e-mail you receive. Turning one off keeps its notices inside Kurabe.",
  },
  "mailSettings.link": { ja: "メール通知の設定", en: "E-mail notification settings" },
  "mailSettings.kind": { ja: "種類", en: "Kind" },
  "mailSettings.receive": { ja: "受信", en: "Receive" },
  "mailSettings.on": { ja: "受け取る", en: "On" },
  "mailSettings.off": { ja: "受け取らない", en: "Off" },
  "mailSettings.alwaysOn": { ja: "常に送信（停止できません）", en: "Always sent (cannot be turned off)" },
  "mailSettings.save": { ja: "保存する", en: "Save" },
  "mailSettings.saved": { ja: "メール通知の設定を保存しました", en: "E-mail notification settings saved" },
  "mailSettings.choice.invalid": { ja: "「受け取る」か「受け取らない」を選んでください", en: "Choose On or Off" },
  "mailSettings.form.invalid": { ja: "入力内容を確認してください", en: "Check the highlighted settings" },
  "mailSettings.footer.optOut": {
    ja: "この種類のメールを受け取らない設定は次のページでできます：{link}",
    en: "To stop this kind of e-mail, change your settings: {link}",
  },
  "mailSettings.footer.security": {
    ja: "このメールはアカウントの安全に関わるため、停止できません。",
    en: "This e-mail concerns the security of your account and cannot be turned off.",
  },
  "mailSettings.kind.account": {
    ja: "アカウントの安全（パスワード・登録・招待・2段階認証）",
    en: "Account security (password, sign-up, invitations, two-factor)",
  },
  "mailSettings.kind.rfqUpdates": { ja: "見積依頼の中止・質問（確認事項）", en: "RFQ cancellations and clarification questions" },
  "mailSettings.kind.bafo": { ja: "最終見積（BAFO）の依頼と結果", en: "Best and final offer (BAFO) rounds" },
  "mailSettings.kind.lowQuotes": { ja: "低価格入札の説明の依頼と回答", en: "Low-quote explanation requests and answers" },
  "mailSettings.kind.award": { ja: "発注先の選定結果と受諾・辞退", en: "Award results, acceptance and decline" },
  "mailSettings.kind.approvals": { ja: "稟議（承認の依頼と結果）", en: "Approvals (稟議): requests and outcomes" },
  "mailSettings.kind.changes": { ja: "契約の変更管理", en: "Contract change requests" },
  "mailSettings.kind.invoices": { ja: "請求書と支払（期日超過の督促）", en: "Invoices and payments (overdue reminders)" },
  "mailSettings.kind.deliveries": { ja: "納品・検収のリマインダー", en: "Delivery and inspection reminders" },
  "mailSettings.kind.measurements": { ja: "SLA実績の入力・確認のリマインダー", en: "SLA measurement reminders" },
  "mailSettings.kind.reviews": { ja: "定例レビュー", en: "Periodic reviews" },
} as const;
