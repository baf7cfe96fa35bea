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
  updated_at: string | null;
  withdrawn_at: string | null;
  superseded_at: string | null;
  current: boolean;
  mine: boolean;
  advisor_name: string;
  author_name: string;
  vendor_name: string | null;
  revisions: { id: number; body: string; recommends: boolean; change: string; created_at: string }[];
};

type NoteActionData = { intent?: string; noteId?: string; fieldErrors?: Record<string, string[]> | null; values?: Record<string, string> } | undefined;

/** What happened to a note since it was written: edited, withdrawn, replaced by a later recommendation. */
function NoteState({ n }: { n: AdvisorNoteItem }) {
  const { t, locale } = useI18n();
  return (
    <>
      {n.recommends ? <span className={n.current ? "badge" : "badge muted"}>{t("advisors.notes.recommends")}</span> : null}
      {n.vendor_name ? <span className="badge">{t("advisors.notes.about", { vendor: n.vendor_name })}</span> : null}
      {n.withdrawn_at ? (
        <span className="badge warn" data-testid="note-withdrawn">
          {t("advisors.notes.withdrawnAt", { date: formatDateTime(n.withdrawn_at, locale) })}
        </span>
      ) : null}
      {n.superseded_at ? <span className="badge muted">{t("advisors.notes.supersededAt", { date: formatDateTime(n.superseded_at, locale) })}</span> : null}
      {n.updated_at ? (
        <span className="badge muted" data-testid="note-edited">
          {t("advisors.notes.editedAt", { date: formatDateTime(n.updated_at, locale) })}
        </span>
      ) : null}
    </>
  );
}

/** Its author edits the text or withdraws the note; both are disclosures, so they work without JavaScript. */
function OwnNoteActions({ n, result }: { n: AdvisorNoteItem; result: NoteActionData }) {
  const { t } = useI18n();
  const mine = result?.intent === "editNote" && result.noteId === n.id ? result : undefined;
  return (
    <div className="no-print stack">
      <details open={Boolean(mine)}>
        <summary>{t("advisors.note.edit")}</summary>
        <Form method="post" className="stack" preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="intent" value="editNote" />
          <input type="hidden" name="noteId" value={n.id} />
          <Field id={`note-edit-${n.id}`} label={t("advisors.note.newText")} errors={mine?.fieldErrors?.body}>
            {(aria) => <textarea name="body" rows={4} maxLength={ADVISOR_NOTE_MAX_LENGTH} defaultValue={mine?.values?.body ?? n.body} {...aria} />}
          </Field>
          <div className="actions">
            <button type="submit" className="button primary">
              {t("advisors.note.save")}
            </button>
          </div>
        </Form>
      </details>
      <details>
        <summary>{t("advisors.note.withdraw")}</summary>
        <Form method="post" className="stack" preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="intent" value="withdrawNote" />
          <input type="hidden" name="noteId" value={n.id} />
          <p>{t("advisors.note.withdrawConfirm")}</p>
          <div className="actions">
            <button type="submit" className="button danger">
              {t("advisors.note.withdraw")}
            </button>
          </div>
        </Form>
      </details>
    </div>
  );
}

/**
 * The advisors' notes beside the comparison: everyone who may read the comparison (the buyer and the
 * assigned advisors) reads every note with the advisor's organisation and date, and what happened to it
 * since (edited, withdrawn, replaced) with its earlier texts; assigned advisors add one (optionally about
 * one quote, optionally recommending it — one current recommendation per organisation) and edit or
 * withdraw their own, with plain POST forms.
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
              <NoteState n={n} />
            </p>
            <p className={n.withdrawn_at ? "prewrap muted" : "prewrap"}>{n.withdrawn_at ? <s>{n.body}</s> : n.body}</p>
            <p className="muted small">{t("advisors.notes.by", { org: n.advisor_name, name: n.author_name, date: formatDateTime(n.created_at, locale) })}</p>
            {n.revisions.length > 0 ? (
              <details data-testid="note-history">
                <summary>{t("advisors.notes.history", { n: n.revisions.length })}</summary>
                <ol>
                  {n.revisions.map((r) => (
                    <li key={r.id}>
                      <span className="muted small">{t("advisors.notes.revision", { date: formatDateTime(r.created_at, locale) })}</span>
                      <p className="prewrap">{r.body}</p>
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            {n.mine ? <OwnNoteActions n={n} result={result} /> : null}
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
          <p className="muted small">{t("advisors.note.recommendReplaces")}</p>
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
