import {
  certificationLevelLabels,
  certificationTypeLabels,
  dataSensitivityLabels,
  directionLabels,
  perspectiveLabels,
  recurrenceLabels,
  rfqCategoryLabels,
  rfqPhaseLabels,
  rfqVisibilityLabels,
  scoringMethodLabels,
  criterionSourceLabels,
  type LocalizedText,
} from "~/domain/rfq/categories";
import { unitLabels } from "~/domain/rfq/units";
import type { Locale } from "~/i18n";

// One lookup for every RFQ vocabulary label; unknown keys (admin-added types) show as typed.
const tables = {
  category: rfqCategoryLabels,
  phase: rfqPhaseLabels,
  sensitivity: dataSensitivityLabels,
  recurrence: recurrenceLabels,
  certification: certificationTypeLabels,
  level: certificationLevelLabels,
  perspective: perspectiveLabels,
  direction: directionLabels,
  source: criterionSourceLabels,
  method: scoringMethodLabels,
  visibility: rfqVisibilityLabels,
  unit: unitLabels,
} as const satisfies Record<string, Record<string, LocalizedText>>;

export type LabelTable = keyof typeof tables;

export function label(table: LabelTable, key: string | undefined, locale: Locale): string {
  if (!key) return "—";
  return (tables[table] as Record<string, LocalizedText>)[key]?.[locale] ?? key.replace(/^custom:/, "");
}

export function options(table: LabelTable, locale: Locale): { value: string; label: string }[] {
  return Object.entries(tables[table] as Record<string, LocalizedText>).map(([value, l]) => ({ value, label: l[locale] }));
}
