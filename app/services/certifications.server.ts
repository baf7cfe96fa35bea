import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { MAX_EVIDENCE_BYTES, checkEvidenceFile, type EvidenceType } from "~/domain/certifications/evidence-file";
import { downloadName } from "~/domain/download-name";
import { CUSTOM_TYPE_PREFIX, certificationFormSchema, type CertificationInput } from "~/domain/certifications/form";
import { can, type Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { failure } from "~/utils/service-failure";
import { readFileForm, readStoredFile, removeStoredFile, writeWithFile, type FileUpload } from "./file-store.server";
import { isRowId } from "~/domain/rfq/resource";
import {
  deleteCertificationOfOrg,
  findCertificationById,
  findCertificationOfOrg,
  findInvoiceRegistrationNumber,
  insertCertification,
  insertCertificationType,
  listCertificationTypes,
  listCertificationsForReview,
  listCertificationsOfOrg,
  setCertificationReview,
  updateCertificationOfOrg,
  updateInvoiceRegistrationNumber,
  type CertificationRow,
  type EvidenceValues,
} from "../../db/queries/certifications";

// Certificates: every write is one transaction with its audit row (before → after) and a vendors-index
// outbox row, because the index lists each vendor's valid certificate types. Evidence files live under
// `${DATA_DIR}/evidence/<orgId>/<random>`, outside public/, and are only served by the authorized route.

// ——— Reading the upload ————————————————————————————————————————————————————————————————

/** An evidence file as received: its first bytes always, all of it only when within MAX_EVIDENCE_BYTES. */
export type EvidenceUpload = FileUpload;

/**
 * The form fields and the `evidence` file of a certificate form, multipart or not. Nothing is written to
 * disk here: the file stays in memory until it has been checked and the caller is authorized.
 */
export async function readCertificationForm(request: Request): Promise<{ formData: FormData; evidence: EvidenceUpload | null }> {
  const { formData, file } = await readFileForm(request, "evidence", MAX_EVIDENCE_BYTES);
  return { formData, evidence: file };
}

/** Only `checkEvidenceUpload` makes one of these, so a service cannot store an unchecked file. */
export interface CheckedEvidence {
  readonly checked: true;
  name: string;
  type: EvidenceType;
  bytes: Uint8Array;
}

export function checkEvidenceUpload(upload: EvidenceUpload | null): { ok: true; evidence: CheckedEvidence | null } | { ok: false; keys: string[] } {
  if (!upload) return { ok: true, evidence: null };
  const result = checkEvidenceFile({ declaredType: upload.declaredType, size: upload.size, head: upload.head });
  if (!result.ok) return { ok: false, keys: result.keys };
  if (!upload.bytes) return { ok: false, keys: ["certifications.evidence.tooLarge"] }; // unreachable: the size check refused it
  return { ok: true, evidence: { checked: true, name: evidenceFileName(upload.name, result.type), type: result.type, bytes: upload.bytes } };
}

const EXTENSIONS: Record<EvidenceType, readonly [string, ...string[]]> = { "application/pdf": ["pdf"], "image/png": ["png"], "image/jpeg": ["jpg", "jpeg"] };

/** The name shown and offered on download: the vendor's own, cleaned, with the extension of the checked type. */
function evidenceFileName(name: string, type: EvidenceType): string {
  return downloadName(name, EXTENSIONS[type], "evidence");
}

const isEvidenceType = (mime: string): mime is EvidenceType => mime in EXTENSIONS;

// ——— Storing files with the row ————————————————————————————————————————————————————————

async function writeWithEvidence<R extends { ok: boolean }>(
  ctx: AppContext,
  orgId: string,
  evidence: CheckedEvidence | null,
  write: (trx: Kysely<Database>, stored: EvidenceValues | null) => Promise<R>,
): Promise<R> {
  return writeWithFile(ctx, "evidence", orgId, evidence, write);
}

function removeEvidenceFile(ctx: AppContext, relative: string | null) {
  return removeStoredFile(ctx, "evidence", relative);
}

// ——— Vendor actions ———————————————————————————————————————————————————————————————————

function vendorOrgOf(actor: Actor): string | null {
  const orgId = actor.org?.id;
  return orgId && can(actor, "certification:manage", { type: "certifications", orgId }) ? orgId : null;
}

/** The certificate form's schema with today's admin-added types. */
export async function certificationFormFor(ctx: AppContext) {
  const custom = await listCertificationTypes(ctx.db);
  return certificationFormSchema(custom.map((type) => type.key));
}

/** What the audit log keeps of a certificate: everything but internal file paths. */
function auditView(row: CertificationRow) {
  return {
    type: row.type,
    number: row.number,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    reviewedBy: row.verified_by,
    reviewedAt: row.verified_at,
    rejectedReason: row.rejected_reason,
    evidence: row.evidence_name ? { name: row.evidence_name, type: row.evidence_mime, size: row.evidence_size } : null,
  };
}

export async function addCertification(ctx: AppContext, actor: Actor, input: CertificationInput, evidence: CheckedEvidence | null) {
  const orgId = vendorOrgOf(actor);
  if (!orgId) return failure.forbidden();
  const result = await writeWithEvidence(ctx, orgId, evidence, async (trx, stored) => {
    const row = await insertCertification(trx, orgId, input, stored, ctx.clock.now());
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: "certification.create",
      entityType: "certification",
      entityId: row.id,
      after: auditView(row),
    });
    await enqueueOutbox(trx, "vendor", orgId);
    return { ok: true, certification: row } as const;
  });
  ctx.kickIndexer();
  return result;
}

