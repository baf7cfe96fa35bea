import { writeAudit } from "../../db/queries/audit";
import {
  findRatingOfContract,
  insertRating,
  listPartyMembers,
  listRatingsOfContract,
  listRatingsOfVendor,
  setRatingReply,
} from "../../db/queries/contract-reviews";
import { notifyUsers } from "../../db/queries/notifications";
import type { Actor } from "~/domain/permissions";
import { RatingSchema, ratingYearOn, ReplySchema, summarizeRatings } from "~/domain/reviews/ratings";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { contractForParty } from "./contracts.server";

// Verified vendor ratings (取引評価, issue 17 item 6; decision 0042). Only a member of the buyer organisation of
// a contract with the vendor can rate it — "verified": every rating stands on a contract made on Kurabe — once
// per contract and contract year (after the term's end, or yearly during a long contract). The vendor replies once.
// The vendor's profile shows the ratings with the rater's KIND only (自治体 / 企業): never the organisation, the
// person or the contract, so a buyer can be candid and a small municipality is not identified by its one contract.

type RatingRow = Awaited<ReturnType<typeof listRatingsOfContract>>[number];

function present(r: Omit<RatingRow, "contract_id" | "rating_year"> & { rating_year?: number }) {
  return {
    id: r.id,
    buyerKind: r.buyer_kind,
    ...(r.rating_year !== undefined ? { ratingYear: r.rating_year } : {}),
    quality: r.quality,
    schedule: r.schedule,
    cost: r.cost,
    communication: r.communication,
    wouldHireAgain: r.would_hire_again,
    comment: r.comment,
    createdAt: new Date(r.created_at).toISOString(),
    reply: r.vendor_reply,
    repliedAt: r.replied_at ? new Date(r.replied_at).toISOString() : null,
  };
}
export type PresentedRating = ReturnType<typeof present>;

async function party(ctx: AppContext, actor: Actor, contractId: string) {
  return isRowId(contractId) ? contractForParty(ctx, actor, contractId) : null;
}

/** The rating tab of a contract: its ratings, and whether the buyer can rate now (for which contract year). */
export async function contractRatingPage(ctx: AppContext, actor: Actor, contractId: string) {
  const p = await party(ctx, actor, contractId);
  if (!p) return failure.notFound();
  const today = tokyoDateString(ctx.clock.now());
  const ratings = (await listRatingsOfContract(ctx.db, contractId)).map(present);
  const year = p.row.status === "active" ? ratingYearOn(p.content.term, today) : null;
  return {
    ok: true as const,
    side: p.side,
    contractId,
    contractHref: p.contractHref,
    title: p.content.rfq.title,
    vendorName: p.content.parties.vendor.name,
    termTo: p.content.term.to,
    ratingYear: year,
    canRate: p.side === "buyer" && year !== null && !ratings.some((r) => r.ratingYear === year),
    ratings,
  };
}

/** A buyer member rates the contract's vendor for the current contract year. */
export async function rateVendor(ctx: AppContext, actor: Actor, contractId: string, input: unknown): Promise<{ ok: true; ratingId: string } | ServiceFailure> {
  const p = await party(ctx, actor, contractId);
  if (!p) return failure.notFound();
  if (p.side !== "buyer") return failure.forbidden();
  const parsed = RatingSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  if (p.row.status !== "active") return failure.conflict("reviews.contract.notActive");
  const now = ctx.clock.now();
  const year = ratingYearOn(p.content.term, tokyoDateString(now));
  if (year === null) return failure.conflict("reviews.rating.notYet");
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertRating(trx, {
      contractId,
      vendorOrgId: p.row.vendor_org_id,
      buyerOrgId: p.row.buyer_org_id,
      buyerKind: p.content.buyerKind,
      ratingYear: year,
      ...parsed.data,
      userId: p.actor.userId,
      at: now,
    });
    if (!inserted) return failure.conflict("reviews.rating.already");
    await writeAudit(trx, {
      actorUserId: p.actor.userId,
      actorOrgId: p.actor.orgId,
      action: "rating.create",
      entityType: "vendor_rating",
      entityId: inserted.id,
      after: { contractId, ratingYear: year, ...parsed.data, comment: parsed.data.comment.length },
    });
    const vendors = (await listPartyMembers(trx, p.row.buyer_org_id, p.row.vendor_org_id)).filter((m) => m.org_id === p.row.vendor_org_id);
    await notifyUsers(
      trx,
      vendors.map((m) => m.id),
      "rating.received",
      { href: `/contracts/${p.row.id}/rating`, title: p.content.rfq.title },
      now,
    );
    return { ok: true as const, ratingId: inserted.id };
  });
}

/** The vendor's one reply to a rating of one of its contracts. */
export async function replyToRating(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  ratingId: string,
  input: unknown,
): Promise<{ ok: true } | ServiceFailure> {
  const p = await party(ctx, actor, contractId);
  if (!p || !isRowId(ratingId)) return failure.notFound();
  const rating = await findRatingOfContract(ctx.db, contractId, ratingId);
  if (!rating) return failure.notFound();
  if (p.side !== "vendor") return failure.forbidden();
  const parsed = ReplySchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await setRatingReply(trx, ratingId, { reply: parsed.data.reply, userId: p.actor.userId, at: ctx.clock.now() })))
      return failure.conflict("reviews.reply.already");
    await writeAudit(trx, {
      actorUserId: p.actor.userId,
      actorOrgId: p.actor.orgId,
      action: "rating.reply",
      entityType: "vendor_rating",
      entityId: ratingId,
      after: { length: parsed.data.reply.length },
    });
    return { ok: true as const };
  });
}

/**
 * A vendor's ratings for its profile (whoever may read the profile): the summary (count, distribution per
 * dimension, NPS buckets; averages and the NPS only from 3 ratings) and each rating with the rater's kind only.
 */
export async function vendorRatings(ctx: AppContext, vendorOrgId: string) {
  if (!isRowId(vendorOrgId)) return { summary: summarizeRatings([]), ratings: [] };
  const rows = await listRatingsOfVendor(ctx.db, vendorOrgId);
  const ratings = rows.map((r) => present(r));
  return { summary: summarizeRatings(ratings), ratings };
}
export type VendorRatings = Awaited<ReturnType<typeof vendorRatings>>;
