import { kpiLabel, type KpiCounts, type ProfileTrackRecord, type WeightedKpiCounts } from "~/domain/vendor/track-record";
import { categoryLabel } from "~/domain/vendor/catalog";
import { formatMonth, formatNumber } from "~/utils/format";
import type { Locale } from "~/i18n";
import { useI18n } from "~/utils/use-i18n";

const percent = (rate: number, locale: Locale) => `${formatNumber(rate * 100, locale, 2)}%`;
// Weighted counts are fractional: one decimal says so without pretending to precision.
const count = (n: number, locale: Locale, digits: number) => formatNumber(n, locale, digits);

/** "2024年4月" / "Apr 2024" from YYYY-MM. */
function yearMonth(ym: string, locale: Locale): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return locale === "ja" ? `${y}年${m}月` : `${formatMonth(m, locale)} ${y}`;
}

function CountsCell({ s, t: trials, digits }: { s: number; t: number; digits: number }) {
  const { t, locale } = useI18n();
  return <>{t("trackRecord.ofTrials", { successes: count(s, locale, digits), trials: count(trials, locale, digits) })}</>;
}

function KpiTable({ kpis, caption }: { kpis: WeightedKpiCounts[]; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="track-record-kpis">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("trackRecord.kpi")}</th>
            <th scope="col">{t("trackRecord.rate")}</th>
            <th scope="col">{t("trackRecord.weighted")}</th>
            <th scope="col">{t("trackRecord.raw")}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.kpi_key} data-testid={`track-record-kpi-${k.kpi_key}`}>
              <th scope="row">{kpiLabel(k.kpi_key, locale)}</th>
              <td>{k.trials > 0 ? percent(k.successes / k.trials, locale) : "—"}</td>
              <td>
                <CountsCell s={k.successes} t={k.trials} digits={1} />
              </td>
              <td>
                <CountsCell s={k.raw_successes} t={k.raw_trials} digits={0} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function kpiLines(kpis: KpiCounts[], locale: Locale, t: ReturnType<typeof useI18n>["t"]) {
  return kpis.length === 0
    ? "—"
    : kpis.map((k) => (
        <div key={k.kpi_key}>
          {t("trackRecord.kpiLine", {
            label: kpiLabel(k.kpi_key, locale),
            rate: percent(k.successes / k.trials, locale),
            trials: formatNumber(k.trials, locale),
          })}
        </div>
      ));
}

/**
 * A vendor's track record measured on Kurabe: per category of work the recency-weighted rate of each KPI with the
 * weighted and the unweighted counts, the other measured values, and per contract its category, the buyer's kind
 * and the months measured — never a buyer's name or an RFQ's title (another buyer's RFQ may be private).
 */
export function TrackRecord({ record }: { record: ProfileTrackRecord }) {
  const { t, locale } = useI18n();
  if (record.contracts === 0)
    return (
      <p className="muted" data-testid="track-record-empty">
        {t("trackRecord.none")}
      </p>
    );
  const { summary } = record;
  return (
    <div className="stack" data-testid="track-record">
      <p data-testid="track-record-summary">
        {t("trackRecord.summary", { n: summary.engagements })}
        {summary.on_time_rate !== null ? ` · ${t("trackRecord.onTime", { rate: percent(summary.on_time_rate, locale) })}` : null}
      </p>
      <p className="muted small" data-testid="track-record-weighting">
        {t("trackRecord.weighting")}
      </p>
      {record.categories.map((c) => {
        const heading = t("trackRecord.category", { category: categoryLabel(c.category, locale), n: c.contracts });
        return (
          <section key={c.category} className="stack" data-testid={`track-record-category-${c.category}`}>
            <h3>{heading}</h3>
            {c.kpis.length > 0 ? <KpiTable kpis={c.kpis} caption={heading} /> : null}
            {c.values.length > 0 ? (
              <dl className="facts">
                {c.values.map((v) => (
                  <div key={v.kpi_key} className="contents">
                    <dt>{kpiLabel(v.kpi_key, locale)}</dt>
                    <dd>{t("trackRecord.valueMean", { mean: formatNumber(v.mean, locale, 1), n: v.count })}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </section>
        );
      })}
      <div className="table-scroll">
        <table className="table" data-testid="engagements">
          <caption>{t("trackRecord.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("trackRecord.work")}</th>
              <th scope="col">{t("trackRecord.buyerKind")}</th>
              <th scope="col">{t("trackRecord.period")}</th>
              <th scope="col">{t("trackRecord.kpis")}</th>
            </tr>
          </thead>
          <tbody>
            {record.engagements.map((e, i) => (
              <tr key={`${e.category}-${e.from}-${i}`} data-testid="engagement">
                <td>{categoryLabel(e.category, locale)}</td>
                <td>{t(e.buyerKind === "municipality" ? "trackRecord.buyerKind.municipality" : "trackRecord.buyerKind.company")}</td>
                <td>{e.to !== e.from ? `${yearMonth(e.from, locale)} – ${yearMonth(e.to, locale)}` : yearMonth(e.from, locale)}</td>
                <td>{kpiLines(e.kpis, locale, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("trackRecord.privacy")}</p>
      <p className="muted small">{t("trackRecord.note")}</p>
    </div>
  );
}
