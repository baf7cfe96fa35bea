import { canonicalJson } from "~/domain/canonical-json";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { SEALED_PRICE_RULES } from "./price-rules-redaction";

// What an RFQ's audit row changed, for the buyer's 変更履歴 (issue 19 gaps; decision 0049, revisited). Pure: the
// rows come already sealed by `sealPriceRulesInAudit`; this only lays each changed field out as before → after.

export interface AuditChange {
  /** The RFQ field (top-level key of the content: "title", "publicPriceRules", "lineItems" …). */
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON text (the audit columns) or an object, as an object; anything else as nothing. */
function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return isRecord(value) ? value : {};
}

/**
 * The fields an RFQ audit row changed. An edit (`rfq.edit`, `rfq.weights.save`, `rfq.design.apply`, `rfq.create`)
 * keeps the changed fields at the top of before/after; an addendum keeps them under `changes` (and its version and
 * deadline beside them). Keys that are not RFQ content (an applied design comment's id) are left to the caller.
 */
export function auditChanges(action: string, before: unknown, after: unknown): AuditChange[] {
  let was = asRecord(before);
  let now = asRecord(after);
  if (action === "rfq.addendum") {
    was = asRecord(was.changes);
    now = asRecord(now.changes);
  }
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  // A field recorded with the same value on both sides (an addendum lists what it re-issued) changed nothing — except
  // sealed price rules, which read the same marker on both sides while the amounts behind it did change.
  return fields
    .map((field) => ({ field, before: was[field] ?? null, after: now[field] ?? null }))
    .filter((c) => isSealedMarker(c.before) || isSealedMarker(c.after) || canonicalJson(c.before) !== canonicalJson(c.after));
}

/** The redaction's marker (what `sealPriceRulesInAudit` put in place of the price rules). */
export function isSealedMarker(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 1 && value.sealed === SEALED_PRICE_RULES.sealed;
}

/**
 * Whether an RFQ's price rules may be read in its audit log: once the competition has been opened. A sealed RFQ at
 * its deadline unless cancelled (the sealed-bid rule); an open RFQ, whose quotes are read as they arrive, only once
 * its deadline has passed too, so a 予定価格 is never shown while offers may still come in. A draft never.
 */
export function priceRulesOpened(rfq: { status: string; sealed: boolean; quoteDeadline: Date | string | null }, now: Date): boolean {
  if (rfq.status === "draft" || rfq.quoteDeadline === null) return false;
  const deadline = new Date(rfq.quoteDeadline).getTime();
  if (Number.isNaN(deadline) || now.getTime() < deadline) return false;
  return areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quoteDeadline }, now);
}
