import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { writeAudit } from "../../db/queries/audit";
import {
  consumeResetToken,
  countPasswordEvents,
  findUsableResetToken,
  insertResetToken,
  lockPasswordThrottle,
  recordPasswordEvent,
  spendResetTokensOfUser,
} from "../../db/queries/password-resets";
import { deleteSessionsOfUser } from "../../db/queries/sessions";
import { findUserByEmail, findUserById, updateUserPassword } from "../../db/queries/users";
import { installCommonPasswordList } from "~/domain/passwords";
import type { Locale } from "~/i18n";
import { startSession } from "~/utils/auth.server";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { appOrigin } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { failure, ServiceFailure, type ServiceResult } from "~/utils/service-failure";
import { notificationMail, sendInBackground } from "./mail.server";

// argon2id (the library's default algorithm) with its default cost: ~7 ms here, far
// above what an offline attacker wants to pay per guess.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

// Verifying against a fixed hash when the e-mail is unknown keeps "no such user" and
// "wrong password" equally slow, so timing does not reveal who has an account.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string) {
  dummy ??= hash("kurabe-timing-equalizer");
  await verifyPassword(await dummy, password);
}

// ~49,000 common and breached passwords (zxcvbn-ts's list, decision 0016), checked offline by every
// schema that sets a password (sign-up, invitation, change, reset). Installed when the server loads.
installCommonPasswordList(new Set(dictionary["passwords-common"]));

export const RESET_TOKEN_MINUTES = 30;
const RESET_WINDOW_MS = 60 * 60_000;
export const MAX_RESET_REQUESTS_PER_ADDRESS = 3;
export const MAX_RESET_REQUESTS_PER_IP = 20;
const CHANGE_WINDOW_MS = 15 * 60_000;
export const MAX_CHANGE_FAILURES_PER_USER = 5;
const MAX_CHANGE_FAILURES_PER_IP = 30;

type Client = { ip: string; userAgent: string | null };
type Outcome<T> = ServiceResult<{ ok: true; value: T }>;

const forgotLink = (ctx: AppContext) => `${appOrigin(ctx.env)}/forgot-password`;

function notifyPasswordChanged(ctx: AppContext, user: { email: string; name: string; locale: string }, ip: string) {
  const now = ctx.clock.now();
  const locale: Locale = user.locale === "en" ? "en" : "ja";
  const mail = notificationMail(user.email, locale, "mail.passwordChanged.subject", "mail.passwordChanged.body", (l) => ({
    name: user.name,
    time: formatDateTime(now, l),
    ip,
    link: forgotLink(ctx),
  }));
  sendInBackground(ctx.mailer, mail);
}

/**
 * Changes the signed-in user's password (ASVS V2.5): the current one is required, wrong ones are
 * throttled per user and per IP, and on success every session of the user ends and the current one
 * is replaced by a new one (its Set-Cookie is returned), all in one transaction with the audit row.
 */
export async function changePassword(
  ctx: AppContext,
  user: { id: string; orgId: string | null },
  input: { currentPassword: string; newPassword: string },
  client: Client,
): Promise<Outcome<{ setCookie: string }>> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockPasswordThrottle(trx, "change_failure", user.id, client.ip);
    const failures = await countPasswordEvents(trx, "change_failure", user.id, client.ip, new Date(now.getTime() - CHANGE_WINDOW_MS));
    if (failures.bySubject >= MAX_CHANGE_FAILURES_PER_USER || failures.byIp >= MAX_CHANGE_FAILURES_PER_IP) {
      return new ServiceFailure(429, "password.tooManyAttempts", { fieldErrors: { currentPassword: ["password.tooManyAttempts"] } });
    }
    const row = await findUserById(trx, user.id);
    if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
      await recordPasswordEvent(trx, "change_failure", user.id, client.ip, now);
      await writeAudit(trx, {
        actorUserId: user.id,
        actorOrgId: user.orgId,
        action: "account.password_change_failed",
        entityType: "user",
        entityId: user.id,
        ip: client.ip,
      });
      return failure.invalid({ fieldErrors: { currentPassword: ["password.currentWrong"] } }, "password.currentWrong");
    }
    // Hashed only now, so a throttled or wrong guess costs the server no second argon2 run.
    await updateUserPassword(trx, user.id, await hashPassword(input.newPassword));
    const revoked = await deleteSessionsOfUser(trx, user.id, null);
    await spendResetTokensOfUser(trx, user.id, now);
    const setCookie = await startSession(ctx, user.id, user.orgId, { client, db: trx });
    await writeAudit(trx, {
      actorUserId: user.id,
      actorOrgId: user.orgId,
      action: "account.password_changed",
      entityType: "user",
      entityId: user.id,
      after: { sessionsEnded: revoked },
      ip: client.ip,
    });
    return { ok: true, value: { setCookie, user: row } } as const;
  });
  if (!result.ok) return result;
  notifyPasswordChanged(ctx, result.value.user, client.ip);
  return { ok: true, value: { setCookie: result.value.setCookie } };
}

