import { createHash } from "node:crypto";
import type { core } from "zod";
import { listDecisions } from "../../db/queries/approval-decisions";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import {
  findAcceptedAwardForBuyer,
  findContractCategory,
  findContractForBuyer,
  findContractForVendor,
  findContractOfQuoteForVendor,
  findContractOfRfqForBuyer,
  findContractVersion,
  findPartyOrganization,
  insertContract,
  insertContractVersion,
  listContractsOfOrg,
  listContractVersions,
  lockContract,
  updateContractRow,
  updateContractVersionContent,
} from "../../db/queries/contracts";
import {
  findDocumentById,
  findProposalForPacket,
  findStoredDocument,
  insertDocumentOnce,
  isAdvisorOfRfq,
  listDocumentsOfRfqForBuyer,
  userNamesByIds,
} from "../../db/queries/documents";
import { findQuoteVersion } from "../../db/queries/quotes";
import { findRfqForBuyer, findRfqVersion } from "../../db/queries/rfqs";
import type { Database, StoredDocumentKind } from "../../db/schema";
import type { Kysely } from "kysely";
import { buildContractDraft, type ContractContent, type DraftQuote, type DraftRfq } from "~/domain/contracts/contract-draft";
import type { BuyerKind } from "~/domain/contracts/legal-deadlines";
import { checkMilestonePlan, MilestonePlan, type PlanIssue } from "~/domain/contracts/milestone-plan";
import { contractVendorView, presentMilestones, type ContractRecord } from "~/domain/contracts/vendor-view";
import { downloadName } from "~/domain/download-name";
import type { Actor } from "~/domain/permissions";
import { t, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { formatDate, tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, ServiceFailure, type OrgActor, isUniqueViolation } from "~/utils/service-failure";
import type { RouteStep } from "~/domain/approvals/route-rules";
import type { ProposalSnapshot } from "~/domain/award/proposal";
import { renderApprovalPacketPdf } from "./documents/approval-packet.server";
import { approvalPacketDocument, type PacketDecision } from "./documents/approval-packet-document";
import type { AcknowledgedRedFlag } from "~/domain/award/proposal";
import { renderPurchaseOrderPdf } from "./documents/purchase-order.server";
import type { PurchaseOrderDocument } from "./documents/types";

// The contract (issue 15, item 5; decision 0028, docs/contracts.md). A member of the buyer organisation
// creates it from the ACCEPTED award once the standstill has ended; version 1 is drawn from the accepted
// quote version and the RFQ version it answered. While a draft, the milestone plan is edited in place and
// checked against the legal deadlines; activation (締結) freezes it; a change later adds version n+1
// (`reviseContract`, which the change request of issue 17 calls). The winning vendor reads it through the
// allow-list of app/domain/contracts/vendor-view.ts; everyone else gets 404.

export const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

type Buyer = OrgActor<"buyer">;
type ContractRow = NonNullable<Awaited<ReturnType<typeof findContractForBuyer>>>;

const customIssue = (path: (string | number)[], message: string, params?: Record<string, string | number>): core.$ZodIssue =>
  ({ code: "custom", path, message, input: undefined, ...(params ? { params } : {}) }) as core.$ZodIssue;

const planFailure = (issues: readonly PlanIssue[]) => failure.invalid({ issues: issues.map((i) => customIssue(i.path, i.message, i.params)) });

async function buyerRfq(ctx: AppContext, actor: Actor, rfqId: string) {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, a.org.id, rfqId);
  return rfq ? { a, rfq } : null;
}

/** The contract for a member of its buyer organisation, or for its vendor; null for anyone else. */
async function contractFor(ctx: AppContext, actor: Actor, contractId: string): Promise<{ side: "buyer" | "vendor"; row: ContractRow } | null> {
  if (!isRowId(contractId) || !actor.org) return null;
  if (actor.org.kind === "buyer") {
    const row = await findContractForBuyer(ctx.db, actor.org.id, contractId);
    return row ? { side: "buyer", row } : null;
  }
  if (actor.org.kind === "vendor") {
    const row = await findContractForVendor(ctx.db, actor.org.id, contractId);
    return row ? { side: "vendor", row } : null;
  }
  return null;
}

