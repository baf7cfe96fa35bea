import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { InvoiceDatesAndAmounts, InvoiceHistoryNotes, InvoiceTitle, ReceiptForm, ReceiptList } from "~/components/invoices/invoice-details";
import { registrationSourceText } from "~/domain/invoices/milestone-invoice";
import { correctInvoice, invoiceHistory, issueCreditNote, readInvoice, recordReceipt } from "~/services/invoices.server";
import { cardPaymentOffer, listCardPayments, startCardPayment } from "~/services/payments/card-payments.server";
import { refundRequestPanel, requestRefund } from "~/services/payments/refund-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatNumber, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /invoices/:id (issue 16): one invoice for its vendor and its buyer — totals and tax per rate, status (overdue
// derived from the due date), balance, receipts. The buyer records a bank transfer received; the vendor issues a
// correction (修正インボイス) or a credit note (返還インボイス). Refusals come back at their fields in the
// reader's language and write nothing. Anyone else: not found.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.invoice.number} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const read = await readInvoice(context, user.actor, params.id ?? "");
  if (!read.ok) throw notFound();
  const history = await invoiceHistory(context, user.actor, read.invoice.id);
  // Card payment (decision 0035): offered to the buyer only when Stripe is configured, the vendor can take it and the
  // amount is inside Stripe's JPY limits; otherwise a sentence says bank transfer only, or nothing shows.
  const card = await cardPaymentOffer(context, user.actor, read.invoice.id);
  // Card payments taken (or tried) on this invoice, for both sides' records: amount, platform fee, refunds.
  const attempts = await listCardPayments(context, user.actor, read.invoice.id);
  const cardPayments = attempts.ok ? attempts.sessions.filter((x) => x.stage !== "open" && x.stage !== "expired") : [];
  // The buyer's refund request on a card payment: the form while one may be asked, the newest request's status.
  const refundRequest = await refundRequestPanel(context, user.actor, read.invoice.id);
  return { invoice: read.invoice, history: history.ok ? history : null, card, cardPayments, refundRequest };
}

type Values = Record<string, string>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const id = params.id ?? "";
  const intent = String(form.get("intent") ?? "");
  const values: Values = {};
  for (const name of ["amount", "receivedOn", "description", "quantity", "unitPrice", "taxRate", "reason", "invoiceDate"])
    values[name] = String(form.get(name) ?? "");
  if (intent === "card") {
    // The buyer leaves for Stripe Checkout; the invoice becomes paid only when Stripe's webhook confirms it.
    const started = await startCardPayment(context, user.actor, id, locale);
    if (!started.ok && started.status === 404) throw notFound();
    if (!started.ok) return json({ intent, values, ...pageFailure(started, locale) }, { status: started.status });
    return redirect(started.url, 303);
  }
  let done;
  if (intent === "refundRequest") done = await requestRefund(context, user.actor, id, { amount: values.amount, reason: values.reason });
  else if (intent === "receipt") done = await recordReceipt(context, user.actor, id, { amount: values.amount, receivedOn: values.receivedOn });
  else if (intent === "correction" || intent === "creditNote") {
    const input = {
      ...(values.invoiceDate ? { invoiceDate: values.invoiceDate } : {}),
      reason: values.reason,
      lines: [{ description: values.description, quantity: values.quantity, unitPrice: values.unitPrice, taxRate: values.taxRate }],
    };
    done = intent === "correction" ? await correctInvoice(context, user.actor, id, input) : await issueCreditNote(context, user.actor, id, input);
  } else throw notFound();
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) {
    // The form has one line: "lines[0].description" is shown at "description".
    const failed = pageFailure(done, locale);
    const fieldErrors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(failed.fieldErrors))
      (fieldErrors[path.replace(/^lines(\[0\]\.)?/, "") || "description"] ??= []).push(...messages);
    return json({ intent, values, formErrors: failed.formErrors, fieldErrors }, { status: failed.status });
  }
  const target = "invoiceId" in done ? `/invoices/${done.invoiceId}` : `/invoices/${id}`;
  const toast = intent === "refundRequest" ? "payments.refundRequest.sent" : "invoices.page.saved";
  return redirect(target, { headers: { "Set-Cookie": await toastHeader(context, { key: toast }) } });
}

