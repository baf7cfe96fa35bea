import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AgreementPanel } from "~/components/evaluation/agreement-panel";
import { MemoBody } from "~/components/evaluation/memos-panel";
import { agreementForRfq } from "~/services/evaluation-figures.server";
import { createMemoDraft, editMemoDraft, memoPageForAdvisor, publishMemo } from "~/services/recommendation-memos.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { isRowId } from "~/utils/row-id";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /rfqs/:id/memo — an assigned advisory organisation's recommendation memo (issue 18 item 5; decision 0047): "new
// memo" drafts one from the organisation's submitted ratings and annotations, the draft is edited (field errors on the
// form) and published; every version stays in the history. The RFQ's agreement figures show beside it. Anyone but an
// assigned advisor (the buyer reads published memos on the comparison; vendors never) gets the not-found page.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.rfq.title} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const rfqId = params.id;
  if (!isRowId(rfqId)) throw notFound();
  const page = await memoPageForAdvisor(context, user.actor, rfqId);
  if (!page) throw notFound();
  return { ...page, agreement: await agreementForRfq(context, user.actor, rfqId) };
}

const fields = (formData: FormData) => ({
  quoteId: String(formData.get("quoteId") ?? ""),
  rationale: String(formData.get("rationale") ?? ""),
  conditions: String(formData.get("conditions") ?? ""),
  risks: String(formData.get("risks") ?? ""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const rfqId = params.id;
  if (!isRowId(rfqId)) throw notFound();
  const locale = await getLocale(request, context);
  const intent = String(formData.get("intent") ?? "");
  const back = async (key: "memos.created" | "memos.saved" | "memos.publishedToast") =>
    redirect(`/rfqs/${rfqId}/memo`, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
  if (intent === "new") {
    const done = await createMemoDraft(context, user.actor, rfqId, locale);
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ values: null, ...pageFailure(done, locale) }, { status: done.status });
    return back("memos.created");
  }
  const memoId = String(formData.get("memoId") ?? "");
  const values = fields(formData);
  const done = intent === "publish" ? await publishMemo(context, user.actor, memoId, values) : await editMemoDraft(context, user.actor, memoId, values);
  if (!done.ok && done.status === 404) throw notFound();
  // The draft belongs to another RFQ than the URL says: as unknown.
  if (done.ok && done.memo.rfqId !== rfqId) throw notFound();
  if (!done.ok) return json({ values, ...pageFailure(done, locale) }, { status: done.status });
  return back(intent === "publish" ? "memos.publishedToast" : "memos.saved");
}

export default function MemoPage() {
  const { rfq, blind, opened, quotes, memos, draft, agreement } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors = state?.fieldErrors ?? {};
  const v = state?.values ?? draft ?? null;
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <ul className="field-errors" id={`memo-${name}-error`} data-testid={`memo-${name}-error`}>
        {errors[name]!.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    ) : null;
  const text = (name: "rationale" | "conditions" | "risks", rows: number) => (
    <label className="stack">
      {t(`memos.field.${name}`)}
      <textarea
        name={name}
        rows={rows}
        defaultValue={v?.[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `memo-${name}-error` : undefined}
      />
      {fieldError(name)}
    </label>
  );
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfq.id}/compare`}>← {t("compare.title")}</Link>
      </p>
      <h1>
        {t("memos.title")}: {rfq.title}
      </h1>
      <p className="hint">{t("memos.intro")}</p>
      {state?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="memo-form-error">
          {state.formErrors.join(" ")}
        </p>
      ) : null}
      {blind ? (
        <p className="notice" data-testid="memo-blind">
          {t("memos.blind")}
        </p>
      ) : !opened ? (
        <p data-testid="memo-sealed">{t("memos.sealed")}</p>
      ) : null}
      {opened && !draft ? (
        <Form method="post" className="card stack" data-testid="memo-new">
          <CsrfInput />
          <p className="hint">{t("memos.new.hint")}</p>
          <p>
            <button type="submit" name="intent" value="new">
              {t("memos.new")}
            </button>
          </p>
        </Form>
      ) : null}
      {draft ? (
        <Form method="post" className="card stack" noValidate data-testid="memo-draft" key={draft.updatedAt}>
          <CsrfInput />
          <input type="hidden" name="memoId" value={draft.id} />
          <h2>{t("memos.draft.heading", { version: draft.version })}</h2>
          <label className="stack">
            {t("memos.field.quote")}
            <select
              name="quoteId"
              defaultValue={v?.quoteId ?? ""}
              aria-invalid={errors.quoteId ? true : undefined}
              aria-describedby={errors.quoteId ? "memo-quoteId-error" : undefined}
            >
              <option value="">{t("memos.field.quote.none")}</option>
              {quotes.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.vendorName}
                </option>
              ))}
            </select>
            {fieldError("quoteId")}
          </label>
          {text("rationale", 10)}
          {text("conditions", 4)}
          {text("risks", 4)}
          <p className="hint">{t("memos.publish.confirm")}</p>
          <p className="actions">
            <button type="submit" name="intent" value="save">
              {t("memos.save")}
            </button>
            <button type="submit" name="intent" value="publish" className="primary">
              {t("memos.publish")}
            </button>
          </p>
        </Form>
      ) : null}
      <AgreementPanel figures={agreement} />
      <section className="stack" aria-labelledby="memo-history-heading" data-testid="memo-history">
        <h2 id="memo-history-heading">{t("memos.history")}</h2>
        {memos.filter((m) => m.status !== "draft").length === 0 ? <p className="muted">{t("memos.none")}</p> : null}
        {memos
          .filter((m) => m.status !== "draft")
          .map((m) => (
            <article key={m.id} className="card stack" data-testid={`memo-version-${m.version}`}>
              <h3>
                {t("memos.version", { version: m.version })} · <span data-testid="memo-status">{t(`memos.status.${m.status}`)}</span>
              </h3>
              {m.publishedAt ? <p className="muted">{t("memos.publishedOn", { date: formatDate(m.publishedAt, locale), name: m.author.name })}</p> : null}
              <MemoBody memo={m} />
            </article>
          ))}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
