import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChangeDiff } from "~/components/contracts/change-diff";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { fractionToPercent, percentToFraction } from "~/domain/rate-input";
import { t as translate } from "~/i18n";
import { listChanges, proposeChange } from "~/services/change-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /contracts/:id/changes (issue 17 item 3; decision 0041), the 変更管理 tab for both parties: the contract's change
// requests with their state, the version history with what each version changed, and the form to propose a change
// (rates typed in %, converted once). Anyone but the contract's two parties: not found.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.pageTitle} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await listChanges(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const locale = await getLocale(request, context);
  return { ...page, contractId: params.id ?? "", pageTitle: translate(locale, "changes.title") };
}

/** The form's fields → the service's input; field paths of the input → the form's field names. */
function fromForm(form: FormData, sla: { key: string; unit: string }[], milestones: { index: number; accepted: boolean }[]) {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const price = text("priceImpactYen").replace(/[,，¥￥円\s]/g, "");
  const dueFields: number[] = [];
  const milestoneDueDates = milestones.flatMap((m) => {
    const v = text(`due_${m.index}`);
    if (!v) return [];
    dueFields.push(m.index);
    return [{ index: m.index, dueDate: v }];
  });
  const slaFields: string[] = [];
  const slaTargets = sla.flatMap((k) => {
    const v = text(`sla_${k.key}`);
    if (!v) return [];
    slaFields.push(k.key);
    const n = Number(v);
    return [{ key: k.key, target: k.unit === "rate" && Number.isFinite(n) ? percentToFraction(n) : n }];
  });
  const input = {
    title: text("title"),
    description: text("description"),
    priceImpactYen: price === "" ? 0 : Number(price),
    termTo: text("termTo") || null,
    milestoneDueDates,
    slaTargets,
  };
  const rename = (field: string) => {
    // Paths come as conform names (milestoneDueDates[0].dueDate).
    const due = /^milestoneDueDates(?:\[(\d+)\]|\.(\d+))/.exec(field);
    if (due) return `due_${dueFields[Number(due[1] ?? due[2])]}`;
    const target = /^slaTargets(?:\[(\d+)\]|\.(\d+))/.exec(field);
    if (target) return `sla_${slaFields[Number(target[1] ?? target[2])]}`;
    return field;
  };
  return { input, rename };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const page = await listChanges(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)]));
  const { input, rename } = fromForm(form, page.form.sla, page.form.milestones);
  const done = await proposeChange(context, user.actor, params.id ?? "", input);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) {
    const failed = pageFailure(done, locale);
    const fieldErrors = Object.fromEntries(Object.entries(failed.fieldErrors).map(([k, v]) => [rename(k), v]));
    return json({ values, formErrors: failed.formErrors, fieldErrors }, { status: done.status });
  }
  return redirect(`/contracts/${params.id}/changes/${done.id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "changes.proposed.toast" }) } });
}

export default function ChangesPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const v = (k: string) => answer?.values[k] ?? "";
  const err = (k: string) => answer?.fieldErrors[k];
  return (
    <article className="stack">
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <h1>{t("changes.title")}</h1>
      <p className="hint">{t("changes.lead")}</p>
      <section className="stack" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("changes.list.heading")}</h2>
        {d.requests.length === 0 ? (
          <p className="empty">{t("changes.list.none")}</p>
        ) : (
          <table className="table" data-testid="change-requests">
            <thead>
              <tr>
                <th scope="col">{t("changes.col.number")}</th>
                <th scope="col">{t("changes.col.title")}</th>
                <th scope="col">{t("changes.col.proposedBy")}</th>
                <th scope="col">{t("changes.col.price")}</th>
                <th scope="col">{t("changes.col.status")}</th>
                <th scope="col">{t("changes.col.date")}</th>
              </tr>
            </thead>
            <tbody>
              {d.requests.map((r) => (
                <tr key={r.id} data-testid="change-request">
                  <td>{r.number}</td>
                  <td>
                    <Link to={`/contracts/${d.contractId}/changes/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{t(`changes.side.${r.proposedSide}`)}</td>
                  <td>{formatYen(r.priceImpactYen, locale)}</td>
                  <td>
                    <span className="badge">{t(`changes.status.${r.status}`)}</span>
                  </td>
                  <td>{formatDate(r.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {d.active ? (
        <section className="stack" aria-labelledby="form-heading">
          <h2 id="form-heading">{t("changes.form.heading")}</h2>
          <FormErrors errors={answer?.formErrors} />
          <Form method="post" className="stack" noValidate>
            <CsrfInput />
            <Field id="title" label={t("changes.form.title")} errors={err("title")}>
              {(aria) => <input name="title" defaultValue={v("title")} maxLength={200} required {...aria} />}
            </Field>
            <Field id="description" label={t("changes.form.description")} errors={err("description")}>
              {(aria) => <textarea name="description" defaultValue={v("description")} rows={4} required {...aria} />}
            </Field>
            <Field id="priceImpactYen" label={t("changes.form.price")} hint={t("changes.form.priceHint")} errors={err("priceImpactYen")}>
              {(aria) => <input name="priceImpactYen" inputMode="numeric" defaultValue={v("priceImpactYen")} {...aria} />}
            </Field>
            <Field
              id="termTo"
              label={t("changes.form.termTo")}
              hint={t("changes.form.current", { value: formatDate(d.form.termTo, locale) })}
              errors={err("termTo")}
            >
              {(aria) => <input type="date" name="termTo" defaultValue={v("termTo")} {...aria} />}
            </Field>
            <fieldset className="stack">
              <legend>{t("changes.form.milestones")}</legend>
              {d.form.milestones.map((m) => (
                <Field
                  key={m.index}
                  id={`due_${m.index}`}
                  label={m.name}
                  hint={m.accepted ? t("changes.form.milestoneAccepted") : t("changes.form.current", { value: formatDate(m.dueDate, locale) })}
                  errors={err(`due_${m.index}`)}
                >
                  {(aria) => <input type="date" name={`due_${m.index}`} defaultValue={v(`due_${m.index}`)} disabled={m.accepted} {...aria} />}
                </Field>
              ))}
            </fieldset>
            {d.form.sla.length > 0 ? (
              <fieldset className="stack">
                <legend>{t("changes.form.sla")}</legend>
                {d.form.sla.map((k) => (
                  <Field
                    key={k.key}
                    id={`sla_${k.key}`}
                    label={locale === "en" ? k.label.en : k.label.ja}
                    hint={t("changes.form.current", { value: k.unit === "rate" ? `${fractionToPercent(k.target)}%` : `${k.target} ${k.unit}` })}
                    errors={err(`sla_${k.key}`)}
                  >
                    {(aria) => <input name={`sla_${k.key}`} inputMode="decimal" defaultValue={v(`sla_${k.key}`)} {...aria} />}
                  </Field>
                ))}
              </fieldset>
            ) : null}
            <button type="submit" className="button primary">
              {t("changes.form.submit")}
            </button>
          </Form>
        </section>
      ) : (
        <p className="hint">{t("changes.notActive")}</p>
      )}
      {d.history.length > 0 ? (
        <section className="stack" aria-labelledby="history-heading">
          <h2 id="history-heading">{t("changes.history.heading")}</h2>
          {d.history.map((h) => (
            <div key={h.version} className="stack" data-testid="contract-version">
              <h3>
                {t("changes.history.version", { version: h.version })} · {formatDate(h.createdAt, locale)}
                {h.changeRequest ? (
                  <>
                    {" · "}
                    <Link to={`/contracts/${d.contractId}/changes/${h.changeRequest.id}`}>
                      {t("changes.number", { number: h.changeRequest.number })} {h.changeRequest.title}
                    </Link>
                  </>
                ) : h.reason ? (
                  ` · ${h.reason}`
                ) : null}
              </h3>
              <ChangeDiff entries={h.diff} caption={t("changes.diff.heading", { before: h.version - 1, after: h.version })} />
            </div>
          ))}
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