function sameValues(row: CertificationRow, input: CertificationInput) {
  return (
    row.type === input.type &&
    row.number === input.number &&
    row.issuer === input.issuer &&
    row.valid_from === input.validFrom &&
    row.valid_until === input.validUntil
  );
}

/** Edits the vendor's own certificate; any real change to a reviewed one sends it back to "unverified". */
export async function updateCertification(ctx: AppContext, actor: Actor, id: string, input: CertificationInput, evidence: CheckedEvidence | null) {
  const orgId = vendorOrgOf(actor);
  if (!orgId) return failure.forbidden();
  if (!isRowId(id)) return failure.notFound();
  let replacedFile: string | null = null;
  const result = await writeWithEvidence(ctx, orgId, evidence, async (trx, stored) => {
    const before = await findCertificationOfOrg(trx, orgId, id, { forUpdate: true });
    if (!before) return failure.notFound();
    if (!stored && sameValues(before, input)) return { ok: true, certification: before } as const;
    // A verified certificate vouches for the reviewed facts only; a rejected one goes back to the queue once fixed.
    const resetReview = before.status !== "unverified";
    const after = await updateCertificationOfOrg(trx, orgId, id, { values: input, evidence: stored, resetReview, now: ctx.clock.now() });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: "certification.update",
      entityType: "certification",
      entityId: id,
      before: auditView(before),
      after: auditView(after!),
    });
    await enqueueOutbox(trx, "vendor", orgId);
    if (stored) replacedFile = before.evidence_path;
    return { ok: true, certification: after! } as const;
  });
  if (result.ok) await removeEvidenceFile(ctx, replacedFile);
  ctx.kickIndexer();
  return result;
}

export async function deleteCertification(ctx: AppContext, actor: Actor, id: string) {
  const orgId = vendorOrgOf(actor);
  if (!orgId) return failure.forbidden();
  if (!isRowId(id)) return failure.notFound();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await findCertificationOfOrg(trx, orgId, id, { forUpdate: true });
    if (!before) return failure.notFound();
    await deleteCertificationOfOrg(trx, orgId, id);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: "certification.delete",
      entityType: "certification",
      entityId: id,
      before: auditView(before),
    });
    await enqueueOutbox(trx, "vendor", orgId);
    return { ok: true, evidencePath: before.evidence_path } as const;
  });
  if (result.ok) await removeEvidenceFile(ctx, result.evidencePath);
  ctx.kickIndexer();
  return result;
}

/** Stores the normalized number (InvoiceNumberSchema), or removes it when `value` is null. */
export async function setInvoiceRegistrationNumber(ctx: AppContext, actor: Actor, value: string | null) {
  const orgId = vendorOrgOf(actor);
  if (!orgId) return failure.forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findInvoiceRegistrationNumber(trx, orgId);
    await updateInvoiceRegistrationNumber(trx, orgId, value);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: "vendor.invoiceRegistrationNumber.update",
      entityType: "organization",
      entityId: orgId,
      before: { invoiceRegistrationNumber: before },
      after: { invoiceRegistrationNumber: value },
    });
    await enqueueOutbox(trx, "vendor", orgId);
  });
  ctx.kickIndexer();
  return { ok: true, value } as const;
}

// ——— Admin review ——————————————————————————————————————————————————————————————————————

