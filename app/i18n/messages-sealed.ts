// Sealed bids and the vendor-facing projections of RFQs and quotes.
export const sealedMessages = {} satisfies Record<string, { ja: string; en: string }>;
