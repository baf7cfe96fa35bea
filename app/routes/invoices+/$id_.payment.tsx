import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { STATUS_MESSAGE } from "~/domain/payments/state";
import { readInvoice } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /invoices/:id/payment?result=success|cancelled — where Stripe Checkout sends the buyer back (decision 0035). The
// redirect proves nothing (anyone can open this address): the page reads the invoice's state, which only a verified
// webhook moves. Until the webhook has applied it says "processing" and checks again every few seconds; once it has,
// it says paid. For the invoice's buyer and vendor; anyone else gets 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const read = await readInvoice(context, user.actor, params.id ?? "");
  if (!read.ok) throw notFound();
  const result = new URL(request.url).searchParams.get("result") === "cancelled" ? "cancelled" : "success";
  const inv = read.invoice;
  const settled = inv.status === "paid" || inv.status === "partially_refunded" || inv.status === "refunded";
  return { id: inv.id, number: inv.number, status: inv.status, balance: inv.balance, result, settled };
}

const POLL_MS = 3000;

export default function PaymentReturnPage() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const revalidator = useRevalidator();
  const waiting = d.result === "success" && !d.settled;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, revalidator]);
  return (
    <article className="stack">
      <h1>
        {t("payments.return.title")} · {d.number}
      </h1>
      <p data-testid="payment-result" role="status" aria-live="polite">
        {d.result === "cancelled" && !d.settled ? t("payments.return.cancelled") : d.settled ? t("payments.return.paid") : t("payments.return.processing")}
      </p>
      <p data-testid="invoice-status">
        {t("invoices.page.status")}: {t(STATUS_MESSAGE[d.status])} · {t("payments.balance", { amount: formatYen(d.balance, locale) })}
      </p>
      <p>
        {waiting ? (
          <>
            <a href={`/invoices/${d.id}/payment?result=success`}>{t("payments.return.refresh")}</a> ·{" "}
          </>
        ) : null}
        <Link to={`/invoices/${d.id}`}>{t("payments.return.back")}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