async function review(ctx: AppContext, actor: Actor, id: string, decision: { status: "verified" } | { status: "rejected"; reason: string }) {
  if (!isRowId(id)) return failure.notFound();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await findCertificationById(trx, id, { forUpdate: true });
    if (!before) return failure.notFound();
    if (!can(actor, "certification:verify", { type: "certifications", orgId: before.org_id })) return failure.forbidden();
    const after = await setCertificationReview(trx, id, {
      status: decision.status,
      reviewerId: actor.userId,
      rejectedReason: decision.status === "rejected" ? decision.reason : null,
      now: ctx.clock.now(),
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.org?.id ?? null,
      action: decision.status === "verified" ? "certification.verify" : "certification.reject",
      entityType: "certification",
      entityId: id,
      before: auditView(before),
      after: auditView(after!),
    });
    await enqueueOutbox(trx, "vendor", before.org_id);
    return { ok: true, certification: after! } as const;
  });
  ctx.kickIndexer();
  return result;
}

export function verifyCertification(ctx: AppContext, actor: Actor, id: string) {
  return review(ctx, actor, id, { status: "verified" });
}

/** `reason` comes from RejectionSchema (required, trimmed); the vendor sees it. */
export function rejectCertification(ctx: AppContext, actor: Actor, id: string, reason: string) {
  if (reason.trim() === "")
    return Promise.resolve(failure.invalid({ fieldErrors: { reason: ["certificationForm.reason.required"] } }, "certificationForm.reason.required"));
  return review(ctx, actor, id, { status: "rejected", reason });
}

/** An admin-added type, keyed `custom:<slug>`. It changes no vendor, so there is no vendors-index row to enqueue. */
export async function addCertificationType(ctx: AppContext, actor: Actor, input: { slug: string; labelJa: string; labelEn: string }) {
  if (!can(actor, "certificationType:create", { type: "certificationReview" })) return failure.forbidden();
  const key = `${CUSTOM_TYPE_PREFIX}${input.slug}`;
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertCertificationType(trx, { key, labelJa: input.labelJa, labelEn: input.labelEn, createdBy: actor.userId, now: ctx.clock.now() });
    if (!created) return failure.conflict("certificationForm.slug.taken", { fieldErrors: { slug: ["certificationForm.slug.taken"] } });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.org?.id ?? null,
      action: "certificationType.create",
      entityType: "certification_type",
      entityId: key,
      after: { key, labelJa: input.labelJa, labelEn: input.labelEn },
    });
    return { ok: true, key } as const;
  });
}

// ——— Evidence download —————————————————————————————————————————————————————————————————

/**
 * The evidence file of a certificate if the actor may read it (the vendor's own members, buyers, platform
 * admins — see permissions.ts); null otherwise, so the route answers 404 and existence is not revealed.
 */
export async function readEvidenceFor(ctx: AppContext, actor: Actor, id: string) {
  if (!isRowId(id)) return null;
  const row = await findCertificationById(ctx.db, id);
  if (!row?.evidence_path || !can(actor, "certification:readEvidence", { type: "certifications", orgId: row.org_id })) return null;
  const bytes = await readStoredFile(ctx, "evidence", row.evidence_path);
  if (!bytes) return null;
  const mime = row.evidence_mime ?? "application/octet-stream";
  // Names stored before the extension followed the type are re-derived on the way out as well.
  const name = isEvidenceType(mime) ? evidenceFileName(row.evidence_name ?? "", mime) : "evidence.bin";
  return { bytes, name, mime };
}

/** The platform admin's review list (unverified first) and the admin-added certification types. */
export async function certificationReviewList(ctx: AppContext) {
  const [rows, types] = await Promise.all([listCertificationsForReview(ctx.db), listCertificationTypes(ctx.db)]);
  return { rows, types };
}

/** A vendor organisation's certificates and invoice registration number. */
export async function certificationsOf(ctx: AppContext, orgId: string) {
  const [rows, invoiceRegistrationNumber] = await Promise.all([listCertificationsOfOrg(ctx.db, orgId), findInvoiceRegistrationNumber(ctx.db, orgId)]);
  return { rows, invoiceRegistrationNumber };
}

/** The vendor's certificates page; `editing` is undefined when editId names no certificate of this organisation. */
export async function certificationsPageFor(ctx: AppContext, orgId: string, editId: string | null) {
  const [{ rows, invoiceRegistrationNumber }, customTypes, editing] = await Promise.all([
    certificationsOf(ctx, orgId),
    listCertificationTypes(ctx.db),
    editId && isRowId(editId) ? findCertificationOfOrg(ctx.db, orgId, editId) : null,
  ]);
  return { certifications: rows, customTypes, invoiceNumber: invoiceRegistrationNumber, editing };
}
