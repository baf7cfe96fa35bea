import type { RedFlag } from "~/domain/award/red-flags";
import { t, type Locale } from "~/i18n";
import { formatYen, joinList } from "~/utils/format";
import type { LowQuoteReason } from "./abnormally-low";

// The abnormally-low reasons and the award's red flags in words and yen (decision 0051), one wording for the
// comparison page, the exports, the award page and the 稟議書. BUYER words: they carry competitors' and the market's
// figures, so no vendor surface may call these.

/** Yen as the buyer reads it; a median of an even count may end in .5 and is shown so, not rounded away. */
export function lowQuoteYen(yen: number, locale: Locale): string {
  if (Number.isInteger(yen)) return formatYen(yen, locale);
  const whole = formatYen(Math.floor(yen), locale);
  return `${whole}.5`;
}

/** One reason in words: 「他の適格見積3件の中央値 ¥1,000,000 の75%未満（基準 ¥750,000）」. */
export function lowQuoteReasonText(reason: LowQuoteReason, locale: Locale): string {
  if (reason.kind === "belowPeerMedian")
    return t(locale, "lowFlags.reason.belowPeerMedian", {
      peers: reason.peers,
      median: lowQuoteYen(reason.peerMedianYen, locale),
      threshold: formatYen(reason.thresholdYen, locale),
    });
  return t(locale, "lowFlags.reason.belowBenchmarkQ1", {
    q1: lowQuoteYen(reason.q1PerMonthYen, locale),
    months: reason.contractTermMonths,
    threshold: formatYen(reason.thresholdYen, locale),
  });
}

/** Every reason, joined: what the export cell and the packet print after 「著しい低価格」. */
export function lowQuoteReasonsText(reasons: readonly LowQuoteReason[], locale: Locale): string {
  return reasons.map((r) => lowQuoteReasonText(r, locale)).join(locale === "ja" ? "／" : "; ");
}

/** A red flag in words and yen, naming vendors; `criterionLabel` words a gate criterion key. */
export function redFlagText(
  flag: RedFlag,
  vendorName: (quoteId: string) => string,
  locale: Locale,
  criterionLabel: (key: string) => string = (k) => k,
): string {
  if (flag.code === "winnerFarBelowSecond")
    return t(locale, "lowFlags.redFlag.winnerFarBelowSecond", {
      vendor: vendorName(flag.quoteId),
      tco: formatYen(flag.tcoYen, locale),
      second: vendorName(flag.secondQuoteId),
      secondTco: formatYen(flag.secondTcoYen, locale),
    });
  return t(locale, "lowFlags.redFlag.lowestDisqualifiedOnPrice", {
    vendor: vendorName(flag.disqualifiedQuoteId),
    tco: formatYen(flag.disqualifiedTcoYen, locale),
    criteria: joinList(flag.criteria.map(criterionLabel), locale),
  });
}
