import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ANNOTATION_KINDS, ANNOTATION_MAX_LENGTH, CLARIFICATION_MAX_LENGTH, type AnnotationKind } from "~/domain/annotations/schema";
import { cellKey, countByKind } from "~/domain/annotations/views";
import type { AnnotationsView } from "~/services/annotations.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// Annotations (strength / risk / question) and clarifications, for the buyer's members and the RFQ's assigned
// advisors: a marker per annotated cell (quote × criterion, or the quote as a whole) with its count by kind,
// which opens to the annotations with their history and clarification Q&A and a small form to add one. Every
// form is a plain POST to /rfqs/:id/annotations (works without JavaScript), which redirects back to `back`; a
// refused input comes back on that page with the field's message.

export type AnnotationsData = SerializeFrom<AnnotationsView>;
type AnnotationItem = AnnotationsData["annotations"][number];
type ClarificationItem = AnnotationsData["directClarifications"][number];

/** What /rfqs/:id/annotations answers when it refuses an input. */
export type AnnotationActionData =
  | { intent: string; target?: string; values?: Record<string, string>; fieldErrors?: Record<string, string[] | undefined> | null; formErrors?: string[] }
  | undefined;

const KIND_CLASS: Record<AnnotationKind, string> = { strength: "badge", risk: "badge warn", question: "badge muted" };

function useRefusal(intent: string, target: string) {
  const data = useActionData<AnnotationActionData>();
  return data && data.intent === intent && (data.target ?? "") === target ? data : undefined;
}

