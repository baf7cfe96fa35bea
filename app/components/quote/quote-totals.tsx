import type { TcoBreakdown } from "~/domain/quote/normalize";
import { formatNumber, formatYen, parenthetical } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

/**
 * The quote's figures on the RFQ's basis. The buyer sees the TCO with its own hidden costs; the vendor
 * does not know those (they are internal), so its normalized figure is the tax-excluded contract value.
 */
export function QuoteTotals({ totals, audience = "buyer" }: { totals: TcoBreakdown | null; audience?: "buyer" | "vendor" }) {
  const { t, locale } = useI18n();
  if (!totals) return <p className="muted">{t("quotes.totals.incomplete")}</p>;
  const row = (label: string, value: string, strong = false) => (
    <div className={strong ? "total strong" : "total"}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="totals" aria-live="polite" data-testid="quote-totals">
      {row(
        parenthetical(t("quotes.totals.asEntered"), totals.taxBasis === "included" ? t("quotes.form.taxIncluded") : t("quotes.form.taxExcluded"), locale),
        formatYen(totals.totalAsEntered, locale),
      )}
      {row(parenthetical(t("quotes.totals.tax"), `${totals.taxRate}%`, locale), formatYen(totals.taxAmount, locale))}
      {row(t("quotes.totals.excl"), formatYen(totals.contractValueExcludingTax, locale), audience === "vendor")}
      {audience === "buyer" ? (
        <>
          {row(t("quotes.totals.overhead"), formatYen(totals.managementOverhead, locale))}
          {row(t("quotes.totals.transitionEffort"), formatYen(totals.transitionEffort, locale))}
          {row(t("quotes.totals.tco"), formatYen(totals.tco, locale), true)}
          {totals.roi !== null ? row(t("quotes.totals.roi"), `${formatNumber(totals.roi * 100, locale, 1)}%`) : null}
        </>
      ) : null}
    </dl>
  );
}
