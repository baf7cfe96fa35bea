import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

export type NotificationKind =
  | "rfq.invited"
  | "rfq.answerPublished"
  | "rfq.addendum"
  | "rfq.questionAsked"
  | "rfq.cancelled"
  | "rfq.cancelledNoAward"
  | "rfq.advisorAssigned"
  | "rfq.advisorNote"
  | "award.proposed"
  | "bafo.invited"
  | "bafo.notShortlisted"
  | "bafo.cancelled"
  | "award.accepted"
  | "award.declined"
  | "award.questionAsked"
  | "award.questionAnswered"
  | "award.rejected"
  | "award.returned"
  | "award.awarded"
  | "award.won"
  | "award.notSelected"
  | "invoice.overdue"
  | "invoice.reminderSent"
  | "delivery.submitted"
  | "delivery.rejected"
  | "delivery.accepted"
  | "delivery.deemedAccepted"
  | "delivery.dueSoon"
  | "delivery.overdue"
  | "delivery.windowClosing"
  | "measurement.missing"
  | "measurement.pending"
  | "measurement.disputed"
  | "measurement.replied"
  | "review.shared"
  | "review.finalized"
  | "review.due"
  | "review.commentDue"
  | "rating.received"
  | "change.proposed"
  | "change.withdrawn"
  | "change.approved"
  | "change.rejected"
  | "change.waiting"
  | "change.returned"
  | "quote.clarificationRequested"
  | "rfq.clarificationAnswered"
  | "evaluation.named"
  | "design.commented"
  | "design.resolved"
  | "design.replied"
  | "quote.explanationRequested"
  | "rfq.explanationAnswered";

export async function notifyUsers(db: Kysely<Database>, userIds: string[], kind: NotificationKind, payload: Record<string, unknown>, at: Date = new Date()) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db
    .insertInto("notifications")
    .values(unique.map((user_id) => ({ user_id, kind, payload: JSON.stringify(payload), created_at: at })))
    .execute();
}

/** What notifyUsers callers put in the payload and the notifications page links with. */
export type NotificationPayload = { rfqId?: string; invoiceId?: string; title?: string; reason?: string; href?: string };

export async function listNotifications(db: Kysely<Database>, userId: string, limit = 50) {
  return db
    .selectFrom("notifications")
    .select(["id", "kind", "payload", "read_at", "created_at"])
    .$narrowType<{ payload: NotificationPayload }>()
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function countUnreadNotifications(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom("notifications")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function markNotificationsRead(db: Kysely<Database>, userId: string, now: Date) {
  await db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
