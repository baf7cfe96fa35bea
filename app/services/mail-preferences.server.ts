import { writeAudit } from "../../db/queries/audit";
import { listMailPreferences, upsertMailPreference } from "../../db/queries/mail";
import { changedPreferences, mailPreferenceRows, MailPreferencesSchema, type MailPreferenceRow } from "~/domain/mail/preferences";
import type { AppContext } from "~/utils/context.server";
import { failure, type ServiceResult } from "~/utils/service-failure";

// A user's own e-mail settings (decision 0054): which kinds of notification mail reach them. Account mails are
// always on. The queue checks these when a mail is queued and again when it is delivered.

type Me = { id: string; orgId: string | null };

export async function mailPreferencesOf(ctx: Pick<AppContext, "db">, userId: string): Promise<MailPreferenceRow[]> {
  return mailPreferenceRows(await listMailPreferences(ctx.db, userId));
}

/**
 * Saves every choice of the form in one transaction with one audit row naming what changed (none when nothing
 * did). Input the schema refuses → field errors, nothing written.
 */
export async function saveMailPreferences(
  ctx: Pick<AppContext, "db" | "clock">,
  me: Me,
  input: unknown,
  ip: string | null,
): Promise<ServiceResult<{ ok: true; changed: number }>> {
  const parsed = MailPreferencesSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues }, "mailSettings.form.invalid");
  const now = ctx.clock.now();
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const rows = mailPreferenceRows(await listMailPreferences(trx, me.id));
    const changes = changedPreferences(rows, parsed.data);
    if (changes.length === 0) return 0;
    for (const c of changes) await upsertMailPreference(trx, me.id, c.kind, c.enabled, now);
    await writeAudit(trx, {
      actorUserId: me.id,
      actorOrgId: me.orgId,
      action: "account.mail_preferences_changed",
      entityType: "user",
      entityId: me.id,
      before: Object.fromEntries(changes.map((c) => [c.kind, !c.enabled])),
      after: Object.fromEntries(changes.map((c) => [c.kind, c.enabled])),
      ip,
    });
    return changes.length;
  });
  return { ok: true, changed };
}
