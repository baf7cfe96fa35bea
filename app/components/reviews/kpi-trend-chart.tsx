import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Circle, Line, LinePath } from "@visx/shape";
import { Text } from "@visx/text";
import { ChartDataTable, ChartFrame } from "~/components/comparison/chart-frame";
import type { KpiTrend } from "~/domain/reviews/kpi-table";
import { periodLabel } from "~/domain/reviews/periods";
import { formatKpiValue, RAG_COLOUR, statusWord } from "~/utils/review-words";
import { useI18n } from "~/utils/use-i18n";

const WIDTH = 560;
const HEIGHT = 240;
const M = { top: 18, right: 24, bottom: 46, left: 64 };

/**
 * One KPI over the contract's periods (decision 0042): the actual per period as points coloured by their status
 * (the status word is also printed in the table, so colour is never the only cue), the commitment as a dashed
 * line. Server-rendered SVG from @visx in the comparison charts' style; its text alternative is the frame's
 * title/description and the table of the numbers under it.
 */
export function KpiTrendChart({ trend }: { trend: KpiTrend }) {
  const { t, locale } = useI18n();
  const name = locale === "ja" ? trend.label.ja : trend.label.en || trend.label.ja;
  const points = trend.points;
  const values = points.map((p) => p.actual).filter((v): v is number => v !== null);
  const all = trend.target === null ? values : [...values, trend.target];
  const innerW = WIDTH - M.left - M.right;
  const innerH = HEIGHT - M.top - M.bottom;
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const pad = Math.max((hi - lo) * 0.2, trend.unit === "rate" ? 0.005 : Math.abs(hi) * 0.1 || 1);
  const domain: [number, number] = trend.unit === "rate" ? [Math.max(0, lo - pad), Math.min(1, hi + pad)] : [Math.max(0, lo - pad), hi + pad];
  const y = scaleLinear<number>({ domain, range: [innerH, 0], nice: true });
  const x = scaleLinear<number>({ domain: [0, Math.max(1, points.length - 1)], range: [0, innerW] });
  const short = (i: number) => {
    const p = points[i]!;
    return periodLabel({ start: p.periodStart, end: p.periodEnd }, locale);
  };
  const target = trend.target === null ? "" : formatKpiValue(trend.target, trend.unit, locale);
  const desc = trend.target === null ? t("reviews.chart.descNoTarget", { kpi: name }) : t("reviews.chart.desc", { kpi: name, target });
  const withData = points.map((p, i) => ({ p, i })).filter(({ p }) => p.actual !== null);
  return (
    <figure className="chart-figure review-trend" data-testid={`trend-${trend.key}`}>
      <ChartFrame title={`${t("reviews.trends")}: ${name}`} desc={desc} width={WIDTH} height={HEIGHT} testId="kpi-trend-chart">
        <Group left={M.left} top={M.top}>
          <AxisLeft scale={y} numTicks={4} tickFormat={(v) => formatKpiValue(Number(v), trend.unit, locale)} />
          <AxisBottom
            top={innerH}
            scale={x}
            numTicks={Math.min(points.length, 6)}
            tickValues={points.length <= 6 ? points.map((_, i) => i) : undefined}
            tickFormat={(v) => (Number.isInteger(Number(v)) && points[Number(v)] ? short(Number(v)) : "")}
          />
          {trend.target !== null ? (
            <g>
              <Line from={{ x: 0, y: y(trend.target) }} to={{ x: innerW, y: y(trend.target) }} stroke="#4d5566" strokeDasharray="6 4" strokeWidth={1.5} />
              <Text x={innerW} y={y(trend.target) - 5} textAnchor="end" fontSize={10} fill="#4d5566">
                {`${t("reviews.target")} ${target}`}
              </Text>
            </g>
          ) : null}
          <LinePath data={withData} x={({ i }) => x(i)} y={({ p }) => y(p.actual!)} stroke="#0b5cab" strokeWidth={1.5} />
          {withData.map(({ p, i }) => (
            <Circle
              key={p.periodStart}
              cx={x(i)}
              cy={y(p.actual!)}
              r={5.5}
              fill={p.rag ? RAG_COLOUR[p.rag] : "#0b5cab"}
              stroke="#fff"
              strokeWidth={1.5}
              data-rag={p.rag ?? ""}
            />
          ))}
        </Group>
      </ChartFrame>
      <figcaption>{name}</figcaption>
      <ChartDataTable caption={`${t("reviews.trends")}: ${name}`}>
        <thead>
          <tr>
            <th scope="col">{t("reviews.period")}</th>
            <th scope="col">{t("reviews.actual")}</th>
            <th scope="col">{t("reviews.target")}</th>
            <th scope="col">{t("reviews.status")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={p.periodStart}>
              <th scope="row">{short(i)}</th>
              <td>{formatKpiValue(p.actual, trend.unit, locale)}</td>
              <td>{trend.target === null ? t("reviews.noTarget") : target}</td>
              <td>{statusWord({ rag: p.rag, met: p.met, values: p.actual === null ? [] : [p.actual] }, locale)}</td>
            </tr>
          ))}
        </tbody>
      </ChartDataTable>
    </figure>
  );
}

/** Every KPI's trend that has at least one figure; a sentence when none has. */
export function KpiTrendCharts({ trends }: { trends: readonly KpiTrend[] }) {
  const { t } = useI18n();
  const shown = trends.filter((k) => k.points.some((p) => p.actual !== null));
  if (shown.length === 0) return <p className="muted">{t("reviews.trends.none")}</p>;
  return (
    <div className="review-trends">
      {shown.map((k) => (
        <KpiTrendChart key={k.key} trend={k} />
      ))}
    </div>
  );
}
