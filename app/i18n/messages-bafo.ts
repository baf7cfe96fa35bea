// Shortlist and BAFO round (issue 15 item 1, decision 0030): the buyer's section on the comparison page,
// the vendor's invitation, form and "out of this round" notice, the refusals of app/services/bafo.server.ts,
// notifications and the bilingual e-mails.
export const bafoMessages = {
  "bafo.title": { ja: "ショートリスト／BAFO", en: "Shortlist / BAFO" },
  "bafo.intro": {
    ja: "開封済みの見積から候補を選び（ショートリスト）、最終見積（BAFO）の提出を一度だけ依頼できます。BAFOは締切まで封印され、締切後は最終版で比較します。",
    en: "Pick candidates from the opened quotes (shortlist) and ask them, once, for a best and final offer (BAFO). BAFOs stay sealed until the round's deadline; after it the comparison ranks the final versions.",
  },
  "bafo.shortlist.legend": { ja: "ショートリストに入れる見積", en: "Quotes to shortlist" },
  "bafo.shortlist.save": { ja: "ショートリストを保存", en: "Save the shortlist" },
  "bafo.shortlist.saved": { ja: "ショートリストを保存しました。", en: "Shortlist saved." },
  "bafo.shortlist.invalid": { ja: "この見積依頼の開封済みの見積を選んでください。", en: "Choose opened quotes of this RFQ." },
  "bafo.shortlist.locked": { ja: "BAFOラウンドの開始後はショートリストを変更できません。", en: "The shortlist cannot change once a BAFO round has opened." },
  "bafo.deadline": { ja: "BAFOの提出締切", en: "BAFO deadline" },
  "bafo.deadline.required": { ja: "BAFOの提出締切を入力してください。", en: "Enter the BAFO deadline." },
  "bafo.deadline.invalid": { ja: "締切は日付と時刻で入力してください。", en: "Enter the deadline as a date and time." },
  "bafo.deadline.past": { ja: "締切は現在より後の日時にしてください。", en: "The deadline must be in the future." },
  "bafo.deadline.notLater": {
    ja: "締切は延長のみできます（現在の締切より後の日時にしてください）。",
    en: "The deadline can only be extended (choose a time after the current deadline).",
  },
  "bafo.round.open": { ja: "BAFOラウンドを開始", en: "Open the BAFO round" },
  "bafo.round.opened": { ja: "BAFOラウンドを開始し、候補の事業者に通知しました。", en: "BAFO round opened; the vendors have been notified." },
  "bafo.round.noShortlist": { ja: "ショートリストに見積を1件以上入れてください。", en: "Shortlist at least one quote." },
  "bafo.round.exists": { ja: "この見積依頼のBAFOラウンドは既に開始されています（1回のみ）。", en: "This RFQ already has its BAFO round (one only)." },
  "bafo.round.extend": { ja: "締切を延長", en: "Extend the deadline" },
  "bafo.round.extended": { ja: "BAFOの締切を延長しました。", en: "BAFO deadline extended." },
  "bafo.round.cancel": { ja: "BAFOラウンドを中止", en: "Cancel the BAFO round" },
  "bafo.round.cancelConfirm": {
    ja: "中止すると提出済みのBAFOは開封されずに破棄され、初回の見積で比較します。元に戻せません。",
    en: "Cancelling discards the submitted BAFOs unopened and the comparison keeps the first-round quotes. This cannot be undone.",
  },
  "bafo.round.cancelledDone": { ja: "BAFOラウンドを中止しました。", en: "BAFO round cancelled." },
  "bafo.round.cancelled": { ja: "このBAFOラウンドは中止されました。", en: "This BAFO round was cancelled." },
  "bafo.round.closed": { ja: "BAFOの締切を過ぎています。", en: "The BAFO deadline has passed." },
  "bafo.round.accepting": {
    ja: "BAFO受付中：締切 {deadline}（提出 {submitted}/{invited} 社、内容は締切まで封印）",
    en: "Accepting BAFOs until {deadline} ({submitted} of {invited} submitted; sealed until then)",
  },
  "bafo.round.closedSummary": {
    ja: "BAFO締切済み（{deadline}）：比較は最終版で行います。",
    en: "BAFO round closed ({deadline}): the comparison ranks the final versions.",
  },
  "bafo.round.open.blocked": {
    ja: "BAFOラウンド中は決裁を起案できません。締切後に起案してください。",
    en: "An award cannot be proposed while a BAFO round is open; propose it after the round's deadline.",
  },
  "bafo.rfq.notClosed": {
    ja: "締切後、見積が開封されてからショートリストとBAFOを使えます。",
    en: "The shortlist and BAFO are available once the deadline has passed and the quotes are opened.",
  },
  "bafo.rfq.decided": { ja: "落札または中止済みの見積依頼では使えません。", en: "Not available for an awarded or cancelled RFQ." },
  "bafo.rfq.proposalPending": { ja: "承認待ちの決裁起案があるため使えません。", en: "Not available while an award proposal is waiting for approval." },
  "bafo.ranked.bafo": { ja: "BAFO", en: "BAFO" },
  "bafo.ranked.first": { ja: "初回", en: "First round" },
  "bafo.ranked.label": { ja: "比較に使う版", en: "Version ranked" },
  "quotes.version.bafo": { ja: "最終見積（BAFO）", en: "Best and final offer (BAFO)" },
  "bafo.status.shortlisted": { ja: "ショートリスト", en: "Shortlisted" },
  // The vendor's side.
  "bafo.vendor.invited": {
    ja: "貴社の見積はショートリストに選ばれました。最終見積（BAFO）を {deadline} までに1回提出できます（価格・KPIの約束・前提条件）。",
    en: "Your quote has been shortlisted. You may submit one best and final offer (prices, KPI commitments, assumptions) by {deadline}.",
  },
  "bafo.vendor.out": {
    ja: "今回のBAFOラウンドでは、貴社の見積はショートリストに選ばれませんでした。",
    en: "Your quote was not shortlisted for this BAFO round.",
  },
  "bafo.vendor.submittedNotice": {
    ja: "BAFOを提出しました（v{version}）。提出後の変更はできません。",
    en: "BAFO submitted (v{version}). It cannot be changed after submission.",
  },
  "bafo.vendor.form": { ja: "最終見積（BAFO）", en: "Best and final offer (BAFO)" },
  "bafo.vendor.saveDraft": { ja: "BAFOの下書きを保存", en: "Save BAFO draft" },
  "bafo.vendor.submit": { ja: "BAFOを提出（1回のみ・変更不可）", en: "Submit BAFO (once, final)" },
  "bafo.vendor.draftSaved": { ja: "BAFOの下書きを保存しました。", en: "BAFO draft saved." },
  "bafo.vendor.submitted": { ja: "BAFOを提出しました。", en: "BAFO submitted." },
  "bafo.vendor.notInvited": { ja: "この見積はBAFOラウンドに招待されていません。", en: "This quote is not invited to a BAFO round." },
  "bafo.vendor.alreadySubmitted": { ja: "BAFOは提出済みです（提出は1回のみ）。", en: "The BAFO has already been submitted (one submission only)." },
  "bafo.vendor.unitPrice": { ja: "単価 {code}", en: "Unit price {code}" },
  // Notifications and e-mails.
  "notifications.bafo.invited": { ja: "「{title}」のBAFOに招待されました", en: "You are invited to give a BAFO on “{title}”" },
  "notifications.bafo.notShortlisted": { ja: "「{title}」のBAFOラウンドの対象外となりました", en: "You are out of the BAFO round on “{title}”" },
  "notifications.bafo.cancelled": { ja: "「{title}」のBAFOラウンドは中止されました", en: "The BAFO round on “{title}” was cancelled" },
  "mail.bafoInvited.subject": { ja: "【Kurabe】最終見積（BAFO）のご依頼：{title}", en: "[Kurabe] Best and final offer requested: {title}" },
  "mail.bafoInvited.body": {
    ja: "{name} 様\n\n{buyer} の見積依頼「{title}」で、貴社の見積がショートリストに選ばれました。\n最終見積（BAFO）を {deadline} までに1回提出できます（価格・KPIの約束・前提条件）。提出内容は締切まで発注者にも開示されません。\n\n{link}",
    en: "Dear {name},\n\nYour quote on “{title}” from {buyer} has been shortlisted.\nYou may submit one best and final offer (prices, KPI commitments, assumptions) by {deadline}. It stays sealed, even to the buyer, until then.\n\n{link}",
  },
  "mail.bafoOut.subject": { ja: "【Kurabe】BAFOラウンドのお知らせ：{title}", en: "[Kurabe] About the BAFO round: {title}" },
  "mail.bafoOut.body": {
    ja: "{name} 様\n\n{buyer} の見積依頼「{title}」で最終見積（BAFO）のラウンドが行われますが、貴社の見積は今回のラウンドの対象外となりました。貴社の見積は初回の内容のまま比較に残ります。\n\n{link}",
    en: "Dear {name},\n\n{buyer} is holding a best-and-final-offer round on “{title}”; your quote is not part of this round. It stays in the comparison as first submitted.\n\n{link}",
  },
  // Audit words.
  "audit.action.bafo.shortlist": { ja: "ショートリスト更新", en: "Shortlist updated" },
  "audit.action.bafo.round.open": { ja: "BAFOラウンド開始", en: "BAFO round opened" },
  "audit.action.bafo.round.extend": { ja: "BAFO締切延長", en: "BAFO deadline extended" },
  "audit.action.bafo.round.cancel": { ja: "BAFOラウンド中止", en: "BAFO round cancelled" },
  "audit.action.bafo.saveDraft": { ja: "BAFO下書き保存", en: "BAFO draft saved" },
  "audit.action.bafo.submit": { ja: "BAFO提出", en: "BAFO submitted" },
} as const;

export type BafoMessageKey = keyof typeof bafoMessages;
