// The BAFO section and the award form on the comparison page at marketplace scale (issue 21, decision 0058 "BAFO and
// award at scale"): both may still name ANY eligible quote, but by default they show only the quotes the buyer is
// working with; the rest are folded into a closed <details> inside the same form, so a choice made there is submitted
// without JavaScript and never lost.

/** Up to this many quotes a section shows every quote as before (the demo RFQs have 3–5): nothing is folded. */
export const SECTION_UNFOLDED_MAX = 12;

export interface SectionFocus<T> {
  /** The quotes shown in the section itself. */
  shown: T[];
  /** The other quotes, for the closed <details> (empty at or under SECTION_UNFOLDED_MAX). */
  folded: T[];
}

/**
 * Splits a section's quotes into the ones shown and the ones folded, keeping the given order in both. At or under
 * SECTION_UNFOLDED_MAX quotes nothing is folded. With nothing to keep (no focus given) nothing is folded either, so
 * a page that does not say what the buyer works with (the BAFO and award pages) shows everything.
 */
export function focusSection<T extends { id: string }>(items: readonly T[], keep: ReadonlySet<string> | null): SectionFocus<T> {
  if (!keep || items.length <= SECTION_UNFOLDED_MAX) return { shown: [...items], folded: [] };
  return { shown: items.filter((i) => keep.has(i.id)), folded: items.filter((i) => !keep.has(i.id)) };
}

/**
 * Rank order (rank 1 first; unranked — failed a gate — last), stable for equal ranks. Only past SECTION_UNFOLDED_MAX:
 * below it the sections keep the order they always had (vendor name), so nothing changes visibly on small RFQs.
 */
export function rankOrderAtScale<T>(items: readonly T[], rankOf: (item: T) => number | null | undefined): T[] {
  if (items.length <= SECTION_UNFOLDED_MAX) return [...items];
  const key = (item: T) => rankOf(item) ?? Number.POSITIVE_INFINITY;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => key(a.item) - key(b.item) || a.index - b.index)
    .map((x) => x.item);
}
