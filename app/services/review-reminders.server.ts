import type { Kysely } from "kysely";
import { writeAudit } from "../../db/queries/audit";
import { claimReviewReminder, listActiveContractsForReviews, listPartyMembers, listReviewsAwaitingVendorComment } from "../../db/queries/contract-reviews";
import { notifyUsers } from "../../db/queries/notifications";
import type { Database } from "../../db/schema";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import { endedPeriods, periodLabel, reviewDueOn } from "~/domain/reviews/periods";
import { isLocale, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { formatDate, tokyoDateString } from "~/utils/format";
import { notificationMail, type Mail } from "./mail.server";

// Review reminders (issue 17 item 9; decision 0042), run once a day by the job `review.reminders`
// (app/jobs/review-reminders.ts) and safe to run any number of times: each reminder is claimed by inserting its
// review_reminders row first, and only the winner notifies, mails and audits.
//  - review due (to the buyer's members): the contract's LAST ended period has no finalized review after the 10th
//    business day of the next period (the buyer's calendar). An older backlog is not chased period by period.
//  - review comment (to the vendor's members): a review was shared and has no comment from the vendor yet.
// In-app notices, the audit row and the mails (each in the member's language) in the claim's transaction: the mails
// are queued iff the reminder is claimed, and the mail job retries their delivery (decision 0054).

type Db = Kysely<Database>;
export type ReviewReminderDeps = Pick<AppContext, "db" | "mailer" | "env">;

interface PendingMail {
  to: string;
  name: string;
  locale: Locale;
  subject: AnyMessageKey;
  body: AnyMessageKey;
  params: { title: string; periodStart: string; periodEnd: string; dueDate: string; link: string };
}

export interface SentReviewReminder {
  kind: "review_due" | "review_comment";
  contractId: string;
  periodStart: string;
  mails: number;
}

export async function sendReviewReminders(deps: ReviewReminderDeps, now: Date): Promise<{ sent: SentReviewReminder[] }> {
  const today = tokyoDateString(now);
  const origin = appOrigin(deps.env);
  const sent: SentReviewReminder[] = [];

  for (const c of await listActiveContractsForReviews(deps.db)) {
    const last = endedPeriods(c.content.term, c.cadence, today).at(-1);
    if (!last || c.finalized_starts.includes(last.start)) continue;
    let dueOn: string;
    try {
      dueOn = reviewDueOn(last, c.content.buyerKind);
    } catch (e) {
      // A date past the holiday calendar's years: no due day can be counted; say so rather than stop every reminder.
      console.warn(`review reminder: no due date for contract ${c.id} ${last.start}: ${String(e)}`);
      continue;
    }
    if (today <= dueOn) continue;
    const mails = await remind(deps.db, deps.mailer, {
      kind: "review_due",
      subject: `${c.id}:${last.start}`,
      contract: c,
      orgId: c.buyer_org_id,
      notification: "review.due",
      period: last,
      dueDate: dueOn,
      link: `${origin}/contracts/${c.id}/reviews`,
      mail: { subject: "mail.review.due.subject", body: "mail.review.due.body" },
      now,
    });
    if (!mails) continue;
    sent.push({ kind: "review_due", contractId: c.id, periodStart: last.start, mails: mails.length });
  }

  for (const r of await listReviewsAwaitingVendorComment(deps.db)) {
    const [c] = (await listActiveContractsForReviews(deps.db, { side: "vendor", orgId: r.vendor_org_id })).filter((x) => x.id === r.contract_id);
    if (!c) continue;
    const mails = await remind(deps.db, deps.mailer, {
      kind: "review_comment",
      subject: r.id,
      contract: c,
      orgId: r.vendor_org_id,
      notification: "review.commentDue",
      period: { start: r.period_start, end: r.period_end },
      dueDate: "",
      link: `${origin}/contracts/${c.id}/reviews/${r.id}`,
      mail: { subject: "mail.review.comment.subject", body: "mail.review.comment.body" },
      now,
    });
    if (!mails) continue;
    sent.push({ kind: "review_comment", contractId: c.id, periodStart: r.period_start, mails: mails.length });
  }
  return { sent };
}

async function remind(
  db: Db,
  mailer: ReviewReminderDeps["mailer"],
  o: {
    kind: "review_due" | "review_comment";
    subject: string;
    contract: { id: string; buyer_org_id: string; vendor_org_id: string; content: ContractContent };
    orgId: string;
    notification: "review.due" | "review.commentDue";
    period: { start: string; end: string };
    dueDate: string;
    link: string;
    mail: { subject: AnyMessageKey; body: AnyMessageKey };
    now: Date;
  },
): Promise<PendingMail[] | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimReviewReminder(trx, { kind: o.kind, subject: o.subject, contractId: o.contract.id, at: o.now }))) return null;
    const members = (await listPartyMembers(trx, o.contract.buyer_org_id, o.contract.vendor_org_id)).filter((m) => m.org_id === o.orgId);
    const title = o.contract.content.rfq.title;
    await notifyUsers(
      trx,
      members.map((m) => m.id),
      o.notification,
      { href: `/contracts/${o.contract.id}/reviews`, title: `${title}（${periodLabel(o.period, "ja")}）` },
      o.now,
    );
    await writeAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "review.reminder",
      entityType: "contract",
      entityId: o.contract.id,
      after: { kind: o.kind, subject: o.subject, periodStart: o.period.start, dueDate: o.dueDate || null, mailedTo: members.map((m) => m.email) },
    });
    const mails: PendingMail[] = members.map((m) => ({
      to: m.email,
      name: m.name,
      locale: isLocale(m.locale) ? m.locale : "ja",
      subject: o.mail.subject,
      body: o.mail.body,
      params: { title, periodStart: o.period.start, periodEnd: o.period.end, dueDate: o.dueDate, link: o.link },
    }));
    for (const m of mails) await mailer.send(reviewReminderMail(m), { trx });
    return mails;
  });
}

export function reviewReminderMail(m: PendingMail): Mail {
  return notificationMail(m.to, m.locale, m.subject, m.body, (l) => ({
    name: m.name,
    title: m.params.title,
    period: periodLabel({ start: m.params.periodStart, end: m.params.periodEnd }, l),
    dueDate: m.params.dueDate ? formatDate(m.params.dueDate, l) : "",
    link: m.params.link,
  }));
}
