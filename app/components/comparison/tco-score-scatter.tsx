import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Circle } from "@visx/shape";
import { Text } from "@visx/text";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { formatNumber, formatYen, formatYenAxis } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { ChartDataTable, ChartFrame } from "./chart-frame";

const WIDTH = 640;
const HEIGHT = 340;
const M = { top: 20, right: 30, bottom: 50, left: 60 };

/** TCO across, score up: the top left is the best value. Each point names its quote. */
export function TcoScoreScatter({ view }: { view: ComparisonView }) {
  const { t, locale } = useI18n();
  if (view.columns.length === 0) return null;
  const tcos = view.columns.map((c) => c.tco);
  const pad = Math.max(1, (Math.max(...tcos) - Math.min(...tcos)) * 0.15);
  const x = scaleLinear<number>({ domain: [Math.min(...tcos) - pad, Math.max(...tcos) + pad], range: [0, WIDTH - M.left - M.right], nice: true });
  const y = scaleLinear<number>({ domain: [0, 100], range: [HEIGHT - M.top - M.bottom, 0] });
  return (
    <figure className="chart-figure wide">
      <ChartFrame title={t("compare.scatter")} desc={t("compare.scatterDesc")} width={WIDTH} height={HEIGHT} testId="tco-scatter">
        <Group left={M.left} top={M.top}>
          <AxisLeft scale={y} numTicks={5} label={view.method === "topsis" ? t("compare.totalTopsis") : t("compare.total")} />
          <AxisBottom top={HEIGHT - M.top - M.bottom} scale={x} numTicks={5} tickFormat={(v) => formatYenAxis(Number(v), locale)} label={t("compare.tco")} />
          {view.columns.map((c) => (
            <g key={c.id}>
              <Circle cx={x(c.tco)} cy={y(c.score)} r={6} fill="#0b5cab" stroke="#fff" strokeWidth={1.5} />
              {/* Names of points in the right half run leftwards, so they stay inside the chart on a narrow screen. */}
              <Text
                x={x(c.tco) > (WIDTH - M.left - M.right) / 2 ? x(c.tco) - 9 : x(c.tco) + 9}
                textAnchor={x(c.tco) > (WIDTH - M.left - M.right) / 2 ? "end" : "start"}
                y={y(c.score) - 8}
                fontSize={11}
              >
                {`${t("compare.rank", { rank: c.rank })} ${c.vendorName}`}
              </Text>
            </g>
          ))}
        </Group>
      </ChartFrame>
      <ChartDataTable caption={t("compare.scatter")}>
        <thead>
          <tr>
            <th scope="col">{t("compare.vendor")}</th>
            <th scope="col">{t("compare.tco")}</th>
            <th scope="col">{t("compare.total")}</th>
          </tr>
        </thead>
        <tbody>
          {view.columns.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.vendorName}</th>
              <td>{formatYen(c.tco, locale)}</td>
              <td>{formatNumber(c.score, locale, 1)}</td>
            </tr>
          ))}
        </tbody>
      </ChartDataTable>
    </figure>
  );
}
