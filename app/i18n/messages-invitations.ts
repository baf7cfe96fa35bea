// The buyer's vendor search: inviting a vendor to an RFQ from a result or a profile, and the
// search page's empty-state help.
export const invitationMessages = {
  "rfqInvite.title": { ja: "案件に招待", en: "Invite to RFQ" },
  "rfqInvite.pageTitle": { ja: "{vendor}を案件に招待", en: "Invite {vendor} to an RFQ" },
  "rfqInvite.rfq": { ja: "招待する案件", en: "RFQ" },
  "rfqInvite.choose": { ja: "案件を選んでください", en: "Choose an RFQ" },
  "rfqInvite.submit": { ja: "招待する", en: "Invite" },
  "rfqInvite.optionDraft": { ja: "{title}（作成中・公開時に通知）", en: "{title} (draft — notified when published)" },
  "rfqInvite.optionOpen": { ja: "{title}（締切 {date}）", en: "{title} (deadline {date})" },
  "rfqInvite.noRfqs": { ja: "招待できる案件（作成中または受付中）がありません。", en: "You have no RFQ that can take invitations (draft or open)." },
  "rfqInvite.createRfq": { ja: "案件を作成する", en: "Create an RFQ" },
  "rfqInvite.rfqId.required": { ja: "招待する案件を選んでください。", en: "Choose the RFQ to invite them to." },
  "rfqInvite.rfqId.closed": { ja: "この案件は締め切られたため、招待できません。", en: "This RFQ is closed and cannot take invitations." },
  "rfqInvite.done": { ja: "{vendor}を「{title}」に招待しました", en: "Invited {vendor} to “{title}”" },
  "rfqInvite.doneDraft": {
    ja: "{vendor}を「{title}」の招待先に加えました（公開時に通知されます）",
    en: "Added {vendor} to the invitees of “{title}” (notified when it is published)",
  },
  "rfqInvite.already": { ja: "{vendor}は「{title}」に招待済みです", en: "{vendor} is already invited to “{title}”" },
  "vendorSearch.suggestTitle": { ja: "次の方法もお試しください", en: "Try this instead" },
  "vendorSearch.removeFilters": { ja: "絞り込みをすべて外す", en: "Remove all filters" },
  "vendorSearch.clearQuery": { ja: "キーワードを外して絞り込みだけで探す", en: "Search with the filters only, without keywords" },
  "vendorSearch.otherLanguage": { ja: "「{term}」で探す", en: "Search for “{term}”" },
  "vendorSearch.otherLanguageHint": {
    ja: "プロフィールが英語だけ、または日本語だけのベンダーもいます。もう一方の言語の言葉でもお試しください。",
    en: "Some vendors describe themselves in Japanese only (or English only): try the word in the other language.",
  },
} as const;
