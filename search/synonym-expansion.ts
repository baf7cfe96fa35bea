import { SYNONYM_GROUPS } from "./settings";

// Meilisearch stores synonyms normalised, and it takes a kanji-only word (経理, 会計, 給与計算)
// for Chinese: the synonym never matches the Japanese token in a document, so "accounting"
// missed a vendor that only wrote 経理 (meilisearch/meilisearch#3646). The index therefore
// carries the expansion itself: a document that mentions one member of a group also holds
// every other member, in fields searched as Japanese (`*_ja`) and as English (`*_en`).

const isAscii = (s: string) => /^[\x20-\x7e]+$/.test(s);
const fold = (s: string) => s.normalize("NFKC").toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Latin terms match whole words only ("hr" must not fire on "three"); Japanese has no spaces, so a substring.
const GROUP_MATCHERS = SYNONYM_GROUPS.map((group) => ({
  group,
  matchers: group.map((term) => (isAscii(term) ? new RegExp(`(^|[^a-z0-9])${escape(fold(term))}($|[^a-z0-9])`) : fold(term))),
}));

function mentions(text: string, matcher: RegExp | string): boolean {
  return typeof matcher === "string" ? text.includes(matcher) : matcher.test(text);
}

/** Every member of every synonym group that `texts` mention, split by script. */
export function synonymExpansion(texts: readonly string[]): { ja: string[]; en: string[] } {
  const haystack = fold(texts.join("\n"));
  const terms = new Set<string>();
  for (const { group, matchers } of GROUP_MATCHERS) {
    if (matchers.some((m) => mentions(haystack, m))) for (const term of group) terms.add(term);
  }
  const all = [...terms];
  return { ja: all.filter((t) => !isAscii(t)), en: all.filter(isAscii) };
}

/**
 * The query with each word that belongs to a synonym group replaced by the group's first word in
 * the other language ("経理 東京" → "accounting tokyo"); null when no word has one. The empty
 * search page offers it as "try the other language".
 */
export function otherLanguageQuery(q: string): string | null {
  let changed = false;
  const words = q
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const group = SYNONYM_GROUPS.find((g) => g.some((term) => fold(term) === fold(word)));
      const other = group?.find((term) => isAscii(term) !== isAscii(fold(word)));
      if (!other) return word;
      changed = true;
      return other;
    });
  return changed ? words.join(" ") : null;
}
