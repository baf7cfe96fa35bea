import type { EvidenceBadge as Badge } from "~/domain/comparison/comparison-view";
import type { Evidence } from "~/domain/scoring";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { formatValue } from "./format";

/**
 * Whether a value is backed by a track record, in words (and a symbol), so print and screen readers get
 * it too. A shrunk claim shows the claim and the value scored; a checked claim also shows the record.
 */
export function EvidenceBadge({
  badge,
  unit,
  claim,
  effective,
  evidence = null,
}: {
  badge: Badge;
  unit: string;
  claim: number | null;
  effective: number | null;
  evidence?: Evidence | null;
}) {
  const { t, locale } = useI18n();
  if (!badge) return null;
  const symbol = badge === "verified" || badge === "certified" ? "✓" : badge === "shrunk" ? "↘" : badge === "missing" ? "∅" : "?";
  const text =
    badge === "shrunk"
      ? t("compare.badge.shrunk", { claim: formatValue(unit, claim, locale), effective: formatValue(unit, effective, locale) })
      : t(`compare.badge.${badge}`);
  const record =
    evidence && evidence.trials > 0 && (badge === "verified" || badge === "shrunk")
      ? t("compare.badge.record", { rate: formatValue(unit, evidence.successes / evidence.trials, locale), trials: formatNumber(evidence.trials, locale) })
      : null;
  return (
    <span className={`badge evidence evidence-${badge}`} data-testid={`badge-${badge}`}>
      <span aria-hidden="true">{symbol} </span>
      {text}
      {record ? <span className="evidence-record"> {record}</span> : null}
    </span>
  );
}
