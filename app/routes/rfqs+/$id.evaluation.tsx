import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AgreementPanel } from "~/components/evaluation/agreement-panel";
import { evaluationResults, panelFor, recordConsensus, setPanel } from "~/services/evaluation.server";
import { agreementForRfq } from "~/services/evaluation-figures.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, notFound, pageFailure } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The evaluation of an RFQ (issue 18 item 3; decision 0046), for its buyer's members and its assigned advisors: the
// panel (a buyer member who can edit the RFQ names evaluators and the chair and sets price later), and the results
// for those the visibility rule lets see them — per quote × criterion the mean, range, SD and every rating with its
// reason, the spread flag and the chair's consensus. An evaluator who has not submitted reads only the progress.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.panel.rfq.title} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw notFound();
  const panel = await panelFor(context, user.actor, id.data);
  if (!panel) throw notFound();
  const results = await evaluationResults(context, user.actor, id.data);
  if (!results.ok) throw failureStatus(results);
  // Agreement figures follow the blind rule themselves: null until every named evaluator has submitted.
  return { panel, results, agreement: await agreementForRfq(context, user.actor, id.data) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  const intent = formData.get("intent");
  if (!id.success || (intent !== "panel" && intent !== "consensus")) throw new Response("Bad Request", { status: 400 });
  const locale = await getLocale(request, context);
  const back = `/rfqs/${id.data}/evaluation`;
  if (intent === "panel") {
    const done = await setPanel(context, user.actor, id.data, {
      chairUserId: String(formData.get("chairUserId") ?? "") || undefined,
      priceLater: formData.get("priceLater") === "on",
      evaluatorUserIds: formData.getAll("evaluatorUserIds").map(String),
    });
    if (!done.ok && (done.status === 404 || done.status === 403)) throw failureStatus(done);
    if (!done.ok) return json({ intent, target: null, ...pageFailure(done, locale) }, { status: done.status });
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "evaluation.panel.saved" }) } });
  }
  const quoteId = String(formData.get("quoteId") ?? "");
  const criterionKey = String(formData.get("criterionKey") ?? "");
  const rawScore = String(formData.get("score") ?? "").trim();
  const done = await recordConsensus(context, user.actor, id.data, {
    quoteId,
    criterionKey,
    score: rawScore === "" ? undefined : Number(rawScore),
    comment: String(formData.get("comment") ?? ""),
  });
  if (!done.ok && (done.status === 404 || done.status === 403)) throw failureStatus(done);
  if (!done.ok) return json({ intent, target: `${quoteId}|${criterionKey}`, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "evaluation.consensus.recorded" }) } });
}

