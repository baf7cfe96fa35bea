// Sealed bids and the vendor-facing projections of RFQs and quotes.
export const sealedMessages = {
  "sealed.fixedAtPublication": {
    ja: "封印入札かどうかは最初の公開時に確定しており、変更できません。",
    en: "Whether bids are sealed was fixed when the RFQ was first published and cannot be changed.",
  },
  "sealed.field.fixedNote": {
    ja: "公開済みのため変更できません（締切は延長のみ可能です）。",
    en: "Fixed since publication (the deadline can only be extended).",
  },
  "sealed.field.sealedYes": { ja: "封印入札（締切まで見積内容は開封されません）", en: "Sealed (quotes stay unopened until the deadline)" },
  "sealed.field.sealedNo": { ja: "公開見積（届いた見積をすぐに読めます）", en: "Open (quotes can be read as they arrive)" },
} satisfies Record<string, { ja: string; en: string }>;