/**
 * One contract for either party, for the pages after the award (issue 17: deliveries, measurements, change
 * requests, reviews): which side the caller is on, the row, the content of the version in force, the RFQ's
 * category and the link to the side's own contract page. Null for anyone else (a 404 to them). What a vendor may
 * read of the content is the vendor view's business (`contractVendorView`); this is for the services' own checks.
 */
export async function contractForParty(ctx: AppContext, actor: Actor, contractId: string) {
  const found = await contractFor(ctx, actor, contractId);
  if (!found || !actor.org) return null;
  const { side, row } = found;
  const [version, category] = await Promise.all([findContractVersion(ctx.db, contractId, row.current_version), findContractCategory(ctx.db, contractId)]);
  return {
    side,
    row,
    content: version!.content as ContractContent,
    category,
    actor: { userId: actor.userId, orgId: actor.org.id },
    contractHref: side === "buyer" ? `/rfqs/${row.rfq_id}/contract` : `/quotes/${row.quote_id}/contract`,
  };
}
export type ContractForParty = NonNullable<Awaited<ReturnType<typeof contractForParty>>>;

async function recordOf(db: Kysely<Database>, row: ContractRow): Promise<ContractRecord> {
  const versions = await listContractVersions(db, row.id);
  const current = versions.find((v) => v.version === row.current_version)!;
  return {
    id: row.id,
    rfqId: row.rfq_id,
    status: row.status,
    currentVersion: row.current_version,
    outsideScope: row.outside_scope,
    outsideScopeReason: row.outside_scope_reason,
    content: current.content as ContractContent,
    versions: versions.map((v) => ({
      version: v.version,
      changeReason: v.change_reason,
      createdAt: new Date(v.created_at).toISOString(),
      createdByName: v.created_by_name,
    })),
    activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The buyer's view of a contract: the record, the milestones with their yen and legal dates. */
function buyerView(record: ContractRecord) {
  return { ...record, milestones: presentMilestones(record.content, record.outsideScope) };
}
export type ContractBuyerView = ReturnType<typeof buyerView>;

/**
 * The contract page's data for a buyer member: the RFQ, its accepted award (and whether the standstill still
 * runs), the contract when made, and its stored documents. 404 for anyone else.
 */
export async function contractPageForBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const { a, rfq } = found;
  const [award, row, documents] = await Promise.all([
    findAcceptedAwardForBuyer(ctx.db, a.org.id, rfqId),
    findContractOfRfqForBuyer(ctx.db, a.org.id, rfqId),
    listDocumentsOfRfqForBuyer(ctx.db, a.org.id, rfqId),
  ]);
  const now = ctx.clock.now();
  const standstillEndsAt = award?.standstill_ends_at ? new Date(award.standstill_ends_at) : null;
  return {
    ok: true as const,
    rfq: { id: rfq.id, title: rfq.title },
    award: award
      ? { id: award.id, standstillEndsAt: standstillEndsAt?.toISOString() ?? null, standstillRunning: !!standstillEndsAt && now < standstillEndsAt }
      : null,
    contract: row ? buyerView(await recordOf(ctx.db, row)) : null,
    buyerKind: ((await findPartyOrganization(ctx.db, a.org.id))?.buyer_kind ?? "company") as BuyerKind,
    today: tokyoDateString(now),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      locale: d.locale,
      fileName: d.file_name,
      sha256: d.sha256,
      bytes: d.byte_size,
      createdAt: new Date(d.created_at).toISOString(),
    })),
  };
}

