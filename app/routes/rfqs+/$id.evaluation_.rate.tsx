import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatCriterionValue } from "~/components/rfq/rfq-view";
import { ratingSheet, saveRatings, submitRatings } from "~/services/evaluation.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, notFound, pageFailure } from "~/utils/errors";
import { formatNumber, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// An evaluator's rating sheet (issue 18 item 3; decision 0046): every qualifying quote × evaluator-rated criterion,
// a score on the criterion's scale (1–5 with its written anchors, or 0–100) and a reason. "Save draft" keeps what is
// typed (field errors beside each rating, nothing written on any error); "Submit" saves and then submits when
// complete, after which the ratings are locked. With price later the sheet carries no price, TCO or ROI.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && data.ok ? `${data.rfq.title} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw notFound();
  const sheet = await ratingSheet(context, user.actor, id.data);
  if (!sheet.ok && sheet.status === 409) return { ok: false as const, rfqId: id.data };
  if (!sheet.ok) throw failureStatus(sheet);
  return sheet;
}

/** The typed ratings: a pair left wholly blank is skipped, anything else is sent (and checked). */
function typedRatings(formData: FormData) {
  const pairs = formData.getAll("cell").map(String);
  return pairs.flatMap((cell) => {
    const [quoteId = "", criterionKey = ""] = cell.split("|");
    const rawScore = String(formData.get(`score:${cell}`) ?? "").trim();
    const reason = String(formData.get(`reason:${cell}`) ?? "");
    if (rawScore === "" && reason.trim() === "") return [];
    return [{ cell, quoteId, criterionKey, score: rawScore === "" ? undefined : Number(rawScore), reason }];
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  const intent = formData.get("intent");
  if (!id.success || (intent !== "save" && intent !== "submit")) throw new Response("Bad Request", { status: 400 });
  const locale = await getLocale(request, context);
  const typed = typedRatings(formData);
  const values = Object.fromEntries(typed.map((r) => [r.cell, { score: r.score ?? null, reason: r.reason }]));
  const saved = await saveRatings(context, user.actor, id.data, { ratings: typed.map(({ cell: _cell, ...r }) => r) });
  if (!saved.ok && (saved.status === 404 || saved.status === 403)) throw failureStatus(saved);
  if (!saved.ok) {
    // `ratings[i].score` → the cell's own field, so each message shows beside its rating.
    const page = pageFailure(saved, locale);
    const cellErrors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(page.fieldErrors)) {
      const m = /^ratings\[(\d+)\]\.(\w+)$/.exec(field);
      const cell = m ? typed[Number(m[1])]?.cell : undefined;
      if (cell) (cellErrors[`${m![2]}:${cell}`] ??= []).push(...messages);
    }
    return json({ formErrors: page.formErrors, cellErrors, values }, { status: saved.status });
  }
  const back = `/rfqs/${id.data}/evaluation/rate`;
  if (intent === "save") return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "evaluation.rate.saved" }) } });
  const submitted = await submitRatings(context, user.actor, id.data);
  if (!submitted.ok && (submitted.status === 404 || submitted.status === 403)) throw failureStatus(submitted);
  if (!submitted.ok)
    return json({ formErrors: pageFailure(submitted, locale).formErrors, cellErrors: {} as Record<string, string[]>, values }, { status: submitted.status });
  return redirect(`/rfqs/${id.data}/evaluation`, { headers: { "Set-Cookie": await toastHeader(context, { key: "evaluation.rate.submitted" }) } });
}

