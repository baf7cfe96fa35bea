import { label } from "~/components/rfq/labels";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { PERSPECTIVES } from "~/domain/scoring";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { ChartDataTable } from "./chart-frame";
import { ContributionBars } from "./contribution-bars";
import { RadarChart } from "./radar-chart";
import { TcoScoreScatter } from "./tco-score-scatter";

export function ChartsSection({ view }: { view: ComparisonView }) {
  const { t, locale } = useI18n();
  if (view.columns.length === 0) return null;
  return (
    <section className="charts stack" aria-labelledby="charts-heading">
      <h2 id="charts-heading">{t("compare.charts")}</h2>
      <h3>{t("compare.radar")}</h3>
      <div className="radar-grid">
        {view.columns.map((c) => (
          <RadarChart key={c.id} vendorName={c.vendorName} rank={c.rank} scores={c.perspectives} />
        ))}
      </div>
      <ChartDataTable caption={t("compare.radar")}>
        <thead>
          <tr>
            <th scope="col">{t("compare.vendor")}</th>
            {PERSPECTIVES.map((p) => (
              <th scope="col" key={p}>
                {label("perspective", p, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.columns.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.vendorName}</th>
              {PERSPECTIVES.map((p) => (
                <td key={p}>{c.perspectives[p] === null ? "—" : formatNumber(c.perspectives[p]!, locale, 1)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartDataTable>
      <h3>{t("compare.bars")}</h3>
      <ContributionBars view={view} />
      <h3>{t("compare.scatter")}</h3>
      <TcoScoreScatter view={view} />
    </section>
  );
}
