import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { writeAudit } from "../../db/queries/audit";
import { lockRfqForBuyer } from "../../db/queries/rfq-api";
import { findOpenedQuoteForReader, findOpenedQuoteIdForAdvisor, findQuoteForVendor, rfqIdsOfQuotes } from "../../db/queries/quotes";
import { findUserById } from "../../db/queries/users";
import {
  deleteQuoteAttachmentOfVendor,
  deleteRfqAttachment,
  findQuoteAttachment,
  findRfqAttachment,
  findSupersededByVersion,
  insertQuoteAttachment,
  insertRfqAttachment,
  listQuoteAttachments,
  listRfqAttachments,
  setRfqAttachmentSuperseded,
  type RfqAttachmentRow,
} from "../../db/queries/attachments";
import {
  ATTACHMENT_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  checkAttachmentFile,
  isAttachmentType,
  type AttachmentType,
  type RfqAttachmentFieldValues,
} from "~/domain/attachments/files";
import {
  attachmentChangesIn,
  attachmentState,
  isPublishedAttachment,
  summaryWithAttachmentChanges,
  type VersionedAttachment,
} from "~/domain/attachments/versions";
import { downloadName } from "~/domain/download-name";
import { can, type Actor } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import { isLocale, type AnyMessageKey } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";
import { readFileForm, readStoredFile, removeStoredFile, writeWithFile, type FileUpload } from "./file-store.server";
import { loadOwnQuote } from "./quotes.server";
import { loadRfqForReader } from "./rfqs.server";

// Files attached to RFQs by their buyers and to quotes by their vendors. Stored like certificate evidence
// (file-store.server.ts), checked like it (evidence-file.ts), served only after the same checks as the
// RFQ or quote they belong to: an RFQ's files to whoever may read the RFQ (vendors: published versions
// only), a quote's files by the sealed-bid rule (its vendor always; the buyer and assigned advisors once
// opened, offers only — never a withdrawn quote). Every change is one transaction with its audit row.

// ——— Reading and checking the upload ———————————————————————————————————————————————————

/** The form fields and the `file` of an attachment form, multipart; the file stays in memory until checked. */
export function readAttachmentForm(request: Request) {
  return readFileForm(request, "file", MAX_ATTACHMENT_BYTES);
}

/** Only `checkAttachmentUpload` makes one of these, so a service cannot store an unchecked file. */
export interface CheckedAttachment {
  readonly checked: true;
  name: string;
  type: AttachmentType;
  bytes: Uint8Array;
}

export function checkAttachmentUpload(upload: FileUpload | null): { ok: true; file: CheckedAttachment } | { ok: false; keys: AnyMessageKey[] } {
  if (!upload) return { ok: false, keys: ["attachments.file.required"] };
  const result = checkAttachmentFile(upload);
  if (!result.ok) return { ok: false, keys: result.keys };
  if (!upload.bytes) return { ok: false, keys: ["attachments.file.tooLarge"] }; // unreachable: the size check refused it
  return { ok: true, file: { checked: true, name: attachmentFileName(upload.name, result.type), type: result.type, bytes: upload.bytes } };
}

function attachmentFileName(name: string, type: AttachmentType): string {
  return downloadName(name, ATTACHMENT_EXTENSIONS[type], "attachment");
}

/** A file to send: its bytes, the name to offer (re-derived from the checked type) and that type. */
async function fileToSend(ctx: AppContext, row: { path: string; name: string; mime: string }) {
  const bytes = await readStoredFile(ctx, "attachments", row.path);
  if (!bytes) return null;
  const name = isAttachmentType(row.mime) ? attachmentFileName(row.name, row.mime) : "attachment.bin";
  return { bytes, name, mime: isAttachmentType(row.mime) ? row.mime : "application/octet-stream" };
}

// ——— RFQ attachments ———————————————————————————————————————————————————————————————————

const asVersioned = (row: RfqAttachmentRow): VersionedAttachment => ({
  id: row.id,
  documentId: row.document_id,
  name: row.name,
  rfqVersion: row.rfq_version,
  supersededInVersion: row.superseded_in_version,
});

