// Inviting a vendor to an RFQ from the vendor search (buyers).
export const invitationMessages = {
  "rfqInvite.title": { ja: "案件に招待", en: "Invite to RFQ" },
} as const;
