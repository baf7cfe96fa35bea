import { strToU8, zipSync, type Zippable } from "fflate";
import { writeAudit } from "../../db/queries/audit";
import { searchTransactionRecordRows, transactionRecordRowsByKeys } from "../../db/queries/transaction-records";
import { fromTransactionRecordDocument } from "../../search/documents";
import { toCsv } from "~/domain/comparison/export-table";
import { downloadName } from "~/domain/download-name";
import { activeCriteria, normalizeCounterparty, TransactionSearchSchema, type TransactionSearch } from "~/domain/invoices/retention";
import {
  compareRecords,
  counterpartyGramOf,
  dateNumber,
  parseRecordId,
  toTransactionRecord,
  type RecordSide,
  type TransactionRecord,
} from "~/domain/invoices/transaction-records";
import type { Actor } from "~/domain/permissions";
import { t, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { purchaseOrderPdf, type StoredPdf } from "./contracts.server";
import { invoicePdf } from "./invoices.server";

// 取引書類 (電子帳簿保存法, issue 16 item 5; decision 0036): the search over an organisation's own transaction records
// (buyer or vendor side), the download of a record's stored PDF and the ZIP for a tax inspection. The reader's scope
// (its organisation and side) comes from the actor, never from the request; every search, download and export is
// audited. Meilisearch answers while it is healthy; otherwise PostgreSQL answers the same question with the same
// meaning (tests/integration/transaction-records.test.ts compares the two).

/** The most records one search (and one export) returns, newest first; the page says when there were more. */
export const RECORD_SEARCH_LIMIT = 1000;

interface Reader {
  userId: string;
  orgId: string;
  side: RecordSide;
}

/** Members of a buyer or vendor organisation read their own side; anyone else has no records here. */
function readerOf(actor: Actor): Reader | null {
  if (!actor.org || (actor.org.kind !== "buyer" && actor.org.kind !== "vendor")) return null;
  return { userId: actor.userId, orgId: actor.org.id, side: actor.org.kind };
}

export interface RecordSearchOutcome {
  ok: true;
  criteria: TransactionSearch;
  /** How many of the three legal criteria (date, amount, counterparty) the search combined. */
  criteriaCount: number;
  records: TransactionRecord[];
  /** More than RECORD_SEARCH_LIMIT matched: only the newest are returned. */
  truncated: boolean;
  /** Which store answered. */
  mode: "search" | "database";
}

async function findRecords(
  ctx: AppContext,
  reader: Reader,
  criteria: TransactionSearch,
): Promise<{ records: TransactionRecord[]; mode: "search" | "database" }> {
  const now = ctx.clock.now();
  const fetch = RECORD_SEARCH_LIMIT + 1;
  if (await ctx.searchHealthy()) {
    try {
      const { hits } = await ctx.search.searchTransactionRecords({
        scope: { orgId: reader.orgId, side: reader.side },
        dateFrom: criteria.dateFrom ? dateNumber(criteria.dateFrom) : undefined,
        dateTo: criteria.dateTo ? dateNumber(criteria.dateTo) : undefined,
        amountMin: criteria.amountMin,
        amountMax: criteria.amountMax,
        counterpartyGram: criteria.counterparty ? counterpartyGramOf(criteria.counterparty) : undefined,
        kinds: criteria.kinds,
        limit: fetch,
      });
      // The filter already scopes the hits; checked again here, so a wrong index can never show another's record.
      const records = hits.map(fromTransactionRecordDocument).filter((r) => r.orgId === reader.orgId && r.side === reader.side);
      // A counterparty longer than the indexed substrings was matched on its beginning: check the whole of it.
      const wanted = criteria.counterparty ? normalizeCounterparty(criteria.counterparty) : "";
      return { records: records.filter((r) => normalizeCounterparty(r.counterpartyName).includes(wanted)), mode: "search" };
    } catch {
      // fall through to the database
    }
  }
  const rows = await searchTransactionRecordRows(
    ctx.db,
    { orgId: reader.orgId, side: reader.side },
    {
      dateFrom: criteria.dateFrom,
      dateTo: criteria.dateTo,
      amountMin: criteria.amountMin,
      amountMax: criteria.amountMax,
      counterpartyNormalized: criteria.counterparty ? normalizeCounterparty(criteria.counterparty) : undefined,
      kinds: criteria.kinds,
    },
    now,
    fetch,
  );
  return { records: rows.map((row) => toTransactionRecord(row)), mode: "database" };
}

async function search(ctx: AppContext, reader: Reader, input: unknown): Promise<RecordSearchOutcome | ServiceFailure> {
  const parsed = TransactionSearchSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const criteria = parsed.data;
  const found = await findRecords(ctx, reader, criteria);
  const records = found.records.sort(compareRecords);
  return {
    ok: true,
    criteria,
    criteriaCount: activeCriteria(criteria).length,
    records: records.slice(0, RECORD_SEARCH_LIMIT),
    truncated: records.length > RECORD_SEARCH_LIMIT,
    mode: found.mode,
  };
}

/**
 * The reader's own records matching the criteria (`TransactionSearchSchema`: any combination of date range, amount
 * range, counterparty and kinds). 404 for anyone not acting for a buyer or vendor organisation; 400 field by field.
 * Audited ("record.search": the criteria and how many records answered).
 */
export async function searchTransactionRecords(ctx: AppContext, actor: Actor, input: unknown): Promise<RecordSearchOutcome | ServiceFailure> {
  const reader = readerOf(actor);
  if (!reader) return failure.notFound();
  const result = await search(ctx, reader, input);
  if (!result.ok) return result;
  await writeAudit(ctx.db, {
    actorUserId: reader.userId,
    actorOrgId: reader.orgId,
    action: "record.search",
    entityType: "organization",
    entityId: reader.orgId,
    after: { side: reader.side, criteria: result.criteria, count: result.records.length, truncated: result.truncated, mode: result.mode },
  });
  return result;
}

/** The record `id` if it is the reader's own (its organisation, its side) as of now; null otherwise. */
async function ownRecord(ctx: AppContext, reader: Reader, id: string): Promise<TransactionRecord | null> {
  const key = parseRecordId(id);
  if (!key || key.side !== reader.side) return null;
  const rows = await transactionRecordRowsByKeys(ctx.db, [`${key.kind}:${key.id}`], ctx.clock.now());
  const row = rows.find((r) => r.side === reader.side && r.org_id === reader.orgId);
  return row ? toTransactionRecord(row) : null;
}

/** The stored PDF of a record (rendered once and kept on first use, in Japanese: the document as issued). */
async function fileOf(ctx: AppContext, actor: Actor, record: TransactionRecord): Promise<StoredPdf | null> {
  if (record.kind === "invoice") {
    const pdf = await invoicePdf(ctx, actor, record.recordId, "ja");
    return pdf.ok ? pdf : null;
  }
  if (record.kind === "purchase_order") {
    const pdf = await purchaseOrderPdf(ctx, actor, record.recordId, "ja");
    return pdf.ok ? pdf : null;
  }
  return null;
}

/**
 * The stored PDF of one of the reader's records, by record id ("invoice-<uuid>-buyer"). 404 for another
 * organisation's record, the other side's, or a record without a file; the refusal is audited
 * ("record.download.denied"), the download too ("record.download": the document and its SHA-256).
 */
export async function downloadTransactionRecordFile(ctx: AppContext, actor: Actor, id: string): Promise<StoredPdf | ServiceFailure> {
  const reader = readerOf(actor);
  if (!reader) return failure.notFound();
  const record = await ownRecord(ctx, reader, id);
  const pdf = record && record.hasFile ? await fileOf(ctx, actor, record) : null;
  if (!record || !pdf) {
    await writeAudit(ctx.db, {
      actorUserId: reader.userId,
      actorOrgId: reader.orgId,
      action: "record.download.denied",
      entityType: "transaction_record",
      entityId: id.slice(0, 200),
    });
    return failure.notFound();
  }
  await writeAudit(ctx.db, {
    actorUserId: reader.userId,
    actorOrgId: reader.orgId,
    action: "record.download",
    entityType: "transaction_record",
    entityId: record.id,
    after: { documentId: pdf.id, fileName: pdf.fileName, sha256: pdf.sha256, number: record.number },
  });
  return pdf;
}

/** index.csv of an export: UTF-8 with BOM, the headers in Japanese (for the tax office), one line per record. */
export function inspectionIndexCsv(lines: { record: TransactionRecord; fileName: string | null; sha256: string | null }[]): string {
  const h = (key: Parameters<typeof t>[1]) => t("ja", key);
  return toCsv({
    header: [
      h("records.csv.date"),
      h("records.csv.amount"),
      h("records.csv.counterparty"),
      h("records.csv.kind"),
      h("records.csv.number"),
      h("records.csv.file"),
      h("records.csv.sha256"),
      h("records.csv.retention"),
    ],
    rows: lines.map(({ record: r, fileName, sha256 }) => [
      { value: r.recordDate },
      { value: r.signedAmount },
      { value: r.counterpartyName },
      { value: t("ja", `records.type.${r.documentType}`) },
      { value: r.number },
      { value: fileName },
      { value: sha256 },
      { value: r.retentionEnd },
    ]),
  });
}

export interface InspectionExport {
  ok: true;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  count: number;
}

/**
 * The ZIP for a tax inspection of the records the same criteria find: index.csv (see inspectionIndexCsv) and, under
 * files/, each record's stored PDF byte for byte (its SHA-256 in the index). Quotes and receipts have no PDF: their
 * index line is the record (decision 0036). Audited ("record.export": criteria, record ids, SHA-256s). 404 / 400 as
 * the search.
 */
export async function exportForInspection(ctx: AppContext, actor: Actor, input: unknown, locale: Locale = "ja"): Promise<InspectionExport | ServiceFailure> {
  const reader = readerOf(actor);
  if (!reader) return failure.notFound();
  const result = await search(ctx, reader, input);
  if (!result.ok) return result;
  const files: Zippable = {};
  const lines: { record: TransactionRecord; fileName: string | null; sha256: string | null }[] = [];
  const used = new Set<string>();
  for (const record of result.records) {
    const pdf = record.hasFile ? await fileOf(ctx, actor, record) : null;
    if (!pdf) {
      lines.push({ record, fileName: null, sha256: null });
      continue;
    }
    // One folder, names made unique (two languages or a reused number never overwrite each other).
    let name = `files/${downloadName(pdf.fileName, ["pdf"])}`;
    for (let n = 2; used.has(name); n++) name = `files/${downloadName(pdf.fileName.replace(/\.pdf$/i, `_${n}.pdf`), ["pdf"])}`;
    used.add(name);
    // PDFs are compressed already: stored as they are, which saves the CPU and changes nothing in the bytes.
    files[name] = [pdf.bytes, { level: 0 }];
    lines.push({ record, fileName: name, sha256: pdf.sha256 });
  }
  files["index.csv"] = strToU8(inspectionIndexCsv(lines));
  const bytes = zipSync(files, { level: 6, mtime: ctx.clock.now() });
  await writeAudit(ctx.db, {
    actorUserId: reader.userId,
    actorOrgId: reader.orgId,
    action: "record.export",
    entityType: "organization",
    entityId: reader.orgId,
    after: {
      side: reader.side,
      criteria: result.criteria,
      count: lines.length,
      truncated: result.truncated,
      files: lines.filter((l) => l.sha256).map((l) => ({ record: l.record.id, sha256: l.sha256 })),
    },
  });
  return {
    ok: true,
    fileName: t(locale, "records.export.fileName", { date: tokyoDateString(ctx.clock.now()) }),
    bytes: new Uint8Array(bytes),
    count: lines.length,
  };
}
