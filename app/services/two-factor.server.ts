import { writeAudit } from "../../db/queries/audit";
import {
  LIMITER_LOCKS,
  auditLimitedLogin,
  countRecentFailures,
  insertPendingAttempt,
  lockLimiterKey,
  markLoginSucceeded,
} from "../../db/queries/login-attempts";
import {
  claimTotpStep,
  clearOrgRequirement,
  countChallengeFailure,
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteExpiredChallenges,
  deleteTwoFactor,
  enableTwoFactor,
  findChallenge,
  findOrgRequirement,
  findTwoFactor,
  insertChallenge,
  membersWithTwoFactor,
  replaceRecoveryCodes,
  setOrgRequirement,
  spendRecoveryCode,
  twoFactorSetupRequired,
  upsertPendingTwoFactor,
} from "../../db/queries/two-factor";
import { findUserById } from "../../db/queries/users";
import { LOGIN_WINDOW_MS, auditMinute, loginLimitReached } from "~/domain/login-limits";
import { can, type Actor } from "~/domain/permissions";
import { CHALLENGE_MINUTES, MAX_CHALLENGE_FAILURES, classifyCode, normalizeRecoveryCode } from "~/domain/two-factor";
import type { Locale } from "~/i18n";
import { startSession } from "~/utils/auth.server";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { formatDateTime } from "~/utils/format";
import { failure, ServiceFailure, type ServiceResult } from "~/utils/service-failure";
import { notificationMail, sendInBackground } from "./mail.server";
import { verifyPassword } from "./passwords.server";
import { decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, qrDataUrl, verifyTotpStep } from "./two-factor-secrets.server";

// Two-factor sign-in (issue 20 item 3; decision 0052): setting up an authenticator app, recovery codes, turning it
// off, the code step of the log-in, and an organisation's requirement. Every code check — at log-in and on the
// settings page — goes through the log-in limiter (same counts per account and IP as wrong passwords).

type Client = { ip: string; userAgent: string | null };
type Me = { id: string; email: string; orgId: string | null };
type Outcome<T> = ServiceResult<{ ok: true; value: T }>;

const codeWrong = () => failure.invalid({ fieldErrors: { code: ["twoFactor.code.wrong"] } }, "twoFactor.code.wrong");
const limited = () => new ServiceFailure(429, "login.rateLimited", { fieldErrors: { code: ["login.rateLimited"] } });

const auditOf = (me: Me, action: string, ip: string, after?: unknown) => ({
  actorUserId: me.id,
  actorOrgId: me.orgId,
  action,
  entityType: "user",
  entityId: me.id,
  after,
  ip,
});

/**
 * One guess through the log-in limiter: claimed as a failed attempt before it is checked (so concurrent guesses
 * count), then marked as succeeded when `check` says so. Null: the limit is reached and nothing was checked.
 */
async function throughLimiter(ctx: AppContext, email: string, ip: string, via: string, check: () => Promise<boolean>): Promise<boolean | null> {
  const now = ctx.clock.now();
  const address = email.toLowerCase();
  const attemptId = await ctx.db.transaction().execute(async (trx) => {
    await lockLimiterKey(trx, LIMITER_LOCKS.loginAccount, address);
    await lockLimiterKey(trx, LIMITER_LOCKS.loginIp, ip);
    const limit = loginLimitReached(await countRecentFailures(trx, address, ip, new Date(now.getTime() - LOGIN_WINDOW_MS)));
    if (limit) {
      await auditLimitedLogin(trx, { email: address, ip, limit, minute: auditMinute(now), via });
      return null;
    }
    return insertPendingAttempt(trx, address, ip, now);
  });
  if (attemptId === null) return null;
  const passed = await check();
  if (passed) await markLoginSucceeded(ctx.db, attemptId);
  return passed;
}

/** After the commit, in the background like the password-change mail: a lost mail never undoes the change. */
function mailUser(ctx: AppContext, user: { email: string; name: string; locale: string }, which: "enabled" | "disabled", ip: string) {
  const locale: Locale = user.locale === "en" ? "en" : "ja";
  const now = ctx.clock.now();
  sendInBackground(
    ctx.mailer,
    notificationMail(user.email, locale, `mail.twoFactor.${which}.subject`, `mail.twoFactor.${which}.body`, (l) => ({
      name: user.name,
      time: formatDateTime(now, l),
      ip,
    })),
  );
}

/** What the settings page shows. */
export async function twoFactorStatus(ctx: AppContext, userId: string) {
  const row = await findTwoFactor(ctx.db, userId);
  const enabled = Boolean(row?.enabled_at);
  return {
    enabled,
    pending: row !== undefined && !enabled,
    enabledAt: row?.enabled_at?.toISOString() ?? null,
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(ctx.db, userId) : 0,
    setupRequired: await twoFactorSetupRequired(ctx.db, userId),
  };
}

/** Whether an organisation of the user requires two-factor sign-in that the user has not set up (the guard). */
export const setupRequired = (ctx: AppContext, userId: string) => twoFactorSetupRequired(ctx.db, userId);

