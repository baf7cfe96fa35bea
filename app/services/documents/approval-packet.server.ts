// 稟議書: the approval packet of an award proposal, as an A4 PDF in Japanese or English.
import { t, type Locale } from "~/i18n";
import { formatDate, formatNumber, formatYen, parenthetical } from "~/utils/format";
import type { ApprovalPacketDocument, DocDate } from "./types";
import { CONTENT_WIDTH, DocWriter, INK, MARGIN, MUTED, RULE, SHADE, STAMP_RED } from "./writer.server";
import { documentDate } from "./dates";

const BOX = 58; // one stamp box (捺印欄), square
const NAME_ROW = 22;
const STEP_ROW = 16;

export function renderApprovalPacketPdf(packet: ApprovalPacketDocument, locale: Locale): Promise<Buffer> {
  const title = t(locale, "documents.approval.title");
  const sep = locale === "ja" ? "\u3000" : " ";
  const w = new DocWriter({
    title: `${title.replace(/ /g, "")} ${packet.documentNumber}`,
    author: packet.buyer.name,
    createdAt: documentDate(packet.proposedAt),
    locale,
  });

  w.masthead(
    title,
    [
      [t(locale, "documents.approval.number"), packet.documentNumber],
      [t(locale, "documents.approval.date"), formatDate(packet.proposedAt, locale)],
    ],
    locale,
  );

  // Who proposes, what about.
  w.fields([
    { label: t(locale, "documents.approval.subject"), value: t(locale, "documents.approval.subjectText", { rfq: packet.rfq.title }), font: "bold" },
    {
      label: t(locale, "documents.approval.proposer"),
      value: [packet.buyer.name, packet.buyer.department, [packet.proposer.title, packet.proposer.name].filter(Boolean).join(" ")]
        .filter(Boolean)
        .join(locale === "ja" ? sep : ", "),
    },
  ]);
  w.gap(12);

  stampPanel(w, packet.route, locale);
  w.gap(14);

  w.paragraph(t(locale, "documents.approval.lead"));
  w.gap(10);

  // 1. The proposal.
  w.heading(t(locale, "documents.approval.proposal"));
  const tax = t(locale, packet.proposed.taxIncluded ? "documents.taxIncluded" : "documents.taxExcluded");
  w.fields([
    { label: t(locale, "documents.approval.vendor"), value: packet.proposed.vendorName, font: "bold" },
    { label: t(locale, "documents.approval.amount"), value: parenthetical(formatYen(packet.proposed.amount, locale), tax, locale), font: "bold", size: 12 },
    { label: t(locale, "documents.approval.rfq"), value: [packet.rfq.title, packet.rfq.reference].filter(Boolean).join(locale === "ja" ? sep : " · ") },
    ...(packet.proposed.quoteReference ? [{ label: t(locale, "documents.approval.quote"), value: packet.proposed.quoteReference }] : []),
  ]);
  w.gap(14);

  // 2. Why.
  w.heading(t(locale, "documents.approval.rationale"));
  packet.rationales.forEach((r, i) => {
    const label = packet.rationales.length > 1 ? `(${i + 1}) ` : "";
    w.paragraph(`${label}${r}`, { x: MARGIN.left + 6 });
    w.gap(4);
  });
  w.gap(10);

  // 3. The ranking.
  w.heading(t(locale, "documents.approval.ranking"), 60);
  if (packet.method) {
    w.paragraph(t(locale, "documents.approval.method", { method: packet.method }), { size: 9, color: MUTED });
    w.gap(4);
  }
  const proposedRows = new Set(packet.ranking.flatMap((r, i) => (r.proposed ? [i] : [])));
  w.table(
    [
      { header: t(locale, "documents.approval.rank"), width: 50, align: "center" },
      { header: t(locale, "documents.approval.vendor"), width: CONTENT_WIDTH - 50 - 90 - 130 },
      { header: t(locale, "documents.approval.score"), width: 90, align: "right" },
      { header: t(locale, "documents.approval.tco"), width: 130, align: "right" },
    ],
    packet.ranking.map((r) => [
      String(r.rank),
      r.proposed ? { text: `${r.vendorName}${t(locale, "documents.approval.proposedMark")}`, font: "bold" } : r.vendorName,
      formatNumber(r.score, locale, 1),
      formatYen(r.tco, locale),
    ]),
    { highlightRows: proposedRows },
  );
  w.gap(14);

  // 4. Stability.
  w.heading(t(locale, "documents.approval.stability"));
  w.paragraph(packet.stability, { x: MARGIN.left + 6 });
  w.gap(14);

  // 5. Advisors.
  w.heading(t(locale, "documents.approval.advisors"));
  if (packet.advisors.length === 0) w.paragraph(t(locale, "documents.none"), { x: MARGIN.left + 6, color: MUTED });
  for (const a of packet.advisors) {
    const who = a.name ? parenthetical(a.organisation, a.name, locale) : a.organisation;
    w.paragraph(who, { x: MARGIN.left + 6, font: "bold", size: 9.5 });
    if (a.recommendsVendor) w.paragraph(t(locale, "documents.approval.recommends", { vendor: a.recommendsVendor }), { x: MARGIN.left + 6, size: 9.5 });
    w.paragraph(a.note, { x: MARGIN.left + 14, size: 9.5 });
    w.gap(6);
  }

  // 6. Recommendation memos and 7. annotations (issue 18): printed when the snapshot recorded them (schema 2).
  if (packet.memos) {
    w.gap(8);
    w.heading(t(locale, "memos.packet.memos"));
    if (packet.memos.length === 0) w.paragraph(t(locale, "documents.none"), { x: MARGIN.left + 6, color: MUTED });
    for (const m of packet.memos) {
      w.paragraph(t(locale, "memos.packet.memoHeading", { org: m.organisation, version: m.version, date: formatDate(m.publishedAt, locale) }), {
        x: MARGIN.left + 6,
        font: "bold",
        size: 9.5,
      });
      if (m.recommendsVendor) w.paragraph(t(locale, "memos.packet.recommends", { vendor: m.recommendsVendor }), { x: MARGIN.left + 6, size: 9.5 });
      for (const [key, text] of [
        ["memos.packet.rationale", m.rationale],
        ["memos.packet.conditions", m.conditions],
        ["memos.packet.risks", m.risks],
      ] as const) {
        if (!text.trim()) continue;
        w.paragraph(t(locale, key), { x: MARGIN.left + 14, size: 9, color: MUTED });
        w.paragraph(text, { x: MARGIN.left + 14, size: 9.5 });
      }
      w.gap(6);
    }
  }
  if (packet.annotations) {
    w.gap(8);
    w.heading(t(locale, "memos.packet.annotations"));
    if (packet.annotations.length === 0) w.paragraph(t(locale, "documents.none"), { x: MARGIN.left + 6, color: MUTED });
    for (const n of packet.annotations) {
      const where = n.criterion ? parenthetical(n.vendorName, n.criterion, locale) : n.vendorName;
      w.paragraph(`${t(locale, `memos.packet.kind.${n.kind}`)} · ${where} · ${n.author}`, { x: MARGIN.left + 6, font: "bold", size: 9 });
      w.paragraph(n.body, { x: MARGIN.left + 14, size: 9.5 });
      if (n.clarification) {
        w.paragraph(t(locale, "memos.packet.asked", { question: n.clarification.question }), { x: MARGIN.left + 14, size: 9 });
        w.paragraph(
          n.clarification.answer === null ? t(locale, "memos.packet.unanswered") : t(locale, "memos.packet.answer", { answer: n.clarification.answer }),
          { x: MARGIN.left + 14, size: 9, color: n.clarification.answer === null ? MUTED : INK },
        );
      }
      w.gap(5);
    }
  }

  // Red flags, abnormally low quotes and explanation requests (decision 0051): printed when recorded.
  if (packet.redFlags?.length) {
    w.gap(8);
    w.heading(t(locale, "lowFlags.redFlags.title"));
    for (const f of packet.redFlags) {
      w.paragraph(f.text, { x: MARGIN.left + 6, font: "bold", size: 9.5 });
      w.paragraph(f.acknowledged, { x: MARGIN.left + 14, size: 9, color: MUTED });
      w.gap(4);
    }
  }
  if (packet.abnormallyLow?.length) {
    w.gap(8);
    w.heading(t(locale, "lowFlags.award.quoteFlags"));
    for (const q of packet.abnormallyLow) {
      w.paragraph(`${t(locale, "lowFlags.flag")}: ${q.vendorName}`, { x: MARGIN.left + 6, font: "bold", size: 9.5 });
      w.paragraph(q.reasons, { x: MARGIN.left + 14, size: 9.5 });
      w.gap(4);
    }
  }
  if (packet.explanations?.length) {
    w.gap(8);
    w.heading(t(locale, "lowFlags.explanations.title"));
    for (const e of packet.explanations) {
      w.paragraph(e.heading, { x: MARGIN.left + 6, font: "bold", size: 9.5 });
      if (e.message.trim()) w.paragraph(e.message, { x: MARGIN.left + 14, size: 9.5 });
      for (const a of e.answers) {
        w.paragraph(a.topic, { x: MARGIN.left + 14, size: 9, color: MUTED });
        w.paragraph(a.answer, { x: MARGIN.left + 14, size: 9.5 });
      }
      if (e.answered) w.paragraph(e.answered, { x: MARGIN.left + 14, size: 9, color: MUTED });
      w.paragraph(e.assessment, { x: MARGIN.left + 14, size: 9.5 });
      if (e.note) w.paragraph(e.note, { x: MARGIN.left + 14, size: 9.5 });
      w.gap(5);
    }
  }

  w.footer(t(locale, "documents.approval.snapshot", { hash: packet.snapshotSha256 }), (page, pages) => t(locale, "documents.page", { page, pages }));
  return w.finish();
}

