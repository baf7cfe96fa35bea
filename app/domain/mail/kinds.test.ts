import { describe, expect, it } from "vitest";
import { DICTIONARIES } from "~/i18n";
import { messages } from "~/i18n/messages";
import { canTurnOff, MAIL_KINDS, mailKindOf, OPTIONAL_MAIL_KINDS } from "./kinds";

// Every mail Kurabe sends must belong to a kind, or the recipient could not turn it off (and the queue would
// refuse it at run time). Two scans: the catalogue's subject keys, and the mail keys written in app/services.

const catalogueKeys = [...Object.keys(messages), ...Object.values(DICTIONARIES).flatMap((d) => Object.keys(d))];

describe("mail kinds", () => {
  it("every mail subject in the catalogue has a kind", () => {
    const subjects = catalogueKeys.filter((k) => k.startsWith("mail.") && k.endsWith(".subject"));
    expect(subjects.length).toBeGreaterThan(30);
    expect(subjects.filter((k) => mailKindOf(k) === null)).toEqual([]);
  });

  it("every mail key a service writes (literal or a template's fixed prefix) has a kind", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL("../../services/", import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = readFileSync(new URL(file, dir), "utf8");
      for (const m of text.matchAll(/["`](mail\.[A-Za-z0-9_]+\.)/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => mailKindOf(k) === null).sort()).toEqual([]);
  });

  it("account mails (password, sign-up, invitations, two-factor) cannot be turned off; every other kind can", () => {
    for (const key of [
      "mail.passwordReset.subject",
      "mail.passwordChanged.subject",
      "mail.signupConfirm.subject",
      "mail.signupExisting.subject",
      "mail.invite.subject",
      "mail.twoFactor.enabled.subject",
      "mail.twoFactor.disabled.subject",
    ]) {
      expect(mailKindOf(key), key).toBe("account");
    }
    expect(canTurnOff("account")).toBe(false);
    expect(OPTIONAL_MAIL_KINDS).toEqual(MAIL_KINDS.filter((k) => k !== "account"));
  });

  it("the longest family wins and unknown keys have none", () => {
    expect(mailKindOf("mail.explanation.subject")).toBe("lowQuotes");
    expect(mailKindOf("mail.explanationAnswered.subject")).toBe("lowQuotes");
    expect(mailKindOf("mail.awardAccepted.subject")).toBe("award");
    expect(mailKindOf("mail.approvals.waiting.subject")).toBe("approvals");
    expect(mailKindOf("mail.invoice.overdue.subject")).toBe("invoices");
    expect(mailKindOf("mail.somethingNew.subject")).toBeNull();
    expect(mailKindOf("rfq.title")).toBeNull();
  });

  it("every kind has its words on the settings page", () => {
    for (const kind of MAIL_KINDS) expect(catalogueKeys, kind).toContain(`mailSettings.kind.${kind}`);
  });
});
