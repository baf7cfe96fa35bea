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