/** What the API and pages show of an RFQ file: never its stored path. */
function rfqAttachmentView(row: RfqAttachmentRow, currentVersion: number, all: readonly RfqAttachmentRow[]) {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    mime: row.mime,
    size: row.size,
    rfqVersion: row.rfq_version,
    supersededInVersion: row.superseded_in_version,
    uploadedAt: row.created_at,
    ...attachmentState(asVersioned(row), currentVersion, all.map(asVersioned)),
  };
}
export type RfqAttachmentView = ReturnType<typeof rfqAttachmentView>;

/**
 * The RFQ's files for whoever may read the RFQ (the same rule as the RFQ: its buyer and assigned advisors,
 * vendors who may quote), or null → 404. Vendors see published versions only; the buyer also its pending
 * changes, and may change them while the RFQ is a draft or open.
 */
export async function rfqAttachmentsFor(ctx: AppContext, actor: Actor, rfqId: string) {
  const reader = await loadRfqForReader(ctx, actor, rfqId);
  return reader ? rfqAttachmentsOf(ctx, reader) : null;
}

/** The same for a reader the caller already has (the RFQ page's loader). */
export async function rfqAttachmentsOf(ctx: AppContext, reader: NonNullable<Awaited<ReturnType<typeof loadRfqForReader>>>) {
  const currentVersion = reader.row.current_version;
  const rows = await listRfqAttachments(ctx.db, reader.row.id);
  const visible = reader.as === "vendor" ? rows.filter((row) => isPublishedAttachment(asVersioned(row), currentVersion)) : rows;
  const views = visible.map((row) => rfqAttachmentView(row, currentVersion, visible));
  const status = effectiveStatus({ status: reader.row.status, quoteDeadline: reader.row.quote_deadline?.toISOString() }, ctx.clock.now());
  return {
    as: reader.as,
    rfqId: reader.row.id,
    title: reader.row.title,
    version: currentVersion,
    canManage: reader.as === "buyer" && (status === "draft" || status === "published"),
    current: views.filter((v) => v.state !== "replaced" && v.state !== "removed"),
    history: views.filter((v) => v.state === "replaced" || v.state === "removed"),
  };
}

/** The buyer's RFQ, locked, if it may still change (a draft, or published before its deadline). */
async function lockEditableRfq(trx: Kysely<Database>, ctx: AppContext, actor: Actor, rfqId: string) {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(rfqId)) return { error: failure.notFound() };
  const row = await lockRfqForBuyer(trx, buyer.org.id, rfqId);
  if (!row || !can(actor, "rfq:edit", rfqResource(row))) return { error: failure.notFound() };
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, ctx.clock.now());
  if (status !== "draft" && status !== "published") return { error: failure.conflict("attachments.closed") };
  // Files added now belong to the next version: version 1 for a draft, the next addendum's once published.
  return { row, orgId: buyer.org.id, nextVersion: row.current_version + 1 };
}

const auditFile = (row: { id: string; name: string; mime: string; size: number }) => ({ id: row.id, name: row.name, type: row.mime, size: row.size });

export type RfqAttachmentResult = { ok: true; attachment: RfqAttachmentView; pending: boolean } | ServiceFailure;

