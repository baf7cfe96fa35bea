import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BafoNotice } from "~/components/bafo/bafo-notice";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { saveBafo, vendorBafo } from "~/services/bafo.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /quotes/:id/bafo — the shortlisted vendor's best and final offer (issue 15 item 1): prices per line,
// KPI commitments and assumptions over its first-round quote; saved as a draft until it is submitted,
// once and final, before the round's deadline. Only the quote's own vendor; anyone else gets 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const bafo = await vendorBafo(context, user.actor, params.id ?? "");
  invariantResponse(bafo);
  return { bafo };
}

/** A typed number as a number; an empty field as missing; anything else as typed (the schema names it). */
const num = (v: FormDataEntryValue) => {
  const text = typeof v === "string" ? v.trim() : "";
  if (text === "") return undefined;
  return Number.isFinite(Number(text)) ? Number(text) : text;
};

/** The form's fields as the service's revision input: `unitPrices.<code>`, `kpiCommitments.<key>`, `assumptions`. */
function revisionFrom(formData: FormData) {
  const unitPrices: Record<string, unknown> = {};
  const kpiCommitments: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("unitPrices.")) unitPrices[name.slice("unitPrices.".length)] = num(value);
    if (name.startsWith("kpiCommitments.")) kpiCommitments[name.slice("kpiCommitments.".length)] = num(value);
  }
  return { unitPrices, kpiCommitments, assumptions: String(formData.get("assumptions") ?? "") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const quoteId = params.id ?? "";
  const intent = formData.get("intent") === "submit" ? "submit" : "draft";
  const done = await saveBafo(context, user.actor, quoteId, revisionFrom(formData), intent);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) {
    const shown = pageFailure(done, await getLocale(request, context));
    return json({ formErrors: shown.formErrors, fieldErrors: shown.fieldErrors }, { status: done.status });
  }
  const key = intent === "submit" ? "bafo.vendor.submitted" : "bafo.vendor.draftSaved";
  return redirect(`/quotes/${quoteId}/bafo`, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
}

export default function BafoForm() {
  const { bafo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errorOf = (name: string) => result?.fieldErrors?.[name]?.join(" ");
  const editable = bafo.state === "invited" && bafo.phase === "accepting" && bafo.submittedVersion === null;
  return (
    <article className="stack">
      <p>
        <Link to="/quotes">← {t("quotes.list.title")}</Link>
      </p>
      <h1>{t("bafo.vendor.form")}</h1>
      <BafoNotice bafo={bafo} />
      {result?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="bafo-form-error">
          {result.formErrors.join(" ")}
        </p>
      ) : null}
      {bafo.state === "invited" && editable ? (
        <Form method="post" className="stack card" data-testid="bafo-form">
          <CsrfInput />
          <table className="table">
            <tbody>
              {bafo.lines.map((l) => {
                const name = `unitPrices.${l.code}`;
                return (
                  <tr key={l.code}>
                    <td>
                      <label htmlFor={name}>
                        <code>{l.code}</code> {l.description}
                      </label>
                    </td>
                    <td>
                      <input
                        id={name}
                        name={name}
                        inputMode="numeric"
                        defaultValue={String(bafo.draft.unitPrices?.[l.code] ?? "")}
                        aria-invalid={errorOf(name) ? true : undefined}
                      />
                      {errorOf(name) ? <p className="field-error">{errorOf(name)}</p> : null}
                    </td>
                  </tr>
                );
              })}
              {bafo.kpis.map((k) => {
                const name = `kpiCommitments.${k.key}`;
                return (
                  <tr key={k.key}>
                    <td>
                      <label htmlFor={name}>{(locale === "en" && k.label.en) || k.label.ja}</label>
                    </td>
                    <td>
                      <input
                        id={name}
                        name={name}
                        inputMode="decimal"
                        defaultValue={String(bafo.draft.kpiCommitments?.[k.key] ?? "")}
                        aria-invalid={errorOf(name) ? true : undefined}
                      />
                      {errorOf(name) ? <p className="field-error">{errorOf(name)}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label>
            {t("quotes.form.assumptions")}
            <textarea name="assumptions" rows={5} defaultValue={bafo.draft.assumptions ?? ""} />
          </label>
          {errorOf("assumptions") ? <p className="field-error">{errorOf("assumptions")}</p> : null}
          <div className="actions">
            <button type="submit" name="intent" value="draft">
              {t("bafo.vendor.saveDraft")}
            </button>
            <button type="submit" name="intent" value="submit" className="primary">
              {t("bafo.vendor.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
