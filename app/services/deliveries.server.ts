import type { Kysely } from "kysely";
import { writeAudit } from "../../db/queries/audit";
import { findContractCategory, listActiveContractsWithContent, lockContract } from "../../db/queries/contracts";
import {
  asRound,
  claimDeliveryReminder,
  decideDelivery,
  findDeliveryById,
  findDeliveryFile,
  insertDelivery,
  insertDeliveryFile,
  listDeemedCandidates,
  listDeliveriesOfContract,
  listDeliveryFiles,
  listRoundsOfMilestone,
  listWindowClosing,
  roundsByMilestone,
  updateInspectionTerms,
} from "../../db/queries/deliveries";
import { recordEvidence } from "../../db/queries/evidence-events";
import { listOrgContacts } from "../../db/queries/invoice-reminders";
import { insertAcceptance } from "../../db/queries/invoices";
import { notifyUsers, type NotificationKind } from "../../db/queries/notifications";
import type { Database } from "../../db/schema";
import { addCalendarDays } from "~/domain/calendar/japan-business-days";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import type { BuyerKind } from "~/domain/contracts/legal-deadlines";
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_BYTES, isAttachmentType } from "~/domain/attachments/files";
import {
  acceptanceFacts,
  deemedAcceptanceDue,
  DELIVERY_FILES_MAX,
  DeliveryInput,
  inspectionWindowEnd,
  InspectionInput,
  InspectionTermsInput,
  milestoneDeliveryState,
  owesDelivery,
  vendorReminderKind,
  windowClosingSoon,
  type MilestoneDeliveryState,
} from "~/domain/deliveries/deliveries";
import { downloadName } from "~/domain/download-name";
import type { Actor } from "~/domain/permissions";
import { isLocale, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { formatDate, tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { checkAttachmentUpload, type CheckedAttachment } from "./attachments.server";
import { contractForParty, type ContractForParty } from "./contracts.server";
import { readFilesForm, readStoredFile, writeWithFiles, type FileUpload } from "./file-store.server";
import { notificationMail, type Mail } from "./mail.server";

// Deliveries and 検収 (issue 17 item 1; decision 0039). The vendor delivers a milestone of an ACTIVE contract in
// numbered rounds; the buyer accepts within the inspection window or rejects with a reason (one revision round);
// with the contract's deemed-acceptance clause, silence past the window is recorded as accepted on its last day by
// the daily job. Accepting — by the buyer or deemed — is ONE transaction: the delivery's decision, the
// milestone_acceptances row invoicing requires, the audit row, the notifications and the track record's facts
// (recordEvidence: on_time_rate and revision_rounds, with the `vendor` outbox row). Every write locks the contract,
// so two inspections (or an inspection and the job) cannot both decide one delivery. Files are attachments: the
// same checks (checkAttachmentUpload) and the same store (file-store.server.ts, area "attachments").

type Db = Kysely<Database>;
type ContractRowT = NonNullable<Awaited<ReturnType<typeof lockContract>>>;

const issue = (path: (string | number)[], message: string) => ({ code: "custom" as const, path, message, input: undefined });
const invalidAt = (path: (string | number)[], key: AnyMessageKey) => failure.invalid({ issues: [issue(path, key) as never] });

// ——— Reading ———————————————————————————————————————————————————————————————————————————————

export type DeliveryFileView = { id: string; name: string; mime: string; size: number };

function roundView(
  row: Awaited<ReturnType<typeof listDeliveriesOfContract>>[number],
  files: readonly { id: string; delivery_id: string; name: string; mime: string; size: number }[],
) {
  return {
    id: row.id,
    round: row.round,
    status: row.status,
    note: row.note,
    links: row.links,
    submittedOn: row.submitted_on,
    submittedAt: new Date(row.submitted_at).toISOString(),
    submittedByName: row.submitted_by_name,
    windowEndsOn: row.window_ends_on,
    decidedOn: row.decided_on,
    decidedByName: row.decided_by_name,
    deemed: row.deemed,
    rejectionReason: row.rejection_reason,
    files: files.filter((f) => f.delivery_id === row.id).map((f): DeliveryFileView => ({ id: f.id, name: f.name, mime: f.mime, size: f.size })),
  };
}
export type DeliveryRoundView = ReturnType<typeof roundView>;

async function deliveriesOf(ctx: AppContext, party: ContractForParty) {
  const today = tokyoDateString(ctx.clock.now());
  const rows = await listDeliveriesOfContract(ctx.db, party.row.id);
  const files = await listDeliveryFiles(
    ctx.db,
    rows.map((r) => r.id),
  );
  const active = party.row.status === "active";
  const milestones = party.content.milestonePlan.milestones.map((m, index) => {
    const mine = rows.filter((r) => r.milestone_index === index);
    const state = milestoneDeliveryState(mine.map(asRound), m.dueDate, today);
    return {
      index,
      name: m.name,
      dueDate: m.dueDate,
      state,
      rounds: mine.map((r) => roundView(r, files)),
      canDeliver: active && party.side === "vendor" && owesDelivery(state),
      canInspect: active && party.side === "buyer" && state.kind === "awaiting_inspection",
    };
  });
  return {
    side: party.side,
    contractId: party.row.id,
    contractHref: party.contractHref,
    active,
    today,
    terms: { inspectionDays: party.row.inspection_days, deemedAcceptance: party.row.deemed_acceptance },
    milestones,
  };
}
export type DeliveriesPage = Awaited<ReturnType<typeof deliveriesOf>>;

/** The deliveries of a contract for either party (the page and the API); 404 for anyone else. */
export async function contractDeliveries(ctx: AppContext, actor: Actor, contractId: string): Promise<({ ok: true } & DeliveriesPage) | ServiceFailure> {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party) return failure.notFound();
  return { ok: true, ...(await deliveriesOf(ctx, party)) };
}

// ——— Delivering ——————————————————————————————————————————————————————————————————————————

/** The delivery form's body (multipart): its fields and up to DELIVERY_FILES_MAX files under `files`. */
export function readDeliveryForm(request: Request) {
  return readFilesForm(request, "files", MAX_ATTACHMENT_BYTES, DELIVERY_FILES_MAX);
}

/** Every uploaded file checked like an attachment; the problems at `files` (one message per problem). */
export function checkDeliveryUploads(uploads: readonly FileUpload[]): { ok: true; files: CheckedAttachment[] } | { ok: false; keys: AnyMessageKey[] } {
  if (uploads.length > DELIVERY_FILES_MAX) return { ok: false, keys: ["deliveries.files.tooMany"] };
  const files: CheckedAttachment[] = [];
  const keys = new Set<AnyMessageKey>();
  for (const upload of uploads) {
    const checked = checkAttachmentUpload(upload);
    if (checked.ok) files.push(checked.file);
    else checked.keys.forEach((k) => keys.add(k));
  }
  return keys.size > 0 ? { ok: false, keys: [...keys] } : { ok: true, files };
}

const auditFile = (f: { id: string; name: string; mime: string; size: number }) => ({ id: f.id, name: f.name, type: f.mime, size: f.size });

/**
 * The vendor delivers milestone `milestoneIndex`: round n+1, its window's last day fixed now. 404 for a
 * non-party, 403 for the buyer; 409 on a contract not active, while a delivery awaits inspection, after acceptance.
 */
export async function submitDelivery(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  input: unknown,
  files: readonly CheckedAttachment[] = [],
): Promise<{ ok: true; delivery: { id: string; round: number; windowEndsOn: string; milestoneIndex: number } } | ServiceFailure> {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party) return failure.notFound();
  if (party.side !== "vendor") return failure.forbidden();
  const parsed = DeliveryInput.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  if (files.length > DELIVERY_FILES_MAX) return failure.invalid({ fieldErrors: { files: ["deliveries.files.tooMany"] } });
  const { milestoneIndex, note, links } = parsed.data;
  const now = ctx.clock.now();
  const today = tokyoDateString(now);
  const buyerMembers = await listOrgContacts(ctx.db, party.row.buyer_org_id);
  return writeWithFiles(ctx, "attachments", party.row.vendor_org_id, files, async (trx, stored) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "active") return failure.conflict("deliveries.contract.notActive");
    const content = (await currentContent(trx, row)).content;
    const milestone = content.milestonePlan.milestones[milestoneIndex];
    if (!milestone) return invalidAt(["milestoneIndex"], "deliveries.milestone.invalid");
    const rounds = (await listRoundsOfMilestone(trx, contractId, milestoneIndex)).map(asRound);
    const state = milestoneDeliveryState(rounds, milestone.dueDate, today);
    if (state.kind === "awaiting_inspection") return failure.conflict("deliveries.pending");
    if (state.kind === "accepted") return failure.conflict("deliveries.alreadyAccepted");
    const windowEndsOn = inspectionWindowEnd(content.buyerKind as BuyerKind, today, milestone.inspectionDays, row.inspection_days);
    const delivery = await insertDelivery(trx, {
      contractId,
      buyerOrgId: row.buyer_org_id,
      vendorOrgId: row.vendor_org_id,
      milestoneIndex,
      round: rounds.length + 1,
      note,
      links,
      submittedOn: today,
      windowEndsOn,
      submittedBy: actor.userId,
      at: now,
    });
    const saved = [];
    for (const s of stored) saved.push(await insertDeliveryFile(trx, { deliveryId: delivery.id, vendorOrgId: row.vendor_org_id, ...s, at: now }));
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: row.vendor_org_id,
      action: "delivery.submit",
      entityType: "contract",
      entityId: contractId,
      after: { deliveryId: delivery.id, milestoneIndex, round: delivery.round, windowEndsOn, links: links.length, files: saved.map(auditFile) },
    });
    await notifyUsers(
      trx,
      buyerMembers.map((m) => m.id),
      "delivery.submitted",
      { rfqId: row.rfq_id, href: `/contracts/${row.id}/deliveries`, title: milestone.name },
      now,
    );
    return { ok: true as const, delivery: { id: delivery.id, round: delivery.round, windowEndsOn, milestoneIndex } };
  });
}