/** Adds a file to the RFQ, or replaces one (`replaces`): the old file stays, as the old version, once published. */
export async function addRfqAttachment(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  fields: RfqAttachmentFieldValues,
  file: CheckedAttachment,
): Promise<RfqAttachmentResult> {
  const buyerOrgId = orgActor(actor, "buyer")?.org.id;
  if (!buyerOrgId || !isRowId(rfqId)) return failure.notFound();
  let droppedFile: string | null = null;
  const result = await writeWithFile(ctx, "attachments", buyerOrgId, file, async (trx, stored): Promise<RfqAttachmentResult> => {
    const target = await lockEditableRfq(trx, ctx, actor, rfqId);
    if (target.error) return target.error;
    const { nextVersion } = target;
    let documentId: string = randomUUID();
    let replaced: RfqAttachmentRow | undefined;
    if (fields.replaces) {
      replaced = await findRfqAttachment(trx, rfqId, fields.replaces, { forUpdate: true });
      // Only a file that is part of the next version can be replaced.
      if (!replaced || (replaced.superseded_in_version !== null && replaced.superseded_in_version <= nextVersion))
        return failure.invalid({ fieldErrors: { replaces: ["attachments.replaces.unknown"] } }, "attachments.replaces.unknown");
      documentId = replaced.document_id;
      if (replaced.rfq_version === nextVersion) {
        // Replacing a file nobody has seen yet simply swaps it.
        await deleteRfqAttachment(trx, rfqId, replaced.id);
        droppedFile = replaced.path;
      } else {
        await setRfqAttachmentSuperseded(trx, rfqId, replaced.id, nextVersion);
      }
    }
    const row = await insertRfqAttachment(trx, {
      rfqId,
      documentId,
      kind: fields.kind,
      rfqVersion: nextVersion,
      ...stored!,
      uploadedBy: actor.userId,
      at: ctx.clock.now(),
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyerOrgId,
      action: replaced ? "rfq.attachment.replace" : "rfq.attachment.upload",
      entityType: "rfq",
      entityId: rfqId,
      before: replaced ? auditFile(replaced) : null,
      after: { ...auditFile(row), kind: row.kind, rfqVersion: nextVersion },
    });
    return { ok: true, attachment: rfqAttachmentView(row, target.row.current_version, [row]), pending: target.row.current_version > 0 };
  });
  if (result.ok) await removeStoredFile(ctx, "attachments", droppedFile);
  return result;
}

/**
 * Removes a file from the RFQ: one nobody has seen yet (part of no published version) is deleted with its
 * replacement undone; a published one stays in the versions it belonged to and leaves with the next one.
 */
export async function removeRfqAttachment(ctx: AppContext, actor: Actor, rfqId: string, attachmentId: string) {
  if (!isRowId(attachmentId)) return failure.notFound();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const target = await lockEditableRfq(trx, ctx, actor, rfqId);
    if (target.error) return target.error;
    const { nextVersion } = target;
    const row = await findRfqAttachment(trx, rfqId, attachmentId, { forUpdate: true });
    if (!row || (row.superseded_in_version !== null && row.superseded_in_version <= nextVersion)) return failure.notFound();
    const unpublished = row.rfq_version === nextVersion;
    if (unpublished) {
      await deleteRfqAttachment(trx, rfqId, row.id);
      const previous = await findSupersededByVersion(trx, rfqId, row.document_id, nextVersion);
      if (previous) await setRfqAttachmentSuperseded(trx, rfqId, previous.id, null);
    } else {
      await setRfqAttachmentSuperseded(trx, rfqId, row.id, nextVersion);
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: target.orgId,
      action: "rfq.attachment.delete",
      entityType: "rfq",
      entityId: rfqId,
      before: { ...auditFile(row), rfqVersion: row.rfq_version },
      after: unpublished ? null : { removedInVersion: nextVersion },
    });
    return { ok: true, removedFile: unpublished ? row.path : null, pending: !unpublished } as const;
  });
  if (result.ok) await removeStoredFile(ctx, "attachments", result.removedFile);
  return result;
}

/** One RFQ file for a reader of the RFQ (vendors: published versions only), or null → 404. */
export async function readRfqAttachmentFile(ctx: AppContext, actor: Actor, rfqId: string, attachmentId: string) {
  if (!isRowId(attachmentId)) return null;
  const reader = await loadRfqForReader(ctx, actor, rfqId);
  if (!reader) return null;
  const row = await findRfqAttachment(ctx.db, reader.row.id, attachmentId);
  if (!row || (reader.as === "vendor" && !isPublishedAttachment(asVersioned(row), reader.row.current_version))) return null;
  return fileToSend(ctx, row);
}

/**
 * For the addendum that publishes version `version`: the attachment changes it brings out, and the change
 * summary listing them in the publishing buyer's language. Runs inside the addendum's transaction.
 */
