// How many log-in and sign-up attempts are allowed, decided from counts alone (no I/O).
//
// Log-in: a per-account limit alone lets anyone lock a user out from anywhere (five wrong
// passwords); a per-IP limit alone lets a botnet guess forever. So: a tight limit per account
// *and* IP (the guesser's own address), a limit per IP across accounts (spraying), and a much
// higher per-account ceiling that only a distributed attack reaches.

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { perAccountAndIp: 5, perIp: 30, perAccount: 50 } as const;

/** Failed (or not yet verified) attempts within the window. */
export interface LoginFailureCounts {
  byAccountAndIp: number;
  byIp: number;
  byAccount: number;
}

export type LoginLimit = keyof typeof LOGIN_LIMITS;

/** The limit this attempt would exceed, or null when it may be evaluated. */
export function loginLimitReached(counts: LoginFailureCounts): LoginLimit | null {
  if (counts.byAccountAndIp >= LOGIN_LIMITS.perAccountAndIp) return "perAccountAndIp";
  if (counts.byIp >= LOGIN_LIMITS.perIp) return "perIp";
  if (counts.byAccount >= LOGIN_LIMITS.perAccount) return "perAccount";
  return null;
}

// Sign-up: per IP, so one address cannot mass-create organisations or mail-bomb strangers;
// and at most a few mails per address, so many IPs cannot flood one mailbox either.
export const SIGNUP_WINDOW_MS = 60 * 60_000;
export const SIGNUP_LIMITS = { perIp: 10, mailsPerAddress: 3 } as const;
export const SIGNUP_CONFIRM_HOURS = 24;

export interface SignupCounts {
  byIp: number;
  byAddress: number;
}

/** Whether this sign-up is refused (429) and, if not, whether its e-mail may still be sent. */
export function signupDecision(counts: SignupCounts): { refused: boolean; sendMail: boolean } {
  if (counts.byIp >= SIGNUP_LIMITS.perIp) return { refused: true, sendMail: false };
  return { refused: false, sendMail: counts.byAddress < SIGNUP_LIMITS.mailsPerAddress };
}

/** The per-minute bucket that limited log-ins are counted in (one audit row per e-mail, IP and minute). */
export function auditMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
