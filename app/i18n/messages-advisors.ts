// Advisors: assignment to an RFQ by its buyer, and their notes on the comparison.
export const advisorMessages = {
  "advisors.title": { ja: "アドバイザー", en: "Advisors" },
} as const;