export async function attachmentChangesOfAddendum(trx: Kysely<Database>, rfqId: string, version: number, userId: string, summary: string) {
  const rows = await listRfqAttachments(trx, rfqId);
  const changes = attachmentChangesIn(rows.map(asVersioned), version);
  if (changes.length === 0) return { changes, summary };
  const locale = (await findUserById(trx, userId))?.locale;
  return { changes, summary: summaryWithAttachmentChanges(summary, changes, isLocale(locale) ? locale : "ja") };
}

/** Whether the next version of the RFQ changes its attachments (then an addendum has something to publish). */
export async function hasPendingAttachmentChanges(ctx: AppContext, rfqId: string, nextVersion: number) {
  const rows = await listRfqAttachments(ctx.db, rfqId);
  return attachmentChangesIn(rows.map(asVersioned), nextVersion).length > 0;
}

// ——— Quote attachments ———————————————————————————————————————————————————————————————————

type QuoteAttachmentRow = Awaited<ReturnType<typeof listQuoteAttachments>>[number];

function quoteAttachmentView(row: QuoteAttachmentRow) {
  return { id: row.id, quoteId: row.quote_id, name: row.name, mime: row.mime, size: row.size, uploadedAt: row.created_at };
}
export type QuoteAttachmentView = ReturnType<typeof quoteAttachmentView>;

/** The vendor's own quote on an RFQ with its files, and whether they may still change (null → 404). */
export async function ownQuoteAttachments(ctx: AppContext, actor: Actor, rfqId: string) {
  const own = await loadOwnQuote(ctx, actor, rfqId);
  if (!own) return null;
  const files = own.quote ? await listQuoteAttachments(ctx.db, own.quote.id) : [];
  return {
    rfqId: own.rfqRow.id,
    title: own.rfqRow.title,
    quoteId: own.quote?.id ?? null,
    canManage: Boolean(own.quote) && own.rfqStatus === "published" && (own.quote?.status === "draft" || own.quote?.status === "submitted"),
    files: files.map(quoteAttachmentView),
  };
}

/** The files of the vendor's own quote, as loadOwnQuote found it (the quote page's loader). */
export async function filesOfOwnQuote(ctx: AppContext, own: NonNullable<Awaited<ReturnType<typeof loadOwnQuote>>>) {
  return own.quote ? (await listQuoteAttachments(ctx.db, own.quote.id)).map(quoteAttachmentView) : null;
}

/** The vendor's quote on `rfqId` if its files may change: it exists, is a draft or submitted, before the deadline. */
async function editableOwnQuote(ctx: AppContext, actor: Actor, rfqId: string) {
  const own = await loadOwnQuote(ctx, actor, rfqId);
  const vendorOrgId = orgActor(actor, "vendor")?.org.id;
  if (!own || !vendorOrgId) return { error: failure.notFound() };
  if (!own.quote) return { error: failure.conflict("attachments.quote.saveFirst") };
  if (own.rfqStatus !== "published" || (own.quote.status !== "draft" && own.quote.status !== "submitted"))
    return { error: failure.conflict("attachments.quote.closed") };
  return { quote: own.quote, vendorOrgId };
}

export async function addQuoteAttachment(ctx: AppContext, actor: Actor, rfqId: string, file: CheckedAttachment) {
  const target = await editableOwnQuote(ctx, actor, rfqId);
  if (target.error) return target.error;
  const { quote, vendorOrgId } = target;
  return writeWithFile(ctx, "attachments", vendorOrgId, file, async (trx, stored) => {
    const row = await insertQuoteAttachment(trx, {
      quoteId: quote.id,
      vendorOrgId,
      ...stored!,
      uploadedBy: actor.userId,
      at: ctx.clock.now(),
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendorOrgId,
      action: "quote.attachment.upload",
      entityType: "quote",
      entityId: quote.id,
      after: auditFile(row),
    });
    return { ok: true, attachment: quoteAttachmentView(row) } as const;
  });
}