/**
 * Creates the contract (draft, version 1) from the RFQ's accepted award. 404 for anyone but a member of the
 * buyer organisation; 409 without an accepted award or when the award already has its contract; 400 naming
 * the date while the standstill runs. One transaction: contract, version 1 and the audit row.
 */
export async function createContract(ctx: AppContext, actor: Actor, rfqId: string): Promise<{ ok: true; contractId: string } | ServiceFailure> {
  const found = await buyerRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const { a, rfq } = found;
  const award = await findAcceptedAwardForBuyer(ctx.db, a.org.id, rfqId);
  if (!award) return failure.conflict("contracts.award.notAccepted");
  const now = ctx.clock.now();
  if (award.standstill_ends_at && now < new Date(award.standstill_ends_at)) {
    const ends = new Date(award.standstill_ends_at);
    const date = `${tokyoDateString(ends)} ${ends.toLocaleTimeString("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })} JST`;
    return new ServiceFailure(409, "contracts.award.notAccepted", { issues: [customIssue([], "contracts.award.standstill", { date })] });
  }
  const qv = await ctx.db.selectFrom("quotes").select(["id", "current_version", "rfq_version"]).where("id", "=", award.quote_id).executeTakeFirst();
  if (!qv) return failure.conflict("contracts.award.notAccepted");
  const [quoteVersion, rfqVersion, buyerOrg, vendorOrg] = await Promise.all([
    findQuoteVersion(ctx.db, qv.id, qv.current_version),
    findRfqVersion(ctx.db, rfqId, qv.rfq_version),
    findPartyOrganization(ctx.db, a.org.id),
    findPartyOrganization(ctx.db, award.vendor_org_id),
  ]);
  if (!quoteVersion || !rfqVersion || !buyerOrg || !vendorOrg) return failure.conflict("contracts.award.notAccepted");
  const buyerKind = buyerOrg.buyer_kind as BuyerKind;
  const locale: Locale = "ja";
  const content = buildContractDraft({
    rfq: { ...(rfqVersion.content as Omit<DraftRfq, "id" | "version" | "title">), id: rfqId, version: qv.rfq_version, title: rfq.title },
    quote: { ...(quoteVersion.content as Omit<DraftQuote, "id" | "version">), id: qv.id, version: qv.current_version },
    buyer: { orgId: buyerOrg.id, name: buyerOrg.name, registrationNumber: buyerOrg.invoice_registration_number },
    vendor: { orgId: vendorOrg.id, name: vendorOrg.name, registrationNumber: vendorOrg.invoice_registration_number },
    buyerKind,
    termFrom: tokyoDateString(now),
    defaults: { milestoneName: t(locale, "contracts.milestone.defaultName"), acceptance: t(locale, "contracts.milestone.defaultAcceptance") },
  });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await insertContract(trx, {
        rfqId,
        awardId: award.id,
        quoteId: qv.id,
        buyerOrgId: a.org.id,
        vendorOrgId: award.vendor_org_id,
        createdBy: a.userId,
        at: now,
      });
      await insertContractVersion(trx, { contractId: row.id, version: 1, content, changeReason: "", createdBy: a.userId, at: now });
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "contract.create",
        entityType: "contract",
        entityId: row.id,
        after: { rfqId, awardId: award.id, quoteId: qv.id, quoteVersion: qv.current_version, rfqVersion: qv.rfq_version, totalYen: content.totals.total },
      });
      return { ok: true as const, contractId: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return failure.conflict("contracts.exists");
    throw e;
  }
}

/**
 * The contracts of the caller's organisation (buyer or vendor side) for the /contracts list: title, the other
 * party, status, total and term, and where its page is (the buyer's under the RFQ, the vendor's under its quote).
 * Only what both parties already read on the contract page; any other organisation kind gets an empty list.
 */
