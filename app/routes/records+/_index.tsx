import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BillingTabs } from "~/components/billing-tabs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { TRANSACTION_RECORD_KINDS } from "~/domain/invoices/retention";
import { recordSearchInput, recordView } from "~/domain/invoices/transaction-records";
import { searchTransactionRecords, RECORD_SEARCH_LIMIT } from "~/services/transaction-records.server";
import { requireUser } from "~/utils/auth.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { useI18n } from "~/utils/use-i18n";

// /records: 取引書類 (電子帳簿保存法, issue 16 item 5; decision 0036). The organisation's own quotes, purchase orders,
// invoices and receipts by transaction date, amount and counterparty; the scope is the server's (the active
// organisation and its side). A search runs when the form is sent (each one is audited), not on a bare visit.

export const meta: MetaFunction = () => [{ title: "取引書類 / Transaction records — Kurabe" }];

const FIELDS = ["dateFrom", "dateTo", "amountMin", "amountMax", "counterparty"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const kind = user.actor.org?.kind;
  if (kind !== "buyer" && kind !== "vendor") throw notFound();
  const locale = await getLocale(request, context);
  const params = new URL(request.url).searchParams;
  const values = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as Record<(typeof FIELDS)[number], string>;
  const kinds = params.getAll("kind").filter((k) => k !== "");
  const query = params.toString();
  const base = { values, kinds, query, limit: RECORD_SEARCH_LIMIT };
  if (!params.has("search")) return { ...base, searched: false as const, errors: null, result: null };
  const result = await searchTransactionRecords(context, user.actor, recordSearchInput(params));
  if (!result.ok) {
    const reply = pageFailure(result, locale);
    return json(
      { ...base, searched: true as const, errors: { formErrors: reply.formErrors, fieldErrors: reply.fieldErrors }, result: null },
      { status: reply.status },
    );
  }
  return {
    ...base,
    searched: true as const,
    errors: null,
    result: { mode: result.mode, criteriaCount: result.criteriaCount, truncated: result.truncated, records: result.records.map(recordView) },
  };
}

export default function RecordsPage() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const fieldErrors: Record<string, string[]> = data.errors?.fieldErrors ?? {};
  const exportQuery = data.query.replace(/(^|&)search=[^&]*/g, "").replace(/^&/, "");
  const field = (name: (typeof FIELDS)[number], type: string, inputMode?: "numeric") => (
    <Field id={`records-${name}`} label={t(`records.form.${name}`)} errors={fieldErrors[name]}>
      {(aria) => <input {...aria} name={name} type={type} inputMode={inputMode} defaultValue={data.values[name]} />}
    </Field>
  );
  return (
    <article className="stack">
      <h1>{t("records.title")}</h1>
      <BillingTabs />
      <p>{t("records.intro")}</p>
      <Form method="get" className="stack" aria-label={t("records.title")}>
        <input type="hidden" name="search" value="1" />
        <FormErrors errors={data.errors?.formErrors} />
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))", gap: "0 1rem" }}>
          {field("dateFrom", "date")}
          {field("dateTo", "date")}
          {field("amountMin", "text", "numeric")}
          {field("amountMax", "text", "numeric")}
        </div>
        {field("counterparty", "text")}
        <Field id="records-kind" label={t("records.form.kind")} errors={fieldErrors.kinds ?? fieldErrors["kinds.0"]}>
          {(aria) => (
            <select {...aria} name="kind" defaultValue={data.kinds[0] ?? ""}>
              <option value="">{t("records.form.kind.all")}</option>
              {TRANSACTION_RECORD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`records.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button primary">
            {t("records.form.search")}
          </button>
        </div>
      </Form>
      {data.result ? (
        <section className="stack" aria-live="polite">
          {data.result.criteriaCount < 2 ? (
            <p className="notice" role="status">
              {t("records.criteria.fewer", { n: data.result.criteriaCount })}
            </p>
          ) : null}
          {data.result.mode === "database" ? <p className="notice">{t("records.results.fallback")}</p> : null}
          {data.result.truncated ? <p className="notice">{t("records.results.truncated", { n: data.limit })}</p> : null}
          <p>
            <a className="button" href={`/records/export?${exportQuery}`} download>
              {t("records.form.export")}
            </a>{" "}
            <span className="hint">{t("records.form.exportHint")}</span>
          </p>
          {data.result.records.length === 0 ? (
            <p>{t("records.results.none")}</p>
          ) : (
            <table className="table">
              <caption>{t("records.results.count", { n: data.result.records.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("records.col.date")}</th>
                  <th scope="col">{t("records.col.amount")}</th>
                  <th scope="col">{t("records.col.counterparty")}</th>
                  <th scope="col">{t("records.col.kind")}</th>
                  <th scope="col">{t("records.col.number")}</th>
                  <th scope="col">{t("records.col.retention")}</th>
                  <th scope="col">{t("records.col.file")}</th>
                </tr>
              </thead>
              <tbody>
                {data.result.records.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.recordDate, locale)}</td>
                    <td className="num">{formatYen(r.signedAmount, locale)}</td>
                    <td>{r.counterparty}</td>
                    <td>{t(`records.type.${r.documentType}`)}</td>
                    <td>
                      <Link to={r.href}>{r.number}</Link>
                    </td>
                    <td>{t("records.retentionEnd", { date: formatDate(r.retentionEnd, locale) })}</td>
                    <td>
                      {r.fileUrl ? (
                        <a href={r.fileUrl} download>
                          {t("records.download")}
                        </a>
                      ) : (
                        t("records.noFile")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