async function currentContent(db: Db, row: ContractRowT) {
  const version = await db
    .selectFrom("contract_versions")
    .select("content")
    .where("contract_id", "=", row.id)
    .where("version", "=", row.current_version)
    .executeTakeFirstOrThrow();
  return { content: version.content as ContractContent };
}

// ——— Inspecting ——————————————————————————————————————————————————————————————————————————

/**
 * Accepts a pending delivery inside `trx` (the contract locked by the caller): the decision, the milestone's
 * acceptance row, the audit row (a deemed acceptance has the system as actor), the notices and the facts.
 * Returns false when the milestone was already accepted (nothing written).
 */
async function acceptInTrx(
  trx: Db,
  a: {
    row: ContractRowT;
    content: ContractContent;
    deliveryId: string;
    milestoneIndex: number;
    acceptedOn: string;
    by: string | null;
    deemed: boolean;
    now: Date;
  },
): Promise<boolean> {
  const milestone = a.content.milestonePlan.milestones[a.milestoneIndex]!;
  const rounds = await listRoundsOfMilestone(trx, a.row.id, a.milestoneIndex);
  const delivery = rounds.find((r) => r.id === a.deliveryId)!;
  const decided = await decideDelivery(trx, {
    deliveryId: a.deliveryId,
    status: "accepted",
    decidedOn: a.acceptedOn,
    decidedBy: a.by,
    deemed: a.deemed,
    reason: null,
    at: a.now,
  });
  if (!decided) return false;
  const inserted = await insertAcceptance(trx, {
    contractId: a.row.id,
    contractVersion: a.row.current_version,
    milestoneIndex: a.milestoneIndex,
    acceptedOn: a.acceptedOn,
    acceptedBy: a.by,
    at: a.now,
  });
  if (!inserted) throw new AlreadyAccepted();
  const rejectionsBefore = rounds.filter((r) => r.status === "rejected" && r.round < delivery.round).length;
  await writeAudit(trx, {
    actorUserId: a.by,
    actorOrgId: a.by ? a.row.buyer_org_id : null,
    action: "milestone.accept",
    entityType: "contract",
    entityId: a.row.id,
    after: {
      milestoneIndex: a.milestoneIndex,
      contractVersion: a.row.current_version,
      acceptedOn: a.acceptedOn,
      deliveryId: a.deliveryId,
      round: delivery.round,
      deemed: a.deemed,
    },
  });
  const category = await findContractCategory(trx, a.row.id);
  await recordEvidence(
    trx,
    acceptanceFacts({ submittedOn: delivery.submitted_on, dueDate: milestone.dueDate, rejectionsBefore }).map((f) => ({
      ...f,
      vendorOrgId: a.row.vendor_org_id,
      buyerOrgId: a.row.buyer_org_id,
      contractId: a.row.id,
      category,
      observedOn: a.acceptedOn,
      source: "delivery" as const,
      sourceId: a.deliveryId,
    })),
  );
  const [buyers, vendors] = await Promise.all([listOrgContacts(trx, a.row.buyer_org_id), listOrgContacts(trx, a.row.vendor_org_id)]);
  const kind: NotificationKind = a.deemed ? "delivery.deemedAccepted" : "delivery.accepted";
  await notifyUsers(
    trx,
    [...vendors, ...(a.deemed ? buyers : [])].map((m) => m.id),
    kind,
    { rfqId: a.row.rfq_id, href: `/contracts/${a.row.id}/deliveries`, title: milestone.name },
    a.now,
  );
  return true;
}

