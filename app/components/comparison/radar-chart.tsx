import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Line, Polygon } from "@visx/shape";
import { label } from "~/components/rfq/labels";
import type { PerspectiveScores } from "~/domain/comparison/perspective-scores";
import { PERSPECTIVES } from "~/domain/scoring";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { ChartFrame } from "./chart-frame";
import { ChartLabel, wrapLabel } from "./chart-label";

const SIZE = 260;
const RADIUS = 80;
const RINGS = [25, 50, 75, 100];

/** One Balanced-Scorecard radar per quote: the four perspectives' 0–100 scores (a perspective without criteria sits at 0 and says so). */
export function RadarChart({ vendorName, rank, scores }: { vendorName: string; rank: number; scores: PerspectiveScores }) {
  const { t, locale } = useI18n();
  const r = scaleLinear<number>({ domain: [0, 100], range: [0, RADIUS] });
  const angle = (i: number) => (Math.PI * 2 * i) / PERSPECTIVES.length - Math.PI / 2;
  const point = (i: number, value: number): [number, number] => [Math.cos(angle(i)) * r(value), Math.sin(angle(i)) * r(value)];
  const values = PERSPECTIVES.map((p) => `${label("perspective", p, locale)} ${scores[p] === null ? "—" : formatNumber(scores[p]!, locale, 0)}`).join(", ");
  const title = `${t("compare.radar")}: ${t("compare.rank", { rank })} ${vendorName}`;
  return (
    <figure className="chart-figure">
      <ChartFrame title={title} desc={t("compare.radarDesc", { vendor: vendorName, values })} width={SIZE} height={SIZE} testId="radar-chart">
        <Group top={SIZE / 2} left={SIZE / 2}>
          {RINGS.map((ring) => (
            <Polygon
              key={ring}
              points={PERSPECTIVES.map((_, i) => point(i, ring))}
              fill="none"
              stroke="#c4cad6"
              strokeDasharray={ring === 100 ? undefined : "2 3"}
            />
          ))}
          {PERSPECTIVES.map((p, i) => {
            const [x, y] = point(i, 100);
            const [lx, ly] = point(i, 122);
            return (
              <g key={p}>
                <Line from={{ x: 0, y: 0 }} to={{ x, y }} stroke="#c4cad6" />
                <ChartLabel
                  x={lx}
                  y={ly}
                  textAnchor="middle"
                  fontSize={10}
                  lines={[
                    ...wrapLabel(label("perspective", p, locale).replace(/の視点$/, ""), 90, 10),
                    scores[p] === null ? "—" : formatNumber(scores[p]!, locale, 0),
                  ]}
                />
              </g>
            );
          })}
          <Polygon points={PERSPECTIVES.map((p, i) => point(i, scores[p] ?? 0))} fill="#0b5cab" fillOpacity={0.25} stroke="#0b5cab" strokeWidth={2} />
        </Group>
      </ChartFrame>
      <figcaption>
        {t("compare.rank", { rank })} {vendorName}
      </figcaption>
    </figure>
  );
}
