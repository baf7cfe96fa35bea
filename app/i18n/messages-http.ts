// The HTTP edge: size limits, bad requests, redirects.
export const httpMessages = {} satisfies Record<string, { ja: string; en: string }>;
