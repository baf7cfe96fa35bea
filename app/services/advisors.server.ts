import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import {
  changeAdvisorNote,
  findAdvisorNoteForUpdate,
  findCurrentRecommendation,
  insertAdvisorNote,
  listAdvisorNoteRevisions,
  listAdvisorNotes,
  lockAdvisorAssignment,
} from "../../db/queries/advisor-notes";
import { notifyUsers } from "../../db/queries/notifications";
import { findOpenedQuoteIdForAdvisor } from "../../db/queries/quotes";
import { findRfqForBuyer, listOrgUserIds } from "../../db/queries/rfqs";
import { AdvisorNoteEditSchema, AdvisorNoteSchema, AssignAdvisorSchema } from "~/domain/advisors/schema";
import { can, type Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor } from "~/utils/service-failure";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import {
  deleteRfqAdvisor,
  findAdvisoryOrganization,
  findRfqForAdvisor,
  insertRfqAdvisor,
  listAdvisorOrgIdsOfRfq,
  listAdvisorsOfRfqForBuyer,
  listAdvisoryOrganizations,
} from "../../db/queries/rfq-advisors";

// Advisors on an RFQ: the buyer assigns and removes advisory organisations (each change one
// transaction with its audit row and, on assignment, the advisor's in-app notifications); assigned
// advisors write notes on the comparison that the buyer and the RFQ's advisors read. Nothing here
// changes a search document, so there is no outbox row. Ids of RFQs the caller may not see answer 404.

const fieldIssue = (path: string, message: string, input: unknown): core.$ZodIssue => ({ code: "custom", path: [path], message, input });

/** The buyer's own RFQ when the policy lets it manage advisors, else undefined (→ 404). */
async function rfqForAssigning(ctx: AppContext, actor: Actor, rfqId: string) {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(rfqId)) return undefined;
  const row = await findRfqForBuyer(ctx.db, buyer.org.id, rfqId);
  return row && can(actor, "rfq:assignAdvisor", rfqResource(row)) ? { ...row, buyerOrgId: buyer.org.id } : undefined;
}

/** The RFQ as a notes reader sees it (buyer or assigned advisor), with the advisors the policy needs. */
async function rfqForNotes(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || !isRowId(rfqId)) return undefined;
  if (actor.org.kind === "buyer") {
    const row = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
    return row ? { row, org: actor.org, resource: rfqResource(row, [], await listAdvisorOrgIdsOfRfq(ctx.db, rfqId)) } : undefined;
  }
  if (actor.org.kind === "advisory") {
    const row = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
    return row ? { row, org: actor.org, resource: rfqResource(row, [], [actor.org.id]) } : undefined;
  }
  return undefined;
}

/** The advisors section of the buyer's RFQ page: who is assigned, and whom it could still assign. */
export async function advisorsForBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  const rfq = await rfqForAssigning(ctx, actor, rfqId);
  if (!rfq) return null;
  const [assigned, advisory] = await Promise.all([listAdvisorsOfRfqForBuyer(ctx.db, rfq.buyerOrgId, rfqId), listAdvisoryOrganizations(ctx.db)]);
  const taken = new Set(assigned.map((a) => a.advisor_org_id));
  return { assigned, available: advisory.filter((o) => !taken.has(o.id)) };
}

export async function assignAdvisor(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const rfq = await rfqForAssigning(ctx, actor, rfqId);
  if (!rfq) return failure.notFound();
  const parsed = AssignAdvisorSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const advisor = await findAdvisoryOrganization(ctx.db, parsed.data.advisorOrgId);
  if (!advisor) return failure.invalid({ issues: [fieldIssue("advisorOrgId", "advisors.assign.unknown", parsed.data.advisorOrgId)] });
  const now = ctx.clock.now();
  const assigned = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertRfqAdvisor(trx, { rfqId, advisorOrgId: advisor.id, assignedBy: actor.userId, at: now }))) return false;
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: rfq.buyerOrgId,
      action: "rfq.advisor.assign",
      entityType: "rfq",
      entityId: rfqId,
      after: { advisorOrgId: advisor.id, advisorName: advisor.name },
    });
    await notifyUsers(trx, await listOrgUserIds(trx, advisor.id), "rfq.advisorAssigned", { rfqId, title: rfq.title }, now);
    return true;
  });
  if (!assigned) return failure.conflict("advisors.assign.already");
  return { ok: true, advisor: { id: advisor.id, name: advisor.name, assignedAt: now } } as const;
}

export async function removeAdvisor(ctx: AppContext, actor: Actor, rfqId: string, advisorOrgId: string) {
  const rfq = await rfqForAssigning(ctx, actor, rfqId);
  if (!rfq || !isRowId(advisorOrgId)) return failure.notFound();
  // Their notes stay: they are advice the buyer received, and the buyer still reads them.
  const removed = await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteRfqAdvisor(trx, rfq.buyerOrgId, rfqId, advisorOrgId))) return false;
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: rfq.buyerOrgId,
      action: "rfq.advisor.remove",
      entityType: "rfq",
      entityId: rfqId,
      before: { advisorOrgId },
    });
    return true;
  });
  return removed ? ({ ok: true } as const) : failure.notFound();
}

/**
 * The notes of an RFQ for its buyer or an assigned advisor (null → 404), with what the comparison page
 * may offer this reader: writing a note (assigned advisors) and saving what-if weights (the buyer).
 */
