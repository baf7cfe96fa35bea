import { Form, Link } from "@remix-run/react";
import { label } from "~/components/rfq/labels";
import type { CompareParams } from "~/domain/comparison/compare-params";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { useI18n } from "~/utils/use-i18n";

/**
 * Filters and sort as a plain GET form: works without JavaScript, and the URL is the state. Keeps the what-if weights
 * (and, at scale, the columns' count and the compare list: `keep`, and `resetTo` for the reset link, decision 0058).
 */
export function FiltersForm({
  view,
  params,
  keep,
  resetTo = "?",
}: {
  view: ComparisonView;
  params: CompareParams;
  keep: [string, string][];
  resetTo?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <Form method="get" className="card compare-filters no-print" aria-labelledby="filters-heading" preventScrollReset>
      <h2 id="filters-heading">{t("compare.filters")}</h2>
      {keep.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="filter-grid">
        <label className="check">
          <input type="checkbox" name="hideDisqualified" value="1" defaultChecked={params.hideDisqualified} /> {t("compare.filter.hideDisqualified")}
        </label>
        <label className="check">
          <input type="checkbox" name="mandatoryMet" value="1" defaultChecked={params.mandatoryMet} /> {t("compare.filter.mandatoryMet")}
        </label>
        <label>
          {t("compare.filter.cert")}
          <select name="cert" defaultValue={params.certType ?? ""}>
            <option value="">{t("compare.filter.any")}</option>
            {view.certificationTypes.map((type) => (
              <option key={type} value={type}>
                {label("certification", type, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("compare.filter.tcoMin")}
          <input type="number" name="tcoMin" min={0} step={1} inputMode="numeric" defaultValue={params.tcoMin ?? ""} />
        </label>
        <label>
          {t("compare.filter.tcoMax")}
          <input type="number" name="tcoMax" min={0} step={1} inputMode="numeric" defaultValue={params.tcoMax ?? ""} />
        </label>
        <label>
          {t("compare.sort")}
          <select name="sort" defaultValue={params.sort}>
            <option value="score">{t("compare.sort.score")}</option>
            <option value="tco">{t("compare.sort.tco")}</option>
            {/* The price (TCO) criterion sorts like the TCO option above: one entry, not two. */}
            {view.rows
              .filter((r) => r.key !== "tco" && r.source !== "price")
              .map((r) => (
                <option key={r.key} value={r.key}>
                  {r.label[locale]}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t("compare.apply")}
        </button>
        <Link to={resetTo} className="button-link">
          {t("compare.reset")}
        </Link>
      </div>
    </Form>
  );
}