/** The same by quote id (the API): the vendor's own quote, whatever RFQ it is on. */
export async function addQuoteAttachmentByQuote(ctx: AppContext, actor: Actor, quoteId: string, file: CheckedAttachment) {
  const vendor = orgActor(actor, "vendor");
  const quote = vendor && isRowId(quoteId) ? await findQuoteForVendor(ctx.db, vendor.org.id, quoteId) : undefined;
  return quote ? addQuoteAttachment(ctx, actor, quote.rfq_id, file) : failure.notFound();
}

export async function removeQuoteAttachment(ctx: AppContext, actor: Actor, rfqId: string, attachmentId: string) {
  if (!isRowId(attachmentId)) return failure.notFound();
  const target = await editableOwnQuote(ctx, actor, rfqId);
  if (target.error) return target.error;
  const { quote, vendorOrgId } = target;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteQuoteAttachmentOfVendor(trx, vendorOrgId, quote.id, attachmentId);
    if (!removed) return failure.notFound();
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendorOrgId,
      action: "quote.attachment.delete",
      entityType: "quote",
      entityId: quote.id,
      before: auditFile(removed),
    });
    return { ok: true, path: removed.path } as const;
  });
  if (result.ok) await removeStoredFile(ctx, "attachments", result.path);
  return result;
}

/**
 * Who may read a quote's files, by the sealed-bid rule in SQL: its own vendor at any time; the RFQ's buyer
 * and the advisors it assigned once the quotes are opened, and only for offers (a withdrawn quote's files
 * are never shown). Anyone else gets null → 404, and the refused read is audited like a refused quote read.
 */
async function quoteReaderOf(ctx: AppContext, actor: Actor, quoteId: string, via: "page" | "api") {
  if (!actor.org || !isRowId(quoteId)) return null;
  const now = ctx.clock.now();
  const org = actor.org;
  if (org.kind === "vendor" && (await findQuoteForVendor(ctx.db, org.id, quoteId))) return { as: "vendor" as const };
  if (org.kind === "buyer" && (await findOpenedQuoteForReader(ctx.db, { side: "buyer", orgId: org.id }, quoteId, now))) return { as: "buyer" as const };
  if (org.kind === "advisory") {
    const [ref] = await rfqIdsOfQuotes(ctx.db, [quoteId]);
    if (ref && (await findOpenedQuoteIdForAdvisor(ctx.db, org.id, ref.rfq_id, quoteId, now))) return { as: "advisor" as const };
  }
  await writeAudit(ctx.db, {
    actorUserId: actor.userId,
    actorOrgId: org.id,
    action: "quote.attachment.read.denied",
    entityType: "quote",
    entityId: quoteId,
    after: { via },
  });
  return null;
}

/** A quote's files for whoever may read them (see quoteReaderOf), or null → 404. */
export async function quoteAttachmentsFor(ctx: AppContext, actor: Actor, quoteId: string, via: "page" | "api" = "page") {
  const reader = await quoteReaderOf(ctx, actor, quoteId, via);
  if (!reader) return null;
  return (await listQuoteAttachments(ctx.db, quoteId)).map(quoteAttachmentView);
}

/** One file of a quote for whoever may read it; a download by the buyer's side is audited. */
export async function readQuoteAttachmentFile(ctx: AppContext, actor: Actor, quoteId: string, attachmentId: string, via: "page" | "api" = "page") {
  if (!isRowId(attachmentId)) return null;
  const reader = await quoteReaderOf(ctx, actor, quoteId, via);
  if (!reader) return null;
  const row = await findQuoteAttachment(ctx.db, quoteId, attachmentId);
  if (!row) return null;
  const file = await fileToSend(ctx, row);
  if (file && reader.as !== "vendor") {
    await writeAudit(ctx.db, {
      actorUserId: actor.userId,
      actorOrgId: actor.org?.id ?? null,
      action: "quote.attachment.download",
      entityType: "quote",
      entityId: quoteId,
      after: { ...auditFile(row), via },
    });
  }
  return file;
}
