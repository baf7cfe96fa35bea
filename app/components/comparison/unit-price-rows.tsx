import { BenchmarkHint, benchmarkKeyWords, type HintCell } from "~/components/insight/benchmark-hint";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import type { UnitPriceRows as Rows } from "~/domain/insight/unit-price-rows";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

/**
 * The comparison's unit prices (issue 19 item 1; decision 0048, revisited): rows of ComparisonTable, one per RFQ
 * line, each quote's tax-excluded unit price in its column. Beside the line's label the market's median and IQR of
 * the line's "<unit>|<recurrence>" cell, and under each price where it stands in that cell. `hints` is null for
 * anyone but a buyer or an advisor (benchmarkHints), so the market's numbers never reach anyone else; the page
 * itself is not rendered for a vendor or for an evaluator still rating under price later.
 */
export function UnitPriceRows({ view, rows, hints }: { view: ComparisonView; rows: Rows; hints: Record<string, HintCell> | null | undefined }) {
  const { t, locale } = useI18n();
  if (rows.lines.length === 0) return null;
  const span = view.columns.length + 1;
  return (
    <>
      <tr className="section-row" data-testid="unit-price-heading">
        <th scope="rowgroup" colSpan={span}>
          {t("benchmarks.unitPrices.heading")}
        </th>
      </tr>
      {rows.lines.map((line) => {
        // No cell at all (no market data for this unit yet) reads the same as a withheld one: "not enough data".
        const cell = hints ? (hints[line.benchmarkKey] ?? { unit: "yen" as const, published: false }) : undefined;
        const per = benchmarkKeyWords("unit_price", `${line.unit}|${line.recurrence}`, locale, t);
        return (
          <tr key={line.code} data-testid="unit-price-row">
            <th scope="row">
              {line.code} {line.description}
              <span className="row-meta">{per}</span>
              <BenchmarkHint cell={cell} />
            </th>
            {view.columns.map((c) => {
              const price = rows.prices[c.id]?.[line.code] ?? null;
              return (
                <td key={c.id} data-label={`${line.code} ${line.description}`} data-testid="unit-price">
                  <span className="cell-value">{price === null ? t("benchmarks.unitPrices.none") : formatYen(price, locale)}</span>
                  {price !== null ? <BenchmarkHint cell={cell} target={price} subject="commitment" positionOnly /> : null}
                </td>
              );
            })}
          </tr>
        );
      })}
    </>
  );
}
