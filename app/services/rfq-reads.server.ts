import {
  findRfqVersion,
  listRfqVersionContents,
  listOpenRfqsForVendor,
  listQuestionsForBuyer,
  listQuestionsForVendor,
  listRfqsOfBuyer,
} from "../../db/queries/rfqs";
import { listAnsweredQuestionsForAdvisor, listRfqsAssignedToAdvisor } from "../../db/queries/rfq-advisors";
import { sameJson } from "~/domain/canonical-json";
import { rfqDraftSchema, rfqSchema } from "~/domain/rfq/schema";
import { vendorVersionHistory } from "~/domain/rfq/vendor-view";
import { versionHistory } from "~/domain/rfq/version-changes";
import { rfqFieldWords } from "~/i18n/rfq-field-words";
import type { AppContext } from "~/utils/context.server";

// What readers of RFQs see, for the pages and the API alike. Every list is scoped to the caller's
// organisation in SQL; the single-RFQ reads follow loadRfqForReader (rfqs.server.ts), which decided
// who the caller is to that RFQ.

type RfqListFilter = Parameters<typeof listRfqsOfBuyer>[2];

export function rfqsOfBuyer(ctx: AppContext, buyerOrgId: string, filter: Omit<RfqListFilter, "now">) {
  return listRfqsOfBuyer(ctx.db, buyerOrgId, { ...filter, now: ctx.clock.now() });
}

/** The RFQs open for quotes that a vendor may see (public, or invited). */
export function openRfqsForVendor(ctx: AppContext, vendorOrgId: string, filter: { categories?: string[] } = {}) {
  return listOpenRfqsForVendor(ctx.db, vendorOrgId, { ...filter, now: ctx.clock.now() });
}

export function rfqsAssignedToAdvisor(ctx: AppContext, advisorOrgId: string) {
  return listRfqsAssignedToAdvisor(ctx.db, advisorOrgId);
}

/** Every question with the asking organisation (the buyer's own RFQ). */
export function questionsForBuyer(ctx: AppContext, buyerOrgId: string, rfqId: string) {
  return listQuestionsForBuyer(ctx.db, buyerOrgId, rfqId);
}

/** The answered questions (anonymous) and the vendor's own. */
export function questionsForVendor(ctx: AppContext, vendorOrgId: string, rfqId: string) {
  return listQuestionsForVendor(ctx.db, vendorOrgId, rfqId);
}

/** The answered questions, for an advisor the buyer assigned. */
export function questionsForAdvisor(ctx: AppContext, advisorOrgId: string, rfqId: string) {
  return listAnsweredQuestionsForAdvisor(ctx.db, advisorOrgId, rfqId);
}

/**
 * The published versions, newest first, each with what it changed in words (ja and en) against the one
 * before. Vendors get the history of the vendor projection only (vendor-view.ts): a change to what they may
 * not read is not listed. The buyer (and the buyer's advisor) get the full history.
 */
export async function versionHistoryFor(ctx: AppContext, reader: "buyer" | "advisor" | "vendor", rfqId: string) {
  const rows = await listRfqVersionContents(ctx.db, rfqId);
  const versions = rows.map((row) => ({ version: row.version, content: row.content, changeSummary: row.change_summary, publishedAt: row.created_at }));
  const history = reader === "vendor" ? vendorVersionHistory(versions) : versionHistory(versions, (content) => rfqDraftSchema.safeParse(content).data ?? null);
  return history
    .map(({ version, changeSummary, publishedAt, changes, view }) => ({
      version,
      changeSummary,
      publishedAt,
      changes: changes.map((path) => ({ path: path.join("."), words: rfqFieldWords(path, view) })),
    }))
    .reverse();
}

export type VersionHistoryEntry = Awaited<ReturnType<typeof versionHistoryFor>>[number];

/**
 * The buyer's published versions, and whether the working copy holds edits not yet published:
 * edits to a published RFQ wait there until they go out as an addendum.
 */
export async function versionHistoryForBuyer(ctx: AppContext, row: { id: string; current_version: number; content: unknown }) {
  const [versions, latest] = await Promise.all([
    versionHistoryFor(ctx, "buyer", row.id),
    row.current_version > 0 ? findRfqVersion(ctx.db, row.id, row.current_version) : null,
  ]);
  const pendingChanges = latest ? !sameJson(latest.content, rfqSchema.safeParse(row.content).data ?? row.content) : false;
  return { versions, pendingChanges };
}