export default function RatePage() {
  const sheet = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  if (!sheet.ok) {
    return (
      <article className="stack">
        <h1>{t("evaluation.rate.title")}</h1>
        <p className="notice">{t("evaluation.rate.sealed")}</p>
      </article>
    );
  }
  const label = (l: { ja: string; en?: string }) => (locale === "en" && l.en) || l.ja;
  const own = new Map(sheet.ratings.map((r) => [`${r.quoteId}|${r.criterionKey}`, r]));
  const locked = sheet.submitted;
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${sheet.rfq.id}/evaluation`}>← {t("evaluation.title")}</Link>
      </p>
      <h1>
        {t("evaluation.rate.title")}: {sheet.rfq.title}
      </h1>
      <p className="hint">{t("evaluation.rate.intro")}</p>
      {!sheet.seesPrice ? (
        <p className="notice" data-testid="price-hidden">
          {t("evaluation.rate.priceHidden")}
        </p>
      ) : null}
      {locked ? (
        <p className="notice" data-testid="submitted">
          {t("evaluation.rate.submittedNote")}
        </p>
      ) : null}
      {actionData?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="form-error">
          {actionData.formErrors.join(" ")}
        </p>
      ) : null}
      {sheet.quotes.length === 0 ? <p className="muted">{t("evaluation.rate.noQuotes")}</p> : null}
      <Form method="post" className="stack">
        <CsrfInput />
        {sheet.quotes.map((q) => (
          <section key={q.id} className="card" data-testid="rate-quote" data-quote={q.id}>
            <h2>
              <Link to={`/quotes/${q.id}`}>{q.vendorName}</Link>
            </h2>
            <dl className="facts">
              {sheet.kpiCriteria.map((c) => (
                <div key={c.key} className="contents">
                  <dt>{label(c.label)}</dt>
                  <dd>{formatCriterionValue(c.unit, q.kpiCommitments[c.key], locale)}</dd>
                </div>
              ))}
              <dt>{t("quotes.form.leadTime")}</dt>
              <dd>{q.leadTimeDays}</dd>
              {(["assumptions", "exceptions", "team"] as const).map((k) =>
                q[k] ? (
                  <div key={k} className="contents">
                    <dt>{t(`quotes.form.${k}`)}</dt>
                    <dd className="prewrap">{q[k]}</dd>
                  </div>
                ) : null,
              )}
              {q.pastWork.text ? (
                <>
                  <dt>{t("quotes.form.pastWork")}</dt>
                  <dd className="prewrap">{q.pastWork.text}</dd>
                </>
              ) : null}
              {"tco" in q && typeof q.tco === "number" ? (
                <>
                  <dt>TCO</dt>
                  <dd data-testid="tco">{formatYen(q.tco, locale)}</dd>
                  <dt>ROI</dt>
                  <dd>{typeof q.roi === "number" ? formatNumber(q.roi, locale, 2) : "—"}</dd>
                </>
              ) : null}
            </dl>
            {sheet.criteria.map((c) => {
              const cell = `${q.id}|${c.key}`;
              const typed = actionData?.values?.[cell];
              const saved = own.get(cell);
              const score = typed ? typed.score : (saved?.score ?? null);
              const reason = typed ? typed.reason : (saved?.reason ?? "");
              const scoreErrors = actionData?.cellErrors?.[`score:${cell}`];
              const reasonErrors = actionData?.cellErrors?.[`reason:${cell}`];
              return (
                <fieldset key={c.key} disabled={locked} data-testid="rate-cell">
                  <legend>{label(c.label)}</legend>
                  <input type="hidden" name="cell" value={cell} />
                  {c.scale.levels === "1-5" ? (
                    <div role="radiogroup" aria-label={t("evaluation.rate.score")}>
                      {[1, 2, 3, 4, 5].map((level) => (
                        <label key={level} className="radio">
                          <input type="radio" name={`score:${cell}`} value={level} defaultChecked={score === level} /> {level}
                          {c.scale.anchors?.[level - 1] ? ` — ${label(c.scale.anchors[level - 1]!)}` : null}
                        </label>
                      ))}
                    </div>
                  ) : (
                    <label>
                      {t("evaluation.rate.score")} ({t("evaluation.rate.scaleHundred")})
                      <input type="number" name={`score:${cell}`} min={0} max={100} step={1} defaultValue={score ?? ""} />
                    </label>
                  )}
                  {scoreErrors?.length ? (
                    <p className="field-error" role="alert">
                      {scoreErrors.join(" ")}
                    </p>
                  ) : null}
                  <label>
                    {t("evaluation.rate.reason")}
                    <textarea name={`reason:${cell}`} defaultValue={reason} />
                  </label>
                  {reasonErrors?.length ? (
                    <p className="field-error" role="alert">
                      {reasonErrors.join(" ")}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
          </section>
        ))}
        {!locked && sheet.quotes.length > 0 ? (
          <p className="actions">
            <button type="submit" name="intent" value="save">
              {t("evaluation.rate.saveDraft")}
            </button>{" "}
            <button type="submit" name="intent" value="submit">
              {t("evaluation.rate.submit")}
            </button>
          </p>
        ) : null}
      </Form>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
