import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStackHorizontal } from "@visx/shape";
import { Text } from "@visx/text";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { ChartDataTable, ChartFrame, PALETTE } from "./chart-frame";
import { ChartLabel, wrapLabel } from "./chart-label";

const WIDTH = 720;
const LEFT = 170;
const RIGHT = 20;
const BAR = 34;

type Datum = { id: string; name: string } & Record<string, number | string>;

/**
 * Each quote's total split into what each criterion contributes (weighted sums: points of the
 * 0–100 total; TOPSIS: distance from the anti-ideal). Segments carry their criterion's number,
 * matched by the legend, so the chart reads in black and white.
 */
export function ContributionBars({ view }: { view: ComparisonView }) {
  const { t, locale } = useI18n();
  const keys = view.rows.filter((r) => r.share > 0).map((r) => r.key);
  const data: Datum[] = view.columns.map((c) => ({
    id: c.id,
    name: `${t("compare.rank", { rank: c.rank })} ${c.vendorName}`,
    ...Object.fromEntries(keys.map((k) => [k, Math.max(0, c.cells[k]?.contribution ?? 0)])),
  }));
  if (data.length === 0) return null;
  const height = data.length * (BAR + 12) + 50;
  const max = Math.max(...data.map((d) => keys.reduce((s, k) => s + Number(d[k]), 0)), view.method === "topsis" ? 0 : 100);
  const xScale = scaleLinear<number>({ domain: [0, max || 1], range: [0, WIDTH - LEFT - RIGHT], nice: true });
  const yScale = scaleBand<string>({ domain: data.map((d) => d.id), range: [0, data.length * (BAR + 12)], padding: 0.2 });
  const color = (key: string) => PALETTE[keys.indexOf(key) % PALETTE.length];
  const numberOf = (key: string) => keys.indexOf(key) + 1;
  const rowLabel = (key: string) => view.rows.find((r) => r.key === key)?.label[locale] ?? key;
  return (
    <figure className="chart-figure wide">
      <ChartFrame title={t("compare.bars")} desc={t("compare.barsDesc")} width={WIDTH} height={height} testId="contribution-bars">
        <Group left={LEFT} top={10}>
          {data.map((d) => (
            <ChartLabel
              key={d.id}
              x={-8}
              y={(yScale(d.id) ?? 0) + yScale.bandwidth() / 2}
              textAnchor="end"
              fontSize={11}
              lines={wrapLabel(d.name, LEFT - 12, 11)}
            />
          ))}
          <BarStackHorizontal<Datum, string> data={data} keys={keys} y={(d) => d.id} xScale={xScale} yScale={yScale} color={color}>
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars.map((bar) => (
                  <g key={`${stack.key}-${bar.index}`}>
                    <rect x={bar.x} y={bar.y} width={Math.max(0, bar.width)} height={bar.height} fill={bar.color} stroke="#fff" strokeWidth={1} />
                    {bar.width > 16 ? (
                      <Text
                        x={bar.x + bar.width / 2}
                        y={bar.y + bar.height / 2}
                        textAnchor="middle"
                        verticalAnchor="middle"
                        fontSize={10}
                        fill="#fff"
                        fontWeight={700}
                      >
                        {String(numberOf(stack.key))}
                      </Text>
                    ) : null}
                  </g>
                )),
              )
            }
          </BarStackHorizontal>
          <AxisBottom top={data.length * (BAR + 12)} scale={xScale} numTicks={5} tickFormat={(v) => formatNumber(Number(v), locale, 2)} />
        </Group>
      </ChartFrame>
      <figcaption>
        <ol className="chart-legend">
          {keys.map((k) => (
            <li key={k}>
              <span className="swatch" style={{ background: color(k) }} aria-hidden="true" />
              {numberOf(k)}. {rowLabel(k)}
            </li>
          ))}
        </ol>
      </figcaption>
      <ChartDataTable caption={t("compare.bars")}>
        <thead>
          <tr>
            <th scope="col">{t("compare.vendor")}</th>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {rowLabel(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.name}</th>
              {keys.map((k) => (
                <td key={k}>{formatNumber(Number(d[k]), locale, 3)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartDataTable>
    </figure>
  );
}