export async function listContracts(ctx: AppContext, actor: Actor) {
  const side = actor.org?.kind === "buyer" || actor.org?.kind === "vendor" ? actor.org.kind : null;
  if (!side || !actor.org) return { ok: true as const, contracts: [] };
  const rows = await listContractsOfOrg(ctx.db, side, actor.org.id);
  return {
    ok: true as const,
    contracts: rows.map((r) => {
      const content = r.content as ContractContent;
      return {
        id: r.id,
        title: content.rfq.title,
        counterparty: r.counterparty,
        status: r.status,
        version: r.current_version,
        total: content.totals.total,
        term: content.term,
        milestones: content.milestonePlan.milestones.length,
        href: side === "buyer" ? `/rfqs/${r.rfq_id}/contract` : `/quotes/${r.quote_id}/contract`,
      };
    }),
  };
}

/** One contract: the buyer's full view for its members, the allow-listed view for its vendor; 404 otherwise. */
export async function readContract(ctx: AppContext, actor: Actor, contractId: string) {
  const found = await contractFor(ctx, actor, contractId);
  if (!found) return failure.notFound();
  const record = await recordOf(ctx.db, found.row);
  return found.side === "buyer"
    ? { ok: true as const, side: "buyer" as const, contract: buyerView(record) }
    : { ok: true as const, side: "vendor" as const, contract: contractVendorView(record) };
}

/** The contract of the vendor's own quote, in the vendor's view; 404 when there is none or it is not theirs. */
export async function contractOfQuoteForVendor(ctx: AppContext, actor: Actor, quoteId: string) {
  const a = orgActor(actor, "vendor");
  if (!a || !isRowId(quoteId)) return failure.notFound();
  const row = await findContractOfQuoteForVendor(ctx.db, a.org.id, quoteId);
  if (!row) return failure.notFound();
  return { ok: true as const, contract: contractVendorView(await recordOf(ctx.db, row)) };
}

/** Parses and checks a plan against the contract's total, the buyer's kind and today. */
function checkPlan(input: unknown, content: ContractContent, today: string): { ok: true; plan: MilestonePlan } | ServiceFailure {
  const parsed = MilestonePlan.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const plan: MilestonePlan = {
    ...parsed.data,
    outsideScope: parsed.data.outsideScope ? { reason: parsed.data.outsideScope.reason.trim() } : null,
  };
  const issues = checkMilestonePlan(plan, { buyerKind: content.buyerKind, totalYen: content.totals.total, today });
  return issues.length > 0 ? planFailure(issues) : { ok: true, plan };
}

async function buyerContract(ctx: AppContext, actor: Actor, contractId: string): Promise<{ a: Buyer; row: ContractRow } | null> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(contractId)) return null;
  const row = await findContractForBuyer(ctx.db, a.org.id, contractId);
  return row ? { a, row } : null;
}

/**
 * Saves the milestone plan of a draft contract (in place, in its current version). Refusals write nothing:
 * 404 for anyone but a buyer member; 409 once active; 400 field by field (sums, dates, the legal deadline
 * rules — the message names the law). Recording or withdrawing "outside the laws' scope" is audited with its
 * reason.
 */
export async function saveMilestones(ctx: AppContext, actor: Actor, contractId: string, input: unknown): Promise<{ ok: true } | ServiceFailure> {
  const found = await buyerContract(ctx, actor, contractId);
  if (!found) return failure.notFound();
  const { a } = found;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "draft") return failure.conflict("contracts.notDraft");
    const versions = await listContractVersions(trx, contractId);
    const content = versions.find((v) => v.version === row.current_version)!.content as ContractContent;
    const checked = checkPlan(input, content, tokyoDateString(now));
    if (!checked.ok) return checked;
    const plan = checked.plan;
    await updateContractVersionContent(trx, contractId, row.current_version, { ...content, milestonePlan: plan });
    const outsideScope = plan.outsideScope !== null && plan.outsideScope !== undefined;
    const reason = plan.outsideScope?.reason ?? null;
    await updateContractRow(trx, contractId, { outsideScope, outsideScopeReason: reason, at: now });
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "contract.milestones.save",
      entityType: "contract",
      entityId: contractId,
      before: { milestonePlan: content.milestonePlan },
      after: { milestonePlan: plan },
    });
    if (outsideScope !== row.outside_scope || reason !== row.outside_scope_reason)
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "contract.outsideScope",
        entityType: "contract",
        entityId: contractId,
        before: { outsideScope: row.outside_scope, reason: row.outside_scope_reason },
        after: { outsideScope, reason },
      });
    return { ok: true as const };
  });
}

