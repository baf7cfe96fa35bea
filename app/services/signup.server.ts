import { addMembership, insertOrganization } from "../../db/queries/organizations";
import { findUserByEmail, insertUser } from "../../db/queries/users";
import { LIMITER_LOCKS, lockLimiterKey } from "../../db/queries/login-attempts";
import { countRecentSignups, findConfirmableSignup, insertSignupRequest, markSignupConfirmed } from "../../db/queries/signup-requests";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { insertEmptyVendorProfile } from "../../db/queries/vendors";
import type { SignupInput } from "~/domain/accounts";
import { SIGNUP_CONFIRM_HOURS, SIGNUP_WINDOW_MS, signupDecision } from "~/domain/login-limits";
import type { Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { appOrigin } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { failure, ServiceFailure, type ServiceResult } from "~/utils/service-failure";
import { isUniqueViolation } from "~/utils/service-failure";
import { bilingualMail } from "./accounts.server";
import { hashPassword } from "./passwords.server";

// Sign-up in two steps. Submitting the form answers the same for every address — "we sent you
// a mail" — so it does not reveal who is registered: a new address gets a confirmation link,
// a registered one a notice to its owner. Nothing in users/organizations exists until the
// link is followed, so an address nobody confirmed never blocks its owner.

export async function signUp(ctx: AppContext, input: SignupInput, locale: Locale, ip: string): Promise<ServiceResult<{ ok: true; value: { email: string } }>> {
  const email = input.email.toLowerCase();
  const since = () => new Date(ctx.clock.now().getTime() - SIGNUP_WINDOW_MS);
  // A cheap refusal first, so a flood from one IP costs no argon2 work; the decision that
  // counts is taken again below under the locks.
  if (signupDecision(await countRecentSignups(ctx.db, email, ip, since())).refused) return new ServiceFailure(429, "signup.rateLimited");

  // Both answers cost the same: a registered address's password is hashed too, and it gets a mail too.
  const registered = Boolean(await findUserByEmail(ctx.db, email));
  const passwordHash = await hashPassword(input.password);
  const token = randomToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + SIGNUP_CONFIRM_HOURS * 3600_000);

  const accepted = await ctx.db.transaction().execute(async (trx) => {
    await lockLimiterKey(trx, LIMITER_LOCKS.signupAddress, email);
    await lockLimiterKey(trx, LIMITER_LOCKS.signupIp, ip);
    const decision = signupDecision(await countRecentSignups(trx, email, ip, since()));
    if (decision.refused) return null;
    const request = await insertSignupRequest(trx, {
      email,
      ip,
      kind: input.kind,
      orgName: input.orgName,
      name: input.name,
      locale,
      createdAt: ctx.clock.now(),
      confirmation: registered ? null : { passwordHash, tokenHash: sha256(token), expiresAt },
    });
    await writeAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "account.signup.requested",
      entityType: "signup_request",
      entityId: request.id,
      after: { email, kind: input.kind, orgName: input.orgName, registeredAddress: registered, mailed: decision.sendMail },
      ip,
    });
    return decision;
  });
  if (!accepted) return new ServiceFailure(429, "signup.rateLimited");

  if (accepted.sendMail) {
    const origin = appOrigin(ctx.env);
    await ctx.mailer.send(
      registered
        ? bilingualMail(email, "mail.signupExisting.subject", "mail.signupExisting.body", () => ({ link: `${origin}/login` }))
        : bilingualMail(email, "mail.signupConfirm.subject", "mail.signupConfirm.body", (l) => ({
            org: input.orgName,
            link: `${origin}/signup/confirm/${token}`,
            expires: formatDateTime(expiresAt, l),
          })),
    );
  }
  return { ok: true, value: { email } };
}

/** What a confirmation link would create, while it is unused and unexpired. */
export async function findSignupToConfirm(ctx: AppContext, token: string) {
  const r = await findConfirmableSignup(ctx.db, sha256(token), ctx.clock.now());
  return r ? { email: r.email, orgName: r.org_name, kind: r.kind } : null;
}

/** Creates the organisation, its first user (owner) and, for vendors, an empty profile — all or nothing, once. */
export async function confirmSignup(ctx: AppContext, token: string, ip: string) {
  const now = ctx.clock.now();
  try {
    const value = await ctx.db.transaction().execute(async (trx) => {
      // Locked, so two clicks on one link cannot both create an organisation.
      const r = await findConfirmableSignup(trx, sha256(token), now, { forUpdate: true });
      if (!r) return null;
      const org = await insertOrganization(trx, r.kind, r.org_name);
      const user = await insertUser(trx, { email: r.email, name: r.name, password_hash: r.password_hash!, locale: r.locale });
      await addMembership(trx, user.id, org.id, "owner");
      if (r.kind === "vendor") {
        await insertEmptyVendorProfile(trx, org.id);
        await enqueueOutbox(trx, "vendor", org.id);
      }
      await markSignupConfirmed(trx, r.id, now);
      await writeAudit(trx, {
        actorUserId: user.id,
        actorOrgId: org.id,
        action: "account.signup",
        entityType: "organization",
        entityId: org.id,
        after: { kind: org.kind, name: org.name, userEmail: user.email, signupRequestId: r.id },
        ip,
      });
      return { user, org };
    });
    if (!value) return failure.invalid({}, "signup.confirm.invalid");
    ctx.kickIndexer();
    return { ok: true as const, value };
  } catch (e) {
    // The address got an account since (another confirmed request, an invitation): the person
    // holding this link owns the mailbox, so saying so reveals nothing new.
    if (isUniqueViolation(e)) return failure.invalid({}, "validation.emailTaken");
    throw e;
  }
}
