import { countRfqActivity } from "../../db/queries/rfq-api";
import { BuyerRfqSummary, RfqResponse, VendorRfqSummary } from "~/api/rfq-schemas";
import type { Actor } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { RfqDraft } from "~/domain/rfq/schema";
import { openRfqsForVendor, rfqsOfBuyer, versionHistoryFor } from "./rfq-reads.server";
import type { Locale } from "~/i18n";
import { loadRfqForReader } from "./rfqs.server";
import type { AppContext } from "~/utils/context.server";

// The RFQ views the /api/v1 routes answer with (parsed by their zod response schemas).

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** The fields of a question every reader may see; who asked is added for the buyer only, by the caller. */
export function questionFields(q: { id: string; question: string; answer: string | null; answered_at: Date | null; created_at: Date }) {
  return { id: q.id, question: q.question, answer: q.answer, answeredAt: isoOrNull(q.answered_at), createdAt: iso(q.created_at) };
}

type BuyerListRow = Awaited<ReturnType<typeof rfqsOfBuyer>>[number];
type VendorListRow = Awaited<ReturnType<typeof openRfqsForVendor>>[number];

export function buyerRfqSummary(row: BuyerListRow, now: Date) {
  return BuyerRfqSummary.parse({
    view: "buyer",
    id: row.id,
    title: row.title,
    category: row.category,
    status: effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now),
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    sealed: row.sealed,
    visibility: row.visibility,
    updatedAt: iso(row.updated_at),
    counts: { questions: row.questions ?? 0, unansweredQuestions: row.unanswered ?? 0 },
  });
}

export function vendorRfqSummary(row: VendorListRow) {
  return VendorRfqSummary.parse({
    view: "vendor",
    id: row.id,
    title: row.title,
    category: row.category,
    status: "published",
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    visibility: row.visibility,
    invited: Boolean(row.invited),
    buyerName: row.buyer_name,
  });
}

/** The RFQ as the caller may read it (buyer: working copy; vendor: published version), or null for 404; words in `locale`. */
export async function loadRfqResponse(ctx: AppContext, actor: Actor, rfqId: string, locale: Locale = "ja") {
  const found = await loadRfqForReader(ctx, actor, rfqId);
  if (!found) return null;
  const now = ctx.clock.now();
  // What each version changed, in the caller's language; vendors' through their projection only.
  const versions = (await versionHistoryFor(ctx, found.as, rfqId)).map((v) => ({
    version: v.version,
    changeSummary: v.changeSummary,
    publishedAt: iso(v.publishedAt),
    changes: v.changes.map((change) => ({ path: change.path, field: change.words[locale] })),
  }));
  const { row } = found;
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now);
  // What every reader's view holds; the view adds what that reader may see besides.
  const common = {
    id: row.id,
    status,
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    publishedAt: isoOrNull(row.published_at),
    versions,
  };
  if (found.as === "buyer") {
    return RfqResponse.parse({
      view: "buyer",
      ...common,
      createdAt: iso(found.row.created_at),
      updatedAt: iso(found.row.updated_at),
      counts: await countRfqActivity(ctx.db, rfqId),
      content: found.row.content as RfqDraft,
    });
  }
  if (found.as === "advisor") {
    return RfqResponse.parse({ view: "advisor", ...common, buyerName: found.row.buyer_name, content: found.row.content as RfqDraft });
  }
  // The service returns vendors only the allow-list view of the frozen version.
  return RfqResponse.parse({ view: "vendor", ...common, content: found.view });
}