/**
 * 締結: makes a draft contract active. The plan is checked again (a due date may have passed since it was
 * saved). Activating an active contract changes nothing and answers `alreadyActive` (a double submit has
 * one effect: the row is locked, so two at the same moment queue and the second sees it active).
 */
export async function activateContract(ctx: AppContext, actor: Actor, contractId: string): Promise<{ ok: true; alreadyActive: boolean } | ServiceFailure> {
  const found = await buyerContract(ctx, actor, contractId);
  if (!found) return failure.notFound();
  const { a } = found;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status === "active") return { ok: true as const, alreadyActive: true };
    const versions = await listContractVersions(trx, contractId);
    const content = versions.find((v) => v.version === row.current_version)!.content as ContractContent;
    const checked = checkPlan(content.milestonePlan, content, tokyoDateString(now));
    if (!checked.ok) return checked;
    await updateContractRow(trx, contractId, { activated: { at: now, by: a.userId }, at: now });
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "contract.activate",
      entityType: "contract",
      entityId: contractId,
      after: { version: row.current_version, totalYen: content.totals.total },
    });
    await enqueueOutbox(trx, "transaction_record", `purchase_order:${contractId}`);
    return { ok: true as const, alreadyActive: false };
  });
}

/**
 * The one writer of version n+1 of an active contract — `reviseContract` and an approved change request
 * (change-requests.server.ts) both come here, inside their own transaction and after `lockContract`: the version
 * row, the contract's current version, the audit row `contract.revise` (with the caller's details) and the
 * 発注書's transaction record for the new version (the 発注書 is stored per version, decision 0028).
 */
export async function writeContractVersion(
  trx: Kysely<Database>,
  row: { id: string; current_version: number },
  v: {
    content: ContractContent;
    reason: string;
    outside: { outsideScope: boolean; reason: string | null };
    by: { userId: string; orgId: string };
    at: Date;
    audit?: Record<string, unknown>;
  },
): Promise<number> {
  const version = row.current_version + 1;
  await insertContractVersion(trx, { contractId: row.id, version, content: v.content, changeReason: v.reason, createdBy: v.by.userId, at: v.at });
  await updateContractRow(trx, row.id, { currentVersion: version, outsideScope: v.outside.outsideScope, outsideScopeReason: v.outside.reason, at: v.at });
  await writeAudit(trx, {
    actorUserId: v.by.userId,
    actorOrgId: v.by.orgId,
    action: "contract.revise",
    entityType: "contract",
    entityId: row.id,
    before: { version: row.current_version },
    after: { version, reason: v.reason, ...v.audit },
  });
  await enqueueOutbox(trx, "transaction_record", `purchase_order:${row.id}`);
  return version;
}

export interface RevisionInput {
  /** The new milestone plan; the current one is kept when absent. */
  milestones?: unknown;
  reason: string;
}

/**
 * Version n+1 of an ACTIVE contract (the change request of issue 17 calls this): the current content with
 * the new milestone plan when given, and the reason for the change. 404 / 409 (draft: edit it instead) /
 * 400 field by field, writing nothing.
 */