export default function InvoicePage() {
  const { invoice: inv, history, card, cardPayments, refundRequest } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errorsFor = (intent: string, field: string) => (answer?.intent === intent ? answer.fieldErrors[field] : undefined);
  const valueOf = (intent: string, field: string, fallback = "") => (answer?.intent === intent ? answer.values[field] : fallback);
  const payable = inv.kind !== "credit_note" && inv.cancelledBy === null;
  return (
    <article className="stack">
      <p>
        <Link to="/invoices">← {t("invoices.page.listTitle")}</Link>
      </p>
      <InvoiceTitle invoice={inv} />
      {history ? <InvoiceHistoryNotes history={history} invoiceHref={(id) => `/invoices/${id}`} /> : null}
      {inv.cancelledBy ? (
        <p className="notice">
          {t("invoices.page.cancelledBy")} <Link to={`/invoices/${inv.cancelledBy}`}>{t("invoices.page.viewCorrection")}</Link>
        </p>
      ) : null}
      {inv.referencesInvoiceId && inv.references ? (
        <p>
          {t("invoices.page.references")}: <Link to={`/invoices/${inv.referencesInvoiceId}`}>{inv.references.number}</Link>
          {inv.reason ? ` — ${inv.reason}` : null}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("invoices.page.issuer")}</dt>
        <dd>
          {inv.issuer.name} · {t("invoices.pdf.registration", { number: inv.issuer.registrationNumber })}
          <br />
          <small>
            {t("invoices.page.registrationSource", {
              date: formatDate(inv.registration.asOf, locale),
              source: registrationSourceText(inv.registration.source, t),
            })}
          </small>
        </dd>
        <dt>{t("invoices.page.recipient")}</dt>
        <dd>{inv.recipient.name}</dd>
        <InvoiceDatesAndAmounts invoice={inv} />
        {inv.bankAccount && inv.kind !== "credit_note" ? (
          <>
            <dt>{t("invoices.page.bankAccount")}</dt>
            <dd>
              {inv.bankAccount.bank} {inv.bankAccount.branch} ·{" "}
              {t(inv.bankAccount.type === "当座" ? "invoices.bank.type.current" : "invoices.bank.type.ordinary")} {inv.bankAccount.number} ·{" "}
              {inv.bankAccount.holderKana}
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/invoices/${inv.id}/pdf?lang=ja`}>{t("invoices.page.pdf")}</a> · <a href={`/invoices/${inv.id}/pdf?lang=en`}>{t("invoices.page.pdfEn")}</a>
      </p>

      <h2>{t("invoices.page.lines")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("invoices.page.description")}</th>
            <th scope="col">{t("invoices.page.quantity")}</th>
            <th scope="col">{t("invoices.page.taxRate")}</th>
            <th scope="col">{t("invoices.page.unitPrice")}</th>
            <th scope="col">{t("documents.order.lineAmount")}</th>
          </tr>
        </thead>
        <tbody>
          {inv.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.description}
                {l.reducedRate ? ` ${t("invoices.reducedRate.mark")}` : ""}
              </td>
              <td className="num">{formatNumber(l.quantity, locale, 2)}</td>
              <td>{l.taxRate}%</td>
              <td className="num">{formatYen(l.unitPrice, locale)}</td>
              <td className="num">{formatYen(l.amount, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {inv.lines.some((l) => l.reducedRate) ? <p className="hint">{t("invoices.reducedRate.note")}</p> : null}

      <h2>{t("invoices.page.byRate")}</h2>
      <table className="table" data-testid="invoice-by-rate">
        <thead>
          <tr>
            <th scope="col">{t("invoices.page.rate")}</th>
            <th scope="col">{t("invoices.page.subtotal")}</th>
            <th scope="col">{t("invoices.page.tax")}</th>
          </tr>
        </thead>
        <tbody>
          {inv.byRate.map((r) => (
            <tr key={r.rate}>
              <td>{r.rate}%</td>
              <td className="num">{formatYen(r.subtotal, locale)}</td>
              <td className="num">{formatYen(r.tax, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("invoices.pdf.rounding", { method: t(`invoices.rounding.${inv.rounding}`) })}</p>

      <ReceiptList receipts={inv.receipts} />

      {cardPayments.length > 0 ? (
        <section className="stack" data-testid="card-payments">
          <h2>{t("payments.card.attempts")}</h2>
          <ul>
            {cardPayments.map((c) => (
              <li key={c.attempt}>
                {c.paidOn ? `${formatDate(c.paidOn, locale)} · ` : null}
                {formatYen(c.amount, locale)} · {t(`payments.card.stage.${c.stage}`)}
                {inv.side === "vendor" ? <> · {t("payments.card.fee", { amount: formatYen(c.applicationFee, locale) })}</> : null}
                {c.refunded > 0 ? <> · {t("payments.card.refunded", { amount: formatYen(c.refunded, locale) })}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {refundRequest ? (
        <section className="stack" data-testid="refund-request">
          {refundRequest.latest ? (
            <>
              <h2>{t("payments.refundRequest.statusTitle")}</h2>
              <p>
                {t("payments.refundRequest.summary", {
                  date: formatDate(refundRequest.latest.requestedOn, locale),
                  amount: refundRequest.latest.amount === null ? t("payments.refundRequest.allLeft") : formatYen(refundRequest.latest.amount, locale),
                  status: t(`payments.refundRequest.status.${refundRequest.latest.status}`),
                })}
              </p>
              {refundRequest.latest.note ? <p className="notice">{t("payments.refundRequest.note", { note: refundRequest.latest.note })}</p> : null}
            </>
          ) : null}
          {refundRequest.eligible ? (
            <>
              <h2>{t("payments.refundRequest.title")}</h2>
              <p className="hint">{t("payments.refundRequest.hint", { amount: formatYen(refundRequest.left, locale) })}</p>
              {answer?.intent === "refundRequest" ? <FormErrors errors={answer.formErrors} /> : null}
              <Form method="post" className="stack">
                <CsrfInput />
                <input type="hidden" name="intent" value="refundRequest" />
                <Field id="refundRequest-amount" label={t("payments.refund.amount")} errors={errorsFor("refundRequest", "amount")}>
                  {(aria) => <input type="text" inputMode="numeric" name="amount" defaultValue={valueOf("refundRequest", "amount")} {...aria} />}
                </Field>
                <Field id="refundRequest-reason" label={t("payments.refund.reason")} errors={errorsFor("refundRequest", "reason")}>
                  {(aria) => <textarea name="reason" rows={3} defaultValue={valueOf("refundRequest", "reason")} {...aria} />}
                </Field>
                <button type="submit" className="button">
                  {t("payments.refundRequest.submit")}
                </button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}

      {card.kind === "button" || card.kind === "inFlight" ? (
        <section className="stack" data-testid="card-payment">
          <h2>{t("payments.card.title")}</h2>
          {card.kind === "inFlight" ? <p className="notice">{t("payments.card.openSession")}</p> : null}
          {answer?.intent === "card" ? <FormErrors errors={answer.formErrors} /> : null}
          <Form method="post" reloadDocument>
            <CsrfInput />
            <input type="hidden" name="intent" value="card" />
            <button type="submit" className="button primary">
              {card.kind === "inFlight" ? t("payments.card.resume") : t("payments.card.button", { amount: formatYen(inv.balance, locale) })}
            </button>
          </Form>
          <p className="hint">{t("payments.card.hint")}</p>
        </section>
      ) : card.kind === "processing" ? (
        <p className="notice" data-testid="card-processing">
          {t("payments.processing.notice")}
        </p>
      ) : card.kind === "bankOnly" ? (
        <p className="notice" data-testid="card-bank-only">
          {t(card.reason)}
        </p>
      ) : null}

      {inv.side === "buyer" && payable ? (
        <ReceiptForm
          balance={inv.balance}
          intent="receipt"
          formErrors={answer?.intent === "receipt" ? answer.formErrors : undefined}
          fieldErrors={answer?.intent === "receipt" ? answer.fieldErrors : undefined}
          values={answer?.intent === "receipt" ? answer.values : undefined}
        />
      ) : null}

      {inv.side === "vendor" && payable
        ? (["correction", "creditNote"] as const).map((intent) => (
            <section className="stack" key={intent}>
              <h2>{t(intent === "correction" ? "invoices.page.correction" : "invoices.page.creditNote")}</h2>
              {intent === "correction" ? <p className="hint">{t("invoices.page.correctionHint")}</p> : null}
              {answer?.intent === intent ? <FormErrors errors={answer.formErrors} /> : null}
              <Form method="post" className="stack">
                <CsrfInput />
                <input type="hidden" name="intent" value={intent} />
                <Field id={`${intent}-description`} label={t("invoices.page.description")} errors={errorsFor(intent, "description")}>
                  {(aria) => <input type="text" name="description" defaultValue={valueOf(intent, "description")} {...aria} />}
                </Field>
                <Field id={`${intent}-quantity`} label={t("invoices.page.quantity")} errors={errorsFor(intent, "quantity")}>
                  {(aria) => <input type="text" inputMode="decimal" name="quantity" defaultValue={valueOf(intent, "quantity", "1")} {...aria} />}
                </Field>
                <Field id={`${intent}-unitPrice`} label={t("invoices.page.unitPrice")} errors={errorsFor(intent, "unitPrice")}>
                  {(aria) => <input type="text" inputMode="numeric" name="unitPrice" defaultValue={valueOf(intent, "unitPrice")} {...aria} />}
                </Field>
                <Field id={`${intent}-taxRate`} label={t("invoices.page.taxRate")} errors={errorsFor(intent, "taxRate")}>
                  {(aria) => (
                    <select name="taxRate" defaultValue={valueOf(intent, "taxRate", "10")} {...aria}>
                      <option value="10">10%</option>
                      <option value="8">8% {t("invoices.reducedRate.mark")}</option>
                      <option value="0">0%</option>
                    </select>
                  )}
                </Field>
                <Field id={`${intent}-reason`} label={t("invoices.page.reason")} errors={errorsFor(intent, "reason")}>
                  {(aria) => <textarea name="reason" rows={2} defaultValue={valueOf(intent, "reason")} {...aria} />}
                </Field>
                <button type="submit" className="button">
                  {t(intent === "correction" ? "invoices.page.correction" : "invoices.page.creditNote")}
                </button>
              </Form>
            </section>
          ))
        : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
