import { addMembership, findMembership, insertOrganization } from "../../db/queries/organizations";
import { findUserByEmail, insertUser } from "../../db/queries/users";
import { countRecentFailures, recordLoginAttempt } from "../../db/queries/login-attempts";
import { findOpenInvitation, insertInvitation, markInvitationAccepted } from "../../db/queries/invitations";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import type { SignupInput } from "~/domain/accounts";
import type { MemberRole } from "~/domain/permissions";
import { t, type Locale, type MessageKey } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { formatDate } from "~/utils/format";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.server";

export type FieldErrors = Record<string, MessageKey[]>;
export type Result<T> = { ok: true; value: T } | { ok: false; fieldErrors?: FieldErrors; formError?: MessageKey };

function isUniqueViolation(e: unknown) {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23505";
}

/** Creates the organisation, its first user (owner) and, for vendors, an empty profile — all or nothing. */
export async function signUp(ctx: AppContext, input: SignupInput, locale: Locale, ip: string) {
  if (await findUserByEmail(ctx.db, input.email)) {
    return { ok: false, fieldErrors: { email: ["validation.emailTaken"] } } satisfies Result<never>;
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const value = await ctx.db.transaction().execute(async (trx) => {
      const org = await insertOrganization(trx, input.kind, input.orgName);
      const user = await insertUser(trx, { email: input.email, name: input.name, password_hash: passwordHash, locale });
      await addMembership(trx, user.id, org.id, "owner");
      if (input.kind === "vendor") {
        await trx.insertInto("vendor_profiles").values({ org_id: org.id }).execute();
        await enqueueOutbox(trx, "vendor", org.id);
      }
      await writeAudit(trx, {
        actorUserId: user.id,
        actorOrgId: org.id,
        action: "account.signup",
        entityType: "organization",
        entityId: org.id,
        after: { kind: org.kind, name: org.name, userEmail: user.email },
        ip,
      });
      return { user, org };
    });
    ctx.kickIndexer();
    return { ok: true, value } satisfies Result<typeof value>;
  } catch (e) {
    // Two sign-ups with one e-mail at the same moment: the unique index decides.
    if (isUniqueViolation(e)) return { ok: false, fieldErrors: { email: ["validation.emailTaken"] } } satisfies Result<never>;
    throw e;
  }
}

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export async function logIn(ctx: AppContext, email: string, password: string, ip: string) {
  const since = new Date(ctx.clock.now().getTime() - LOGIN_WINDOW_MS);
  const failures = await countRecentFailures(ctx.db, email, ip, since);
  if (failures.byEmail >= MAX_FAILURES_PER_ACCOUNT || failures.byIp >= MAX_FAILURES_PER_IP) {
    return { ok: false, formError: "login.rateLimited" } satisfies Result<never>;
  }
  const user = await findUserByEmail(ctx.db, email);
  const valid = user ? await verifyPassword(user.password_hash, password) : (await burnPasswordCheck(password), false);
  await recordLoginAttempt(ctx.db, email, ip, valid, ctx.clock.now());
  if (!user || !valid) return { ok: false, formError: "login.failed" } satisfies Result<never>;
  return { ok: true, value: user } satisfies Result<typeof user>;
}

export const INVITATION_DAYS = 7;

export async function inviteMember(
  ctx: AppContext,
  inviter: { userId: string; name: string; orgId: string; orgName: string },
  input: { email: string; role: MemberRole },
  locale: Locale,
  appUrl: string,
) {
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing && (await findMembership(ctx.db, existing.id, inviter.orgId))) {
    return { ok: false, fieldErrors: { email: ["members.alreadyMember"] } } satisfies Result<never>;
  }
  const token = randomToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + INVITATION_DAYS * 86400_000);
  const invitation = await ctx.db.transaction().execute(async (trx) => {
    const inv = await insertInvitation(trx, {
      orgId: inviter.orgId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: inviter.userId,
      expiresAt,
    });
    await writeAudit(trx, {
      actorUserId: inviter.userId,
      actorOrgId: inviter.orgId,
      action: "member.invite",
      entityType: "invitation",
      entityId: inv.id,
      after: { email: input.email, role: input.role },
    });
    return inv;
  });
  const link = `${appUrl}/invitations/${token}`;
  // The invitee's language is unknown: Japanese first, English below, in one mail.
  const params = { org: inviter.orgName, inviter: inviter.name, link };
  await ctx.mailer.send({
    to: input.email,
    subject: t("ja", "mail.invite.subject", params),
    text: [
      t("ja", "mail.invite.body", { ...params, expires: formatDate(expiresAt, "ja") }),
      "",
      "----",
      "",
      t("en", "mail.invite.body", { ...params, expires: formatDate(expiresAt, "en") }),
    ].join("\n"),
  });
  void locale;
  return { ok: true, value: { invitation, link } } satisfies Result<{ invitation: typeof invitation; link: string }>;
}

export async function findInvitation(ctx: AppContext, token: string) {
  return findOpenInvitation(ctx.db, sha256(token), ctx.clock.now());
}

/** Joins the invited organisation: a new user sets name and password; an existing user proves it with theirs. */
export async function acceptInvitation(ctx: AppContext, token: string, input: { name: string; password: string }, locale: Locale) {
  const inv = await findOpenInvitation(ctx.db, sha256(token), ctx.clock.now());
  if (!inv) return { ok: false, formError: "invite.invalid" } satisfies Result<never>;
  const existing = await findUserByEmail(ctx.db, inv.email);
  if (existing && !(await verifyPassword(existing.password_hash, input.password))) {
    return { ok: false, fieldErrors: { password: ["login.failed"] } } satisfies Result<never>;
  }
  const passwordHash = existing ? null : await hashPassword(input.password);
  const value = await ctx.db.transaction().execute(async (trx) => {
    const user = existing ?? (await insertUser(trx, { email: inv.email, name: input.name, password_hash: passwordHash!, locale }));
    if (!(await findMembership(trx, user.id, inv.orgId))) await addMembership(trx, user.id, inv.orgId, inv.role);
    await markInvitationAccepted(trx, inv.id, ctx.clock.now());
    await writeAudit(trx, {
      actorUserId: user.id,
      actorOrgId: inv.orgId,
      action: "member.join",
      entityType: "organization",
      entityId: inv.orgId,
      after: { userId: user.id, role: inv.role },
    });
    return { user, orgId: inv.orgId, orgName: inv.orgName };
  });
  return { ok: true, value } satisfies Result<typeof value>;
}