function Hidden({ back, intent, fields = {} }: { back: string; intent: string; fields?: Record<string, string> }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="back" value={back} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The counts of one comparison cell, in the table's cell: a link to the cell's marker in the annotations section. */
export function CellNotes({ cell, counts }: { cell: string; counts: Record<AnnotationKind, number> | undefined }) {
  const { t } = useI18n();
  if (!counts) return null;
  return (
    <a href={`#annotation-${cell}`} className="cell-notes no-print" data-testid="cell-notes">
      {ANNOTATION_KINDS.filter((k) => counts[k] > 0).map((k) => (
        <span key={k} className={KIND_CLASS[k]}>
          {t(`annotations.kind.${k}`)} {counts[k]}
        </span>
      ))}
    </a>
  );
}

export function KindBadge({ kind }: { kind: AnnotationKind }) {
  const { t } = useI18n();
  return (
    <span className={KIND_CLASS[kind]} data-testid={`annotation-kind-${kind}`}>
      {t(`annotations.kind.${kind}`)}
    </span>
  );
}

function ClarificationQa({ c }: { c: ClarificationItem }) {
  const { t, locale } = useI18n();
  return (
    <div className="stack small" data-testid="clarification">
      <p className="muted">
        {t("clarifications.sentAt", { date: formatDateTime(c.askedAt, locale) })} · {t("annotations.by", { name: c.askerName, org: c.askerOrgName })}
      </p>
      {c.annotationId ? null : <p className="prewrap">{c.question}</p>}
      {c.answer !== null ? (
        <blockquote className="prewrap" data-testid="clarification-answer">
          <strong>{t("clarifications.answer")}</strong> (
          {t("clarifications.answeredAt", { date: formatDateTime(c.answeredAt!, locale), name: c.answererName ?? "" })})
          <br />
          {c.answer}
        </blockquote>
      ) : (
        <p className="badge muted">{t("clarifications.awaiting")}</p>
      )}
    </div>
  );
}

function AnnotationEntry({ a, rfqId, back }: { a: AnnotationItem; rfqId: string; back: string }) {
  const { t, locale } = useI18n();
  const action = `/rfqs/${rfqId}/annotations`;
  const refused = useRefusal("annotation.edit", a.id);
  return (
    <li className="card stack" data-testid="annotation">
      <p>
        <KindBadge kind={a.kind} />
        {a.withdrawnAt ? (
          <span className="badge warn" data-testid="annotation-withdrawn">
            {t("annotations.withdrawnAt", { date: formatDateTime(a.withdrawnAt, locale) })}
          </span>
        ) : null}
        {a.revisions.length > 0 ? <span className="badge muted">{t("annotations.editedAt", { date: formatDateTime(a.updatedAt, locale) })}</span> : null}
      </p>
      <p className={a.withdrawnAt ? "prewrap muted" : "prewrap"}>{a.withdrawnAt ? <s>{a.body}</s> : a.body}</p>
      <p className="muted small">
        {t("annotations.by", { name: a.authorName, org: a.authorOrgName })} · {t(`annotations.side.${a.authorSide}`)} · {formatDateTime(a.createdAt, locale)}
      </p>
      {a.revisions.length > 0 ? (
        <details data-testid="annotation-history">
          <summary>{t("annotations.history", { n: a.revisions.length })}</summary>
          <ol>
            {a.revisions.map((r, i) => (
              <li key={i}>
                <KindBadge kind={r.kind} />{" "}
                <span className="muted small">{t("annotations.historyItem", { date: formatDateTime(r.replacedAt, locale), name: r.replacedByName })}</span>
                <p className="prewrap">{r.body}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {a.clarification ? <ClarificationQa c={a.clarification} /> : null}
      <div className="no-print actions">
        {a.canSend ? (
          <Form method="post" action={action}>
            <Hidden back={back} intent="annotation.send" fields={{ annotationId: a.id }} />
            <button type="submit" className="button" data-testid="send-clarification">
              {t("clarifications.send")}
            </button>
          </Form>
        ) : null}
        {a.mine ? (
          <>
            <details open={Boolean(refused)}>
              <summary>{t("annotations.edit")}</summary>
              <Form method="post" action={action} className="stack">
                <Hidden back={back} intent="annotation.edit" fields={{ annotationId: a.id }} />
                <KindSelect id={`annotation-kind-${a.id}`} value={refused?.values?.kind ?? a.kind} errors={refused?.fieldErrors?.kind} />
                <Field id={`annotation-body-${a.id}`} label={t("annotations.body")} errors={refused?.fieldErrors?.body}>
                  {(aria) => <textarea name="body" rows={3} maxLength={ANNOTATION_MAX_LENGTH} defaultValue={refused?.values?.body ?? a.body} {...aria} />}
                </Field>
                <button type="submit" className="button primary">
                  {t("annotations.save")}
                </button>
              </Form>
            </details>
            <Form method="post" action={action}>
              <Hidden back={back} intent="annotation.withdraw" fields={{ annotationId: a.id }} />
              <button type="submit" className="button danger">
                {t("annotations.withdraw")}
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </li>
  );
}

function KindSelect({ id, value, errors }: { id: string; value: string; errors?: string[] }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t("annotations.kind")} errors={errors}>
      {(aria) => (
        <select name="kind" defaultValue={value} {...aria}>
          {ANNOTATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`annotations.kind.${k}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The small form under a cell's annotations: kind and text, for that quote and criterion. */
function AddAnnotation({ rfqId, back, quoteId, criterionKey }: { rfqId: string; back: string; quoteId: string; criterionKey: string | null }) {
  const { t } = useI18n();
  const target = cellKey(quoteId, criterionKey);
  const refused = useRefusal("annotation.add", target);
  const id = `add-${target.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <Form method="post" action={`/rfqs/${rfqId}/annotations`} className="stack no-print" data-testid="add-annotation">
      <Hidden back={back} intent="annotation.add" fields={{ quoteId, criterionKey: criterionKey ?? "" }} />
      {refused?.fieldErrors?.quoteId || refused?.fieldErrors?.criterionKey ? (
        <ul className="field-errors" role="alert">
          {[...(refused.fieldErrors.quoteId ?? []), ...(refused.fieldErrors.criterionKey ?? [])].map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <KindSelect id={`${id}-kind`} value={refused?.values?.kind ?? "question"} errors={refused?.fieldErrors?.kind} />
      <Field id={`${id}-body`} label={t("annotations.body")} errors={refused?.fieldErrors?.body}>
        {(aria) => <textarea name="body" rows={3} maxLength={ANNOTATION_MAX_LENGTH} defaultValue={refused?.values?.body ?? ""} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("annotations.add")}
      </button>
    </Form>
  );
}

/** A cell's marker: counts by kind; opening it shows the cell's annotations and the form to add one. */
function CellMarker({
  data,
  rfqId,
  back,
  quote,
  criterion,
}: {
  data: AnnotationsData;
  rfqId: string;
  back: string;
  quote: { id: string; vendorName: string };
  criterion: { key: string; label: string } | null;
}) {
  const { t } = useI18n();
  const items = data.annotations.filter((a) => a.quoteId === quote.id && a.criterionKey === (criterion?.key ?? null));
  const counts = countByKind(items);
  const refusedHere = useActionData<AnnotationActionData>();
  const target = cellKey(quote.id, criterion?.key ?? null);
  const open = refusedHere?.intent === "annotation.add" && refusedHere.target === target;
  const total = counts.strength + counts.risk + counts.question;
  return (
    <details open={open || undefined} data-testid="annotation-marker" data-cell={target} id={`annotation-${target}`}>
      <summary aria-label={t("annotations.marker", { vendor: quote.vendorName, criterion: criterion?.label ?? t("annotations.criterion.whole"), n: total })}>
        {total === 0 ? (
          <span className="muted">＋</span>
        ) : (
          ANNOTATION_KINDS.filter((k) => counts[k] > 0).map((k) => (
            <span key={k} className={KIND_CLASS[k]} data-testid={`marker-count-${k}`}>
              {t(`annotations.kind.${k}`)} {counts[k]}
            </span>
          ))
        )}
      </summary>
      <ol className="qa-list">
        {items.map((a) => (
          <AnnotationEntry key={a.id} a={a} rfqId={rfqId} back={back} />
        ))}
      </ol>
      {/* Keyed on the cell's count: an added annotation remounts the form empty, so its text is not left to be added twice. */}
      <AddAnnotation key={items.length} rfqId={rfqId} back={back} quoteId={quote.id} criterionKey={criterion?.key ?? null} />
    </details>
  );
}

/** Asking a quote's vendor a question directly, without an annotation first. */
function AskVendor({ data, rfqId, back }: { data: AnnotationsData; rfqId: string; back: string }) {
  const { t } = useI18n();
  const refused = useRefusal("annotation.ask", "");
  if (data.quotes.length === 0) return null;
  return (
    <details open={Boolean(refused)} className="no-print">
      <summary>{t("clarifications.ask")}</summary>
      <Form method="post" action={`/rfqs/${rfqId}/annotations`} className="stack" data-testid="ask-clarification">
        <Hidden back={back} intent="annotation.ask" />
        <Field id="ask-quote" label={t("annotations.quote")} errors={refused?.fieldErrors?.quoteId}>
          {(aria) => (
            <select name="quoteId" defaultValue={refused?.values?.quoteId ?? data.quotes[0]!.id} {...aria}>
              {data.quotes.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.vendorName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ask-question" label={t("clarifications.question")} errors={refused?.fieldErrors?.question}>
          {(aria) => <textarea name="question" rows={3} maxLength={CLARIFICATION_MAX_LENGTH} defaultValue={refused?.values?.question ?? ""} {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("clarifications.send")}
        </button>
      </Form>
    </details>
  );
}

function DirectClarifications({ data }: { data: AnnotationsData }) {
  const { t } = useI18n();
  if (data.directClarifications.length === 0) return null;
  return (
    <ol className="qa-list">
      {data.directClarifications.map((c) => (
        <li key={c.id} className="card">
          <p>
            <strong>{c.vendorName}</strong> · {t("clarifications.question")}
          </p>
          <ClarificationQa c={c} />
        </li>
      ))}
    </ol>
  );
}

/**
 * On the comparison page (and /rfqs/:id/annotations): a matrix of markers, quotes as columns and "the quote as a
 * whole" plus each criterion as rows, then the questions asked directly and the form to ask one.
 */
export function AnnotationsPanel({ data, rfqId, back }: { data: AnnotationsData; rfqId: string; back: string }) {
  const { t, locale } = useI18n();
  const rows = [null, ...data.criteria.map((c) => ({ key: c.key, label: (locale === "en" && c.label.en) || c.label.ja }))];
  return (
    <section className="card stack" aria-labelledby="annotations-heading" data-testid="annotations">
      <h2 id="annotations-heading">{t("annotations.title")}</h2>
      <p className="hint">{t("annotations.intro")}</p>
      {data.quotes.length === 0 ? (
        <p className="muted">{t("annotations.none")}</p>
      ) : (
        <div className="comparison-scroll">
          <table className="table">
            <caption>{t("annotations.matrix.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("annotations.criterion")}</th>
                {data.quotes.map((q) => (
                  <th scope="col" key={q.id}>
                    {q.vendorName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c?.key ?? ""}>
                  <th scope="row">{c?.label ?? t("annotations.criterion.whole")}</th>
                  {data.quotes.map((q) => (
                    <td key={q.id} data-label={q.vendorName}>
                      <CellMarker data={data} rfqId={rfqId} back={back} quote={q} criterion={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t("clarifications.title")}</h3>
      <DirectClarifications data={data} />
      <AskVendor key={data.directClarifications.length} data={data} rfqId={rfqId} back={back} />
    </section>
  );
}

/**
 * The single quote page's list (buyer and advisors): the quote's annotations grouped as the matrix's rows would
 * be, its clarifications, and the forms to add an annotation or ask the vendor.
 */
export function QuoteAnnotations({ data, rfqId, quoteId, back }: { data: AnnotationsData; rfqId: string; quoteId: string; back: string }) {
  const { t, locale } = useI18n();
  const labelOf = (key: string | null) => {
    const c = key ? data.criteria.find((x) => x.key === key) : undefined;
    return c ? (locale === "en" && c.label.en) || c.label.ja : t("annotations.criterion.whole");
  };
  return (
    <section className="card stack" aria-labelledby="quote-annotations-heading" data-testid="annotations">
      <h2 id="quote-annotations-heading">{t("annotations.title")}</h2>
      <p className="hint">{t("annotations.intro")}</p>
      {data.annotations.length === 0 ? <p className="muted">{t("annotations.none")}</p> : null}
      <ol className="qa-list">
        {data.annotations.map((a) => (
          <li key={a.id}>
            <p className="small muted">{labelOf(a.criterionKey)}</p>
            <ol className="qa-list">
              <AnnotationEntry a={a} rfqId={rfqId} back={back} />
            </ol>
          </li>
        ))}
      </ol>
      <details className="no-print">
        <summary>{t("annotations.add")}</summary>
        <AddAnnotationWithCriterion key={data.annotations.length} data={data} rfqId={rfqId} quoteId={quoteId} back={back} />
      </details>
      <h3>{t("clarifications.title")}</h3>
      <DirectClarifications data={data} />
      <AskVendor key={data.directClarifications.length} data={data} rfqId={rfqId} back={back} />
    </section>
  );
}

function AddAnnotationWithCriterion({ data, rfqId, quoteId, back }: { data: AnnotationsData; rfqId: string; quoteId: string; back: string }) {
  const { t, locale } = useI18n();
  return (
    <Form method="post" action={`/rfqs/${rfqId}/annotations`} className="stack" data-testid="add-annotation">
      <Hidden back={back} intent="annotation.add" fields={{ quoteId }} />
      <Field id="quote-annotation-criterion" label={t("annotations.criterion")}>
        {(aria) => (
          <select name="criterionKey" defaultValue="" {...aria}>
            <option value="">{t("annotations.criterion.whole")}</option>
            {data.criteria.map((c) => (
              <option key={c.key} value={c.key}>
                {(locale === "en" && c.label.en) || c.label.ja}
              </option>
            ))}
          </select>
        )}
      </Field>
      <KindSelect id="quote-annotation-kind" value="question" />
      <Field id="quote-annotation-body" label={t("annotations.body")}>
        {(aria) => <textarea name="body" rows={3} maxLength={ANNOTATION_MAX_LENGTH} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("annotations.add")}
      </button>
    </Form>
  );
}
