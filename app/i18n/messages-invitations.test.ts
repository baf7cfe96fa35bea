import { describe, expect, it } from "vitest";
import { t } from "./index";
import { messages } from "./messages";
import { invitationMessages } from "./messages-invitations";

// The app dictionary wins over split-out ones (see t()), so a key reused here would silently show
// the other screen's text — as "invite.title" (the member-invitation page) once did.
describe("invitation messages", () => {
  it("reuse no key of the app dictionary, and have both languages with the same placeholders", () => {
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const [key, { ja, en }] of Object.entries(invitationMessages)) {
      expect(key in messages, key).toBe(false);
      expect(ja.trim() && en.trim(), key).toBeTruthy();
      expect(names(ja), key).toEqual(names(en));
    }
    expect(t("en", "rfqInvite.title")).toBe("Invite to RFQ");
  });
});
