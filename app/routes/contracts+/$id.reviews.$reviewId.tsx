import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { KpiTrendCharts } from "~/components/reviews/kpi-trend-chart";
import { periodLabel } from "~/domain/reviews/periods";
import {
  commentOnContractReview,
  contractReviewDetail,
  finalizeContractReview,
  saveReviewProposals,
  shareContractReview,
  updateContractReview,
} from "~/services/contract-reviews.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatDateTime } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { formatCounts, formatKpiValue, REVIEW_STATUS_WORD, statusWord } from "~/utils/review-words";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import styles from "~/styles/reviews.css";

// /contracts/:id/reviews/:reviewId (issue 17 item 4, decision 0042): one periodic review — the KPI table with the
// RAG status from the evidence, the trend charts, the buyer's notes and agreed actions, the vendor's improvement
// proposals, comments from both; sharing, and finalizing (asked first: ?confirm=finalize shows what it means and
// the button, so it works without JavaScript). A finalized review is read-only and has its PDF in ja and en.
// The print stylesheet (reviews.css) prints the page without its forms.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const MAX_ACTIONS = 20;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await contractReviewDetail(context, user.actor, params.id ?? "", params.reviewId ?? "");
  if (!page.ok) throw notFound();
  const { ok: _ok, ...data } = page;
  return { ...data, confirmFinalize: new URL(request.url).searchParams.get("confirm") === "finalize" && data.can.finalize };
}

