// Passwords (change, reset, common-password check) and sessions (list, sign out everywhere).
export const accountSecurityMessages = {} satisfies Record<string, { ja: string; en: string }>;
