import { Form, useActionData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ADVISOR_NOTE_MAX_LENGTH } from "~/domain/advisors/schema";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type AdvisorNoteItem = {
  id: string;
  quote_id: string | null;
  recommends: boolean;
  body: string;
  created_at: string;
  advisor_name: string;
  author_name: string;
  vendor_name: string | null;
};

type NoteActionData = { intent?: string; fieldErrors?: Record<string, string[]> | null; values?: Record<string, string> } | undefined;

/**
 * The advisors' notes beside the comparison: everyone who may read the comparison (the buyer and the
 * assigned advisors) reads every note with the advisor's organisation and date; assigned advisors add
 * one (optionally about one quote, optionally recommending it) with a plain POST form.
 */
export function AdvisorNotes({ notes, canWrite, quotes }: { notes: AdvisorNoteItem[]; canWrite: boolean; quotes: { id: string; vendorName: string }[] }) {
  const { t, locale } = useI18n();
  const result = useActionData<NoteActionData>();
  const navigation = useNavigation();
  const mine = result?.intent === "addNote" ? result : undefined;
  const err = (field: string) => mine?.fieldErrors?.[field];
  return (
    <section className="card stack" aria-labelledby="advisor-notes-heading" data-testid="advisor-notes">
      <h2 id="advisor-notes-heading">{t("advisors.notes.title")}</h2>
      {notes.length === 0 ? <p className="muted">{t("advisors.notes.none")}</p> : null}
      <ol className="qa-list">
        {notes.map((n) => (
          <li key={n.id} className="card" data-testid="advisor-note">
            <p>
              {n.recommends ? <span className="badge">{t("advisors.notes.recommends")}</span> : null}
              {n.vendor_name ? <span className="badge">{t("advisors.notes.about", { vendor: n.vendor_name })}</span> : null}
            </p>
            <p className="prewrap">{n.body}</p>
            <p className="muted small">{t("advisors.notes.by", { org: n.advisor_name, name: n.author_name, date: formatDateTime(n.created_at, locale) })}</p>
          </li>
        ))}
      </ol>
      {canWrite ? (
        <Form method="post" className="stack no-print" preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="intent" value="addNote" />
          <Field id="note-body" label={t("advisors.note.body")} errors={err("body")}>
            {(aria) => <textarea name="body" rows={4} maxLength={ADVISOR_NOTE_MAX_LENGTH} defaultValue={mine?.values?.body ?? ""} {...aria} />}
          </Field>
          <Field id="note-quote" label={t("advisors.note.quote")} errors={err("quoteId")}>
            {(aria) => (
              <select name="quoteId" defaultValue={mine?.values?.quoteId ?? ""} {...aria}>
                <option value="">{t("advisors.note.quoteNone")}</option>
                {quotes.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.vendorName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="recommends" defaultChecked={mine?.values?.recommends === "on"} /> {t("advisors.note.recommend")}
          </label>
          <div className="actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("advisors.note.add")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
