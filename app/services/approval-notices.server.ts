import type { Kysely } from "kysely";
import { listCurrentDelegations, listMemberContacts } from "../../db/queries/approval-decisions";
import { listMembersOfOrgs } from "../../db/queries/award-outcome";
import { notifyUsers, type NotificationKind } from "../../db/queries/notifications";
import type { Database } from "../../db/schema";
import { isActiveDelegation } from "~/domain/approvals/decisions";
export { stepRecipients } from "~/domain/approvals/decisions";
import { japanDay, type Delegation } from "~/domain/approvals/route-rules";
import { isLocale, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { formatDateTime } from "~/utils/format";
import { notificationMail } from "./mail.server";

// In-app notices and e-mails of the 稟議 and the award (issue 15 items 3–4). Notices are written inside the
// business transaction; mails are collected there and sent after the commit, so a failed delivery never
// undoes a decision or an award (it is logged).

/** A mail to send after the commit; dates are formatted in the recipient's language. */
export interface PendingMail {
  to: string;
  name: string;
  locale: Locale;
  subject: AnyMessageKey;
  body: AnyMessageKey;
  params: Record<string, string | number>;
  dates?: Record<string, Date>;
}

type Contact = { id: string; email: string; name: string; locale: string };

const mailsTo = (
  contacts: readonly Contact[],
  subject: AnyMessageKey,
  body: AnyMessageKey,
  params: Record<string, string | number>,
  dates?: Record<string, Date>,
) => contacts.map((c): PendingMail => ({ to: c.email, name: c.name, locale: isLocale(c.locale) ? c.locale : "ja", subject, body, params, dates }));

/** The organisation's delegations in force at `at` (not revoked, covering the Japanese day). */
export async function activeDelegations(db: Kysely<Database>, orgId: string, at: Date): Promise<Delegation[]> {
  const rows = await listCurrentDelegations(db, orgId, japanDay(at));
  return rows
    .filter((r) => isActiveDelegation({ startsOn: r.starts_on, endsOn: r.ends_on, revokedAt: r.revoked_at }, at))
    .map((r) => ({ fromUserId: r.from_user_id, toUserId: r.to_user_id, startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** Notifies members of the buyer organisation in-app and returns their mails. */
export async function noticeBuyerMembers(
  trx: Kysely<Database>,
  orgId: string,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, unknown>,
  mail: { subject: AnyMessageKey; body: AnyMessageKey; params: Record<string, string | number>; dates?: Record<string, Date> },
  at: Date,
): Promise<PendingMail[]> {
  const contacts = await listMemberContacts(trx, orgId, userIds);
  await notifyUsers(
    trx,
    contacts.map((c) => c.id),
    kind,
    payload,
    at,
  );
  return mailsTo(contacts, mail.subject, mail.body, mail.params, mail.dates);
}

/** Notifies every member of the (vendor) organisations in-app and returns their mails. */
export async function noticeOrgMembers(
  trx: Kysely<Database>,
  orgIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, unknown>,
  mail: { subject: AnyMessageKey; body: AnyMessageKey; params: Record<string, string | number>; dates?: Record<string, Date> },
  at: Date,
): Promise<PendingMail[]> {
  const contacts = await listMembersOfOrgs(trx, orgIds);
  await notifyUsers(
    trx,
    contacts.map((c) => c.id),
    kind,
    payload,
    at,
  );
  return mailsTo(contacts, mail.subject, mail.body, mail.params, mail.dates);
}

/** After the commit: one mail each in its reader's language, queued; a failure to queue is logged and undoes nothing. */
export async function sendPendingMails(ctx: Pick<AppContext, "mailer">, mails: readonly PendingMail[]): Promise<void> {
  const sent = await Promise.allSettled(
    mails.map((m) =>
      ctx.mailer.send(
        notificationMail(m.to, m.locale, m.subject, m.body, (l) => ({
          ...m.params,
          name: m.name,
          ...Object.fromEntries(Object.entries(m.dates ?? {}).map(([k, d]) => [k, formatDateTime(d, l)])),
        })),
      ),
    ),
  );
  sent.forEach((s, i) => {
    if (s.status === "rejected") console.warn(`mail: ${mails[i]!.subject} not delivered to ${mails[i]!.to}: ${String(s.reason)}`);
  });
}
