import type { AnnotationKind } from "./schema";

// Pure projections of annotations and clarifications for their readers.

/** How many current (not withdrawn) annotations of each kind: the marker on a comparison cell. */
export function countByKind(annotations: readonly { kind: AnnotationKind; withdrawnAt: Date | string | null }[]): Record<AnnotationKind, number> {
  const counts: Record<AnnotationKind, number> = { strength: 0, risk: 0, question: 0 };
  for (const a of annotations) if (!a.withdrawnAt) counts[a.kind] += 1;
  return counts;
}

/** The key of a comparison cell: the quote, and the criterion or "" for the quote as a whole. */
export const cellKey = (quoteId: string, criterionKey: string | null) => `${quoteId}:${criterionKey ?? ""}`;

/** Current annotations counted per comparison cell and kind: the badges the comparison table shows in its cells. */
export function countsByCell(
  annotations: readonly { quoteId: string; criterionKey: string | null; kind: AnnotationKind; withdrawnAt: Date | string | null }[],
): Record<string, Record<AnnotationKind, number>> {
  const cells: Record<string, Record<AnnotationKind, number>> = {};
  for (const a of annotations) {
    if (a.withdrawnAt) continue;
    const counts = (cells[cellKey(a.quoteId, a.criterionKey)] ??= { strength: 0, risk: 0, question: 0 });
    counts[a.kind] += 1;
  }
  return cells;
}

export interface ClarificationRow {
  id: string;
  quote_id: string;
  question: string;
  asked_at: Date;
  answer: string | null;
  answered_at: Date | null;
}

/**
 * What the quote's own vendor reads of a clarification: the question and its own answer — an allow-list, so
 * the annotation behind it, its kind, who asked (person or organisation) and everything else stays out.
 * The page and the API call this; nothing else of the row may reach a vendor.
 */
export function clarificationForVendor(row: ClarificationRow) {
  return {
    id: row.id,
    quoteId: row.quote_id,
    question: row.question,
    askedAt: row.asked_at.toISOString(),
    answer: row.answer,
    answeredAt: row.answered_at ? row.answered_at.toISOString() : null,
  };
}
export type VendorClarification = ReturnType<typeof clarificationForVendor>;