/**
 * Starts (or restarts) setting up: a new secret, stored encrypted and not yet enabled. The secret and its
 * otpauth:// URI are returned to be shown this once; the page never reads them back.
 */
export async function startSetup(ctx: AppContext, me: Me): Promise<Outcome<{ secret: string; uri: string; qr: string }>> {
  const { secret, uri } = await newTotpSecret(me.email);
  const stored = await upsertPendingTwoFactor(ctx.db, me.id, encryptSecret(ctx.sessionSecret, secret), ctx.clock.now());
  if (!stored) return failure.conflict("twoFactor.alreadyEnabled");
  return { ok: true, value: { secret, uri, qr: await qrDataUrl(uri) } };
}

/** Confirms the pending secret with a current code: enables it and returns ten recovery codes, shown once. */
export async function confirmSetup(ctx: AppContext, me: Me, code: string, client: Client): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const row = await findTwoFactor(ctx.db, me.id);
  if (!row) return failure.conflict("twoFactor.noPendingSetup", { fieldErrors: { code: ["twoFactor.noPendingSetup"] } });
  if (row.enabled_at) return failure.conflict("twoFactor.alreadyEnabled");
  // Not through the log-in limiter: the user was just shown this secret, so guessing its code gains nothing, and
  // fumbled first codes must not hold the user's own log-in off.
  const confirmedStep = await verifyTotpStep(decryptSecret(ctx.sessionSecret, row.secret_enc), code.replace(/\s/g, ""), null);
  if (confirmedStep === null) return codeWrong();
  const codes = newRecoveryCodes();
  const now = ctx.clock.now();
  const user = await ctx.db.transaction().execute(async (trx) => {
    if (!(await enableTwoFactor(trx, me.id, confirmedStep, now))) return null;
    await replaceRecoveryCodes(
      trx,
      me.id,
      codes.map((c) => hashRecoveryCode(ctx.sessionSecret, normalizeRecoveryCode(c))),
      now,
    );
    await writeAudit(trx, auditOf(me, "account.two_factor_enabled", client.ip, { recoveryCodes: codes.length }));
    return findUserById(trx, me.id);
  });
  if (!user) return failure.conflict("twoFactor.alreadyEnabled");
  mailUser(ctx, user, "enabled", client.ip);
  return { ok: true, value: { recoveryCodes: codes } };
}

/** A current code of the enabled app, through the limiter and the replay rule. */
async function checkEnabledCode(ctx: AppContext, me: Me, code: string, ip: string, via: string): Promise<ServiceFailure | null> {
  const row = await findTwoFactor(ctx.db, me.id);
  if (!row?.enabled_at) return failure.conflict("twoFactor.notEnabled");
  const secret = decryptSecret(ctx.sessionSecret, row.secret_enc);
  const passed = await throughLimiter(ctx, me.email, ip, via, async () => {
    const step = await verifyTotpStep(secret, code.replace(/\s/g, ""), row.last_used_step);
    return step !== null && (await claimTotpStep(ctx.db, me.id, step));
  });
  if (passed === null) return limited();
  return passed ? null : codeWrong();
}

/** New recovery codes for a current code; the old ones stop working. */
export async function regenerateRecoveryCodes(ctx: AppContext, me: Me, code: string, client: Client): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const refused = await checkEnabledCode(ctx, me, code, client.ip, "two_factor_settings");
  if (refused) return refused;
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(
      trx,
      me.id,
      codes.map((c) => hashRecoveryCode(ctx.sessionSecret, normalizeRecoveryCode(c))),
      ctx.clock.now(),
    );
    await writeAudit(trx, auditOf(me, "account.two_factor_recovery_regenerated", client.ip, { recoveryCodes: codes.length }));
  });
  return { ok: true, value: { recoveryCodes: codes } };
}

/** Turns two-factor sign-in off with a current code or the password; mails the user. */
export async function disableTwoFactor(ctx: AppContext, me: Me, input: { code?: string; password?: string }, client: Client): Promise<Outcome<null>> {
  if (input.code) {
    const refused = await checkEnabledCode(ctx, me, input.code, client.ip, "two_factor_settings");
    if (refused) return refused;
  } else {
    const row = await findTwoFactor(ctx.db, me.id);
    if (!row?.enabled_at) return failure.conflict("twoFactor.notEnabled");
    const user = await findUserById(ctx.db, me.id);
    const passed = await throughLimiter(ctx, me.email, client.ip, "two_factor_settings", async () =>
      user ? verifyPassword(user.password_hash, input.password ?? "") : false,
    );
    if (passed === null) return new ServiceFailure(429, "login.rateLimited", { fieldErrors: { password: ["login.rateLimited"] } });
    if (!passed) return failure.invalid({ fieldErrors: { password: ["password.currentWrong"] } }, "password.currentWrong");
  }
  const user = await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteTwoFactor(trx, me.id))) return null;
    await writeAudit(trx, auditOf(me, "account.two_factor_disabled", client.ip, { with: input.code ? "code" : "password" }));
    return findUserById(trx, me.id);
  });
  if (!user) return failure.conflict("twoFactor.notEnabled");
  mailUser(ctx, user, "disabled", client.ip);
  return { ok: true, value: null };
}