/** The action rows of the form: actions[i].description / ownerUserId / dueDate; a wholly blank row is the spare one. */
function actionRows(form: FormData) {
  const rows: { description: string; ownerUserId: string; dueDate: string }[] = [];
  for (let i = 0; i <= MAX_ACTIONS; i++) {
    const row = {
      description: String(form.get(`actions[${i}].description`) ?? ""),
      ownerUserId: String(form.get(`actions[${i}].ownerUserId`) ?? ""),
      dueDate: String(form.get(`actions[${i}].dueDate`) ?? ""),
    };
    if (row.description.trim() || row.ownerUserId || row.dueDate) rows.push(row);
  }
  return rows;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const contractId = params.id ?? "";
  const reviewId = params.reviewId ?? "";
  const intent = String(form.get("intent") ?? "");
  const values = {
    notes: String(form.get("notes") ?? ""),
    proposals: String(form.get("proposals") ?? ""),
    body: String(form.get("body") ?? ""),
    actions: actionRows(form),
  };
  const done =
    intent === "save"
      ? await updateContractReview(context, user.actor, contractId, reviewId, { notes: values.notes, actions: values.actions })
      : intent === "proposals"
        ? await saveReviewProposals(context, user.actor, contractId, reviewId, { proposals: values.proposals })
        : intent === "share"
          ? await shareContractReview(context, user.actor, contractId, reviewId)
          : intent === "comment"
            ? await commentOnContractReview(context, user.actor, contractId, reviewId, { body: values.body })
            : intent === "finalize"
              ? await finalizeContractReview(context, user.actor, contractId, reviewId)
              : null;
  if (done === null || (!done.ok && done.status === 404)) throw notFound();
  if (!done.ok) return json({ intent, values, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(`/contracts/${contractId}/reviews/${reviewId}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "reviews.saved" }) } });
}

export default function ContractReview() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const r = d.review;
  const period = periodLabel({ start: r.periodStart, end: r.periodEnd }, locale);
  const errorsOf = (intent: string, field: string) => (answer?.intent === intent ? answer.fieldErrors?.[field] : undefined);
  const name = (l: { ja: string; en: string }) => (locale === "ja" ? l.ja : l.en || l.ja);
  const shownActions = answer?.intent === "save" ? answer.values.actions : r.actions;
  const base = `/contracts/${d.contractId}/reviews/${r.id}`;

  return (
    <article className="stack" data-testid="contract-review" data-status={r.status}>
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <p className="no-print">
        <Link to={`/contracts/${d.contractId}/reviews`}>← {t("reviews.back")}</Link>
      </p>
      <h1>{t("reviews.detail.title", { period })}</h1>
      <p>
        {d.title} · <span className={`review-status review-status-${r.status}`}>{t(REVIEW_STATUS_WORD[r.status])}</span>
        {r.finalizedAt ? ` · ${t("reviews.finalizedOn")} ${formatDate(r.finalizedAt, locale)}` : null}
      </p>
      {answer && answer.intent !== "save" && answer.intent !== "proposals" && answer.intent !== "comment" ? <FormErrors errors={answer.formErrors} /> : null}

      {r.status === "finalized" ? (
        <section className="card stack" data-testid="review-frozen">
          <p>{t("reviews.frozen")}</p>
          <p className="no-print">
            <a className="button" href={`${base}/pdf`} download>
              {t("reviews.pdf")}
            </a>{" "}
            <a className="button" href={`${base}/pdf?lang=en`} download>
              {t("reviews.pdfEn")}
            </a>
          </p>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="kpis">
        <h2 id="kpis">{t("reviews.kpis")}</h2>
        <table className="kpi-table" data-testid="kpi-table">
          <thead>
            <tr>
              <th scope="col">{t("reviews.kpi")}</th>
              <th scope="col">{t("reviews.target")}</th>
              <th scope="col">{t("reviews.actualPeriod")}</th>
              <th scope="col">{t("reviews.counts")}</th>
              <th scope="col">{t("reviews.statusPeriod")}</th>
              <th scope="col">{t("reviews.actualToDate")}</th>
              <th scope="col">{t("reviews.statusToDate")}</th>
            </tr>
          </thead>
          <tbody>
            {d.table.map((k) => (
              <tr key={k.key} data-kpi={k.key} data-rag={k.period.rag ?? ""}>
                <th scope="row">{name(k.label)}</th>
                <td className="num">{k.target === null ? t("reviews.noTarget") : formatKpiValue(k.target, k.unit, locale)}</td>
                <td className="num">{formatKpiValue(k.period.actual, k.unit, locale)}</td>
                <td className="num">{formatCounts(k.period, locale)}</td>
                <td>
                  <span className={k.period.rag ? `rag rag-${k.period.rag}` : undefined}>{statusWord(k.period, locale)}</span>
                </td>
                <td className="num">{formatKpiValue(k.toDate.actual, k.unit, locale)}</td>
                <td>
                  <span className={k.toDate.rag ? `rag rag-${k.toDate.rag}` : undefined}>{statusWord(k.toDate, locale)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t("reviews.ragExplained")}</p>
      </section>

      <section className="stack" aria-labelledby="trends">
        <h2 id="trends">{t("reviews.trends")}</h2>
        <KpiTrendCharts trends={d.trends} />
      </section>

      {d.can.edit ? (
        <Form method="post" className="stack" data-testid="review-edit-form">
          <CsrfInput />
          {answer?.intent === "save" ? <FormErrors errors={answer.formErrors} /> : null}
          <Field id="notes" label={t("reviews.notes")} errors={errorsOf("save", "notes")}>
            {(aria) => <textarea name="notes" rows={5} defaultValue={answer?.intent === "save" ? answer.values.notes : r.notes} {...aria} />}
          </Field>
          <h2>{t("reviews.actions")}</h2>
          <table className="kpi-table">
            <thead>
              <tr>
                <th scope="col">{t("reviews.action.description")}</th>
                <th scope="col">{t("reviews.action.owner")}</th>
                <th scope="col">{t("reviews.action.dueDate")}</th>
              </tr>
            </thead>
            <tbody>
              {[...shownActions, { description: "", ownerUserId: "", dueDate: "" }].slice(0, MAX_ACTIONS).map((a, i) => (
                <tr key={i}>
                  <td>
                    <Field
                      id={`actions-${i}-description`}
                      label={`${t("reviews.action.description")} ${i + 1}`}
                      errors={errorsOf("save", `actions[${i}].description`)}
                    >
                      {(aria) => <input name={`actions[${i}].description`} defaultValue={a.description} {...aria} />}
                    </Field>
                  </td>
                  <td>
                    <Field id={`actions-${i}-owner`} label={`${t("reviews.action.owner")} ${i + 1}`} errors={errorsOf("save", `actions[${i}].ownerUserId`)}>
                      {(aria) => (
                        <select name={`actions[${i}].ownerUserId`} defaultValue={a.ownerUserId} {...aria}>
                          <option value="">—</option>
                          {d.members.map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}（{t(m.side === "buyer" ? "reviews.side.buyer" : "reviews.side.vendor")}）
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </td>
                  <td>
                    <Field id={`actions-${i}-dueDate`} label={`${t("reviews.action.dueDate")} ${i + 1}`} errors={errorsOf("save", `actions[${i}].dueDate`)}>
                      {(aria) => <input type="date" name={`actions[${i}].dueDate`} defaultValue={a.dueDate} {...aria} />}
                    </Field>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t("reviews.action.add")}</p>
          <button type="submit" name="intent" value="save" className="button primary">
            {t("reviews.save")}
          </button>
        </Form>
      ) : (
        <>
          <section className="stack" aria-labelledby="notes">
            <h2 id="notes">{t("reviews.notes")}</h2>
            <p className="prewrap" data-testid="review-notes">
              {r.notes || t("reviews.none")}
            </p>
          </section>
          <section className="stack" aria-labelledby="actions">
            <h2 id="actions">{t("reviews.actions")}</h2>
            {r.actions.length === 0 ? (
              <p>{t("reviews.none")}</p>
            ) : (
              <table className="kpi-table" data-testid="review-actions">
                <thead>
                  <tr>
                    <th scope="col">{t("reviews.action.description")}</th>
                    <th scope="col">{t("reviews.action.owner")}</th>
                    <th scope="col">{t("reviews.action.dueDate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.actions.map((a, i) => (
                    <tr key={i}>
                      <td>{a.description}</td>
                      <td>
                        {a.ownerName}（{t(a.ownerSide === "buyer" ? "reviews.side.buyer" : "reviews.side.vendor")}）
                      </td>
                      <td>{formatDate(a.dueDate, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}

      <section className="stack" aria-labelledby="proposals">
        <h2 id="proposals">{t("reviews.proposals")}</h2>
        {d.can.propose ? (
          <Form method="post" className="stack" data-testid="review-proposals-form">
            <CsrfInput />
            <p className="hint">{t("reviews.vendorHint")}</p>
            {answer?.intent === "proposals" ? <FormErrors errors={answer.formErrors} /> : null}
            <Field id="proposals-text" label={t("reviews.proposals")} errors={errorsOf("proposals", "proposals")}>
              {(aria) => <textarea name="proposals" rows={5} defaultValue={answer?.intent === "proposals" ? answer.values.proposals : r.proposals} {...aria} />}
            </Field>
            <button type="submit" name="intent" value="proposals" className="button primary">
              {t("reviews.saveProposals")}
            </button>
          </Form>
        ) : (
          <p className="prewrap" data-testid="review-proposals">
            {r.proposals || t("reviews.none")}
          </p>
        )}
      </section>

      <section className="stack" aria-labelledby="comments">
        <h2 id="comments">{t("reviews.comments")}</h2>
        {d.comments.length === 0 ? <p>{t("reviews.none")}</p> : null}
        <ul className="result-list" data-testid="review-comments">
          {d.comments.map((c) => (
            <li key={c.id} className="card">
              <p className="muted small">
                {t(c.side === "buyer" ? "reviews.side.buyer" : "reviews.side.vendor")} · {c.authorName} · {formatDateTime(c.createdAt, locale)}
              </p>
              <p className="prewrap">{c.body}</p>
            </li>
          ))}
        </ul>
        {d.can.comment ? (
          <Form method="post" className="stack" data-testid="review-comment-form">
            <CsrfInput />
            {answer?.intent === "comment" ? <FormErrors errors={answer.formErrors} /> : null}
            <Field id="comment-body" label={t("reviews.comment.body")} errors={errorsOf("comment", "body")}>
              {(aria) => <textarea name="body" rows={3} defaultValue={answer?.intent === "comment" ? answer.values.body : ""} {...aria} />}
            </Field>
            <button type="submit" name="intent" value="comment" className="button">
              {t("reviews.comment.add")}
            </button>
          </Form>
        ) : null}
      </section>

      {d.can.share ? (
        <Form method="post" className="no-print">
          <CsrfInput />
          <button type="submit" name="intent" value="share" className="button primary" data-testid="review-share">
            {t("reviews.share")}
          </button>
        </Form>
      ) : null}
      {d.can.finalize ? (
        d.confirmFinalize ? (
          <section className="card stack no-print" data-testid="review-finalize-confirm">
            <p>{t("reviews.finalize.confirm")}</p>
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="finalize" className="button primary" data-testid="review-finalize">
                {t("reviews.finalize")}
              </button>{" "}
              <Link to={base}>{t("common.cancel")}</Link>
            </Form>
          </section>
        ) : (
          <p className="no-print">
            <Link className="button primary" to={`${base}?confirm=finalize`}>
              {t("reviews.finalize")}
            </Link>
          </p>
        )
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