/**
 * 承認欄: one box per approver, grouped by step under the step's label ("部長", "委員会 2/3名"), in route order,
 * wrapping onto further rows when the route is long. A decided box carries a round date stamp (データ印).
 */
function stampPanel(w: DocWriter, route: ApprovalPacketDocument["route"], locale: Locale): void {
  type Box = { step: number; name: string; title?: string; decision?: string | null; decidedAt?: DocDate | null; onBehalfOf?: string | null };
  // A step with more approvers than fit across the page is drawn as several groups under the same label.
  const perRow = Math.floor(CONTENT_WIDTH / BOX);
  const groups = route.flatMap((step, i) => {
    const boxes = step.approvers.map((a) => ({ step: i, ...a }) as Box);
    const chunks =
      boxes.length > perRow ? Array.from({ length: Math.ceil(boxes.length / perRow) }, (_, c) => boxes.slice(c * perRow, (c + 1) * perRow)) : [boxes];
    return chunks.map((chunk) => ({ step, index: i, boxes: chunk }));
  });
  if (groups.length === 0) return;
  const heading = t(locale, "documents.approval.route");
  const rowHeight = STEP_ROW + BOX + NAME_ROW;

  // Lay groups out left to right; a group that does not fit on the row starts the next one.
  const rows: { x: number; group: (typeof groups)[number] }[][] = [[]];
  let x = 0;
  for (const g of groups) {
    const width = Math.max(1, g.boxes.length) * BOX;
    if (x > 0 && x + width > CONTENT_WIDTH) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push({ x, group: g });
    x += width;
  }

  w.ensure(14 + rows.length * rowHeight);
  w.at(heading, MARGIN.left, w.y, { font: "bold", size: 9.5 });
  w.gap(14);
  const doc = w.doc;
  for (const row of rows) {
    for (const { x: gx, group } of row) {
      const left = MARGIN.left + gx;
      const width = Math.max(1, group.boxes.length) * BOX;
      const n = group.step.required;
      const m = group.step.approvers.length;
      const label = `${group.index + 1}. ${n < m ? parenthetical(group.step.label, t(locale, "documents.approval.stepOf", { n, m }), locale) : group.step.label}`;
      doc.lineWidth(0.6).rect(left, w.y, width, STEP_ROW).fillAndStroke(SHADE, RULE);
      doc.fillColor(INK);
      w.at(label, left + 2, w.y + 3, { size: 7.5, width: width - 4, align: "center" });
      group.boxes.forEach((b, i) => {
        const bx = left + i * BOX;
        const by = w.y + STEP_ROW;
        doc.lineWidth(0.6).rect(bx, by, BOX, BOX).stroke(RULE);
        doc
          .lineWidth(0.6)
          .rect(bx, by + BOX, BOX, NAME_ROW)
          .stroke(RULE);
        if (b.decision) stamp(w, bx + BOX / 2, by + BOX / 2, b, locale);
        const name = [b.title, b.name].filter(Boolean).join(" ");
        w.at(name, bx + 2, by + BOX + 2, { size: 6.5, width: BOX - 4, align: "center" });
        if (b.onBehalfOf)
          w.at(t(locale, "documents.approval.delegate", { name: b.onBehalfOf }), bx + 2, by + BOX + 11, {
            size: 5.5,
            width: BOX - 4,
            align: "center",
            color: MUTED,
          });
      });
    }
    w.gap(rowHeight + 4);
  }
  doc.strokeColor(INK);
}

