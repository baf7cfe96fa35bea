// Each role's home (dashboard), the organisation settings members may read, and the admin audit log.
export const dashboardMessages = {
  "dashboard.daysLeft": { ja: "あと{n}日", en: "{n} days left" },
  "dashboard.daysLeft.one": { ja: "あと1日", en: "1 day left" },
  "dashboard.dueToday": { ja: "本日締切", en: "Due today" },
  "dashboard.deadline": { ja: "締切 {date}", en: "Deadline {date}" },
  "dashboard.more": { ja: "すべて表示", en: "See all" },
  "dashboard.buyer.drafts": { ja: "下書き", en: "Drafts" },
  "dashboard.buyer.drafts.empty": {
    ja: "下書きはありません。新しい見積依頼はカタログのテンプレートから作成できます。",
    en: "No drafts. Start a new RFQ from a catalogue template.",
  },
  "dashboard.buyer.drafts.updated": { ja: "{date} 更新", en: "Updated {date}" },
  "dashboard.buyer.open": { ja: "募集中の見積依頼", en: "Open RFQs" },
  "dashboard.buyer.open.empty": {
    ja: "募集中の見積依頼はありません。下書きを仕上げて公開すると、締切までの日数がここに表示されます。",
    en: "No RFQs are open. Publish a draft and its deadline will be counted down here.",
  },
  "dashboard.buyer.questions": { ja: "未回答の質問", en: "Unanswered questions" },
  "dashboard.buyer.questions.empty": {
    ja: "未回答の質問はありません。ベンダーから質問が届くと、ここから回答できます。",
    en: "No questions are waiting. When a vendor asks one, answer it from here.",
  },
  "dashboard.buyer.questions.asked": { ja: "「{rfq}」· {date}", en: "“{rfq}” · {date}" },
  "dashboard.buyer.opened": { ja: "開札された比較表", en: "Newly opened comparisons" },
  "dashboard.buyer.opened.empty": {
    ja: "最近開札された見積依頼はありません。締切を過ぎると、比較表へのリンクがここに表示されます。",
    en: "No comparisons opened recently. Once a deadline passes, its comparison appears here.",
  },
  "dashboard.buyer.opened.quotes": { ja: "見積 {n}件 · {date} 開札", en: "{n} quotes · opened {date}" },
  "dashboard.vendor.invitations": { ja: "招待された見積依頼", en: "Invitations" },
  "dashboard.vendor.invitations.empty": {
    ja: "未回答の招待はありません。公開案件はマーケットプレイスで探せます。",
    en: "No invitations are waiting for a quote. Find open RFQs on the marketplace.",
  },
  "dashboard.vendor.deadlines": { ja: "締切が近い見積", en: "Your quotes and their deadlines" },
  "dashboard.vendor.deadlines.empty": {
    ja: "作成中・提出済みの見積はありません。マーケットプレイスから見積を作成できます。",
    en: "You have no quotes in progress. Start one from the marketplace.",
  },
  "dashboard.vendor.reconfirm": { ja: "再確認が必要な見積", en: "Quotes to re-confirm" },
  "dashboard.vendor.reconfirm.empty": {
    ja: "再確認が必要な見積はありません。発注者が補足（変更）を公開すると、ここに表示されます。",
    en: "Nothing to re-confirm. When a buyer publishes an addendum, the quotes it affects appear here.",
  },
  "dashboard.vendor.reconfirm.why": { ja: "補足（変更）が公開されました", en: "An addendum was published" },
  "dashboard.vendor.withdrawn": { ja: "取り下げた見積（再提出可能）", en: "Withdrawn quotes you may submit again" },
  "dashboard.vendor.withdrawn.empty": {
    ja: "再提出できる取り下げ済みの見積はありません。",
    en: "No withdrawn quotes can be submitted again.",
  },
  "dashboard.vendor.status.draft": { ja: "作成中", en: "Draft" },
  "dashboard.vendor.status.submitted": { ja: "提出済み", en: "Submitted" },
  "dashboard.advisor.assigned": { ja: "担当する見積依頼", en: "RFQs assigned to you" },
  "dashboard.advisor.assigned.empty": {
    ja: "担当する見積依頼はまだありません。発注者が割り当てると、ここに表示され通知が届きます。",
    en: "No RFQs are assigned to you yet. When a buyer assigns one, it appears here and you are notified.",
  },
  "dashboard.advisor.assigned.by": { ja: "{buyer} · {date} 割り当て", en: "{buyer} · assigned {date}" },
  "dashboard.admin.certificates": { ja: "確認待ちの認証（{n}件）", en: "Certificates waiting for review ({n})" },
  "dashboard.admin.certificates.empty": {
    ja: "確認待ちの認証はありません。ベンダーが認証を登録すると、ここに表示されます。",
    en: "No certificates are waiting. When a vendor adds one, it appears here.",
  },
  "dashboard.admin.certificates.submitted": { ja: "{org} · {date} 登録", en: "{org} · added {date}" },
  "dashboard.admin.review": { ja: "認証の確認へ", en: "Review certificates" },
} as const;
