import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FieldErrors, FormErrors } from "~/components/field";
import { ASSESSMENT_NOTE_MAX, EXPLANATION_ANSWER_MAX, EXPLANATION_MESSAGE_MAX, EXPLANATION_TOPICS } from "~/domain/insight/explanation-requests";
import type { BuyerExplanation, FlaggedQuote, VendorExplanation } from "~/services/low-quote-explanations.server";
import { formatDate, formatDateTime, formatYen, joinList } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The abnormally low price panels (issue 19 item 2; decision 0051). The buyer's, on the quote page (anchor
// `low-price`, linked from the comparison): why the quote is flagged with the figures, the request form, then the
// request's status, the vendor's answer per topic and the assessment. The vendor's, on its own quote page: the
// request (topics, message, reply-by date) and one answer per topic — never a figure, it only has the request.

export type RefusedForm = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; values?: Record<string, string | string[]> };

function Topics({ topics }: { topics: readonly (typeof EXPLANATION_TOPICS)[number][] }) {
  const { t, locale } = useI18n();
  return (
    <p>
      <strong>{t("lowQuote.topics")}</strong>
      {joinList(
        topics.map((tp) => t(`lowQuote.topic.${tp}`)),
        locale,
      )}
    </p>
  );
}

/** The request form: topic checkboxes, a message, a reply-by date (empty → five business days). */
function RequestForm({ rfqId, quoteId, defaultReplyBy, refused }: { rfqId: string; quoteId: string; defaultReplyBy: string; refused?: RefusedForm }) {
  const { t, locale } = useI18n();
  const values = refused?.values ?? {};
  const checked = new Set([values.topics ?? []].flat());
  return (
    <Form method="post" action={`/quotes/${quoteId}/explanation-request`} className="stack" data-testid="request-explanation">
      <h3>{t("lowQuote.request.title")}</h3>
      <p className="hint">{t("lowQuote.request.hint")}</p>
      <CsrfInput />
      <input type="hidden" name="rfqId" value={rfqId} />
      <FormErrors errors={refused?.formErrors} />
      <fieldset>
        <legend>{t("lowQuote.request.topics")}</legend>
        {EXPLANATION_TOPICS.map((tp) => (
          <label key={tp} className="checkbox">
            <input type="checkbox" name="topics" value={tp} defaultChecked={checked.has(tp)} /> {t(`lowQuote.topic.${tp}`)}
          </label>
        ))}
        <FieldErrors errors={refused?.fieldErrors?.topics} />
      </fieldset>
      <Field id={`explanation-message-${quoteId}`} label={t("lowQuote.request.message")} errors={refused?.fieldErrors?.message}>
        {(aria) => <textarea name="message" rows={3} maxLength={EXPLANATION_MESSAGE_MAX} defaultValue={String(values.message ?? "")} {...aria} />}
      </Field>
      <Field
        id={`explanation-reply-by-${quoteId}`}
        label={t("lowQuote.request.replyBy")}
        hint={t("lowQuote.request.replyByHint", { date: formatDate(defaultReplyBy, locale) })}
        errors={refused?.fieldErrors?.replyBy}
      >
        {(aria) => <input type="date" name="replyBy" defaultValue={String(values.replyBy ?? "")} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("lowQuote.request.submit")}
      </button>
    </Form>
  );
}

function AssessForm({ id, refused }: { id: string; refused?: RefusedForm }) {
  const { t } = useI18n();
  const values = refused?.values ?? {};
  return (
    <Form method="post" action={`/explanation-requests/${id}/assess`} className="stack" data-testid="assess-explanation">
      <h4>{t("lowQuote.assess.title")}</h4>
      <CsrfInput />
      <FormErrors errors={refused?.formErrors} />
      <fieldset>
        <legend>{t("lowQuote.assess.assessment")}</legend>
        {(["satisfactory", "unsatisfactory"] as const).map((v) => (
          <label key={v} className="radio">
            <input type="radio" name="assessment" value={v} defaultChecked={values.assessment === v} /> {t(`lowQuote.assess.${v}`)}
          </label>
        ))}
        <FieldErrors errors={refused?.fieldErrors?.assessment} />
      </fieldset>
      <Field id={`assessment-note-${id}`} label={t("lowQuote.assess.note")} errors={refused?.fieldErrors?.note}>
        {(aria) => <textarea name="note" rows={3} maxLength={ASSESSMENT_NOTE_MAX} defaultValue={String(values.note ?? "")} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("lowQuote.assess.submit")}
      </button>
    </Form>
  );
}

