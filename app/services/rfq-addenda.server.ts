import {
  filterVendorOrgIds,
  findRfqVersion,
  insertRfqVersion,
  listBidderUserIds,
  listOrgUserIds,
  markRfqPublished,
  replaceRfqInvitations,
  updateRfqWorkingCopy,
} from "../../db/queries/rfqs";
import { listInvitedVendorOrgIds, lockRfqForBuyer } from "../../db/queries/rfq-api";
import { notifyUsers } from "../../db/queries/notifications";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { sameJson } from "~/domain/canonical-json";
import { can, type Actor } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { fixedTermProblems, type FixedTermProblem } from "~/domain/rfq/fixed-at-publication";
import { checkPublishable, rfqDraftSchema, rfqSchema, type PublishProblem, type RfqDraft } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";
import { rfqResource } from "~/domain/rfq/resource";
import { attachmentChangesOfAddendum } from "./attachments.server";
import { inWords } from "~/i18n/rfq-field-words";

// An addendum that carries its own changes (the API's POST /rfqs/{id}/addenda). Doing
// "edit the working copy, then publish it" as two service calls would leave the edit behind
// when publishing is refused; here the row is locked, everything is validated, and only then
// are the working copy, the new version, the invitations, audit, outbox and notifications
// written — in one transaction, or not at all.

export type AddendumResult = { ok: true; version: number; quoteDeadline: string } | ServiceFailure;

export async function issueAddendumWithChanges(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  input: { changeSummary: string; changes: Partial<RfqDraft> },
): Promise<AddendumResult> {
  const buyerOrg = orgActor(actor, "buyer")?.org;
  if (!buyerOrg) return failure.notFound();
  const now = ctx.clock.now();

  const result = await ctx.db.transaction().execute(async (trx): Promise<AddendumResult> => {
    const row = await lockRfqForBuyer(trx, buyerOrg.id, rfqId);
    if (!row || !can(actor, "rfq:publish", rfqResource(row))) return failure.notFound();
    const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now);
    if (status !== "published") return failure.conflict("rfq.addendum.notOpen");

    const before = row.content as RfqDraft;
    const merged = { ...before, ...input.changes };
    const problems: (PublishProblem | FixedTermProblem)[] = checkPublishable(merged, now).filter((p) => p.severity === "error");
    const complete = rfqSchema.safeParse(merged);
    const draft = rfqDraftSchema.safeParse(merged);
    const invited = complete.success ? await filterVendorOrgIds(trx, complete.data.invitedVendorIds) : [];
    if (complete.success && invited.length !== complete.data.invitedVendorIds.length) {
      problems.push({ path: ["invitedVendorIds"], key: "rfq.invitedVendorIds.unknown", severity: "error" });
    }
    if (complete.success) {
      // Sealed/open never changes after first publication and the deadline is extend-only: otherwise an
      // addendum could open the sealed bids early. Vendors also planned around the announced deadline.
      problems.push(...fixedTermProblems({ status: row.status, sealed: row.sealed, quoteDeadline: row.quote_deadline }, complete.data));
    }
    if (problems.length > 0 || !complete.success || !draft.success) return failure.invalid({ problems: inWords(problems, merged) }, "rfq.publish.incomplete");

    const rfq = complete.data;
    // An addendum that changes nothing would publish an identical version and notify every bidder about
    // nothing: refused here, for the API as for the page (which compares before calling this).
    const latest = row.current_version > 0 ? await findRfqVersion(trx, rfqId, row.current_version) : undefined;
    const version = row.current_version + 1;
    // Files added, replaced or removed since the last version go out with this one, listed in its summary.
    const attachments = await attachmentChangesOfAddendum(trx, rfqId, version, actor.userId, input.changeSummary);
    if (latest && sameJson(latest.content, rfq) && attachments.changes.length === 0) return failure.conflict("rfq.addendum.noChanges");
    const changeSummary = attachments.summary;
    const previouslyInvited = new Set(await listInvitedVendorOrgIds(trx, rfqId));
    // The working copy keeps the draft shape (as typed); the version freezes the complete RFQ.
    await updateRfqWorkingCopy(trx, buyerOrg.id, rfqId, { title: rfq.title, category: rfq.category, content: draft.data, now });
    await insertRfqVersion(trx, { rfqId, version, content: rfq, changeSummary, createdBy: actor.userId, at: now });
    await markRfqPublished(trx, rfqId, {
      version,
      deadline: rfq.quoteDeadline,
      sealed: rfq.sealed,
      visibility: rfq.visibility,
      title: rfq.title,
      category: rfq.category,
      now,
      firstPublication: false,
    });
    await replaceRfqInvitations(trx, rfqId, invited);
    const changedKeys = Object.keys(input.changes);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyerOrg.id,
      action: "rfq.addendum",
      entityType: "rfq",
      entityId: rfqId,
      before: {
        version: row.current_version,
        quoteDeadline: row.quote_deadline,
        // What the bidders had before this addendum: the last published version (the working copy may already
        // hold edits saved before publishing, which would make before and after read the same).
        changes: Object.fromEntries(
          changedKeys.map((k) => [k, (latest?.content as Record<string, unknown> | undefined)?.[k] ?? before[k as keyof RfqDraft] ?? null]),
        ),
      },
      after: { version, quoteDeadline: rfq.quoteDeadline, changeSummary, changes: input.changes },
    });
    await enqueueOutbox(trx, "rfq", rfqId);
    // Vendors invited by this addendum have never seen the RFQ: they get an invitation, not an addendum notice.
    const newlyInvited = invited.filter((id) => !previouslyInvited.has(id));
    const invitees = new Set((await Promise.all(newlyInvited.map((orgId) => listOrgUserIds(trx, orgId)))).flat());
    const bidders = (await listBidderUserIds(trx, rfqId)).filter((userId) => !invitees.has(userId));
    await notifyUsers(trx, bidders, "rfq.addendum", { rfqId, title: rfq.title, version, changeSummary }, now);
    await notifyUsers(trx, [...invitees], "rfq.invited", { rfqId, title: rfq.title }, now);
    return { ok: true, version, quoteDeadline: rfq.quoteDeadline };
  });
  if (result.ok) ctx.kickIndexer();
  return result;
}