/** Thrown inside a transaction to roll back a decision whose milestone turned out to be accepted already. */
class AlreadyAccepted extends Error {}

async function rollbackIfAccepted<T>(run: () => Promise<T>): Promise<T | ServiceFailure> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AlreadyAccepted) return failure.conflict("deliveries.alreadyAccepted");
    throw e;
  }
}

/**
 * The buyer inspects a delivery: accept (on `acceptedOn`, default today: not before the delivery, not after today)
 * or reject with a reason. 404 for a non-party or an unknown delivery, 403 for the vendor; 409 when the delivery
 * is no longer pending, or — with the deemed-acceptance clause — a rejection after the window (the delivery is
 * deemed accepted; an acceptance then is recorded as the deemed one, on the window's last day).
 */
export async function inspectDelivery(
  ctx: AppContext,
  actor: Actor,
  deliveryId: string,
  input: unknown,
): Promise<{ ok: true; decision: "accept" | "reject"; acceptedOn: string | null; deemed: boolean; contractId: string } | ServiceFailure> {
  if (!isRowId(deliveryId)) return failure.notFound();
  const found = await findDeliveryById(ctx.db, deliveryId);
  if (!found) return failure.notFound();
  const party = await contractForParty(ctx, actor, found.contract_id);
  if (!party) return failure.notFound();
  if (party.side !== "buyer") return failure.forbidden();
  const parsed = InspectionInput.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const decision = parsed.data;
  const now = ctx.clock.now();
  const today = tokyoDateString(now);
  return rollbackIfAccepted(() =>
    ctx.db.transaction().execute(async (trx) => {
      const row = (await lockContract(trx, found.contract_id))!;
      if (row.status !== "active") return failure.conflict("deliveries.contract.notActive");
      const delivery = (await findDeliveryById(trx, deliveryId))!;
      if (delivery.status !== "pending") return failure.conflict("deliveries.notPending");
      const { content } = await currentContent(trx, row);
      const pastWindow = deemedAcceptanceDue(delivery.window_ends_on, today);
      if (decision.decision === "reject") {
        if (row.deemed_acceptance && pastWindow) return failure.conflict("deliveries.window.deemed");
        await decideDelivery(trx, {
          deliveryId,
          status: "rejected",
          decidedOn: today,
          decidedBy: actor.userId,
          deemed: false,
          reason: decision.reason,
          at: now,
        });
        await writeAudit(trx, {
          actorUserId: actor.userId,
          actorOrgId: row.buyer_org_id,
          action: "delivery.reject",
          entityType: "contract",
          entityId: row.id,
          after: { deliveryId, milestoneIndex: delivery.milestone_index, round: delivery.round, reason: decision.reason },
        });
        const vendors = await listOrgContacts(trx, row.vendor_org_id);
        await notifyUsers(
          trx,
          vendors.map((m) => m.id),
          "delivery.rejected",
          {
            rfqId: row.rfq_id,
            href: `/contracts/${row.id}/deliveries`,
            title: content.milestonePlan.milestones[delivery.milestone_index]?.name ?? "",
            reason: decision.reason,
          },
          now,
        );
        return { ok: true as const, decision: "reject" as const, acceptedOn: null, deemed: false, contractId: row.id };
      }
      const deemed = row.deemed_acceptance && pastWindow;
      const acceptedOn = deemed ? delivery.window_ends_on : (decision.acceptedOn ?? today);
      if (acceptedOn > today || acceptedOn < delivery.submitted_on) return invalidAt(["acceptedOn"], "deliveries.acceptedOn.invalid");
      const done = await acceptInTrx(trx, {
        row,
        content,
        deliveryId,
        milestoneIndex: delivery.milestone_index,
        acceptedOn,
        by: deemed ? null : actor.userId,
        deemed,
        now,
      });
      if (!done) return failure.conflict("deliveries.notPending");
      return { ok: true as const, decision: "accept" as const, acceptedOn, deemed, contractId: row.id };
    }),
  );
}

