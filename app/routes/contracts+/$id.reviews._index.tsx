import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { KpiTrendCharts } from "~/components/reviews/kpi-trend-chart";
import { periodLabel } from "~/domain/reviews/periods";
import { contractReviewsPage, createContractReview } from "~/services/contract-reviews.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { REVIEW_STATUS_WORD } from "~/utils/review-words";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import styles from "~/styles/reviews.css";

// /contracts/:id/reviews (tab 定例レビュー; issue 17 item 4, decision 0042): the contract's periodic reviews with
// their status, the KPI trend charts, and — for a buyer member of an active contract — starting the review of a
// period (the cadence is picked with the first one). Both parties; anyone else: not found.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await contractReviewsPage(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const { ok: _ok, ...data } = page;
  return data;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const values = { periodStart: String(form.get("periodStart") ?? ""), cadence: String(form.get("cadence") ?? "") };
  const done = await createContractReview(context, user.actor, params.id ?? "", {
    periodStart: values.periodStart,
    ...(values.cadence ? { cadence: values.cadence } : {}),
  });
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) return json({ values, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(`/contracts/${params.id}/reviews/${done.reviewId}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "reviews.saved" }) } });
}

export default function ContractReviews() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <article className="stack" data-testid="contract-reviews">
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <h1>{t("reviews.title")}</h1>
      <p className="muted">
        {d.title} · {t("reviews.lead")}
      </p>

      {d.side === "buyer" ? (
        d.active ? (
          <section className="card stack no-print" aria-labelledby="open-review">
            <h2 id="open-review">{t("reviews.open")}</h2>
            <FormErrors errors={answer?.formErrors} />
            {d.openable.length === 0 ? (
              <p className="muted">{t("reviews.noOpenable")}</p>
            ) : (
              <Form method="post" className="stack" data-testid="open-review-form">
                <CsrfInput />
                {d.cadence === null ? (
                  <Field id="cadence" label={t("reviews.cadence")} hint={t("reviews.cadence.once")} errors={answer?.fieldErrors?.cadence}>
                    {(aria) => (
                      <select name="cadence" defaultValue={answer?.values.cadence || "monthly"} {...aria}>
                        <option value="monthly">{t("reviews.cadence.monthly")}</option>
                        <option value="quarterly">{t("reviews.cadence.quarterly")}</option>
                      </select>
                    )}
                  </Field>
                ) : (
                  <p>
                    {t("reviews.cadence")}: {t(d.cadence === "monthly" ? "reviews.cadence.monthly" : "reviews.cadence.quarterly")}
                  </p>
                )}
                <Field id="periodStart" label={t("reviews.openPeriod")} errors={answer?.fieldErrors?.periodStart}>
                  {(aria) => (
                    <select name="periodStart" defaultValue={answer?.values.periodStart || d.suggested || undefined} {...aria}>
                      {d.openable.map((p) => (
                        <option key={p.start} value={p.start}>
                          {periodLabel(p, locale)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="submit" className="button primary">
                  {t("reviews.open")}
                </button>
              </Form>
            )}
          </section>
        ) : (
          <p className="muted">{t("reviews.notActive")}</p>
        )
      ) : null}

      <section className="stack" aria-labelledby="review-list">
        <h2 id="review-list">{t("reviews.title")}</h2>
        {d.reviews.length === 0 ? (
          <p className="muted">{t("reviews.empty")}</p>
        ) : (
          <table className="kpi-table" data-testid="review-list">
            <thead>
              <tr>
                <th scope="col">{t("reviews.period")}</th>
                <th scope="col">{t("reviews.status")}</th>
                <th scope="col">{t("reviews.vendorComments")}</th>
              </tr>
            </thead>
            <tbody>
              {d.reviews.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/contracts/${d.contractId}/reviews/${r.id}`}>{periodLabel({ start: r.periodStart, end: r.periodEnd }, locale)}</Link>
                  </th>
                  <td>
                    <span className={`review-status review-status-${r.status}`}>{t(REVIEW_STATUS_WORD[r.status])}</span>
                  </td>
                  <td className="num">{r.vendorComments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="stack" aria-labelledby="review-trends">
        <h2 id="review-trends">{t("reviews.trends")}</h2>
        <KpiTrendCharts trends={d.trends} />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
