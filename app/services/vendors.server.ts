import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { listFactsOfVendor } from "../../db/queries/track-records";
import { countVendorsAndValidCertifications, findVendor, listVendorsPage, searchVendorsInDatabase, updateVendorProfile } from "../../db/queries/vendors";
import type { VendorSearchParams } from "../../search/client";
import { toVendorDocument, type VendorDocument } from "../../search/documents";
import { otherLanguageQuery } from "../../search/synonym-expansion";
import type { VendorProfileInput } from "~/domain/vendor/profile";
import { profileTrackRecord } from "~/domain/vendor/track-record";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";

export async function saveVendorProfile(ctx: AppContext, actor: { userId: string; orgId: string }, input: VendorProfileInput) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findVendor(trx, actor.orgId);
    const after = {
      name: input.name,
      description: input.description,
      categories: input.categories,
      regions: input.regions,
      languages: input.languages,
      teamSize: input.teamSize ?? null,
    };
    await updateVendorProfile(trx, actor.orgId, after, now);
    await enqueueOutbox(trx, "vendor", actor.orgId);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "vendorProfile.update",
      entityType: "vendor_profile",
      entityId: actor.orgId,
      before: before
        ? {
            name: before.name,
            description: before.description,
            categories: before.categories,
            regions: before.regions,
            languages: before.languages,
            teamSize: before.team_size,
          }
        : null,
      after,
    });
  });
  ctx.kickIndexer();
}

export type VendorSearchOutcome =
  | { mode: "search"; hits: (VendorDocument & { _formatted?: Record<string, unknown> })[]; total: number; facets: Record<string, Record<string, number>> }
  | { mode: "degraded"; hits: VendorDocument[]; total: null; hasMore: boolean };

/** What the empty results page suggests: the same query in the other language, when there is one. */
export function vendorSearchSuggestions(q: string): { otherLanguageQuery: string | null } {
  return { otherLanguageQuery: otherLanguageQuery(q) };
}

/** Meilisearch first; when it is down or fails, a plain Postgres search so the page still answers. */
export async function searchVendors(ctx: AppContext, params: VendorSearchParams): Promise<VendorSearchOutcome> {
  if (await ctx.searchHealthy()) {
    try {
      const r = await ctx.search.searchVendors(params);
      return { mode: "search", hits: r.hits, total: r.total, facets: r.facets };
    } catch {
      // fall through to the database
    }
  }
  const today = tokyoDateString(ctx.clock.now());
  const r = await searchVendorsInDatabase(ctx.db, { ...params, today });
  return {
    mode: "degraded",
    hits: r.rows.map((row) => toVendorDocument(row, today)),
    total: null,
    hasMore: r.hasMore,
  };
}

/** A vendor's profile with its certificates and track-record totals, or undefined. */
export function vendorProfile(ctx: AppContext, orgId: string) {
  return findVendor(ctx.db, orgId);
}

/**
 * The public vendor page: the profile and its track record measured on Kurabe, recency-weighted as of the app's
 * clock (null when there is no such vendor).
 */
export async function vendorPage(ctx: AppContext, orgId: string) {
  const [vendor, facts] = await Promise.all([findVendor(ctx.db, orgId), listFactsOfVendor(ctx.db, orgId)]);
  if (!vendor) return null;
  const { track_record_facts: _facts, ...profile } = vendor;
  return { vendor: profile, trackRecord: profileTrackRecord(facts, tokyoDateString(ctx.clock.now())) };
}

/** The figures on the home page: vendors, and certificates valid today (Tokyo). */
export function platformStats(ctx: AppContext) {
  return countVendorsAndValidCertifications(ctx.db, tokyoDateString(ctx.clock.now()));
}

export function vendorsPage(ctx: AppContext, p: { limit: number; offset: number; category?: string }) {
  return listVendorsPage(ctx.db, p);
}