/**
 * 検収 of a milestone by index (the invoices' one-click path, its API and page): accepts the delivery awaiting
 * inspection. 409 when there is none (the vendor must deliver first) or the milestone is already accepted.
 */
export async function acceptPendingDelivery(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  milestoneIndex: number,
  acceptedOn: string | undefined,
): Promise<{ ok: true; acceptedOn: string } | ServiceFailure> {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party || party.side !== "buyer") return failure.notFound();
  if (party.row.status !== "active") return failure.conflict("invoices.contract.notActive");
  if (milestoneIndex >= party.content.milestonePlan.milestones.length) return failure.notFound();
  const rounds = await listRoundsOfMilestone(ctx.db, contractId, milestoneIndex);
  if (rounds.some((r) => r.status === "accepted")) return failure.conflict("invoices.acceptance.already");
  const pending = rounds.find((r) => r.status === "pending");
  if (!pending) return failure.conflict("deliveries.acceptance.noDelivery");
  const done = await inspectDelivery(ctx, actor, pending.id, { decision: "accept", ...(acceptedOn ? { acceptedOn } : {}) });
  if (!done.ok) return done;
  return { ok: true, acceptedOn: done.acceptedOn! };
}

// ——— The contract's inspection terms ———————————————————————————————————————————————————————

