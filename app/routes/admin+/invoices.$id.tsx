import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvoiceDatesAndAmounts, InvoiceHistoryNotes, InvoiceTitle, ReceiptForm, ReceiptList } from "~/components/invoices/invoice-details";
import { adminReadInvoice, invoiceHistory, recordReceiptAsAdmin } from "~/services/invoices.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /admin/invoices/:id (issue 16 item 2): one invoice of any organisation for a platform admin — parties, totals,
// status, balance, receipts, credits and reminders — and the form that records a bank transfer on the buyer's
// behalf (audited with the admin as actor). Bad input comes back at its field in the admin's language.

async function requireAdmin(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "invoices:administer", { type: "allInvoices" });
  return user;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  const read = await adminReadInvoice(context, user.actor, params.id ?? "");
  if (!read.ok) throw read.status === 404 ? notFound() : failureStatus(read);
  const history = await invoiceHistory(context, user.actor, read.invoice.id);
  return { invoice: read.invoice, history: history.ok ? history : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireAdmin(request, context);
  const locale = await getLocale(request, context);
  const id = params.id ?? "";
  const values = { amount: String(form.get("amount") ?? ""), receivedOn: String(form.get("receivedOn") ?? "") };
  const done = await recordReceiptAsAdmin(context, user.actor, id, values);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) {
    const failed = pageFailure(done, locale);
    return json({ values, formErrors: failed.formErrors, fieldErrors: failed.fieldErrors }, { status: failed.status });
  }
  return redirect(`/admin/invoices/${id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "adminInvoices.recorded" }) } });
}

export default function AdminInvoicePage() {
  const { invoice: inv, history } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to="/admin/invoices">← {t("adminInvoices.back")}</Link>
      </p>
      <InvoiceTitle invoice={inv} />
      <dl className="facts">
        <dt>{t("adminInvoices.vendor")}</dt>
        <dd>
          {inv.issuer.name} · {t("invoices.pdf.registration", { number: inv.issuer.registrationNumber })}
        </dd>
        <dt>{t("adminInvoices.buyer")}</dt>
        <dd>{inv.recipient.name}</dd>
        <InvoiceDatesAndAmounts invoice={inv} />
      </dl>

      <ReceiptList receipts={inv.receipts} />
      {history ? <InvoiceHistoryNotes history={history} invoiceHref={(id) => `/admin/invoices/${id}`} /> : null}

      <p>
        <Link to={`/admin/refunds?invoice=${inv.id}`}>{t("payments.refund.title")}</Link>
      </p>
      {inv.payable ? (
        <ReceiptForm
          balance={inv.balance}
          hint={t("adminInvoices.recordHint")}
          formErrors={answer?.formErrors}
          fieldErrors={answer?.fieldErrors}
          values={answer?.values}
        />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
