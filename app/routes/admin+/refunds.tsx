import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { recentCardPayments, refundCardPayment } from "~/services/payments/card-payments.server";
import { declineRefundRequest, openRefundRequests } from "~/services/payments/refund-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /admin/refunds (decision 0035): a platform admin refunds a card payment of an invoice, in full (amount blank) or in
// part, with a reason. Stripe reverses the transfer to the vendor; the invoice changes when Stripe's `charge.refunded`
// arrives. `?invoice=<id>` fills the invoice. Buyers' open refund requests are listed above the form: each links to
// the form filled with its invoice (refunding it closes the request) or is declined with a note. Anyone but a
// platform admin: not found.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const recent = await recentCardPayments(context, user.actor);
  if (!recent.ok) throw notFound();
  const open = await openRefundRequests(context, user.actor);
  const invoiceId = new URL(request.url).searchParams.get("invoice") ?? "";
  const requests = open.ok ? open.requests : [];
  // Coming from a request: its amount and reason fill the form too.
  const asked = requests.find((r) => r.invoiceId === invoiceId);
  return { invoiceId, amount: asked?.amount != null ? String(asked.amount) : "", reason: asked?.reason ?? "", requests, payments: recent.payments };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  if (!user.actor.isPlatformAdmin) throw notFound();
  const locale = await getLocale(request, context);
  if (form.get("intent") === "decline") {
    const requestId = String(form.get("requestId") ?? "");
    const note = String(form.get("note") ?? "");
    const declined = await declineRefundRequest(context, user.actor, requestId, { note });
    if (!declined.ok) {
      const failed = pageFailure(declined, locale);
      return json({ intent: "decline" as const, requestId, note, formErrors: failed.formErrors, fieldErrors: failed.fieldErrors }, { status: declined.status });
    }
    return redirect("/admin/refunds", { headers: { "Set-Cookie": await toastHeader(context, { key: "payments.refundRequest.declined" }) } });
  }
  const values = Object.fromEntries(["invoiceId", "amount", "reason"].map((k) => [k, String(form.get(k) ?? "")]));
  const done = await refundCardPayment(context, user.actor, values.invoiceId!.trim(), { amount: values.amount, reason: values.reason });
  if (!done.ok) {
    const failed = pageFailure(done, locale);
    const fieldErrors = done.status === 404 ? { invoiceId: [failed.formErrors[0] ?? ""] } : failed.fieldErrors;
    return json({ intent: "refund" as const, values, formErrors: done.status === 404 ? [] : failed.formErrors, fieldErrors }, { status: done.status });
  }
  return redirect("/admin/refunds", { headers: { "Set-Cookie": await toastHeader(context, { key: "payments.refund.requested" }) } });
}

export default function AdminRefundsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const answer = data?.intent === "refund" ? data : undefined;
  const declined = data?.intent === "decline" ? data : undefined;
  const { t, locale } = useI18n();
  const v = answer?.values ?? { invoiceId: d.invoiceId, amount: d.amount, reason: d.reason };
  const err = (k: string) => (answer?.fieldErrors as Record<string, string[]> | undefined)?.[k];
  return (
    <section className="stack">
      <h1>{t("payments.refund.title")}</h1>
      <p className="hint">{t("payments.refund.hint")}</p>
      <h2>{t("payments.refundRequest.openTitle")}</h2>
      {d.requests.length === 0 ? (
        <p>{t("payments.refundRequest.none")}</p>
      ) : (
        <table className="table" data-testid="open-refund-requests">
          <thead>
            <tr>
              <th scope="col">{t("invoices.page.number")}</th>
              <th scope="col">{t("payments.refund.parties")}</th>
              <th scope="col">{t("payments.refundRequest.amountAsked")}</th>
              <th scope="col">{t("payments.refundRequest.reason")}</th>
              <th scope="col">{t("payments.refundRequest.requestedOn")}</th>
              <th scope="col">{t("payments.refundRequest.decline")}</th>
            </tr>
          </thead>
          <tbody>
            {d.requests.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.number} <a href={`/admin/refunds?invoice=${r.invoiceId}`}>{t("payments.refundRequest.prefill")}</a>
                </td>
                <td>{`${r.buyer} → ${r.vendor}`}</td>
                <td className="num">{r.amount === null ? t("payments.refundRequest.allLeft") : formatYen(r.amount, locale)}</td>
                <td>{r.reason}</td>
                <td>{formatDate(r.requestedOn, locale)}</td>
                <td>
                  {declined?.requestId === r.id ? <FormErrors errors={declined.formErrors} /> : null}
                  <Form method="post" className="stack">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <Field
                      id={`note-${r.id}`}
                      label={t("payments.refundRequest.declineNote")}
                      errors={declined?.requestId === r.id ? (declined.fieldErrors as Record<string, string[]>).note : undefined}
                    >
                      {(aria) => <textarea name="note" rows={2} defaultValue={declined?.requestId === r.id ? declined.note : ""} {...aria} />}
                    </Field>
                    <button type="submit" className="button">
                      {t("payments.refundRequest.decline")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormErrors errors={answer?.formErrors} />
      <Form method="post" className="stack">
        <CsrfInput />
        <Field id="invoiceId" label={t("payments.refund.invoice")} errors={err("invoiceId")}>
          {(aria) => <input type="text" name="invoiceId" defaultValue={v.invoiceId} {...aria} />}
        </Field>
        <Field id="amount" label={t("payments.refund.amount")} errors={err("amount")}>
          {(aria) => <input type="text" inputMode="numeric" name="amount" defaultValue={v.amount} {...aria} />}
        </Field>
        <Field id="reason" label={t("payments.refund.reason")} errors={err("reason")}>
          {(aria) => <textarea name="reason" rows={3} defaultValue={v.reason} {...aria} />}
        </Field>
        <button type="submit" className="button">
          {t("payments.refund.submit")}
        </button>
      </Form>
      <h2>{t("payments.refund.recent")}</h2>
      {d.payments.length === 0 ? (
        <p>{t("payments.refund.none")}</p>
      ) : (
        <table className="table" data-testid="recent-card-payments">
          <thead>
            <tr>
              <th scope="col">{t("invoices.page.number")}</th>
              <th scope="col">{t("payments.refund.parties")}</th>
              <th scope="col">{t("payments.refund.paidOn")}</th>
              <th scope="col">{t("payments.refund.amountPaid")}</th>
              <th scope="col">{t("payments.refund.refundedSoFar")}</th>
            </tr>
          </thead>
          <tbody>
            {d.payments.map((p) => (
              <tr key={`${p.invoiceId}-${p.paidOn}`}>
                <td>
                  <a href={`/admin/refunds?invoice=${p.invoiceId}`}>{p.number}</a>
                </td>
                <td>{`${p.buyer} → ${p.vendor}`}</td>
                <td>{formatDate(p.paidOn, locale)}</td>
                <td className="num">{formatYen(p.amount, locale)}</td>
                <td className="num">{formatYen(p.refunded, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
