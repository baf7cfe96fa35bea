import { z } from "zod";
import { canTurnOff, MAIL_KINDS, OPTIONAL_MAIL_KINDS, type MailKind } from "./kinds";

// The e-mail settings form: one on/off choice per kind that can be turned off (account mails are not in it).

const choice = z.enum(["on", "off"], { error: "mailSettings.choice.invalid" });

export const MailPreferencesSchema = z.object(
  Object.fromEntries(OPTIONAL_MAIL_KINDS.map((k) => [k, choice])) as Record<Exclude<MailKind, "account">, typeof choice>,
);

export type MailPreferencesInput = z.infer<typeof MailPreferencesSchema>;

export interface MailPreferenceRow {
  kind: MailKind;
  enabled: boolean;
  /** False for account mails: shown as always on. */
  canTurnOff: boolean;
}

/** Every kind in the catalogue's order with the user's choice (no row = on; account mails always on). */
export function mailPreferenceRows(saved: readonly { kind: string; enabled: boolean }[]): MailPreferenceRow[] {
  const byKind = new Map(saved.map((r) => [r.kind, r.enabled]));
  return MAIL_KINDS.map((kind) => ({ kind, canTurnOff: canTurnOff(kind), enabled: canTurnOff(kind) ? (byKind.get(kind) ?? true) : true }));
}

/** The kinds whose choice differs from what is saved (the audit row names only what changed). */
export function changedPreferences(rows: readonly MailPreferenceRow[], input: MailPreferencesInput): { kind: MailKind; enabled: boolean }[] {
  return rows
    .filter((r) => r.canTurnOff)
    .flatMap((r) => {
      const enabled = input[r.kind as keyof MailPreferencesInput] === "on";
      return enabled === r.enabled ? [] : [{ kind: r.kind, enabled }];
    });
}
