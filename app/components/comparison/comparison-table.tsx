import type { ReactNode } from "react";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { label } from "~/components/rfq/labels";
import { formatNumber, formatYen, joinList } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { EvidenceBadge } from "./evidence-badge";
import { KpiRisk } from "./kpi-risk";
import { BenchmarkHint, type HintCell } from "~/components/insight/benchmark-hint";
import { formatScore, formatValue } from "./format";
import { LowPriceFlag } from "./low-price-flag";

/**
 * Quotes as columns, criteria as rows (wide screens and print; phones get ComparisonCards instead). `cellExtra`
 * adds something of the reader's own to each quote's header (criterion null) and criterion cell — the
 * annotation counts of the buyer's side (issue 18).
 */
export function ComparisonTable({
  view,
  cellExtra,
  benchmarks = null,
  lineRows,
}: {
  view: ComparisonView;
  cellExtra?: (quoteId: string, criterionKey: string | null) => ReactNode;
  /** The market's committed values by KPI key (buyer side only, decision 0048): once per row, and each quote's position. */
  benchmarks?: { kpi: Record<string, HintCell> } | null;
  /** Rows per RFQ line after the criteria (the unit prices, `UnitPriceRows`), given by the page. */
  lineRows?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const topsis = view.method === "topsis";
  if (view.columns.length === 0) return <p className="notice">{t("compare.none")}</p>;
  return (
    <div className="comparison-scroll">
      <table className="table comparison-table" data-testid="comparison-table">
        <caption>{t("compare.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("compare.criterion")}</th>
            {view.columns.map((c) => (
              <th scope="col" key={c.id} data-testid="quote-column">
                <span className="rank-chip">{t("compare.rank", { rank: c.rank })}</span> {c.vendorName}
                {c.round === "bafo" ? (
                  <span className="badge" data-testid="ranked-bafo">
                    {t("bafo.ranked.bafo")}
                  </span>
                ) : null}
                {cellExtra?.(c.id, null)}
                {c.dominatedBy.length > 0 ? (
                  <span className="badge warn" data-testid="dominated">
                    {t("compare.dominated", { by: joinList(c.dominatedBy, locale) })}
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="total-row">
            <th scope="row">{topsis ? t("compare.totalTopsis") : t("compare.total")}</th>
            {view.columns.map((c) => (
              <td key={c.id} data-label={topsis ? t("compare.totalTopsis") : t("compare.total")} data-testid="total-score">
                <strong>{formatScore(c.score, locale)}</strong> · {t("compare.rank", { rank: c.rank })}
              </td>
            ))}
          </tr>
          {view.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.label[locale]}
                <span className="row-meta">
                  {label("perspective", row.perspective, locale)} · {t("compare.weight")} {formatNumber(row.weight, locale, 2)} (
                  {formatNumber(row.share * 100, locale, 1)}%)
                </span>
                <BenchmarkHint cell={benchmarks?.kpi[row.key]} />
              </th>
              {view.columns.map((c) => {
                const cell = c.cells[row.key];
                return (
                  <td key={c.id} data-label={row.label[locale]}>
                    <span className="cell-value">{formatValue(row.unit, cell?.value ?? null, locale)}</span>
                    <span className="cell-score">
                      {t("compare.score", { score: formatScore(cell?.score ?? null, locale) })}
                      {topsis && cell?.weighted !== null && cell?.weighted !== undefined
                        ? ` · ${t("compare.weighted", { value: formatNumber(cell.weighted, locale, 4) })}`
                        : null}
                    </span>
                    {cell ? <EvidenceBadge badge={cell.badge} unit={row.unit} claim={cell.claim} effective={cell.effective} evidence={cell.evidence} /> : null}
                    {cell ? <KpiRisk risk={cell.risk} label={row.label} /> : null}
                    {cell ? (
                      <BenchmarkHint
                        cell={benchmarks?.kpi[row.key]}
                        target={typeof cell.value === "number" ? cell.value : null}
                        subject="commitment"
                        positionOnly
                      />
                    ) : null}
                    {cellExtra?.(c.id, row.key)}
                  </td>
                );
              })}
            </tr>
          ))}
          {lineRows}
          <tr>
            <th scope="row">{t("compare.tco")}</th>
            {view.columns.map((c) => (
              <td key={c.id} data-label={t("compare.tco")}>
                {formatYen(c.tco, locale)}
                {c.lowBidInvestigation ? (
                  <span className="badge warn" data-testid="low-bid-investigation">
                    {t("priceRules.flag.lowBidInvestigation")}
                  </span>
                ) : null}
                <LowPriceFlag quoteId={c.id} flag={c.abnormallyLow} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("compare.roi")}</th>
            {view.columns.map((c) => (
              <td key={c.id} data-label={t("compare.roi")}>
                {formatValue("ratio", c.roi, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("compare.mandatoryCerts")}</th>
            {view.columns.map((c) => (
              <td key={c.id} data-label={t("compare.mandatoryCerts")}>
                {c.mandatoryMet ? `✓ ${t("compare.met")}` : `✗ ${t("compare.notMet")}`}
                {c.expiringCertifications.length > 0 ? (
                  <span className="badge warn" data-testid="expiring">
                    {t("compare.expiring", { types: c.expiringCertifications.map((type) => label("certification", type, locale)).join(", ") })}
                  </span>
                ) : null}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
