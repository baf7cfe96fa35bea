// The kinds of e-mail Kurabe sends (decision 0054). Every mail's subject key belongs to exactly one kind; a user
// turns e-mail off per kind on /settings/notifications. Account mails (password, sign-up, invitations,
// two-factor) are the security channel: they cannot be turned off, and the page shows them as always on.

export const MAIL_KINDS = [
  "account",
  "rfqUpdates",
  "bafo",
  "lowQuotes",
  "award",
  "approvals",
  "changes",
  "invoices",
  "deliveries",
  "measurements",
  "reviews",
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

/** Kinds that always go out, whatever the recipient's preferences. */
export const SECURITY_MAIL_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(["account"]);

export const OPTIONAL_MAIL_KINDS: readonly MailKind[] = MAIL_KINDS.filter((k) => !SECURITY_MAIL_KINDS.has(k));

export function isMailKind(v: unknown): v is MailKind {
  return typeof v === "string" && (MAIL_KINDS as readonly string[]).includes(v);
}

export function canTurnOff(kind: MailKind): boolean {
  return !SECURITY_MAIL_KINDS.has(kind);
}

// Each family of keys ("mail.<family>." or exactly "mail.<family>.subject") and its kind. Longest prefix wins,
// so "mail.explanationAnswered" is not mistaken for "mail.explanation".
const FAMILIES: Readonly<Record<string, MailKind>> = {
  passwordReset: "account",
  passwordChanged: "account",
  signupConfirm: "account",
  signupExisting: "account",
  invite: "account",
  twoFactor: "account",
  rfqCancelled: "rfqUpdates",
  clarification: "rfqUpdates",
  bafoInvited: "bafo",
  bafoOut: "bafo",
  explanation: "lowQuotes",
  explanationAnswered: "lowQuotes",
  award: "award",
  awardAccepted: "award",
  awardDeclined: "award",
  approvals: "approvals",
  changes: "changes",
  invoice: "invoices",
  delivery: "deliveries",
  measurement: "measurements",
  review: "reviews",
};

/** The kind of the mail whose subject (or body) key is `key`, or null for a key no kind claims. */
export function mailKindOf(key: string): MailKind | null {
  const m = /^mail\.([A-Za-z0-9_]+)\./.exec(key);
  if (!m) return null;
  return FAMILIES[m[1]!] ?? null;
}
