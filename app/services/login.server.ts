import { findUserByEmail } from "../../db/queries/users";
import {
  LIMITER_LOCKS,
  auditLimitedLogin,
  countRecentFailures,
  insertPendingAttempt,
  lockLimiterKey,
  markLoginSucceeded,
} from "../../db/queries/login-attempts";
import { writeAudit } from "../../db/queries/audit";
import type { User } from "../../db/schema";
import { LOGIN_WINDOW_MS, auditMinute, loginLimitReached } from "~/domain/login-limits";
import type { AppContext } from "~/utils/context.server";
import { failure, ServiceFailure, type ServiceResult } from "~/utils/service-failure";
import { burnPasswordCheck, verifyPassword } from "./passwords.server";

/** Where a password was offered: the log-in form, or accepting an invitation as an existing user. */
export type LoginVia = "login" | "invitation";

/**
 * One password check through the limiter. Deciding and recording are one transaction under
 * advisory locks on the account and on the IP, and the attempt is recorded as failed *before*
 * the password is verified, so concurrent attempts see each other and no more than the limit
 * are ever evaluated. The locks end with that short transaction, before the slow argon2 check.
 *
 * Audit: each evaluated failure is one `auth.login.failed` row — the limiter bounds them, and
 * each already cost an argon2 verification, far more than the insert. Refused attempts are
 * free to send and unbounded, so they are counted on one `auth.login.limited` row per e-mail,
 * IP and minute.
 */
export async function attemptLogIn(
  ctx: AppContext,
  a: { email: string; password: string; ip: string; via: LoginVia },
): Promise<ServiceResult<{ ok: true; value: User }>> {
  const email = a.email.toLowerCase();
  const now = ctx.clock.now();
  const claim = await ctx.db.transaction().execute(async (trx) => {
    await lockLimiterKey(trx, LIMITER_LOCKS.loginAccount, email);
    await lockLimiterKey(trx, LIMITER_LOCKS.loginIp, a.ip);
    const limit = loginLimitReached(await countRecentFailures(trx, email, a.ip, new Date(now.getTime() - LOGIN_WINDOW_MS)));
    if (limit) {
      await auditLimitedLogin(trx, { email, ip: a.ip, limit, minute: auditMinute(now), via: a.via });
      return { attemptId: null };
    }
    return { attemptId: await insertPendingAttempt(trx, email, a.ip, now) };
  });
  if (claim.attemptId === null) return new ServiceFailure(429, "login.rateLimited");

  const user = await findUserByEmail(ctx.db, email);
  const valid = user ? await verifyPassword(user.password_hash, a.password) : (await burnPasswordCheck(a.password), false);
  if (!user || !valid) {
    await writeAudit(ctx.db, {
      actorUserId: null,
      actorOrgId: null,
      action: "auth.login.failed",
      entityType: "login",
      entityId: email,
      after: { email, via: a.via },
      ip: a.ip,
    });
    return failure.invalid({}, "login.failed");
  }
  await markLoginSucceeded(ctx.db, claim.attemptId);
  return { ok: true, value: user };
}
