import { addMembership, findMembership, findOrganization, listMembersOfOrg } from "../../db/queries/organizations";
import { findUserByEmail, insertUser, updateUserLocale } from "../../db/queries/users";
import { findOpenInvitation, insertInvitation, listPendingInvitations, markInvitationAccepted } from "../../db/queries/invitations";
import { setSessionActiveOrg } from "../../db/queries/sessions";
import { writeAudit } from "../../db/queries/audit";
import type { MemberRole } from "~/domain/permissions";
import { t, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { formatDate } from "~/utils/format";
import { failure, ServiceFailure } from "~/utils/service-failure";
import type { Mail } from "./mail.server";
import { attemptLogIn } from "./login.server";
import { hashPassword } from "./passwords.server";

// Members and invitations. Sign-up lives in signup.server.ts, log-in and its limiter in login.server.ts.

/** Japanese first, English below, in one mail: the recipient's language is unknown. */
export function bilingualMail(to: string, subjectKey: AnyMessageKey, bodyKey: AnyMessageKey, params: (locale: Locale) => Record<string, string>): Mail {
  return {
    to,
    subject: t("ja", subjectKey, params("ja")),
    text: [t("ja", bodyKey, params("ja")), "", "----", "", t("en", bodyKey, params("en"))].join("\n"),
    // Invitations and sign-up are account mails: never turned off (decision 0054).
    kind: "account",
    locale: "ja",
  };
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
    return failure.invalid({ fieldErrors: { email: ["members.alreadyMember"] } });
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
  const params = { org: inviter.orgName, inviter: inviter.name, link };
  await ctx.mailer.send(bilingualMail(input.email, "mail.invite.subject", "mail.invite.body", (l) => ({ ...params, expires: formatDate(expiresAt, l) })));
  void locale;
  return { ok: true as const, value: { invitation, link } };
}

export async function findInvitation(ctx: AppContext, token: string) {
  return findOpenInvitation(ctx.db, sha256(token), ctx.clock.now());
}

/**
 * How the person accepting proves who they are: already logged in as the invited address's
 * user (nothing to guess), or a name and password — a new account's, or an existing account's
 * password, which is a log-in and goes through the log-in limiter like /login.
 */
export type InvitationProof = { signedIn: { userId: string; sessionIdHash: string } } | { name: string; password: string };

/** Joins the invited organisation. */
export async function acceptInvitation(ctx: AppContext, token: string, proof: InvitationProof, locale: Locale, ip: string) {
  const inv = await findOpenInvitation(ctx.db, sha256(token), ctx.clock.now());
  if (!inv) return failure.invalid({}, "invite.invalid");
  const existing = await findUserByEmail(ctx.db, inv.email);
  if ("signedIn" in proof) {
    if (!existing || existing.id !== proof.signedIn.userId) return failure.invalid({}, "invite.logInFirst");
  } else if (existing) {
    const login = await attemptLogIn(ctx, { email: inv.email, password: proof.password, ip, via: "invitation" });
    // The log-in's refusal (wrong password 400, limiter 429) is shown at the password field.
    if (!login.ok) return new ServiceFailure(login.status, "common.formHasErrors", { fieldErrors: { password: [login.key] } });
  }
  const newAccount = !existing && "password" in proof ? { name: proof.name, password_hash: await hashPassword(proof.password) } : null;
  const value = await ctx.db.transaction().execute(async (trx) => {
    const user = existing ?? (await insertUser(trx, { email: inv.email, ...newAccount!, locale }));
    if (!(await findMembership(trx, user.id, inv.orgId))) await addMembership(trx, user.id, inv.orgId, inv.role);
    await markInvitationAccepted(trx, inv.id, ctx.clock.now());
    await writeAudit(trx, {
      actorUserId: user.id,
      actorOrgId: inv.orgId,
      action: "member.join",
      entityType: "organization",
      entityId: inv.orgId,
      after: { userId: user.id, role: inv.role },
      ip,
    });
    // Already logged in: the same session moves to the organisation just joined.
    if ("signedIn" in proof) await setSessionActiveOrg(trx, proof.signedIn.sessionIdHash, inv.orgId);
    return { user, orgId: inv.orgId, orgName: inv.orgName };
  });
  return { ok: true as const, value };
}

/** An organisation's members and its invitations not yet accepted or expired. */
export async function membersOf(ctx: AppContext, orgId: string) {
  const [members, pending] = await Promise.all([listMembersOfOrg(ctx.db, orgId), listPendingInvitations(ctx.db, orgId, ctx.clock.now())]);
  return { members, pending };
}

export function organizationOf(ctx: AppContext, orgId: string) {
  return findOrganization(ctx.db, orgId);
}

/** The user's language, used for the e-mails sent to them. */
export function savePreferredLocale(ctx: AppContext, userId: string, locale: Locale) {
  return updateUserLocale(ctx.db, userId, locale);
}
