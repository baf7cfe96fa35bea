// 適格請求書 / 修正インボイス / 返還インボイス: an invoice as an A4 PDF in Japanese or English (issue 16; decision 0034).
// Carries the six required items: the issuer with its registration number, the date, the lines with reduced-rate
// items marked ※, the totals and the tax per rate (computed once per rate, with the vendor's rounding), and the
// recipient; the bank account for the transfer and the due date.
import { registrationSourceText, type BankAccount } from "~/domain/invoices/milestone-invoice";
import type { QualifiedInvoice } from "~/domain/invoices/qualified-invoice";
import { t, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatYen } from "~/utils/format";
import { documentDate } from "./dates";
import { CONTENT_WIDTH, DocWriter, INK, MARGIN, RULE, SHADE } from "./writer.server";

export interface InvoicePdfInput {
  invoice: QualifiedInvoice;
  /** 支払期日; null on a credit note. */
  dueDate: string | null;
  bankAccount: BankAccount | null;
  /** How the registration number was checked, as of the invoice date. */
  registrationSource: string;
  /** Credits from earlier overpayments set against this invoice (yen). */
  creditApplied: number;
}

const KIND_TITLE = { invoice: "invoices.kind.invoice", correction: "invoices.kind.correction", credit_note: "invoices.kind.creditNote" } as const;

export function renderInvoicePdf(input: InvoicePdfInput, locale: Locale): Promise<Buffer> {
  const inv = input.invoice;
  const title = t(locale, KIND_TITLE[inv.kind]);
  const w = new DocWriter({ title: `${title} ${inv.number}`, author: inv.issuer.name, createdAt: documentDate(inv.invoiceDate), locale });
  w.masthead(
    title,
    [
      [t(locale, "invoices.pdf.number"), inv.number],
      [t(locale, "invoices.pdf.date"), formatDate(inv.invoiceDate, locale)],
    ],
    locale,
    36,
  );

  // The recipient on the left, the issuer with its registration number on the right.
  const top = w.y;
  const leftWidth = 270;
  const rightX = MARGIN.left + CONTENT_WIDTH - 210;
  w.addressee(t(locale, "documents.honorific", { name: inv.recipient.name }), leftWidth);
  const leftEnd = w.y + 6;
  let y = top;
  for (const [text, bold, size] of [
    [inv.issuer.name, true, 11],
    [t(locale, "invoices.pdf.registration", { number: inv.issuer.registrationNumber }), false, 9],
    [t(locale, "invoices.pdf.registrationSource", { source: registrationSourceText(input.registrationSource, (key) => t(locale, key)) }), false, 7],
  ] as const) {
    w.at(text, rightX, y, { font: bold ? "bold" : "regular", size, width: 210 });
    y += w.heightOf(text, 210, bold ? "bold" : "regular", size) + 1;
  }
  w.y = Math.max(leftEnd, y) + 12;

  if (inv.references) {
    const key = inv.kind === "correction" ? "invoices.correction.cancels" : "invoices.creditNote.references";
    w.paragraph(t(locale, key, { number: inv.references.number, date: formatDate(inv.references.invoiceDate, locale) }), { font: "bold" });
    if (inv.reason) w.paragraph(t(locale, "invoices.pdf.reason", { reason: inv.reason }), { size: 9 });
    w.gap(6);
  }

  // The amount billed, large.
  const boxH = 30;
  w.amountBox(t(locale, inv.kind === "credit_note" ? "invoices.pdf.creditTotal" : "invoices.pdf.total"), formatYen(inv.total, locale), leftWidth, boxH);
  w.gap(boxH + 8);
  const fields: { label: string; value: string }[] = [];
  if (input.dueDate) fields.push({ label: t(locale, "invoices.pdf.dueDate"), value: formatDate(input.dueDate, locale) });
  if (input.creditApplied > 0) fields.push({ label: t(locale, "invoices.pdf.creditApplied"), value: formatYen(input.creditApplied, locale) });
  if (fields.length > 0) w.fields(fields);
  w.gap(10);

  // Lines: reduced-rate items marked ※.
  const mark = t(locale, "invoices.reducedRate.mark");
  const num = { qty: 50, rate: 45, price: 85, amount: 95 };
  w.table(
    [
      { header: t(locale, "documents.order.item"), width: CONTENT_WIDTH - num.qty - num.rate - num.price - num.amount },
      { header: t(locale, "documents.order.quantity"), width: num.qty, align: "right" },
      { header: t(locale, "documents.order.taxRate"), width: num.rate, align: "center" },
      { header: t(locale, "documents.order.unitPrice"), width: num.price, align: "right" },
      { header: t(locale, "documents.order.lineAmount"), width: num.amount, align: "right" },
    ],
    inv.lines.map((l) => [
      `${l.description}${l.reducedRate ? ` ${mark}` : ""}`,
      formatNumber(l.quantity, locale, 2),
      `${l.taxRate}%`,
      formatYen(l.unitPrice, locale),
      formatYen(l.amount, locale),
    ]),
  );

  // Totals and tax per rate, then the whole.
  const rows: { label: string; value: string; bold?: boolean }[] = [];
  for (const r of inv.byRate) {
    rows.push({ label: t(locale, "invoices.pdf.subtotalAt", { rate: r.rate }), value: formatYen(r.subtotal, locale) });
    rows.push({ label: t(locale, "invoices.pdf.taxAt", { rate: r.rate }), value: formatYen(r.tax, locale) });
  }
  rows.push({ label: t(locale, "documents.order.grandTotal"), value: formatYen(inv.total, locale), bold: true });
  const rowH = 17;
  w.ensure(rows.length * rowH + 30);
  if (inv.lines.some((l) => l.reducedRate)) w.at(t(locale, "invoices.reducedRate.note"), MARGIN.left, w.y + 4, { size: 8 });
  w.at(t(locale, "invoices.pdf.rounding", { method: t(locale, `invoices.rounding.${inv.rounding}`) }), MARGIN.left, w.y + 16, { size: 8 });
  const sx = MARGIN.left + CONTENT_WIDTH - 240;
  for (const row of rows) {
    w.doc
      .lineWidth(row.bold ? 1 : 0.6)
      .rect(sx, w.y, 145, rowH)
      .fillAndStroke(SHADE, row.bold ? INK : RULE);
    w.doc.rect(sx + 145, w.y, 95, rowH).stroke(row.bold ? INK : RULE);
    w.doc.fillColor(INK);
    w.at(row.label, sx + 5, w.y + 3.5, { size: 8.5, width: 135, font: row.bold ? "bold" : "regular" });
    w.at(row.value, sx + 150, w.y + 3, { size: 9.5, width: 85, align: "right", font: row.bold ? "bold" : "regular" });
    w.y += rowH;
  }
  w.gap(16);

  if (input.bankAccount && inv.kind !== "credit_note") {
    const b = input.bankAccount;
    w.heading(t(locale, "invoices.pdf.bankAccount"), 40);
    w.fields([
      { label: t(locale, "invoices.bank.bank"), value: `${b.bank}\u3000${b.branch}` },
      {
        label: t(locale, "invoices.bank.typeNumber"),
        value: `${t(locale, b.type === "当座" ? "invoices.bank.type.current" : "invoices.bank.type.ordinary")} ${b.number}`,
      },
      { label: t(locale, "invoices.bank.holderKana"), value: b.holderKana },
    ]);
  }

  w.footer(`${t(locale, "invoices.pdf.number")} ${inv.number}`, (page, pages) => t(locale, "documents.page", { page, pages }));
  return w.finish();
}
