import type { AcknowledgedRedFlag, SnapshotExplanation } from "~/domain/award/proposal";
import type { RedFlag } from "~/domain/award/red-flags";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { lowQuoteReasonText, redFlagText } from "~/domain/insight/low-quote-words";
import { formatDate, formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The award's low-price facts (decision 0051), on the buyer's award page: beside each proposable quote, its
// 「著しい低価格」 reasons, what proposing it requires and a checkbox per red flag; on a proposal, the flags the
// snapshot froze, the explanation requests with their answers and assessment, and who acknowledged each red flag.

type Labels = { vendorNames: Record<string, string>; criterionLabels: Record<string, { ja: string; en: string }> };

/** Under one option of the proposal form: the flags and what each requires; checkboxes named `acknowledgedRedFlags`. */
export function QuoteLowFlags({
  quote,
  labels,
  acknowledged,
}: {
  quote: { id: string; abnormallyLow: { reasons: LowQuoteReason[] } | null; lowBidInvestigation: boolean; investigationComplete: boolean; redFlags: RedFlag[] };
  labels: Labels;
  acknowledged: readonly string[];
}) {
  const { t, locale } = useI18n();
  if (!quote.abnormallyLow && !quote.lowBidInvestigation && quote.redFlags.length === 0) return null;
  const name = (id: string) => labels.vendorNames[id] ?? id;
  const criterion = (key: string) => labels.criterionLabels[key]?.[locale] || labels.criterionLabels[key]?.ja || key;
  return (
    <div className="stack small" data-testid={`quote-flags-${quote.id}`}>
      {quote.abnormallyLow ? (
        <div data-testid="award-abnormally-low">
          <a className="badge warn" href={`/quotes/${quote.id}#low-price`}>
            {t("lowFlags.flag")}
          </a>{" "}
          {quote.abnormallyLow.reasons.map((r) => lowQuoteReasonText(r, locale)).join(locale === "ja" ? "／" : "; ")}
          <p className="muted">{t("lowFlags.award.requires")}</p>
        </div>
      ) : null}
      {quote.lowBidInvestigation && !quote.investigationComplete ? (
        <p className="notice warn" data-testid="award-investigation-incomplete">
          {t("lowFlags.award.requiresInvestigation")} <a href={`/quotes/${quote.id}#low-price`}>{t("lowFlags.details")}</a>
        </p>
      ) : null}
      {quote.redFlags.length > 0 ? (
        <fieldset data-testid="award-red-flags">
          <legend>{t("lowFlags.redFlags.title")}</legend>
          <p className="hint">{t("lowFlags.redFlags.intro")}</p>
          {quote.redFlags.map((f) => (
            <label key={f.key} className="choice">
              <input type="checkbox" name="acknowledgedRedFlags" value={f.key} defaultChecked={acknowledged.includes(f.key)} />{" "}
              {redFlagText(f, name, locale, criterion)}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/** On a proposal: the snapshot's abnormally low quotes, its explanation requests, and the acknowledged red flags. */
export function ProposalLowFlags({
  quotes,
  explanations,
  redFlags,
  labels,
}: {
  quotes: { id: string; vendorName: string; reasons: LowQuoteReason[] }[];
  explanations: SnapshotExplanation[] | null;
  redFlags: AcknowledgedRedFlag[];
  labels: Labels;
}) {
  const { t, locale } = useI18n();
  if (quotes.length === 0 && !explanations?.length && redFlags.length === 0) return null;
  const name = (id: string) => labels.vendorNames[id] ?? id;
  const criterion = (key: string) => labels.criterionLabels[key]?.[locale] || labels.criterionLabels[key]?.ja || key;
  return (
    <section className="stack" data-testid="proposal-low-flags">
      {redFlags.length > 0 ? (
        <>
          <h3>{t("lowFlags.redFlags.title")}</h3>
          <ul data-testid="proposal-red-flags">
            {redFlags.map((f) => (
              <li key={f.key}>
                {redFlagText(f, name, locale, criterion)} —{" "}
                <span className="muted">
                  {t("lowFlags.redFlag.acknowledged", { name: f.acknowledgedBy.name, at: formatDateTime(f.acknowledgedAt, locale) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {quotes.length > 0 ? (
        <>
          <h3>{t("lowFlags.award.quoteFlags")}</h3>
          <ul data-testid="proposal-abnormally-low">
            {quotes.map((q) => (
              <li key={q.id}>
                {t("lowFlags.flag")}: {q.vendorName} — {q.reasons.map((r) => lowQuoteReasonText(r, locale)).join(locale === "ja" ? "／" : "; ")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {explanations?.length ? (
        <>
          <h3>{t("lowFlags.explanations.title")}</h3>
          {explanations.map((e) => (
            <div key={e.id} className="stack small" data-testid="proposal-explanation">
              <p>
                <strong>
                  {t("lowFlags.explanations.request", {
                    vendor: e.vendorName,
                    version: e.quoteVersion,
                    at: formatDate(e.requestedAt, locale),
                    replyBy: formatDate(e.replyBy, locale),
                  })}
                </strong>
              </p>
              {e.message ? <p style={{ whiteSpace: "pre-wrap" }}>{e.message}</p> : null}
              <dl>
                {e.topics.map((topic) => (
                  <div key={topic} className="contents">
                    <dt>{t(`lowFlags.explanations.topic.${topic}`)}</dt>
                    <dd style={{ whiteSpace: "pre-wrap" }}>{e.answer?.[topic] ?? t("lowFlags.explanations.unanswered")}</dd>
                  </div>
                ))}
              </dl>
              {e.answeredAt ? <p className="muted">{t("lowFlags.explanations.answeredAt", { at: formatDate(e.answeredAt, locale) })}</p> : null}
              <p>
                {e.assessment && e.assessedAt
                  ? t(`lowFlags.explanations.assessment.${e.assessment}`, { at: formatDate(e.assessedAt, locale) })
                  : t("lowFlags.explanations.notAssessed")}
              </p>
              {e.assessmentNote ? <p style={{ whiteSpace: "pre-wrap" }}>{t("lowFlags.explanations.note", { note: e.assessmentNote })}</p> : null}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