export default function EvaluationPage() {
  const { panel, results, agreement } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${panel.rfq.id}`}>← {panel.rfq.title}</Link>
      </p>
      <h1>{t("evaluation.title")}</h1>
      <p className="hint">{t("evaluation.intro")}</p>
      {panel.me.evaluator ? (
        <p>
          <Link to={`/rfqs/${panel.rfq.id}/evaluation/rate`} data-testid="rate-link">
            {t("evaluation.rate.link")}
          </Link>
        </p>
      ) : null}
      <PanelSection panel={panel} />
      <ResultsSection results={results} agreement={agreement} />
    </article>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function PanelSection({ panel }: { panel: Data["panel"] }) {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.intent === "panel" ? actionData : null;
  const named = new Set(panel.evaluators.map((e) => e.userId));
  return (
    <section className="card" data-testid="panel">
      <h2>{t("evaluation.panel.evaluators")}</h2>
      {panel.evaluators.length === 0 ? <p className="muted">{t("evaluation.panel.none")}</p> : null}
      <ul data-testid="evaluators">
        {panel.evaluators.map((e) => (
          <li key={e.userId}>
            {e.name}（{e.orgName} · {t(`evaluation.side.${e.side}`)}）— {e.submitted ? t("evaluation.status.submitted") : t("evaluation.status.pending")}
          </li>
        ))}
      </ul>
      <p>
        {t("evaluation.panel.chair")}: {panel.panel?.chairName ?? "—"} · {t("evaluation.panel.priceLater")}: {panel.panel?.priceLater ? "✓" : "—"}
      </p>
      {panel.canManage ? (
        <Form method="post" className="stack" data-testid="panel-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="panel" />
          {panel.ratingsExist ? <p className="notice">{t("evaluation.panel.fixedNote")}</p> : null}
          {errors?.formErrors?.length ? (
            <p className="notice error" role="alert">
              {errors.formErrors.join(" ")}
            </p>
          ) : null}
          <fieldset>
            <legend>{t("evaluation.panel.evaluators")}</legend>
            {panel.eligible.map((e) => (
              <label key={e.userId} className="checkbox">
                <input type="checkbox" name="evaluatorUserIds" value={e.userId} defaultChecked={named.has(e.userId)} /> {e.name}（{e.orgName} ·{" "}
                {t(`evaluation.side.${e.side}`)}）
              </label>
            ))}
            <FieldError messages={errors?.fieldErrors?.evaluatorUserIds} />
          </fieldset>
          <label>
            {t("evaluation.panel.chair")}
            <select name="chairUserId" defaultValue={panel.panel?.chairUserId ?? ""}>
              <option value="">—</option>
              {panel.eligible
                .filter((e) => e.side === "buyer")
                .map((e) => (
                  <option key={e.userId} value={e.userId}>
                    {e.name}
                  </option>
                ))}
            </select>
          </label>
          <FieldError messages={errors?.fieldErrors?.chairUserId} />
          <label className="checkbox">
            <input type="checkbox" name="priceLater" defaultChecked={panel.panel?.priceLater ?? false} /> {t("evaluation.panel.priceLater")}
          </label>
          <p className="hint">{t("evaluation.panel.priceLaterHelp")}</p>
          <button type="submit">{t("evaluation.panel.save")}</button>
        </Form>
      ) : null}
    </section>
  );
}

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? (
    <p className="field-error" role="alert">
      {messages.join(" ")}
    </p>
  ) : null;
}

function ResultsSection({ results, agreement }: { results: Data["results"]; agreement: Data["agreement"] }) {
  const { t, locale } = useI18n();
  const actionData = useActionData<typeof action>();
  if (results.blind) {
    return (
      <section className="card" data-testid="results-blind">
        <h2>{t("evaluation.results.title")}</h2>
        <p>{t("evaluation.results.blind")}</p>
        <p>{t("evaluation.awaiting", { submitted: results.progress.submitted, total: results.progress.total })}</p>
      </section>
    );
  }
  if (results.sealed) return null;
  const n = (x: number) => formatNumber(x, locale, 2);
  return (
    <section className="card" data-testid="results">
      <h2>{t("evaluation.results.title")}</h2>
      {results.criteria.length === 0 ? <p className="muted">{t("evaluation.noRatedCriteria")}</p> : null}
      {!results.complete ? (
        <p className="notice" data-testid="results-progress">
          {t("evaluation.awaiting", { submitted: results.progress.submitted, total: results.progress.total })}
        </p>
      ) : null}
      <AgreementPanel figures={agreement} />
      {results.criteria.map((c) => (
        <div key={c.key} className="stack">
          <h3>{(locale === "en" && c.label.en) || c.label.ja}</h3>
          <table className="table">
            <thead>
              <tr>
                <th />
                <th>{t("evaluation.results.mean")}</th>
                <th>{t("evaluation.results.range")}</th>
                <th>{t("evaluation.results.sd")}</th>
                <th>{t("evaluation.consensus.title")}</th>
              </tr>
            </thead>
            <tbody>
              {results.quotes.map((q) => {
                const cell = results.cells.find((x) => x.quoteId === q.id && x.criterionKey === c.key);
                const target = `${q.id}|${c.key}`;
                const errors = actionData?.intent === "consensus" && actionData.target === target ? actionData : null;
                return (
                  <tr key={q.id} data-testid="result-cell" data-quote={q.id} data-criterion={c.key}>
                    <th scope="row">{q.vendorName}</th>
                    {cell?.summary ? (
                      <>
                        <td>
                          {n(cell.summary.mean)}
                          {cell.summary.flagged ? (
                            <span className="badge warn" data-testid="flagged">
                              {" "}
                              {t("evaluation.results.flagged")}
                            </span>
                          ) : null}
                        </td>
                        <td>
                          {cell.summary.min}–{cell.summary.max} ({n(cell.summary.range)})
                        </td>
                        <td>{n(cell.summary.sd)}</td>
                      </>
                    ) : (
                      <td colSpan={3} className="muted">
                        {t("evaluation.results.noRatings")}
                      </td>
                    )}
                    <td>
                      {cell?.consensus ? (
                        <p data-testid="consensus">
                          <strong>{n(cell.consensus.score)}</strong> — {cell.consensus.comment}（
                          {t("evaluation.consensus.by", { name: cell.consensus.chairName })}）
                        </p>
                      ) : null}
                      {cell?.ratings.length ? (
                        <ul className="ratings">
                          {cell.ratings.map((r, i) => (
                            <li key={i} data-testid="rating">
                              {r.evaluatorName}: {r.score} — {r.reason}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {results.canRecordConsensus ? (
                        <Form method="post" className="inline-form" data-testid="consensus-form">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="consensus" />
                          <input type="hidden" name="quoteId" value={q.id} />
                          <input type="hidden" name="criterionKey" value={c.key} />
                          <label>
                            {t("evaluation.consensus.title")}
                            <input
                              type="number"
                              name="score"
                              min={c.scale.min}
                              max={c.scale.max}
                              step={c.scale.levels === "1-5" ? 0.5 : 1}
                              defaultValue={cell?.consensus?.score ?? ""}
                            />
                          </label>
                          <FieldError messages={errors?.fieldErrors?.score} />
                          <label>
                            {t("evaluation.consensus.comment")}
                            <textarea name="comment" defaultValue={cell?.consensus?.comment ?? ""} />
                          </label>
                          <FieldError messages={errors?.fieldErrors?.comment} />
                          {errors?.formErrors?.length && !errors.fieldErrors?.score && !errors.fieldErrors?.comment ? (
                            <FieldError messages={errors.formErrors} />
                          ) : null}
                          <button type="submit">{t("evaluation.consensus.record")}</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