/** A round date stamp: the decision on top, the date across the middle band, the surname below. */
function stamp(w: DocWriter, cx: number, cy: number, b: { name: string; decision?: string | null; decidedAt?: DocDate | null }, locale: Locale): void {
  const r = 22;
  const doc = w.doc;
  doc.save();
  doc.lineWidth(1.1).strokeColor(STAMP_RED).circle(cx, cy, r).stroke();
  doc
    .lineWidth(0.7)
    .moveTo(cx - r + 2.5, cy - 5)
    .lineTo(cx + r - 2.5, cy - 5)
    .stroke();
  doc
    .moveTo(cx - r + 2.5, cy + 5)
    .lineTo(cx + r - 2.5, cy + 5)
    .stroke();
  const word = t(
    locale,
    b.decision === "approved"
      ? "documents.approval.stamp.approved"
      : b.decision === "rejected"
        ? "documents.approval.stamp.rejected"
        : "documents.approval.stamp.returned",
  );
  w.at(word, cx - r, cy - 15.5, { size: locale === "ja" ? 7 : 5.5, width: 2 * r, align: "center", color: STAMP_RED });
  if (b.decidedAt) w.at(stampDate(b.decidedAt), cx - r, cy - 3.6, { size: 5.8, width: 2 * r, align: "center", color: STAMP_RED });
  const surname = locale === "ja" ? b.name.split(/\s/)[0] : (b.name.split(/\s/).pop() ?? b.name);
  w.at(surname.slice(0, locale === "ja" ? 4 : 9), cx - r, cy + 6, { size: locale === "ja" ? 7 : 5.5, width: 2 * r, align: "center", color: STAMP_RED });
  doc.restore();
  doc.fillColor(INK).strokeColor(INK);
}

/** '26.12.07 — how a date stamp prints the day. */
function stampDate(d: DocDate): string {
  const day = documentDate(d);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "2-digit", month: "2-digit", day: "2-digit" }).formatToParts(day);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `'${get("year")}.${get("month")}.${get("day")}`;
}