/** The buyer sets the inspection window and the deemed-acceptance clause while the contract is a draft. */
export async function saveInspectionTerms(ctx: AppContext, actor: Actor, contractId: string, input: unknown): Promise<{ ok: true } | ServiceFailure> {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party || party.side !== "buyer") return failure.notFound();
  const parsed = InspectionTermsInput.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "draft") return failure.conflict("deliveries.terms.notDraft");
    await updateInspectionTerms(trx, contractId, { ...parsed.data, at: ctx.clock.now() });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: row.buyer_org_id,
      action: "contract.inspectionTerms",
      entityType: "contract",
      entityId: contractId,
      before: { inspectionDays: row.inspection_days, deemedAcceptance: row.deemed_acceptance },
      after: parsed.data,
    });
    return { ok: true as const };
  });
}

// ——— Files ————————————————————————————————————————————————————————————————————————————————

/** One file of a delivery for either party (audited download), or null → 404. */
export async function readDeliveryFile(ctx: AppContext, actor: Actor, contractId: string, fileId: string, via: "page" | "api" = "page") {
  if (!isRowId(fileId)) return null;
  const party = await contractForParty(ctx, actor, contractId);
  if (!party) return null;
  const row = await findDeliveryFile(ctx.db, contractId, fileId);
  if (!row) return null;
  const bytes = await readStoredFile(ctx, "attachments", row.path);
  if (!bytes) return null;
  await writeAudit(ctx.db, {
    actorUserId: actor.userId,
    actorOrgId: party.actor.orgId,
    action: "delivery.file.download",
    entityType: "contract",
    entityId: contractId,
    after: { ...auditFile(row), deliveryId: row.delivery_id, via },
  });
  const type = isAttachmentType(row.mime) ? row.mime : null;
  return {
    bytes,
    name: type ? downloadName(row.name, ATTACHMENT_EXTENSIONS[type], "delivery") : "delivery.bin",
    mime: type ?? "application/octet-stream",
  };
}

