import { certificationTypeLabels, type LocalizedText } from "~/domain/rfq/categories";
import { rfqDraftSchema } from "~/domain/rfq/schema";
import { t, type Bilingual, type Locale } from "./index";
import { rfqReviewMessages, type RfqReviewMessageKey } from "./messages-rfq-review";

/**
 * The one way an RFQ field path becomes words a person reads: ["criteria", 0, "scale"] →
 * 「評価基準1「総保有コスト（TCO・税抜）」の目標スケール」 / "Criterion 1 “Total cost …”: target scale".
 * Used by the review page, the step warnings, the publish and addendum refusals (pages and API, where the
 * API keeps `path` beside the words) and the version history. `content` is the RFQ the path points into
 * (a draft, a published version or the vendor's view of one), for the names of list items.
 */

interface NamedContent {
  criteria?: readonly { label?: { ja?: string; en?: string } }[];
  lineItems?: readonly { code?: string; description?: string }[];
  deliverables?: readonly { title?: string }[];
  requiredCertifications?: readonly { type?: string }[];
}

type Segment = string | number;

function has(key: string): key is RfqReviewMessageKey {
  return Object.hasOwn(rfqReviewMessages, key);
}

function fieldName(field: Segment, locale: Locale): string {
  const key = `rfqReview.field.${String(field)}`;
  return t(locale, has(key) ? key : "rfqReview.field.unknown");
}

function partName(part: Segment, locale: Locale): string | null {
  const key = `rfqReview.part.${String(part)}`;
  return has(key) ? t(locale, key) : null;
}

const LIST_ITEMS = ["criteria", "lineItems", "deliverables", "requiredCertifications"] as const;
type ListField = (typeof LIST_ITEMS)[number];
const isListField = (field: Segment): field is ListField => (LIST_ITEMS as readonly Segment[]).includes(field);

function itemName(field: ListField, index: number, content: NamedContent | null | undefined, locale: Locale): string {
  let name: string;
  if (field === "criteria") {
    const label = content?.criteria?.[index]?.label;
    name = (locale === "en" && label?.en) || label?.ja || "";
  } else if (field === "lineItems") {
    const line = content?.lineItems?.[index];
    name = line?.description || line?.code || "";
  } else if (field === "deliverables") {
    name = content?.deliverables?.[index]?.title ?? "";
  } else {
    const type = content?.requiredCertifications?.[index]?.type ?? "";
    const builtIn = (certificationTypeLabels as Record<string, LocalizedText>)[type];
    name = builtIn ? builtIn[locale] : type.replace(/^custom:/, "");
  }
  const n = index + 1;
  return name ? t(locale, `rfqReview.item.${field}`, { n, name }) : t(locale, "rfqReview.item.numbered", { field: fieldName(field, locale), n });
}

export function rfqFieldWordsIn(path: readonly Segment[], content: NamedContent | null | undefined, locale: Locale): string {
  if (path.length === 0) return t(locale, "rfqReview.field.unknown");
  const [field, ...rest] = path;
  let whole = fieldName(field, locale);
  let parts = rest;
  if (isListField(field) && typeof rest[0] === "number") {
    whole = itemName(field, rest[0], content, locale);
    parts = rest.slice(1);
  }
  // The most precise part that has a name: "scale.best" → 満点の値; an index inside a part (peak months) adds nothing.
  const named = parts.filter((part): part is string => typeof part === "string").map((part) => partName(part, locale));
  const part = named.reverse().find((name): name is string => name !== null);
  return part ? t(locale, "rfqReview.of", { whole, part }) : whole;
}

/** Both languages at once, for services that answer before the reader's language is known. */
export function rfqFieldWords(path: readonly Segment[], content: NamedContent | null | undefined): Bilingual {
  return { ja: rfqFieldWordsIn(path, content, "ja"), en: rfqFieldWordsIn(path, content, "en") };
}

/** Each problem with its field in words (ja and en), named from the RFQ content its path points into. */
export function inWords<P extends { path: (string | number)[] }>(problems: readonly P[], content: unknown): (P & { words: Bilingual })[] {
  const named = rfqDraftSchema.safeParse(content);
  return problems.map((problem) => ({ ...problem, words: rfqFieldWords(problem.path, named.success ? named.data : null) }));
}
