// Log-in defences: limiter, sign-up, invitation acceptance.
export const authMessages = {} satisfies Record<string, { ja: string; en: string }>;
