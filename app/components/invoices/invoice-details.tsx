import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { INVOICE_KIND_MESSAGE, type InvoiceKind } from "~/domain/invoices/qualified-invoice";
import { STATUS_MESSAGE, type DisplayStatus } from "~/domain/payments/state";
import { formatDate, formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The parts of an invoice page its buyer, its vendor and a platform admin all see — receipts, overpayments set off
// and reminders sent — and the one receipt form (the buyer's and the admin's), so the two pages cannot drift.

export interface InvoiceHistoryView {
  creditsApplied: { id: string; amount: number; fromInvoiceId: string; fromNumber: string }[];
  creditsMade: { id: string; amount: number; toInvoiceId: string | null; toNumber: string | null }[];
  reminders: { step: number; daysOverdue: number; balance: number; sentAt: string }[];
}

/** The invoice's kind and number, its status and what is still due. */
export function InvoiceTitle({ invoice }: { invoice: { kind: InvoiceKind; number: string; status: DisplayStatus; balance: number } }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h1>
        {t(INVOICE_KIND_MESSAGE[invoice.kind])} {invoice.number}
      </h1>
      <p data-testid="invoice-status">
        {t("invoices.page.status")}: {t(STATUS_MESSAGE[invoice.status])}
        {invoice.kind !== "credit_note" ? <> · {t("payments.balance", { amount: formatYen(invoice.balance, locale) })}</> : null}
      </p>
    </>
  );
}

/** The dates and amounts in an invoice's facts list (inside its <dl>). */
export function InvoiceDatesAndAmounts({ invoice }: { invoice: { invoiceDate: string; dueDate: string | null; total: number; received: number } }) {
  const { t, locale } = useI18n();
  return (
    <>
      <dt>{t("invoices.page.date")}</dt>
      <dd>{formatDate(invoice.invoiceDate, locale)}</dd>
      {invoice.dueDate ? (
        <>
          <dt>{t("invoices.page.dueDate")}</dt>
          <dd>{formatDate(invoice.dueDate, locale)}</dd>
        </>
      ) : null}
      <dt>{t("invoices.page.total")}</dt>
      <dd>{formatYen(invoice.total, locale)}</dd>
      <dt>{t("invoices.page.received")}</dt>
      <dd>{formatYen(invoice.received, locale)}</dd>
    </>
  );
}

/** The money received on the invoice: bank transfers, credits set against it, credit notes. */
export function ReceiptList({ receipts }: { receipts: { id: string; amount: number; receivedOn: string; source: string }[] }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h2>{t("invoices.page.receipts")}</h2>
      {receipts.length === 0 ? (
        <p>{t("invoices.page.noReceipts")}</p>
      ) : (
        <ul data-testid="receipts">
          {receipts.map((r) => (
            <li key={r.id}>
              {formatDate(r.receivedOn, locale)} · {formatYen(r.amount, locale)} ·{" "}
              {t(`invoices.page.receiptSource.${r.source as "bank" | "credit" | "credit_note"}`)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Overpayments set against this invoice or made on it (with the other invoice's number), and the reminders sent. */
export function InvoiceHistoryNotes({ history, invoiceHref }: { history: InvoiceHistoryView; invoiceHref: (id: string) => string }) {
  const { t, locale } = useI18n();
  return (
    <>
      {history.creditsApplied.map((c) => (
        <p key={c.id} data-testid="credit-applied">
          <Link to={invoiceHref(c.fromInvoiceId)}>{t("invoices.page.creditAppliedFrom", { amount: formatYen(c.amount, locale), number: c.fromNumber })}</Link>
        </p>
      ))}
      {history.creditsMade.map((c) => (
        <p key={c.id} data-testid="credit-made">
          {c.toNumber && c.toInvoiceId ? (
            <Link to={invoiceHref(c.toInvoiceId)}>{t("invoices.page.creditedTo", { amount: formatYen(c.amount, locale), number: c.toNumber })}</Link>
          ) : (
            t("invoices.page.creditPending", { amount: formatYen(c.amount, locale) })
          )}
        </p>
      ))}
      {history.reminders.length > 0 ? (
        <section data-testid="reminders">
          <h2>{t("invoices.page.reminders")}</h2>
          <ul>
            {history.reminders.map((r) => (
              <li key={r.step}>
                {t("invoices.page.reminder", {
                  step: r.step,
                  date: formatDateTime(r.sentAt, locale),
                  days: r.daysOverdue,
                  amount: formatYen(r.balance, locale),
                })}
              </li>
            ))}
          </ul>
          <p className="hint">{t("invoices.page.remindersPolicy")}</p>
        </section>
      ) : null}
    </>
  );
}

/** Recording a bank transfer received: amount (the balance by default) and date, errors at their fields. */
export function ReceiptForm(props: {
  balance: number;
  /** The page's action intent, when the page has several forms. */
  intent?: string;
  hint?: string;
  formErrors?: string[];
  fieldErrors?: { amount?: string[]; receivedOn?: string[] };
  values?: { amount?: string; receivedOn?: string };
}) {
  const { t } = useI18n();
  return (
    <section className="stack">
      <h2>{t("invoices.page.recordReceipt")}</h2>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      <FormErrors errors={props.formErrors} />
      <Form method="post" className="stack">
        <CsrfInput />
        {props.intent ? <input type="hidden" name="intent" value={props.intent} /> : null}
        <Field id="amount" label={t("invoices.page.amount")} errors={props.fieldErrors?.amount}>
          {(aria) => <input type="text" inputMode="numeric" name="amount" defaultValue={props.values?.amount ?? String(props.balance || "")} {...aria} />}
        </Field>
        <Field id="receivedOn" label={t("invoices.page.receivedOn")} errors={props.fieldErrors?.receivedOn}>
          {(aria) => <input type="date" name="receivedOn" defaultValue={props.values?.receivedOn ?? ""} {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("invoices.page.recordReceipt")}
        </button>
      </Form>
    </section>
  );
}
