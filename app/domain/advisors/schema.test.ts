import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import { ADVISOR_NOTE_MAX_LENGTH, AdvisorNoteSchema, AssignAdvisorSchema } from "./schema";

const QUOTE = "6f1c2f8e-3b0a-4c54-9d43-0d8f0a1b2c3d";

/** Field path → the message in each language, as the page and the API word them. */
function errors(input: unknown) {
  const r = AdvisorNoteSchema.safeParse(input);
  if (r.success) return null;
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), { ja: localizeZodIssue(i, "ja"), en: localizeZodIssue(i, "en") }]));
}

describe("AdvisorNoteSchema", () => {
  it("accepts a plain note, a note about a quote and a recommendation; trims the text", () => {
    expect(AdvisorNoteSchema.parse({ body: "  全体として妥当です。 " })).toEqual({ body: "全体として妥当です。", recommends: false });
    expect(AdvisorNoteSchema.parse({ body: "x", quoteId: QUOTE, recommends: true })).toEqual({ body: "x", quoteId: QUOTE, recommends: true });
    expect(AdvisorNoteSchema.parse({ body: "x", quoteId: null })).toMatchObject({ quoteId: null, recommends: false });
  });

  it("an empty or blank text is a field error in both languages", () => {
    for (const body of ["", "   ", undefined]) {
      expect(errors({ body })).toEqual({ body: { ja: t("ja", "advisors.note.bodyRequired"), en: t("en", "advisors.note.bodyRequired") } });
    }
  });

  it("too long a text names the limit", () => {
    const e = errors({ body: "あ".repeat(ADVISOR_NOTE_MAX_LENGTH + 1) });
    expect(e?.body.ja).toContain(String(ADVISOR_NOTE_MAX_LENGTH));
    expect(e?.body.en).toBe(`Keep the note to ${ADVISOR_NOTE_MAX_LENGTH} characters or fewer.`);
    expect(errors({ body: "あ".repeat(ADVISOR_NOTE_MAX_LENGTH) })).toBeNull();
  });

  it("a quote id that cannot be one, or a recommendation without a quote, is an error on quoteId", () => {
    expect(errors({ body: "x", quoteId: "not-a-quote" })).toEqual({
      quoteId: { ja: t("ja", "advisors.note.quoteUnknown"), en: t("en", "advisors.note.quoteUnknown") },
    });
    expect(errors({ body: "x", recommends: true })).toEqual({
      quoteId: { ja: t("ja", "advisors.note.recommendNeedsQuote"), en: t("en", "advisors.note.recommendNeedsQuote") },
    });
  });

  it("reports every field at once", () => {
    expect(Object.keys(errors({ body: "", quoteId: "nope" }) ?? {}).sort()).toEqual(["body", "quoteId"]);
  });
});

describe("AssignAdvisorSchema", () => {
  it("needs an organisation id", () => {
    expect(AssignAdvisorSchema.safeParse({ advisorOrgId: QUOTE }).success).toBe(true);
    const r = AssignAdvisorSchema.safeParse({ advisorOrgId: "" });
    expect(r.success).toBe(false);
    expect(localizeZodIssue(r.error!.issues[0], "en")).toBe("Choose an advisory organisation.");
  });
});
