import type { DiffEntry } from "~/domain/contracts/contract-diff";
import { fractionToPercent } from "~/domain/rate-input";
import type { Locale } from "~/i18n";
import { formatDate, formatNumber, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// What changed between two versions of a contract (decision 0041), as a table: the change request page and the
// version history on the 変更管理 tab both show it.

function valueText(e: DiffEntry, v: string | number | null, locale: Locale): string {
  if (v === null) return "—";
  if (e.kind === "yen") return formatYen(Number(v), locale);
  if (e.kind === "date") return formatDate(String(v), locale);
  if (e.kind === "target")
    return e.unit === "rate" ? `${formatNumber(fractionToPercent(Number(v)), locale, 2)}%` : `${formatNumber(Number(v), locale, 2)} ${e.unit ?? ""}`.trim();
  return String(v);
}

export function ChangeDiff({ entries, caption }: { entries: readonly DiffEntry[]; caption: string }) {
  const { t, locale } = useI18n();
  const label = (e: DiffEntry) => (locale === "en" ? (e.labelEn ?? e.label ?? "") : (e.label ?? ""));
  const fieldText = (e: DiffEntry) => {
    if (e.field.startsWith("lines.")) return t("changes.diff.line", { label: label(e) });
    if (e.field === "totals.subtotal") return t("changes.diff.subtotal");
    if (e.field === "totals.tax") return t("changes.diff.tax");
    if (e.field === "totals.total") return t("changes.diff.total");
    if (e.field === "term.to") return t("changes.diff.termTo");
    if (e.field.endsWith(".dueDate")) return t("changes.diff.milestoneDue", { label: label(e) });
    if (e.field.endsWith(".amountYen")) return t("changes.diff.milestoneAmount", { label: label(e) });
    if (e.field.startsWith("sla.")) return t("changes.diff.sla", { label: label(e) });
    return e.field;
  };
  return (
    <table className="table" data-testid="change-diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("changes.diff.field")}</th>
          <th scope="col">{t("changes.diff.before")}</th>
          <th scope="col">{t("changes.diff.after")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.field}>
            <th scope="row">{fieldText(e)}</th>
            <td>{valueText(e, e.before, locale)}</td>
            <td>{valueText(e, e.after, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
