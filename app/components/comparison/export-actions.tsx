import { useEffect, useState } from "react";
import type { CompareParams } from "~/domain/comparison/compare-params";
import { useI18n } from "~/utils/use-i18n";

/**
 * The query a download carries so the file holds what the page shows: the applied what-if (as the export's
 * `weights=key:value,…&method=…`) and the filters and sort. Only the page's applied values (already checked
 * by the loader) go in, so a hand-edited page URL cannot turn into a download that refuses.
 */
export function exportQuery(params: CompareParams): string {
  const q = new URLSearchParams();
  if (params.weights)
    q.set(
      "weights",
      Object.entries(params.weights)
        .map(([key, w]) => `${key}:${Number(w.toFixed(6))}`)
        .join(","),
    );
  if (params.method) q.set("method", params.method);
  if (params.hideDisqualified) q.set("hideDisqualified", "1");
  if (params.mandatoryMet) q.set("mandatoryMet", "1");
  if (params.certType) q.set("cert", params.certType);
  if (params.tcoMin !== undefined) q.set("tcoMin", String(params.tcoMin));
  if (params.tcoMax !== undefined) q.set("tcoMax", String(params.tcoMax));
  if (params.sort !== "score") q.set("sort", params.sort);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Excel and CSV downloads of the comparison as shown, and printing it (A4 landscape, comparison.css). */
export function ExportActions({ rfqId, params }: { rfqId: string; params: CompareParams }) {
  const { t } = useI18n();
  const query = exportQuery(params);
  // The print button needs JavaScript; without it the browser's own print command uses the same stylesheet.
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <div className="actions compare-exports no-print" data-testid="compare-exports">
      <a className="button" href={`/rfqs/${rfqId}/compare.xlsx${query}`} download data-testid="export-xlsx">
        {t("compare.export.xlsx")}
      </a>
      <a className="button" href={`/rfqs/${rfqId}/compare.csv${query}`} download data-testid="export-csv">
        {t("compare.export.csv")}
      </a>
      {canPrint ? (
        <button type="button" className="button" onClick={() => window.print()} data-testid="print">
          {t("compare.print")}
        </button>
      ) : null}
    </div>
  );
}