/** The request's status, the vendor's answer per topic and the assessment (or its form). */
function BuyerRequest({ r, canWrite, today, refused }: { r: BuyerExplanation; canWrite: boolean; today: string; refused?: RefusedForm }) {
  const { t, locale } = useI18n();
  return (
    <li className="card stack" data-testid="explanation-request">
      <p className="muted small">
        {t("lowQuote.status.requested", { date: formatDateTime(r.requestedAt, locale), name: r.requesterName })} ·{" "}
        {t("lowQuote.status.version", { version: r.quoteVersion })} · {t("lowQuote.status.replyBy", { date: formatDate(r.replyBy, locale) })}
      </p>
      <Topics topics={r.topics} />
      {r.message ? <p className="prewrap">{r.message}</p> : null}
      {r.answer === null ? (
        <p className="notice">{r.replyBy < today ? t("lowQuote.status.overdue") : t("lowQuote.status.awaiting")}</p>
      ) : (
        <>
          <p className="muted small">
            {t("lowQuote.status.answered", { date: formatDateTime(r.answeredAt!, locale), name: r.answererName ?? "" })}
            {r.late ? ` · ${t("lowQuote.status.late")}` : null}
          </p>
          <dl className="facts">
            {r.topics.map((tp) => (
              <div key={tp} className="contents">
                <dt>{t(`lowQuote.topic.${tp}`)}</dt>
                <dd className="prewrap">{r.answer?.[tp]}</dd>
              </div>
            ))}
          </dl>
          {r.assessment ? (
            <div data-testid="explanation-assessment">
              <p>
                <strong>{t(`lowQuote.assess.${r.assessment}`)}</strong> ·{" "}
                {t("lowQuote.assess.result", { date: formatDateTime(r.assessedAt!, locale), name: r.assessorName ?? "" })}
              </p>
              <p className="prewrap">{r.assessmentNote}</p>
            </div>
          ) : canWrite ? (
            <AssessForm id={r.id} refused={refused} />
          ) : null}
        </>
      )}
    </li>
  );
}

/** Why the quote is flagged, in the buyer's figures (formatted yen). */
function Reasons({ f }: { f: FlaggedQuote }) {
  const { t, locale } = useI18n();
  const yen = (n: number) => formatYen(Math.round(n), locale);
  return (
    <>
      <h3>{t("lowQuote.panel.why")}</h3>
      <p>{t("lowQuote.panel.tco", { tco: yen(f.tcoYen) })}</p>
      <ul>
        {f.reasons.map((r) =>
          r.kind === "belowPeerMedian" ? (
            <li key={r.kind}>{t("lowQuote.reason.belowPeerMedian", { peers: r.peers, median: yen(r.peerMedianYen), threshold: yen(r.thresholdYen) })}</li>
          ) : (
            <li key={r.kind}>
              {t("lowQuote.reason.belowBenchmarkQ1", { q1: yen(r.q1PerMonthYen), months: r.contractTermMonths, threshold: yen(r.thresholdYen) })}
            </li>
          ),
        )}
        {f.lowBidInvestigation ? (
          <li>
            {f.investigationPriceYen !== null
              ? t("lowQuote.reason.lowBidInvestigation", { price: yen(f.investigationPriceYen) })
              : t("lowQuote.reason.lowBidInvestigationNoPrice")}
          </li>
        ) : null}
      </ul>
    </>
  );
}

export interface BuyerPanelData {
  quoteId: string;
  rfqId: string;
  quoteVersion: number;
  seesPrice: boolean;
  canWrite: boolean;
  flagged: FlaggedQuote[];
  requests: BuyerExplanation[];
  defaultReplyBy: string;
  today: string;
}

/** The buyer side's panel on a quote page; nothing when the quote is neither flagged nor asked about. */
/** `refused`: a refused request (its form); `assessRefused`: a refused assessment of request `id`. */
export function LowPricePanel({ data, refused, assessRefused }: { data: BuyerPanelData; refused?: RefusedForm; assessRefused?: RefusedForm & { id: string } }) {
  const { t } = useI18n();
  const flag = data.flagged.find((f) => f.quoteId === data.quoteId);
  if (!flag && data.requests.length === 0) return null;
  const askedThisVersion = data.requests.some((r) => r.quoteVersion === data.quoteVersion);
  return (
    <section id="low-price" className="card stack" aria-labelledby="low-price-heading" data-testid="low-price-panel">
      <h2 id="low-price-heading">{t("lowQuote.panel.title")}</h2>
      {flag ? (
        <>
          <p className="hint">{t("lowQuote.panel.intro")}</p>
          <Reasons f={flag} />
        </>
      ) : !data.seesPrice ? (
        <p className="hint">{t("lowQuote.panel.priceHidden")}</p>
      ) : null}
      {data.requests.length > 0 ? (
        <>
          <h3>{t("lowQuote.status.title")}</h3>
          <ol className="qa-list">
            {data.requests.map((r) => (
              <BuyerRequest key={r.id} r={r} canWrite={data.canWrite} today={data.today} refused={assessRefused?.id === r.id ? assessRefused : undefined} />
            ))}
          </ol>
        </>
      ) : null}
      {flag && data.canWrite && !askedThisVersion ? (
        <RequestForm rfqId={data.rfqId} quoteId={data.quoteId} defaultReplyBy={data.defaultReplyBy} refused={refused} />
      ) : null}
    </section>
  );
}

