/**
 * "Sealed in the audit log until opening" (issue 19 item 3; decision 0049). An RFQ edit's audit row keeps the
 * changed fields before and after, so a municipality's 予定価格 and floor price are in it. Whatever shows audit
 * content passes it through here first: until the RFQ's quotes are opened every `publicPriceRules` value, at any
 * depth (an addendum's `changes` nest it), becomes the marker; after opening the row reads as written, because
 * the log is where an officer later shows what the prices were and when they were set.
 *
 * Pure: the caller says whether the quotes are opened (the sealed-bid rule of db/queries/quotes.ts decides that).
 */

export const SEALED_PRICE_RULES = { sealed: "priceRules.audit.sealed" } as const;

const FIELD = "publicPriceRules";

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === FIELD ? SEALED_PRICE_RULES : redact(inner)]));
}

/** Audit content as stored: an object, or its JSON text (the `before`/`after` columns). */
function redactContent(content: unknown): unknown {
  if (typeof content !== "string") return redact(content);
  if (!content.includes(FIELD)) return content;
  try {
    return JSON.stringify(redact(JSON.parse(content)));
  } catch {
    // Not JSON: nothing structured to keep, and the field's name is in it, so nothing of it is shown.
    return JSON.stringify(SEALED_PRICE_RULES);
  }
}

/** The entry with its price rules sealed unless `opened`; other fields and entries untouched. */
export function sealPriceRulesInAudit<T extends { before?: unknown; after?: unknown }>(entry: T, opened: boolean): T {
  if (opened) return entry;
  const sealed = { ...entry };
  if ("before" in entry) sealed.before = redactContent(entry.before);
  if ("after" in entry) sealed.after = redactContent(entry.after);
  return sealed;
}