export async function reviseContract(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  input: RevisionInput,
): Promise<{ ok: true; version: number } | ServiceFailure> {
  const found = await buyerContract(ctx, actor, contractId);
  if (!found) return failure.notFound();
  const { a } = found;
  const reason = typeof input?.reason === "string" ? input.reason.trim() : "";
  if (reason === "") return failure.invalid({ fieldErrors: { reason: ["contracts.reason.required"] } });
  if (reason.length > 2000) return failure.invalid({ fieldErrors: { reason: ["contracts.reason.tooLong"] } });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "active") return failure.conflict("contracts.notActive");
    const versions = await listContractVersions(trx, contractId);
    const content = versions.find((v) => v.version === row.current_version)!.content as ContractContent;
    let next = content;
    let outside = { outsideScope: row.outside_scope, reason: row.outside_scope_reason };
    if (input.milestones !== undefined) {
      const checked = checkPlan(input.milestones, content, tokyoDateString(now));
      if (!checked.ok) return checked;
      next = { ...content, milestonePlan: checked.plan };
      outside = { outsideScope: !!checked.plan.outsideScope, reason: checked.plan.outsideScope?.reason ?? null };
    }
    const version = await writeContractVersion(trx, row, {
      content: next,
      reason,
      outside,
      by: { userId: a.userId, orgId: a.org.id },
      at: now,
      audit: { milestonesChanged: input.milestones !== undefined },
    });
    return { ok: true as const, version };
  });
}

// ---------------------------------------------------------------------------------------------
// Documents stored once

export interface StoredPdf {
  ok: true;
  id: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  fileName: string;
}

/**
 * The document of (kind, subject, locale): the stored bytes when it was rendered before, else rendered now,
 * stored with its SHA-256 and returned. Never rendered twice: a second caller at the same moment loses the
 * insert (unique key) and reads the first one's bytes.
 */
export async function storeDocumentOnce(
  ctx: AppContext,
  spec: { kind: StoredDocumentKind; subjectId: string; rfqId: string; buyerOrgId: string; vendorOrgId: string | null; locale: Locale; fileName: string },
  render: () => Promise<Uint8Array>,
  audit: { actorUserId: string; actorOrgId: string },
): Promise<StoredPdf> {
  const existing = await findStoredDocument(ctx.db, spec.kind, spec.subjectId, spec.locale);
  if (existing) return toStored(existing);
  const bytes = await render();
  const sha256 = sha256Hex(bytes);
  const stored = await ctx.db.transaction().execute(async (trx) => {
    const { row, inserted } = await insertDocumentOnce(trx, { ...spec, sha256, bytes, at: ctx.clock.now() });
    if (inserted)
      await writeAudit(trx, {
        ...audit,
        action: "document.store",
        entityType: "document",
        entityId: row.id,
        after: { kind: spec.kind, subjectId: spec.subjectId, locale: spec.locale, sha256 },
      });
    return row;
  });
  return toStored(stored);
}

/**
 * A download of a stored document, in the audit log ("document.download": which file, its SHA-256, who): 電子帳簿保存法
 * asks that every access to a transaction record be on record. Pages and the API serve PDFs through this; a service
 * that only reads a document for another purpose (the inspection export audits itself) calls the plain function.
 */
export async function auditedDownload<T extends { ok: true; id: string | null; fileName: string; sha256: string } | ServiceFailure>(
  ctx: AppContext,
  actor: Actor,
  pdf: T,
): Promise<T> {
  // A document not kept (id null: a draft's preview) is no record; nothing to audit.
  if (!pdf.ok || pdf.id === null) return pdf;
  await writeAudit(ctx.db, {
    actorUserId: actor.userId,
    actorOrgId: actor.org?.id ?? null,
    action: "document.download",
    entityType: "document",
    entityId: pdf.id,
    after: { fileName: pdf.fileName, sha256: pdf.sha256 },
  });
  return pdf;
}

function toStored(row: { id: string; bytes: Uint8Array; sha256: string; file_name: string }): StoredPdf {
  return { ok: true, id: row.id, bytes: new Uint8Array(row.bytes), sha256: row.sha256, fileName: row.file_name };
}

