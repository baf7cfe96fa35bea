import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// The mail queue's rows (`outgoing_mails`, delivered by the `mail.send` job) and users' mail preferences
// (decision 0054). Functions take `db | trx` first, like every query.

export interface NewOutgoingMail {
  recipient: string;
  userId: string | null;
  kind: string;
  locale: string;
  subject: string;
  text: string;
  html: string | null;
}

export async function insertOutgoingMail(db: Kysely<Database>, m: NewOutgoingMail): Promise<string> {
  const row = await db
    .insertInto("outgoing_mails")
    .values({ recipient: m.recipient, user_id: m.userId, kind: m.kind, locale: m.locale, subject: m.subject, text_body: m.text, html_body: m.html })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The rows among `ids` still waiting: neither sent nor skipped (a retried batch passes over the done ones). */
export async function listWaitingMails(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("outgoing_mails")
    .selectAll()
    .where("id", "in", ids)
    .where("sent_at", "is", null)
    .where("skipped_at", "is", null)
    .orderBy("created_at")
    .execute();
}

/** Done: stamped, and its words cleared (a reset or invitation link must not outlive its delivery here). */
export async function markMailDone(db: Kysely<Database>, id: string, how: "sent" | "skipped"): Promise<void> {
  await db
    .updateTable("outgoing_mails")
    .set({ [how === "sent" ? "sent_at" : "skipped_at"]: sql<Date>`now()`, subject: "", text_body: "", html_body: null })
    .where("id", "=", id)
    .execute();
}

/** The user (id) with this address, for whose preferences a mail to it is checked. */
export async function findUserIdByEmail(db: Kysely<Database>, email: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where(sql`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The kinds a user has set, on or off (kinds without a row are on). */
export async function listMailPreferences(db: Kysely<Database>, userId: string) {
  return db.selectFrom("mail_preferences").select(["kind", "enabled", "updated_at"]).where("user_id", "=", userId).execute();
}

export async function isMailKindOff(db: Kysely<Database>, userId: string, kind: string): Promise<boolean> {
  const row = await db.selectFrom("mail_preferences").select("enabled").where("user_id", "=", userId).where("kind", "=", kind).executeTakeFirst();
  return row ? !row.enabled : false;
}

export async function upsertMailPreference(db: Kysely<Database>, userId: string, kind: string, enabled: boolean, now: Date): Promise<void> {
  await db
    .insertInto("mail_preferences")
    .values({ user_id: userId, kind, enabled, updated_at: now })
    .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ enabled, updated_at: now }))
    .execute();
}

/** The topic of the job that delivers an `outgoing_mails` row (app/jobs/mail.ts). */
export const MAIL_SEND_TOPIC = "mail.send";

/**
 * Queues the delivery of mail `id` (an outbox row, as enqueueOutbox writes; kept here so the outbox's topic list
 * stays untouched by this feature — the job runner claims rows by the names it registers, not by that list).
 */
export async function enqueueMailDelivery(db: Kysely<Database>, id: string): Promise<void> {
  await db.insertInto("outbox").values({ topic: MAIL_SEND_TOPIC, entity_id: id }).execute();
}
