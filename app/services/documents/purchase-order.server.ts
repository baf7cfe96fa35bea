// 発注書: the purchase order of a contract, as an A4 PDF in Japanese or English.
import { orderTotals } from "~/domain/documents/order-totals";
import { t, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatYen, parenthetical } from "~/utils/format";
import { documentDate } from "./dates";
import type { DocumentParty, PurchaseOrderDocument } from "./types";
import { CONTENT_WIDTH, DocWriter, INK, MARGIN, RULE, SHADE } from "./writer.server";

export function renderPurchaseOrderPdf(order: PurchaseOrderDocument, locale: Locale): Promise<Buffer> {
  const title = t(locale, "documents.order.title");
  const w = new DocWriter({
    title: `${title.replace(/ /g, "")} ${order.orderNumber}`,
    author: order.buyer.name,
    createdAt: documentDate(order.issuedAt),
    locale,
  });
  const totals = orderTotals(order.lines);

  w.masthead(
    title,
    [
      [t(locale, "documents.order.number"), order.orderNumber],
      [t(locale, "documents.order.date"), formatDate(order.issuedAt, locale)],
    ],
    locale,
    40,
  );

  // The vendor (宛先) on the left, the buyer (発注者) on the right, side by side.
  const top = w.y;
  const leftWidth = 270;
  const rightX = MARGIN.left + CONTENT_WIDTH - 210;
  w.addressee(t(locale, "documents.honorific", { name: order.vendor.name }), leftWidth);
  w.gap(5);
  const leftEnd = partyLines(w, order.vendor, MARGIN.left, w.y, leftWidth, locale);
  const rightEnd = partyLines(w, order.buyer, rightX, top, 210, locale, true);
  w.y = Math.max(leftEnd, rightEnd) + 14;

  w.paragraph(t(locale, "documents.order.lead"));
  w.gap(8);

  // The amount, large, the way a Japanese order states it before the detail.
  const boxH = 30;
  w.amountBox(parenthetical(t(locale, "documents.order.total"), t(locale, "documents.taxIncluded"), locale), formatYen(totals.total, locale), leftWidth, boxH);
  w.gap(boxH + 10);
  w.fields([
    { label: t(locale, "documents.approval.subject"), value: order.subject, font: "bold" },
    ...(order.term
      ? [
          {
            label: t(locale, "documents.order.term"),
            value: t(locale, "documents.order.termRange", { from: formatDate(order.term.from, locale), to: formatDate(order.term.to, locale) }),
          },
        ]
      : []),
  ]);
  w.gap(12);

  // Lines.
  const reduced = order.lines.some((l) => l.taxRate === 8);
  const mark = t(locale, "documents.order.reducedMark");
  const num = { qty: 55, unit: 55, price: 80, amount: 90 };
  w.table(
    [
      { header: t(locale, "documents.order.item"), width: CONTENT_WIDTH - num.qty - num.unit - num.price - num.amount },
      { header: t(locale, "documents.order.quantity"), width: num.qty, align: "right" },
      { header: t(locale, "documents.order.unit"), width: num.unit, align: "center" },
      { header: t(locale, "documents.order.unitPrice"), width: num.price, align: "right" },
      { header: t(locale, "documents.order.lineAmount"), width: num.amount, align: "right" },
    ],
    order.lines.map((l, i) => [
      `${l.description}${l.taxRate === 8 ? ` ${mark}` : ""}`,
      formatNumber(l.quantity, locale, 2),
      l.unit,
      formatYen(l.unitPrice, locale),
      formatYen(totals.lineAmounts[i], locale),
    ]),
  );

  // Totals per rate, then the whole, in a box under the amount column.
  const sumRows: { label: string; value: string; bold?: boolean }[] = [];
  for (const r of totals.byRate) {
    sumRows.push({ label: t(locale, "documents.order.subtotalAt", { rate: r.rate }), value: formatYen(r.subtotal, locale) });
    sumRows.push({ label: t(locale, "documents.order.taxAt", { rate: r.rate }), value: formatYen(r.tax, locale) });
  }
  sumRows.push({ label: t(locale, "documents.order.subtotal"), value: formatYen(totals.subtotal, locale) });
  sumRows.push({ label: t(locale, "documents.order.tax"), value: formatYen(totals.tax, locale) });
  sumRows.push({ label: t(locale, "documents.order.grandTotal"), value: formatYen(totals.total, locale), bold: true });
  const rowH = 17;
  w.ensure(sumRows.length * rowH + 16);
  if (reduced) w.at(t(locale, "documents.order.reducedNote"), MARGIN.left, w.y + 4, { size: 8 });
  const sx = MARGIN.left + CONTENT_WIDTH - 230;
  for (const row of sumRows) {
    w.doc
      .lineWidth(row.bold ? 1 : 0.6)
      .rect(sx, w.y, 140, rowH)
      .fillAndStroke(SHADE, row.bold ? INK : RULE);
    w.doc.rect(sx + 140, w.y, 90, rowH).stroke(row.bold ? INK : RULE);
    w.doc.fillColor(INK);
    w.at(row.label, sx + 5, w.y + 3.5, { size: 8.5, width: 130, font: row.bold ? "bold" : "regular" });
    w.at(row.value, sx + 145, w.y + 3, { size: 9.5, width: 80, align: "right", font: row.bold ? "bold" : "regular" });
    w.y += rowH;
  }
  w.gap(16);

  // Milestones.
  if (order.milestones.length > 0) {
    w.heading(t(locale, "documents.order.milestones"), 50);
    const amountHeader = parenthetical(
      t(locale, "documents.order.lineAmount"),
      t(locale, order.milestoneAmountsIncludeTax ? "documents.taxIncluded" : "documents.taxExcluded"),
      locale,
    );
    w.table(
      [
        { header: "No.", width: 30, align: "center" },
        { header: t(locale, "documents.order.milestone"), width: 170 },
        { header: t(locale, "documents.order.dueDate"), width: 90, align: "center" },
        { header: amountHeader, width: 90, align: "right" },
        { header: t(locale, "documents.order.acceptance"), width: CONTENT_WIDTH - 30 - 170 - 90 - 90 },
      ],
      order.milestones.map((m, i) => [String(i + 1), m.name, formatDate(m.dueDate, locale), formatYen(m.amount, locale), m.acceptance ?? ""]),
    );
    w.gap(14);
  }

  w.heading(t(locale, "documents.order.paymentTerms"), 20);
  w.paragraph(order.paymentTerms, { x: MARGIN.left + 6 });
  w.gap(12);
  w.heading(t(locale, "documents.order.legalDue"), 20);
  w.paragraph(order.legalDueDateLine, { x: MARGIN.left + 6 });
  if (order.notes) {
    w.gap(12);
    w.heading(t(locale, "documents.order.notes"), 20);
    w.paragraph(order.notes, { x: MARGIN.left + 6 });
  }

  w.footer(`${t(locale, "documents.order.number")} ${order.orderNumber}`, (page, pages) => t(locale, "documents.page", { page, pages }));
  return w.finish();
}

/** A party's name (when `withName`), department, address lines, contact and 登録番号; returns the y below them. */
function partyLines(w: DocWriter, p: DocumentParty, x: number, y: number, width: number, locale: Locale, withName = false): number {
  const lines: { text: string; bold?: boolean; size?: number }[] = [];
  if (withName) lines.push({ text: p.name, bold: true, size: 11 });
  if (p.department) lines.push({ text: p.department });
  for (const a of p.address ?? []) lines.push({ text: a });
  if (p.contact) lines.push({ text: p.contact });
  if (p.phone) lines.push({ text: `TEL ${p.phone}` });
  if (p.registrationNumber) lines.push({ text: t(locale, "documents.order.registration", { number: p.registrationNumber }) });
  for (const l of lines) {
    const size = l.size ?? 9;
    const font = l.bold ? "bold" : "regular";
    w.at(l.text, x, y, { font, size, width });
    y += w.heightOf(l.text, width, font, size) + 1;
  }
  return y;
}