/** The 発注書 of a contract's current version as the document input, in `locale`. */
export function purchaseOrderDocument(record: ContractRecord, locale: Locale): PurchaseOrderDocument {
  const c = record.content;
  const milestones = presentMilestones(c, record.outsideScope);
  const lineKey = record.outsideScope
    ? "contracts.legal.line.outsideScope"
    : c.buyerKind === "municipality"
      ? "contracts.legal.line.municipality"
      : "contracts.legal.line.company";
  const payments = milestones
    .map((m) => {
      const pay = m.legalDates.find((d) => d.obligation === "payment");
      return pay ? `${m.name}: ${t(locale, "contracts.legal.paymentBy", { date: formatDate(pay.actBy, locale) })}` : null;
    })
    .filter((x): x is string => x !== null);
  const issued = record.activatedAt ?? record.createdAt;
  return {
    orderNumber: `PO-${tokyoDateString(new Date(issued)).slice(0, 4)}-${record.id.replace(/-/g, "").slice(0, 8).toUpperCase()}-${record.currentVersion}`,
    issuedAt: issued,
    buyer: { name: c.parties.buyer.name, registrationNumber: c.parties.buyer.registrationNumber },
    vendor: { name: c.parties.vendor.name, registrationNumber: c.parties.vendor.registrationNumber },
    subject: c.rfq.title,
    lines: c.lines.map((l) => ({ description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate })),
    term: { from: c.term.from, to: c.term.to },
    milestones: milestones.map((m) => ({ name: m.name, dueDate: m.dueDate, amount: m.amountYen, acceptance: m.acceptance })),
    milestoneAmountsIncludeTax: true,
    paymentTerms: t(locale, "contracts.paymentTerms"),
    legalDueDateLine: [t(locale, lineKey), ...payments].join(locale === "ja" ? "　" : " "),
  };
}

/**
 * The 発注書 PDF of an ACTIVE contract's current version, rendered once per language and then always the
 * same bytes. For members of the buyer organisation and the contract's vendor; 404 for anyone else; 409
 * while the contract is a draft.
 */
export async function purchaseOrderPdf(ctx: AppContext, actor: Actor, contractId: string, locale: Locale): Promise<StoredPdf | ServiceFailure> {
  const found = await contractFor(ctx, actor, contractId);
  if (!found) return failure.notFound();
  const { row } = found;
  if (row.status !== "active") return failure.conflict("contracts.purchaseOrder.onlyActive");
  const subjectId = `${row.id}:v${row.current_version}`;
  const existing = await findStoredDocument(ctx.db, "purchase_order", subjectId, locale);
  if (existing) return toStored(existing);
  const record = await recordOf(ctx.db, row);
  const doc = purchaseOrderDocument(record, locale);
  return storeDocumentOnce(
    ctx,
    {
      kind: "purchase_order",
      subjectId,
      rfqId: row.rfq_id,
      buyerOrgId: row.buyer_org_id,
      vendorOrgId: row.vendor_org_id,
      locale,
      fileName: downloadName(`${t(locale, "documents.order.title").replace(/ /g, "")}_${doc.orderNumber}_${locale}.pdf`, ["pdf"]),
    },
    () => renderPurchaseOrderPdf(doc, locale),
    { actorUserId: actor.userId, actorOrgId: actor.org!.id },
  );
}

/**
 * The 稟議書 of an award proposal, from its frozen snapshot and the route's decisions (passed in until the
 * decisions query is wired). For members of the buyer organisation and advisors assigned to the RFQ; 404
 * for anyone else (vendors included). Stored once only when the proposal is decided (approved/rejected): a
 * packet of a pending proposal is rendered fresh each time, since its decisions are still coming.
 */
