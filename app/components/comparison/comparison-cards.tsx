import type { ReactNode } from "react";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { label } from "~/components/rfq/labels";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { EvidenceBadge } from "./evidence-badge";
import { KpiRisk } from "./kpi-risk";
import { formatScore, formatValue } from "./format";
import { LowPriceFlag } from "./low-price-flag";

/**
 * The phone layout (under 720px): one card per quote, in the same order as the table's columns. `headerExtra` adds the
 * page's own control under each card's heading (the shortlist toggle, decision 0058).
 */
export function ComparisonCards({ view, headerExtra }: { view: ComparisonView; headerExtra?: (quoteId: string) => ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <ol className="comparison-cards">
      {view.columns.map((c) => (
        <li key={c.id} className="card">
          <h3>
            {t("compare.rank", { rank: c.rank })} {c.vendorName} — {formatScore(c.score, locale)}
          </h3>
          {headerExtra?.(c.id)}
          {c.dominatedBy.length > 0 ? <p className="badge warn">{t("compare.dominated", { by: c.dominatedBy.join(", ") })}</p> : null}
          <dl className="facts">
            {view.rows.map((row) => {
              const cell = c.cells[row.key];
              return (
                <div key={row.key} className="contents">
                  <dt>{row.label[locale]}</dt>
                  <dd>
                    {formatValue(row.unit, cell?.value ?? null, locale)} · {t("compare.score", { score: formatScore(cell?.score ?? null, locale) })}{" "}
                    {cell ? <EvidenceBadge badge={cell.badge} unit={row.unit} claim={cell.claim} effective={cell.effective} evidence={cell.evidence} /> : null}
                    {cell ? <KpiRisk risk={cell.risk} label={row.label} /> : null}
                  </dd>
                </div>
              );
            })}
            <dt>{t("compare.tco")}</dt>
            <dd>
              {formatYen(c.tco, locale)}
              {c.lowBidInvestigation ? <span className="badge warn">{t("priceRules.flag.lowBidInvestigation")}</span> : null}
              <LowPriceFlag quoteId={c.id} flag={c.abnormallyLow} />
            </dd>
            <dt>{t("compare.roi")}</dt>
            <dd>{formatValue("ratio", c.roi, locale)}</dd>
            <dt>{t("compare.mandatoryCerts")}</dt>
            <dd>
              {c.mandatoryMet ? `✓ ${t("compare.met")}` : `✗ ${t("compare.notMet")}`}
              {c.expiringCertifications.length > 0 ? (
                <span className="badge warn">
                  {t("compare.expiring", { types: c.expiringCertifications.map((type) => label("certification", type, locale)).join(", ") })}
                </span>
              ) : null}
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
