import type { EvidenceBadge as Badge } from "~/domain/comparison/comparison-view";
import { useI18n } from "~/utils/use-i18n";
import { formatValue } from "./format";

/** Whether a value is backed by a track record, in words (and a symbol), so print and screen readers get it too. */
export function EvidenceBadge({ badge, unit, claim, effective }: { badge: Badge; unit: string; claim: number | null; effective: number | null }) {
  const { t, locale } = useI18n();
  if (!badge) return null;
  const symbol = badge === "verified" ? "✓" : badge === "shrunk" ? "↘" : badge === "missing" ? "∅" : "?";
  const text =
    badge === "shrunk"
      ? t("compare.badge.shrunk", { claim: formatValue(unit, claim, locale), effective: formatValue(unit, effective, locale) })
      : t(`compare.badge.${badge}`);
  return (
    <span className={`badge evidence evidence-${badge}`} data-testid={`badge-${badge}`}>
      <span aria-hidden="true">{symbol} </span>
      {text}
    </span>
  );
}
