// 定例レビュー報告書: a finalized periodic review as an A4 PDF in Japanese or English (decision 0042).
import { periodLabel } from "~/domain/reviews/periods";
import { t, type Locale } from "~/i18n";
import { formatDate } from "~/utils/format";
import { formatCounts, formatKpiValue, statusWord } from "~/utils/review-words";
import { documentDate } from "./dates";
import type { PeriodicReviewDocument } from "./periodic-review-types";
import { CONTENT_WIDTH, DocWriter, MARGIN } from "./writer.server";

export function renderPeriodicReviewPdf(d: PeriodicReviewDocument, locale: Locale): Promise<Buffer> {
  const title = t(locale, "reviews.pdf.title");
  const w = new DocWriter({ title: `${title} ${d.period}`, author: d.buyer, createdAt: documentDate(d.finalizedAt), locale });
  const label = (l: { ja: string; en: string }) => (locale === "ja" ? l.ja : l.en || l.ja);

  w.masthead(
    title,
    [
      [t(locale, "reviews.period"), d.period],
      [t(locale, "reviews.finalizedOn"), formatDate(d.finalizedAt, locale)],
    ],
    locale,
  );
  w.fields([
    { label: t(locale, "reviews.contract"), value: d.title, font: "bold" },
    { label: t(locale, "reviews.buyer"), value: d.buyer },
    { label: t(locale, "reviews.vendor"), value: d.vendor },
    { label: t(locale, "reviews.cadence"), value: t(locale, d.cadence === "monthly" ? "reviews.cadence.monthly" : "reviews.cadence.quarterly") },
  ]);
  w.gap(12);

  w.heading(t(locale, "reviews.kpis"), 60);
  const num = 62;
  w.table(
    [
      { header: t(locale, "reviews.kpi"), width: CONTENT_WIDTH - num * 6 },
      { header: t(locale, "reviews.target"), width: num, align: "right" },
      { header: t(locale, "reviews.actualPeriod"), width: num, align: "right" },
      { header: t(locale, "reviews.counts"), width: num, align: "right" },
      { header: t(locale, "reviews.statusPeriod"), width: num, align: "center" },
      { header: t(locale, "reviews.actualToDate"), width: num, align: "right" },
      { header: t(locale, "reviews.statusToDate"), width: num, align: "center" },
    ],
    d.table.map((r) => [
      label(r.label),
      r.target === null ? t(locale, "reviews.noTarget") : formatKpiValue(r.target, r.unit, locale),
      formatKpiValue(r.period.actual, r.unit, locale),
      formatCounts(r.period, locale),
      statusWord(r.period, locale),
      formatKpiValue(r.toDate.actual, r.unit, locale),
      statusWord(r.toDate, locale),
    ]),
    { fontSize: 8 },
  );
  w.paragraph(t(locale, "reviews.ragExplained"), { size: 7.5 });
  w.gap(10);

  // The trend charts as the numbers they draw, one row per KPI and period.
  const trendRows = d.trends.flatMap((k) =>
    k.points
      .filter((p) => p.actual !== null)
      .map((p) => [
        label(k.label),
        periodLabel({ start: p.periodStart, end: p.periodEnd }, locale),
        formatKpiValue(p.actual, k.unit, locale),
        statusWord({ rag: p.rag, met: p.met, values: [0] }, locale),
      ]),
  );
  if (trendRows.length > 0) {
    w.heading(t(locale, "reviews.trends"), 50);
    w.table(
      [
        { header: t(locale, "reviews.kpi"), width: 180 },
        { header: t(locale, "reviews.period"), width: CONTENT_WIDTH - 180 - 90 - 90 },
        { header: t(locale, "reviews.actual"), width: 90, align: "right" },
        { header: t(locale, "reviews.status"), width: 90, align: "center" },
      ],
      trendRows,
      { fontSize: 8 },
    );
    w.gap(10);
  }

  const section = (heading: string, text: string) => {
    w.heading(heading, 20);
    w.paragraph(text.trim() === "" ? t(locale, "reviews.none") : text, { x: MARGIN.left + 6, width: CONTENT_WIDTH - 6 });
    w.gap(10);
  };
  section(t(locale, "reviews.notes"), d.notes);
  section(t(locale, "reviews.proposals"), d.proposals);

  w.heading(t(locale, "reviews.actions"), 40);
  if (d.actions.length === 0) w.paragraph(t(locale, "reviews.none"), { x: MARGIN.left + 6 });
  else
    w.table(
      [
        { header: t(locale, "reviews.action.description"), width: CONTENT_WIDTH - 130 - 90 },
        { header: t(locale, "reviews.action.owner"), width: 130 },
        { header: t(locale, "reviews.action.dueDate"), width: 90, align: "center" },
      ],
      d.actions.map((a) => [a.description, a.owner, formatDate(a.dueDate, locale)]),
    );
  w.gap(10);

  w.heading(t(locale, "reviews.comments"), 30);
  if (d.comments.length === 0) w.paragraph(t(locale, "reviews.none"), { x: MARGIN.left + 6 });
  for (const c of d.comments) {
    w.paragraph(`${t(locale, c.side === "buyer" ? "reviews.side.buyer" : "reviews.side.vendor")} · ${c.author} · ${formatDate(c.createdAt, locale)}`, {
      size: 8,
      x: MARGIN.left + 6,
    });
    w.paragraph(c.body, { x: MARGIN.left + 12, width: CONTENT_WIDTH - 12 });
    w.gap(4);
  }

  w.footer(`${title} ${d.period}`, (page, pages) => t(locale, "documents.page", { page, pages }));
  return w.finish();
}
