import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { lowQuoteReasonText } from "~/domain/insight/low-quote-words";
import { useI18n } from "~/utils/use-i18n";

/**
 * 「著しい低価格」 beside a quote's TCO on the buyer's comparison (decision 0051): the reasons in words and yen, and a
 * link to the quote's low-price panel where the buyer sends (or reads) the explanation request. Buyer side only:
 * the figures are competitors' and the market's.
 */
export function LowPriceFlag({ quoteId, flag }: { quoteId: string; flag: { reasons: LowQuoteReason[] } | undefined }) {
  const { t, locale } = useI18n();
  if (!flag || flag.reasons.length === 0) return null;
  return (
    <span className="low-price-flag" data-testid="abnormally-low">
      <a className="badge warn" href={`/quotes/${quoteId}#low-price`}>
        {t("lowFlags.flag")}
      </a>
      <ul className="muted small">
        {flag.reasons.map((r) => (
          <li key={r.kind}>{lowQuoteReasonText(r, locale)}</li>
        ))}
      </ul>
      <a href={`/quotes/${quoteId}#low-price`} className="small">
        {t("lowFlags.details")}
      </a>
    </span>
  );
}