export async function advisorNotesFor(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForNotes(ctx, actor, rfqId);
  if (!found || !can(actor, "advisorNote:read", found.resource)) return null;
  const rows = await listAdvisorNotes(ctx.db, { kind: found.org.kind as "buyer" | "advisory", orgId: found.org.id }, rfqId);
  const revisions = await listAdvisorNoteRevisions(
    ctx.db,
    rows.map((n) => n.id),
  );
  const canWrite = can(actor, "advisorNote:write", found.resource);
  // A recommendation is current until its advisor withdraws it or recommends again; the author may
  // edit or withdraw its own notes while it is assigned.
  const notes = rows.map(({ created_by, ...n }) => ({
    ...n,
    current: n.recommends && !n.withdrawn_at && !n.superseded_at,
    mine: canWrite && created_by === actor.userId && !n.withdrawn_at,
    revisions: revisions.filter((r) => r.note_id === n.id).map(({ note_id: _, ...r }) => r),
  }));
  return { notes, canWrite, canSaveWeights: can(actor, "rfq:edit", found.resource) };
}

/**
 * An assigned advisor's note. Field errors (empty or too long a text, a quote that is not an opened offer
 * of this RFQ, a recommendation without a quote) come back all at once and nothing is written. A note
 * needs no opened quotes unless it names one: advisors may already comment while the buyer drafts.
 */
export async function addAdvisorNote(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const found = await rfqForNotes(ctx, actor, rfqId);
  if (!found || !can(actor, "advisorNote:write", found.resource)) return failure.notFound();
  const parsed = AdvisorNoteSchema.safeParse(input);
  const issues: core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  // The quote is checked even when the text is wrong, so every field's error comes back at once.
  const quote = AdvisorNoteSchema.shape.quoteId.safeParse((input as { quoteId?: unknown } | null)?.quoteId);
  const quoteId = quote.success ? (quote.data ?? null) : null;
  const now = ctx.clock.now();
  if (quoteId && !(await findOpenedQuoteIdForAdvisor(ctx.db, found.org.id, rfqId, quoteId, now)))
    issues.push(fieldIssue("quoteId", "advisors.note.quoteUnknown", quoteId));
  if (!parsed.success || issues.length > 0) return failure.invalid({ issues });
  const note = await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockAdvisorAssignment(trx, rfqId, found.org.id))) return null;
    // One current recommendation per advisory organisation and RFQ: a new one replaces it (kept as history).
    const replaced = parsed.data.recommends ? await findCurrentRecommendation(trx, rfqId, found.org.id) : undefined;
    if (replaced) await changeAdvisorNote(trx, replaced, { kind: "supersede" }, actor.userId, now);
    const inserted = await insertAdvisorNote(trx, {
      rfqId,
      advisorOrgId: found.org.id,
      quoteId,
      recommends: parsed.data.recommends,
      body: parsed.data.body,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: found.org.id,
      action: "advisor_note.create",
      entityType: "advisor_note",
      entityId: inserted.id,
      after: { rfqId, quoteId, recommends: inserted.recommends, replaces: replaced?.id ?? null },
    });
    await notifyUsers(trx, await listOrgUserIds(trx, found.row.buyer_org_id), "rfq.advisorNote", { rfqId, title: found.row.title }, now);
    return inserted;
  });
  if (!note) return failure.notFound();
  return { ok: true, note } as const;
}

/**
 * Its author edits a note's text or withdraws the note; the state before is kept as a revision the
 * buyer reads ("edited", "withdrawn"). Other members of the advisory organisation read the note but
 * get 403; a withdrawn note cannot change again (409). One transaction with its audit row.
 */
async function changeOwnNote(ctx: AppContext, actor: Actor, rfqId: string, noteId: string, change: { kind: "edit"; body: string } | { kind: "withdraw" }) {
  const found = await rfqForNotes(ctx, actor, rfqId);
  if (!found || !can(actor, "advisorNote:write", found.resource) || !isRowId(noteId)) return failure.notFound();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockAdvisorAssignment(trx, rfqId, found.org.id))) return failure.notFound();
    const note = await findAdvisorNoteForUpdate(trx, found.org.id, rfqId, noteId);
    if (!note) return failure.notFound();
    if (note.created_by !== actor.userId) return failure.forbidden();
    if (note.withdrawn_at) return failure.conflict("advisors.note.alreadyWithdrawn");
    if (change.kind === "edit" && change.body === note.body) return { ok: true, note } as const;
    const changed = await changeAdvisorNote(trx, note, change, actor.userId, now);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: found.org.id,
      action: change.kind === "edit" ? "advisor_note.edit" : "advisor_note.withdraw",
      entityType: "advisor_note",
      entityId: note.id,
      after: { rfqId, recommends: note.recommends },
    });
    return { ok: true, note: changed } as const;
  });
}

export async function editAdvisorNote(ctx: AppContext, actor: Actor, rfqId: string, noteId: string, input: unknown) {
  const parsed = AdvisorNoteEditSchema.safeParse(input);
  if (!parsed.success) {
    // An outsider learns nothing from a validation error: the note must be theirs to see it.
    const found = await rfqForNotes(ctx, actor, rfqId);
    if (!found || !can(actor, "advisorNote:write", found.resource)) return failure.notFound();
    return failure.invalid({ issues: parsed.error.issues });
  }
  return changeOwnNote(ctx, actor, rfqId, noteId, { kind: "edit", body: parsed.data.body });
}

export function withdrawAdvisorNote(ctx: AppContext, actor: Actor, rfqId: string, noteId: string) {
  return changeOwnNote(ctx, actor, rfqId, noteId, { kind: "withdraw" });
}
