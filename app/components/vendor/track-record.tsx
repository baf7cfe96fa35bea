import { Fragment } from "react";
import { kpiLabel, type TrackRecordSummary } from "~/domain/vendor/track-record";
import { categoryLabel } from "~/domain/vendor/catalog";
import { formatDate, formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type EngagementView = {
  id: string;
  client_name: string;
  category: string;
  title: string;
  started_on: string;
  ended_on: string | null;
  source: "seeded" | "post_award";
  kpis: { kpi_key: string; successes: number; trials: number }[];
};

const percent = (rate: number, locale: "ja" | "en") => `${formatNumber(rate * 100, locale, 2)}%`;

/** A vendor's past engagements and the KPIs measured on them: the evidence its quotes' claims are weighed against. */
export function TrackRecord({ summary, engagements }: { summary: TrackRecordSummary; engagements: EngagementView[] }) {
  const { t, locale } = useI18n();
  if (engagements.length === 0)
    return (
      <p className="muted" data-testid="track-record-empty">
        {t("trackRecord.none")}
      </p>
    );
  const rates = Object.entries(summary.rates);
  return (
    <div className="stack" data-testid="track-record">
      <p data-testid="track-record-summary">
        {t("trackRecord.summary", { n: summary.engagements })}
        {summary.on_time_rate !== null ? ` · ${t("trackRecord.onTime", { rate: percent(summary.on_time_rate, locale) })}` : null}
      </p>
      {rates.length > 0 ? (
        <dl className="facts">
          {rates.map(([key, rate]) => (
            <Fragment key={key}>
              <dt>{kpiLabel(key, locale)}</dt>
              <dd>{percent(rate, locale)}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      <div className="table-scroll">
        <table className="table" data-testid="engagements">
          <caption>{t("trackRecord.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("trackRecord.client")}</th>
              <th scope="col">{t("trackRecord.work")}</th>
              <th scope="col">{t("trackRecord.period")}</th>
              <th scope="col">{t("trackRecord.kpis")}</th>
            </tr>
          </thead>
          <tbody>
            {engagements.map((e) => (
              <tr key={e.id} data-testid="engagement">
                <td>{e.client_name}</td>
                <td>
                  {e.title}
                  <span className="muted small"> · {categoryLabel(e.category, locale)}</span>
                </td>
                <td>
                  {formatDate(e.started_on, locale)} – {e.ended_on ? formatDate(e.ended_on, locale) : t("trackRecord.ongoing")}
                </td>
                <td>
                  {e.kpis.length === 0
                    ? "—"
                    : e.kpis.map((k) => (
                        <div key={k.kpi_key}>
                          {t("trackRecord.kpi", {
                            label: kpiLabel(k.kpi_key, locale),
                            rate: percent(k.successes / k.trials, locale),
                            trials: formatNumber(k.trials, locale),
                          })}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("trackRecord.note")}</p>
    </div>
  );
}