// ——— The daily job: deemed acceptance and reminders ————————————————————————————————————————————

export type DeliveryJobDeps = Pick<AppContext, "db"> & Partial<Pick<AppContext, "mailer" | "env">>;

/**
 * Records every deemed acceptance due today (a pending delivery past its window on a contract with the clause), each
 * on its window's last day, in its own transaction under the contract's lock. Safe to run again: a decided delivery
 * is skipped. Returns the deliveries it accepted.
 */
export async function runDeemedAcceptances(deps: Pick<AppContext, "db">, now: Date): Promise<{ accepted: string[] }> {
  const today = tokyoDateString(now);
  const accepted: string[] = [];
  for (const candidate of await listDeemedCandidates(deps.db, today)) {
    const done = await rollbackIfAccepted(() =>
      deps.db.transaction().execute(async (trx) => {
        const row = await lockContract(trx, candidate.contract_id);
        if (!row || row.status !== "active" || !row.deemed_acceptance) return false;
        const delivery = await findDeliveryById(trx, candidate.id);
        if (!delivery || delivery.status !== "pending" || !deemedAcceptanceDue(delivery.window_ends_on, today)) return false;
        const { content } = await currentContent(trx, row);
        return acceptInTrx(trx, {
          row,
          content,
          deliveryId: delivery.id,
          milestoneIndex: delivery.milestone_index,
          acceptedOn: delivery.window_ends_on,
          by: null,
          deemed: true,
          now,
        });
      }),
    );
    if (done === true) accepted.push(candidate.id);
  }
  return { accepted };
}

interface PendingMail {
  to: string;
  name: string;
  locale: Locale;
  kind: "due_soon" | "overdue" | "window_closing";
  params: { contract: string; milestone: string; date: string; link: string };
}

const REMINDER_NOTICE: Record<PendingMail["kind"], NotificationKind> = {
  due_soon: "delivery.dueSoon",
  overdue: "delivery.overdue",
  window_closing: "delivery.windowClosing",
};

/** A reminder mail in the member's language (decision 0054). */
export function deliveryReminderMail(m: PendingMail): Mail {
  return notificationMail(m.to, m.locale, `mail.delivery.${m.kind}.subject`, `mail.delivery.${m.kind}.body`, (l) => ({
    name: m.name,
    contract: m.params.contract,
    milestone: m.params.milestone,
    date: formatDate(m.params.date, l),
    link: m.params.link,
  }));
}

/**
 * Today's reminders, each sent once (claimed by its delivery_reminders row in the transaction that notifies and
 * audits): to the vendor a milestone it still owes, due within 3 business days ("due_soon") or past due
 * ("overdue"); to the buyer a delivery whose inspection window ends tomorrow or today. Mails queued with the claim.
 */
