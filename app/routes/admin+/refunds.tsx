import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { recentCardPayments, refundCardPayment } from "~/services/payments/card-payments.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /admin/refunds (decision 0035): a platform admin refunds a card payment of an invoice, in full (amount blank) or in
// part, with a reason. Stripe reverses the transfer to the vendor; the invoice changes when Stripe's `charge.refunded`
// arrives. `?invoice=<id>` fills the invoice. Anyone but a platform admin: not found.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const recent = await recentCardPayments(context, user.actor);
  if (!recent.ok) throw notFound();
  return { invoiceId: new URL(request.url).searchParams.get("invoice") ?? "", payments: recent.payments };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  if (!user.actor.isPlatformAdmin) throw notFound();
  const locale = await getLocale(request, context);
  const values = Object.fromEntries(["invoiceId", "amount", "reason"].map((k) => [k, String(form.get(k) ?? "")]));
  const done = await refundCardPayment(context, user.actor, values.invoiceId!.trim(), { amount: values.amount, reason: values.reason });
  if (!done.ok) {
    const failed = pageFailure(done, locale);
    const fieldErrors = done.status === 404 ? { invoiceId: [failed.formErrors[0] ?? ""] } : failed.fieldErrors;
    return json({ values, formErrors: done.status === 404 ? [] : failed.formErrors, fieldErrors }, { status: done.status });
  }
  return redirect("/admin/refunds", { headers: { "Set-Cookie": await toastHeader(context, { key: "payments.refund.requested" }) } });
}

export default function AdminRefundsPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const v = answer?.values ?? { invoiceId: d.invoiceId, amount: "", reason: "" };
  const err = (k: string) => (answer?.fieldErrors as Record<string, string[]> | undefined)?.[k];
  return (
    <section className="stack">
      <h1>{t("payments.refund.title")}</h1>
      <p className="hint">{t("payments.refund.hint")}</p>
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
