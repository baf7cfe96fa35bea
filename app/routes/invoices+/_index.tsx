import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BillingTabs } from "~/components/billing-tabs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { INVOICE_KIND_MESSAGE } from "~/domain/invoices/qualified-invoice";
import { STATUS_MESSAGE } from "~/domain/payments/state";
import { listInvoices } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /invoices (issue 16): the caller's own side — invoices its vendor organisation issued, or those addressed to its
// buyer organisation.

export const meta: MetaFunction = () => [{ title: "請求書 / Invoices — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const list = await listInvoices(context, user.actor);
  return { invoices: list.invoices };
}

export default function InvoicesPage() {
  const { invoices } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <article className="stack">
      <h1>{t("invoices.page.listTitle")}</h1>
      <BillingTabs />
      {invoices.length === 0 ? (
        <p>{t("invoices.page.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("invoices.page.number")}</th>
              <th scope="col">{t("contracts.list.counterparty")}</th>
              <th scope="col">{t("invoices.page.kind")}</th>
              <th scope="col">{t("invoices.page.date")}</th>
              <th scope="col">{t("invoices.page.dueDate")}</th>
              <th scope="col">{t("invoices.page.total")}</th>
              <th scope="col">{t("invoices.page.balance")}</th>
              <th scope="col">{t("invoices.page.status")}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/invoices/${i.id}`}>{i.number}</Link>
                </td>
                <td>{i.side === "buyer" ? i.issuer.name : i.recipient.name}</td>
                <td>{t(INVOICE_KIND_MESSAGE[i.kind])}</td>
                <td>{formatDate(i.invoiceDate, locale)}</td>
                <td>{i.dueDate ? formatDate(i.dueDate, locale) : "—"}</td>
                <td className="num">{formatYen(i.total, locale)}</td>
                <td className="num">{formatYen(i.balance, locale)}</td>
                <td>{i.status === "overdue" ? <strong className="badge warn">{t(STATUS_MESSAGE[i.status])}</strong> : t(STATUS_MESSAGE[i.status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