/** The vendor's answer form of one open request: one textarea per requested topic; posts to /explanation-requests/:id/answer. */
export function ExplanationAnswerForm({ r, refused }: { r: VendorExplanation; refused?: RefusedForm }) {
  const { t } = useI18n();
  const values = refused?.values ?? {};
  return (
    <Form method="post" action={`/explanation-requests/${r.id}/answer`} className="stack" data-testid="answer-explanation">
      <CsrfInput />
      <FormErrors errors={refused?.formErrors} />
      {r.topics.map((tp) => (
        <Field key={tp} id={`explanation-${r.id}-${tp}`} label={t(`lowQuote.topic.${tp}`)} errors={refused?.fieldErrors?.[`answers.${tp}`]}>
          {(aria) => (
            <textarea name={`answers.${tp}`} rows={4} maxLength={EXPLANATION_ANSWER_MAX} defaultValue={String(values[`answers.${tp}`] ?? "")} {...aria} />
          )}
        </Field>
      ))}
      <button type="submit" className="button primary">
        {t("lowQuote.vendor.submit")}
      </button>
    </Form>
  );
}

/** One request as the vendor reads it: topics, message, reply-by date, then its answer (read-only) or the form. */
export function VendorExplanationItem({ r, children }: { r: VendorExplanation; children?: React.ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <li className="card stack" data-testid="vendor-explanation-request">
      <p className="muted small">
        {formatDateTime(r.requestedAt, locale)} · {t("lowQuote.status.replyBy", { date: formatDate(r.replyBy, locale) })}
      </p>
      <Topics topics={r.topics} />
      {r.message ? (
        <p className="prewrap">
          <strong>{t("lowQuote.message")}</strong>
          <br />
          {r.message}
        </p>
      ) : null}
      {r.answer !== null ? (
        <div>
          <p className="muted small">
            {t("lowQuote.vendor.yourAnswer")} · {t("lowQuote.status.answered", { date: formatDateTime(r.answeredAt!, locale), name: r.answererName ?? "" })}
            {r.late ? ` · ${t("lowQuote.status.late")}` : null}
          </p>
          <dl className="facts">
            {r.topics.map((tp) => (
              <div key={tp} className="contents">
                <dt>{t(`lowQuote.topic.${tp}`)}</dt>
                <dd className="prewrap">{r.answer?.[tp]}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        children
      )}
    </li>
  );
}

/** The vendor's section on its own quote page; nothing without a request. */
export function VendorExplanationRequests({ items }: { items: VendorExplanation[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <section id="price-explanation" className="card stack" aria-labelledby="price-explanation-heading" data-testid="vendor-explanation-requests">
      <h2 id="price-explanation-heading">{t("lowQuote.vendor.title")}</h2>
      <p className="hint">{t("lowQuote.vendor.intro")}</p>
      <ol className="qa-list">
        {items.map((r) => (
          <VendorExplanationItem key={r.id} r={r}>
            <ExplanationAnswerForm r={r} />
          </VendorExplanationItem>
        ))}
      </ol>
    </section>
  );
}

/** The vendor's home: its unanswered requests to explain a price, each linking to its answer page; nothing when none. */
export function VendorExplanationTodos({ items }: { items: { id: string; title: string; replyBy: string }[] }) {
  const { t, locale } = useI18n();
  if (items.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="home-explanations" data-testid="home-explanations">
      <h2 id="home-explanations">{t("lowQuote.vendor.todoTitle")}</h2>
      <ul className="stack">
        {items.map((r) => (
          <li key={r.id}>
            <Link to={`/explanation-requests/${r.id}/answer`}>{r.title}</Link>{" "}
            <span className="badge warn">{t("lowQuote.vendor.todo", { date: formatDate(r.replyBy, locale) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