/**
 * After a correct password: when the user has two-factor sign-in on, the pending step (not a session) and the
 * token for its cookie; null when the password alone signs in.
 */
export async function beginTwoFactorLogin(ctx: AppContext, userId: string, redirectTo: string): Promise<{ token: string } | null> {
  const row = await findTwoFactor(ctx.db, userId);
  if (!row?.enabled_at) return null;
  const now = ctx.clock.now();
  const token = randomToken();
  await deleteExpiredChallenges(ctx.db, now);
  await insertChallenge(ctx.db, { tokenHash: sha256(token), userId, redirectTo, expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000), now });
  return { token };
}

/** Whether the pending step of this token is still open (the code page shows the form only then). */
export async function pendingTwoFactorLogin(ctx: AppContext, token: string | null) {
  if (!token) return false;
  return (await findChallenge(ctx.db, sha256(token), ctx.clock.now())) !== undefined;
}

/**
 * The code step: a current code (not yet used) or an unused recovery code. On success the pending step is gone and
 * a session starts (its Set-Cookie is returned); wrong codes count on the log-in limiter and on the step itself,
 * which ends after five (the password is asked again).
 */
export async function completeTwoFactorLogin(
  ctx: AppContext,
  token: string | null,
  typed: string,
  client: Client,
): Promise<Outcome<{ setCookie: string; redirectTo: string }>> {
  const gone = new ServiceFailure(410, "twoFactor.challengeGone");
  if (!token) return gone;
  const tokenHash = sha256(token);
  const challenge = await findChallenge(ctx.db, tokenHash, ctx.clock.now());
  if (!challenge) return gone;
  const code = classifyCode(typed);
  const row = await findTwoFactor(ctx.db, challenge.userId);
  if (!row?.enabled_at) return gone;
  const secret = decryptSecret(ctx.sessionSecret, row.secret_enc);
  const me: Me = { id: challenge.userId, email: challenge.email, orgId: null };

  let setCookie = "";
  const passed = await throughLimiter(ctx, challenge.email, client.ip, "two_factor", async () => {
    if (!code) return false;
    const step = code.kind === "totp" ? await verifyTotpStep(secret, code.code, row.last_used_step) : null;
    if (code.kind === "totp" && step === null) return false;
    return ctx.db.transaction().execute(async (trx) => {
      // The claim and the deletion are conditional writes: of two requests with the same code or token, one wins.
      if (step !== null) {
        if (!(await claimTotpStep(trx, me.id, step))) return false;
      } else {
        if (!(await spendRecoveryCode(trx, me.id, hashRecoveryCode(ctx.sessionSecret, code.code), ctx.clock.now()))) return false;
        const left = await countUnusedRecoveryCodes(trx, me.id);
        await writeAudit(trx, auditOf(me, "account.two_factor_recovery_used", client.ip, { left }));
      }
      if (!(await deleteChallenge(trx, tokenHash))) throw new ChallengeGone();
      setCookie = await startSession(ctx, me.id, null, { client, db: trx });
      return true;
    });
  }).catch((e: unknown) => {
    if (e instanceof ChallengeGone) return "gone" as const;
    throw e;
  });
  if (passed === "gone") return gone;
  if (passed === null) return limited();
  if (!passed) {
    await writeAudit(ctx.db, {
      actorUserId: null,
      actorOrgId: null,
      action: "auth.login.failed",
      entityType: "login",
      entityId: challenge.email,
      after: { email: challenge.email, via: "two_factor" },
      ip: client.ip,
    });
    if ((await countChallengeFailure(ctx.db, tokenHash)) >= MAX_CHALLENGE_FAILURES) {
      await deleteChallenge(ctx.db, tokenHash);
      return gone;
    }
    return codeWrong();
  }
  return { ok: true, value: { setCookie, redirectTo: challenge.redirectTo } };
}

class ChallengeGone extends Error {}

/** The members page: whether the organisation requires it, and who has it on. */
export async function orgTwoFactorOverview(ctx: AppContext, orgId: string) {
  const [requirement, withTwoFactor] = await Promise.all([findOrgRequirement(ctx.db, orgId), membersWithTwoFactor(ctx.db, orgId)]);
  return { required: requirement !== undefined, withTwoFactor };
}

/** An owner requires (or stops requiring) two-factor sign-in of every member. */
export async function setOrgTwoFactorRequirement(ctx: AppContext, actor: Actor, required: boolean, ip: string): Promise<Outcome<{ changed: boolean }>> {
  const orgId = actor.org?.id;
  if (!orgId) return failure.notFound();
  if (!can(actor, "organization:manageMembers", { type: "organization", id: orgId })) return failure.forbidden();
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const did = required ? await setOrgRequirement(trx, orgId, actor.userId, ctx.clock.now()) : await clearOrgRequirement(trx, orgId);
    if (did) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: orgId,
        action: "organization.two_factor_requirement_changed",
        entityType: "organization",
        entityId: orgId,
        after: { required },
        ip,
      });
    }
    return did;
  });
  return { ok: true, value: { changed } };
}