export async function approvalPacketPdf(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  proposalId: string,
  locale: Locale,
): Promise<StoredPdf | (Omit<StoredPdf, "id"> & { id: null }) | ServiceFailure> {
  if (!actor.org || !isRowId(proposalId)) return failure.notFound();
  const p = await findProposalForPacket(ctx.db, proposalId);
  if (!p || p.rfq_id !== rfqId) return failure.notFound();
  const allowed =
    (actor.org.kind === "buyer" && actor.org.id === p.buyer_org_id) ||
    (actor.org.kind === "advisory" && (await isAdvisorOfRfq(ctx.db, actor.org.id, p.rfq_id)));
  if (!allowed) return failure.notFound();
  const existing = await findStoredDocument(ctx.db, "approval_packet", p.id, locale);
  if (existing) return toStored(existing);
  const routeSteps = p.route_steps as RouteStep[];
  // The decisions of the proposal's current round: those of earlier rounds were voided by a 差戻し and an edit.
  const decisions: PacketDecision[] = (await listDecisions(ctx.db, [p.id]))
    .filter((d) => d.round === p.round)
    .map((d) => ({
      stepIndex: d.step_index,
      approverName: d.approver_name,
      decidedByName: d.decided_by_name,
      decision: d.decision === "approve" ? "approved" : d.decision === "reject" ? "rejected" : "returned",
      decidedAt: d.created_at,
      onBehalfOf: d.delegated ? d.approver_name : null,
    }));
  const doc = approvalPacketDocument({
    proposal: {
      id: p.id,
      createdAt: p.created_at,
      quoteId: p.quote_id,
      amountYen: Number(p.amount_yen),
      rationale: p.rationale,
      specificRationale: p.specific_rationale,
      snapshotSha256: p.snapshot_sha256,
      routeSteps,
      redFlags: (p.red_flags ?? []) as AcknowledgedRedFlag[],
    },
    snapshot: p.snapshot as ProposalSnapshot,
    buyer: { name: p.buyer_name },
    proposer: { name: p.proposer_name },
    userNames: await userNamesByIds(
      ctx.db,
      routeSteps.flatMap((s) => s.approverIds),
    ),
    decisions,
    locale,
  });
  const fileName = downloadName(`${t(locale, "documents.approval.title").replace(/ /g, "")}_${doc.documentNumber}_${locale}.pdf`, ["pdf"]);
  const render = () => renderApprovalPacketPdf(doc, locale);
  if (p.status !== "approved" && p.status !== "rejected") {
    const bytes = new Uint8Array(await render());
    return { ok: true, id: null, bytes, sha256: sha256Hex(bytes), fileName };
  }
  return storeDocumentOnce(
    ctx,
    { kind: "approval_packet", subjectId: p.id, rfqId: p.rfq_id, buyerOrgId: p.buyer_org_id, vendorOrgId: null, locale, fileName },
    render,
    { actorUserId: actor.userId, actorOrgId: actor.org.id },
  );
}

/**
 * A stored document by id, for download. Members of the buyer organisation: any of its documents; the
 * contract's vendor: its 発注書 only; advisors assigned to the RFQ: the 稟議書 only; anyone else 404.
 */
export async function storedDocument(ctx: AppContext, actor: Actor, rfqId: string, documentId: string): Promise<StoredPdf | ServiceFailure> {
  if (!actor.org || !isRowId(documentId) || !isRowId(rfqId)) return failure.notFound();
  const row = await findDocumentById(ctx.db, documentId);
  if (!row || row.rfq_id !== rfqId) return failure.notFound();
  const org = actor.org;
  const allowed =
    (org.kind === "buyer" && org.id === row.buyer_org_id) ||
    (org.kind === "vendor" && row.kind === "purchase_order" && org.id === row.vendor_org_id) ||
    (org.kind === "advisory" && row.kind === "approval_packet" && (await isAdvisorOfRfq(ctx.db, org.id, row.rfq_id)));
  return allowed ? toStored(row) : failure.notFound();
}
