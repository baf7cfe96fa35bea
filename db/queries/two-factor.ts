import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Two-factor sign-in (decision 0052): the authenticator app of a user, its recovery codes, the pending step
// between password and code, and an organisation's requirement.

type Db = Kysely<Database>;

export async function findTwoFactor(db: Db, userId: string) {
  return db.selectFrom("user_two_factor").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** A new secret awaiting its first code; replaces an earlier unconfirmed one, never an enabled one. */
export async function upsertPendingTwoFactor(db: Db, userId: string, secretEnc: string, now: Date) {
  const row = await db
    .insertInto("user_two_factor")
    .values({ user_id: userId, secret_enc: secretEnc, enabled_at: null, last_used_step: null, created_at: now })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ secret_enc: secretEnc, created_at: now, last_used_step: null }).where("user_two_factor.enabled_at", "is", null),
    )
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Turns the pending secret on with the step of the code that confirmed it; false when it was not pending. */
export async function enableTwoFactor(db: Db, userId: string, step: number, now: Date) {
  const row = await db
    .updateTable("user_two_factor")
    .set({ enabled_at: now, last_used_step: step })
    .where("user_id", "=", userId)
    .where("enabled_at", "is", null)
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records `step` as used if it is later than the last used one — in one statement, so two requests with the same
 * code cannot both pass. False: the code (or an earlier one) was already used.
 */
export async function claimTotpStep(db: Db, userId: string, step: number) {
  const row = await db
    .updateTable("user_two_factor")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the authenticator, the recovery codes and any pending sign-in step of the user. */
export async function deleteTwoFactor(db: Db, userId: string) {
  await db.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  await db.deleteFrom("two_factor_challenges").where("user_id", "=", userId).execute();
  const gone = await db.deleteFrom("user_two_factor").where("user_id", "=", userId).returning("user_id").executeTakeFirst();
  return gone !== undefined;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], now: Date) {
  await db.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("two_factor_recovery_codes")
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })))
    .execute();
}

/** Spends one unused recovery code; false when no unused code has that hash. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string, now: Date) {
  const row = await db
    .updateTable("two_factor_recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string) {
  const row = await db
    .selectFrom("two_factor_recovery_codes")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertChallenge(db: Db, c: { tokenHash: string; userId: string; redirectTo: string; expiresAt: Date; now: Date }) {
  await db
    .insertInto("two_factor_challenges")
    .values({ token_hash: c.tokenHash, user_id: c.userId, redirect_to: c.redirectTo, expires_at: c.expiresAt, created_at: c.now })
    .execute();
}

/** The unexpired pending step with the user's address (the limiter counts by address, as for passwords). */
export async function findChallenge(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom("two_factor_challenges as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.token_hash as tokenHash", "c.user_id as userId", "c.redirect_to as redirectTo", "c.failures", "u.email"])
    .where("c.token_hash", "=", tokenHash)
    .where("c.expires_at", ">", now)
    .executeTakeFirst();
}

export async function countChallengeFailure(db: Db, tokenHash: string) {
  const row = await db
    .updateTable("two_factor_challenges")
    .set((eb) => ({ failures: eb("failures", "+", 1) }))
    .where("token_hash", "=", tokenHash)
    .returning("failures")
    .executeTakeFirst();
  return row?.failures ?? 0;
}

/** Deletes the pending step; false when it was already gone (a second request with the same token loses). */
export async function deleteChallenge(db: Db, tokenHash: string) {
  const row = await db.deleteFrom("two_factor_challenges").where("token_hash", "=", tokenHash).returning("token_hash").executeTakeFirst();
  return row !== undefined;
}

export async function deleteExpiredChallenges(db: Db, now: Date) {
  await db.deleteFrom("two_factor_challenges").where("expires_at", "<=", now).execute();
}

export async function findOrgRequirement(db: Db, orgId: string) {
  return db.selectFrom("org_two_factor_requirements").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function setOrgRequirement(db: Db, orgId: string, by: string, now: Date) {
  const row = await db
    .insertInto("org_two_factor_requirements")
    .values({ org_id: orgId, required_by: by, required_at: now })
    .onConflict((oc) => oc.column("org_id").doNothing())
    .returning("org_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function clearOrgRequirement(db: Db, orgId: string) {
  const row = await db.deleteFrom("org_two_factor_requirements").where("org_id", "=", orgId).returning("org_id").executeTakeFirst();
  return row !== undefined;
}

/** Whether one of the user's organisations requires two-factor sign-in and the user has not enabled it. */
export async function twoFactorSetupRequired(db: Db, userId: string) {
  const row = await db
    .selectFrom("memberships as m")
    .innerJoin("org_two_factor_requirements as r", "r.org_id", "m.org_id")
    .select("m.org_id")
    .where("m.user_id", "=", userId)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("user_two_factor as t").select("t.user_id").whereRef("t.user_id", "=", "m.user_id").where("t.enabled_at", "is not", null)),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which members of the organisation have two-factor sign-in on (the members page shows it to owners). */
export async function membersWithTwoFactor(db: Db, orgId: string) {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("user_two_factor as t", "t.user_id", "m.user_id")
    .select("m.user_id")
    .where("m.org_id", "=", orgId)
    .where("t.enabled_at", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
