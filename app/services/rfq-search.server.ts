import { listCertificationsOfOrg } from "../../db/queries/certifications";
import { searchRfqsInDatabase } from "../../db/queries/rfqs";
import type { RfqSearchHit, RfqSearchParams } from "../../search/client";
import { toRfqDocument } from "../../search/documents";
import type { Actor } from "~/domain/permissions";
import { isCertificateValidOn, japanDateOf } from "~/domain/certifications/validity";
import type { CertificationType } from "~/domain/rfq/categories";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { lackedCertificationTypes, type RfqSearchQuery } from "~/domain/rfq/search-params";
import { rfqSearchReaderOf, type RfqSearchReader } from "~/domain/rfq/search-scope";
import type { AppContext } from "~/utils/context.server";

// Open-RFQ search for vendors (and buyers over their own RFQs). The scope comes from the actor, and it is a
// filter inside the query on both paths: the Meilisearch filter and the PostgreSQL fallback's WHERE clause.

/** One result as a reader may see it (an allow-list: invitees and buyer-internal fields never appear). */
export interface RfqSearchHitView {
  id: string;
  title: string;
  /** With highlight markers (see ~/domain/search-highlight) around matched terms. */
  titleHighlighted: string;
  /** A cropped, highlighted excerpt of the purpose. */
  purposeHighlighted: string;
  category: string;
  buyerName: string;
  requiredCertifications: string[];
  quoteDeadline: string | null;
  publishedAt: string | null;
  /** The effective status (a published RFQ past its deadline reads as closed). */
  status: string;
  /** Vendors: the RFQ is invitation-only (and so invites this vendor). */
  invited: boolean;
}

export interface RfqSearchFacets {
  category: Record<string, number>;
  required_certifications: Record<string, number>;
  deadline: Record<string, number>;
  fit: { held: number; lacking: number } | null;
}

export type RfqSearchOutcome =
  | { mode: "search"; reader: RfqSearchReader["kind"]; hits: RfqSearchHitView[]; total: number; facets: RfqSearchFacets }
  | { mode: "degraded"; reader: RfqSearchReader["kind"]; hits: RfqSearchHitView[]; total: null; hasMore: boolean };

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

function toHitView(hit: RfqSearchHit, now: Date): RfqSearchHitView {
  const deadline = iso(hit.quote_deadline);
  return {
    id: hit.id,
    title: hit.title,
    titleHighlighted: hit._formatted?.title ?? hit.title,
    purposeHighlighted: hit._formatted?.purpose ?? hit.purpose.slice(0, 200),
    category: hit.category,
    buyerName: hit.buyer_name,
    requiredCertifications: hit.required_certifications,
    quoteDeadline: deadline,
    publishedAt: iso(hit.published_at),
    status: effectiveStatus({ status: hit.status, quoteDeadline: deadline ?? undefined }, now),
    invited: hit.visibility === "invited",
  };
}

/** Certification types the vendor holds validly today (verified, within its dates), for "I hold / I lack". */
async function heldCertificationTypes(ctx: AppContext, vendorOrgId: string, now: Date): Promise<string[]> {
  const today = japanDateOf(now);
  const certs = await listCertificationsOfOrg(ctx.db, vendorOrgId);
  const valid = certs.filter((c) =>
    isCertificateValidOn({ type: c.type as CertificationType, verificationStatus: c.status, validFrom: c.valid_from, validUntil: c.valid_until }, today),
  );
  return [...new Set(valid.map((c) => c.type))];
}

/** Null when the actor may not search RFQs at all (the route answers 403). */
export async function searchRfqs(ctx: AppContext, actor: Actor, query: RfqSearchQuery): Promise<RfqSearchOutcome | null> {
  const reader = rfqSearchReaderOf(actor);
  if (!reader) return null;
  const now = ctx.clock.now();
  if (await ctx.searchHealthy()) {
    try {
      const lacked = reader.kind === "vendor" ? lackedCertificationTypes(await heldCertificationTypes(ctx, reader.vendorOrgId, now)) : undefined;
      const params: RfqSearchParams = {
        scope: reader,
        now,
        q: query.q,
        categories: query.categories,
        certifications: query.certifications,
        deadlineWithinDays: query.deadline ? Number(query.deadline) : null,
        certFit: lacked ? query.fit : null,
        lackedCertifications: lacked,
        sort: query.sort,
        page: query.page,
        perPage: query.perPage,
      };
      const r = await ctx.search.searchRfqs(params);
      return { mode: "search", reader: reader.kind, hits: r.hits.map((h) => toHitView(h, now)), total: r.total, facets: r.facets };
    } catch {
      // fall through to the database
    }
  }
  const r = await searchRfqsInDatabase(ctx.db, reader, {
    q: query.q,
    categories: query.categories,
    now,
    sort: query.sort,
    page: query.page,
    perPage: query.perPage,
  });
  return {
    mode: "degraded",
    reader: reader.kind,
    hits: r.rows.map((row) => toHitView(toRfqDocument({ ...row, invited_vendor_ids: [] }, now), now)),
    total: null,
    hasMore: r.hasMore,
  };
}