/**
 * Sends a single-use reset link valid for 30 minutes if the address has an account. The caller
 * answers the same either way; requests are counted for every address, registered or not, so the
 * throttle does not reveal accounts either. The mail goes out in the background so both answers
 * take the same time.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<Outcome<null>> {
  const now = ctx.clock.now();
  const address = email.trim().toLowerCase();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockPasswordThrottle(trx, "reset_request", address, ip);
    const recent = await countPasswordEvents(trx, "reset_request", address, ip, new Date(now.getTime() - RESET_WINDOW_MS));
    if (recent.bySubject >= MAX_RESET_REQUESTS_PER_ADDRESS || recent.byIp >= MAX_RESET_REQUESTS_PER_IP) return new ServiceFailure(429, "forgot.rateLimited");
    await recordPasswordEvent(trx, "reset_request", address, ip, now);
    const user = await findUserByEmail(trx, address);
    if (!user) return { ok: true, value: null } as const;
    const token = randomToken();
    await insertResetToken(trx, { tokenHash: sha256(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000), now });
    await writeAudit(trx, { actorUserId: null, actorOrgId: null, action: "account.password_reset_requested", entityType: "user", entityId: user.id, ip });
    return { ok: true, value: { user, token } } as const;
  });
  if (!result.ok) return result;
  if (result.value) {
    const { user, token } = result.value;
    const locale: Locale = user.locale === "en" ? "en" : "ja";
    const link = `${appOrigin(ctx.env)}/reset-password/${token}`;
    sendInBackground(
      ctx.mailer,
      notificationMail(user.email, locale, "mail.passwordReset.subject", "mail.passwordReset.body", () => ({
        name: user.name,
        link,
        minutes: RESET_TOKEN_MINUTES,
      })),
    );
  }
  return { ok: true, value: null };
}

/** Whom an unspent, unexpired reset link is for (the form shows the address); nothing is spent. */
export async function findResetLink(ctx: AppContext, token: string) {
  return findUsableResetToken(ctx.db, sha256(token), ctx.clock.now());
}

/** Sets a new password through a reset link: spends the link, ends every session, audits, and tells the owner. */
export async function resetPassword(ctx: AppContext, token: string, newPassword: string, ip: string): Promise<Outcome<null>> {
  const now = ctx.clock.now();
  const newHash = await hashPassword(newPassword);
  const user = await ctx.db.transaction().execute(async (trx) => {
    const spent = await consumeResetToken(trx, sha256(token), now);
    if (!spent) return null;
    await updateUserPassword(trx, spent.userId, newHash);
    const revoked = await deleteSessionsOfUser(trx, spent.userId, null);
    await spendResetTokensOfUser(trx, spent.userId, now);
    await writeAudit(trx, {
      actorUserId: spent.userId,
      actorOrgId: null,
      action: "account.password_reset",
      entityType: "user",
      entityId: spent.userId,
      after: { sessionsEnded: revoked },
      ip,
    });
    return findUserById(trx, spent.userId);
  });
  // Spent (or expired) by now: the link is gone, as the page says for any used link.
  if (!user) return new ServiceFailure(410, "reset.invalid");
  notifyPasswordChanged(ctx, user, ip);
  return { ok: true, value: null };
}
