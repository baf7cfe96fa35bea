import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { INVOICE_KIND_MESSAGE } from "~/domain/invoices/qualified-invoice";
import { STATUS_MESSAGE } from "~/domain/payments/state";
import { adminInvoiceList } from "~/services/invoices.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { failureStatus } from "~/utils/errors";
import { formatDate, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /admin/invoices (issue 16 item 2): every organisation's invoices for platform admins — number, vendor, buyer,
// total, status (overdue flagged), balance — with an "overdue only" filter; each links to the admin's invoice page
// where a receipt can be recorded on the buyer's behalf.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "invoices:administer", { type: "allInvoices" });
  const overdueOnly = new URL(request.url).searchParams.get("overdue") === "1";
  const list = await adminInvoiceList(context, user.actor, { overdueOnly });
  if (!list.ok) throw failureStatus(list);
  return { invoices: list.invoices, overdueOnly };
}

export default function AdminInvoicesPage() {
  const { invoices, overdueOnly } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <section className="stack">
      <p>
        <Link to="/admin">← {t("admin.title")}</Link>
      </p>
      <h1>{t("adminInvoices.title")}</h1>
      <Form method="get" className="inline-form">
        <label>
          <input type="checkbox" name="overdue" value="1" defaultChecked={overdueOnly} /> {t("adminInvoices.overdueOnly")}
        </label>
        <button type="submit" className="button">
          {t("adminInvoices.filter")}
        </button>
      </Form>
      {invoices.length === 0 ? (
        <p className="empty">{t("adminInvoices.none")}</p>
      ) : (
        <table className="table" data-testid="admin-invoices">
          <thead>
            <tr>
              <th scope="col">{t("invoices.page.number")}</th>
              <th scope="col">{t("invoices.page.kind")}</th>
              <th scope="col">{t("adminInvoices.vendor")}</th>
              <th scope="col">{t("adminInvoices.buyer")}</th>
              <th scope="col">{t("invoices.page.dueDate")}</th>
              <th scope="col">{t("invoices.page.total")}</th>
              <th scope="col">{t("invoices.page.status")}</th>
              <th scope="col">{t("invoices.page.balance")}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/admin/invoices/${i.id}`}>{i.number}</Link>
                </td>
                <td>{t(INVOICE_KIND_MESSAGE[i.kind])}</td>
                <td>{i.vendorName}</td>
                <td>{i.buyerName}</td>
                <td>{i.dueDate ? formatDate(i.dueDate, locale) : "—"}</td>
                <td className="num">{formatYen(i.total, locale)}</td>
                <td>{i.status === "overdue" ? <strong className="badge warn">{t(STATUS_MESSAGE[i.status])}</strong> : t(STATUS_MESSAGE[i.status])}</td>
                <td className="num">{formatYen(i.balance, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
