import type { MissedKpiRisk } from "~/domain/comparison/kpi-risk";
import type { LocalizedText } from "~/domain/scoring";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { formatValue } from "./format";

/**
 * The risk of a missed KPI beside a rate commitment with evidence (issue 17 item 7): a percentage, with the
 * explanation as its tooltip and, for screen readers and print, in the text itself. Buyer side only: vendors never
 * see the comparison.
 */
export function KpiRisk({ risk, label }: { risk: MissedKpiRisk | null | undefined; label: LocalizedText }) {
  const { t, locale } = useI18n();
  if (!risk) return null;
  const p = `${formatNumber(risk.probability * 100, locale, 1)}%`;
  const explanation = t("trackRecord.risk.explain", { label: label[locale], target: formatValue("rate", risk.target, locale) });
  return (
    <span className="badge kpi-risk" data-testid="kpi-risk" title={explanation}>
      {t("trackRecord.risk.value", { p })}
      <span className="visually-hidden"> {explanation}</span>
    </span>
  );
}