export async function sendDeliveryReminders(
  deps: DeliveryJobDeps,
  now: Date,
): Promise<{ sent: { kind: string; contractId: string; milestoneIndex: number }[] }> {
  const today = tokyoDateString(now);
  const origin = deps.env ? appOrigin(deps.env) : "";
  const sent: { kind: string; contractId: string; milestoneIndex: number }[] = [];

  const remind = async (r: {
    contractId: string;
    milestoneIndex: number;
    kind: PendingMail["kind"];
    subject: string;
    orgId: string;
    rfqId: string;
    title: string;
    milestone: string;
    date: string;
    link: string;
  }) => {
    const members = await deps.db.transaction().execute(async (trx) => {
      const claimed = await claimDeliveryReminder(trx, {
        contractId: r.contractId,
        milestoneIndex: r.milestoneIndex,
        kind: r.kind,
        subject: r.subject,
        at: now,
      });
      if (!claimed) return null;
      const contacts = await listOrgContacts(trx, r.orgId);
      await notifyUsers(
        trx,
        contacts.map((m) => m.id),
        REMINDER_NOTICE[r.kind],
        { rfqId: r.rfqId, href: `/contracts/${r.contractId}/deliveries`, title: r.milestone },
        now,
      );
      await writeAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "delivery.reminder",
        entityType: "contract",
        entityId: r.contractId,
        after: { kind: r.kind, milestoneIndex: r.milestoneIndex, date: r.date, mailedTo: contacts.map((m) => m.email) },
      });
      // Queued with the claim (decision 0054): the mails exist iff the reminder is claimed; the mail job delivers.
      const mailer = deps.mailer;
      if (mailer)
        for (const m of contacts)
          await mailer.send(
            deliveryReminderMail({
              to: m.email,
              name: m.name,
              locale: isLocale(m.locale) ? m.locale : "ja",
              kind: r.kind,
              params: { contract: r.title, milestone: r.milestone, date: r.date, link: r.link },
            }),
            { trx },
          );
      return contacts;
    });
    if (!members) return;
    sent.push({ kind: r.kind, contractId: r.contractId, milestoneIndex: r.milestoneIndex });
  };

  const contracts = await listActiveContractsWithContent(deps.db);
  const rounds = await roundsByMilestone(
    deps.db,
    contracts.map((c) => c.id),
  );
  for (const c of contracts) {
    const content = c.content as ContractContent;
    for (const [i, m] of content.milestonePlan.milestones.entries()) {
      const state: MilestoneDeliveryState = milestoneDeliveryState(rounds.get(`${c.id}:${i}`) ?? [], m.dueDate, today);
      if (!owesDelivery(state)) continue;
      const kind = vendorReminderKind(m.dueDate, today, c.buyer_kind);
      if (!kind) continue;
      await remind({
        contractId: c.id,
        milestoneIndex: i,
        kind,
        subject: "",
        orgId: c.vendor_org_id,
        rfqId: c.rfq_id,
        title: c.title,
        milestone: m.name,
        date: m.dueDate,
        link: `${origin}/contracts/${c.id}/deliveries`,
      });
    }
  }
  for (const d of await listWindowClosing(deps.db, today, addCalendarDays(today, 1))) {
    if (!windowClosingSoon(d.window_ends_on, today)) continue;
    const c = contracts.find((x) => x.id === d.contract_id);
    const m = c ? (c.content as ContractContent).milestonePlan.milestones[d.milestone_index] : undefined;
    await remind({
      contractId: d.contract_id,
      milestoneIndex: d.milestone_index,
      kind: "window_closing",
      subject: d.id,
      orgId: d.buyer_org_id,
      rfqId: d.rfq_id,
      title: c?.title ?? "",
      milestone: m?.name ?? "",
      date: d.window_ends_on,
      link: `${origin}/contracts/${d.contract_id}/deliveries`,
    });
  }
  return { sent };
}

/** The contract's inspection terms for either party (the contract pages show them); null → 404. */
export async function inspectionTermsOf(ctx: AppContext, actor: Actor, contractId: string) {
  const party = await contractForParty(ctx, actor, contractId);
  return party ? { inspectionDays: party.row.inspection_days, deemedAcceptance: party.row.deemed_acceptance } : null;
}
