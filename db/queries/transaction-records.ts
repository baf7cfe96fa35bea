import { sql, type Kysely, type RawBuilder } from "kysely";
import type { TransactionRecordRow } from "../../app/domain/invoices/transaction-records";
import type { TransactionRecordKind } from "../../app/domain/invoices/retention";
import type { Database } from "../schema";

// The 取引書類 (電子帳簿保存法) rows of app/domain/invoices/transaction-records.ts: every quote, purchase order
// (an active contract's 発注書), invoice / correction / credit note and receipt (bank, card, card refund), once per side (buyer and
// vendor organisation). One statement for the index (by record keys, both sides) and for the PostgreSQL fallback
// of the search (one organisation's side, with the criteria in the WHERE clause).
//
// Confidentiality: the buyer side of a quote follows the sealed-bid rule of db/queries/quotes.ts (`openedOffers`):
// offers only, an open RFQ at once, a sealed one from its deadline on unless cancelled — and the version the buyer
// reads is the BAFO version only once that round's deadline passed (`finalVersionOf`). The vendor side is the
// vendor's own latest version. A receipt is a money transfer recorded against an invoice: the 'credit' and
// 'credit_note' set-offs are not (their records are the credit note and the original invoice).

/**
 * "<kind>:<uuid>": the outbox entity id of a record (both sides). Anything else is ignored. A "receipt" id is the row
 * id of a bank receipt (invoice_receipts), a card payment (card_payment_attempts) or a card refund
 * (card_refunds_applied): one key space over three tables, safe because the ids are random UUIDs, so the record id
 * "receipt-<uuid>-<side>" of pages, downloads and the index stays the same whatever the money moved by.
 */
export const RECORD_KEY = /^(quote|purchase_order|invoice|receipt):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The 書類番号 of a card receipt / refund: the invoice number, then カード<attempt> (and 返金<n>, the n-th refund of that
 * payment). Printed the same in both languages, like every document number.
 */
const CARD_LABEL = "カード";
const REFUND_LABEL = "返金";

const OFFER_STATUSES = ["submitted", "shortlisted", "awarded", "not_selected"] as const;

/** NFKC, lower case, no white space: `normalizeCounterparty` of retention.ts in SQL. */
const normalizedName = (column: RawBuilder<unknown>) => sql`regexp_replace(lower(normalize(${column}, NFKC)), '\\s+', '', 'g')`;

/**
 * Which rows each branch reads, pushed into the branch (so PostgreSQL uses the id and organisation indexes instead
 * of building every record and filtering the union): one organisation's side, record ids by kind, or everything.
 */
type Narrow = { org: { orgId: string; side: "buyer" | "vendor" } } | { ids: Record<TransactionRecordKind, string[]> } | { all: true };

function narrow(
  n: Narrow,
  kind: TransactionRecordKind,
  idColumn: RawBuilder<unknown>,
  orgColumns: { buyer?: RawBuilder<unknown>; vendor?: RawBuilder<unknown> },
  sideColumn?: RawBuilder<unknown>,
) {
  if ("all" in n) return sql`true`;
  if ("ids" in n) {
    const ids = n.ids[kind];
    return ids.length > 0 ? sql`${idColumn} in (${sql.join(ids)})` : sql`false`;
  }
  const org = orgColumns[n.org.side];
  if (!org) return sql`false`;
  return sideColumn ? sql`${sideColumn} = ${n.org.side} and ${org} = ${n.org.orgId}` : sql`${org} = ${n.org.orgId}`;
}

function unionOfRecords(now: Date, n: Narrow) {
  const offers = sql.join(OFFER_STATUSES.map((s) => sql.lit(s)));
  const side = sql`s.side`;
  return sql`
    -- Quotes, the vendor's copy: its own latest version.
    select 'quote'::text as kind, null::text as invoice_kind, q.id::text as record_id, 'vendor'::text as side,
           q.vendor_org_id::text as org_id, r.buyer_org_id::text as counterparty_org_id, b.name as counterparty_name,
           to_char(v.created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as record_date,
           coalesce((v.normalized->>'contractValueIncludingTax')::bigint, v.tco) as amount,
           null::text as number, v.version as version, r.title as title, r.id::text as rfq_id, q.id::text as quote_id,
           null::text as contract_id, null::text as invoice_id, null::text as receipt_source
      from quotes q
      join rfqs r on r.id = q.rfq_id
      join organizations b on b.id = r.buyer_org_id
      join lateral (select * from quote_versions qv where qv.quote_id = q.id order by qv.version desc limit 1) v on true
     where q.status in (${offers}) and ${narrow(n, "quote", sql`q.id`, { vendor: sql`q.vendor_org_id` })}
    union all
    -- Quotes, the buyer's copy: opened offers only, in the version the buyer reads.
    select 'quote', null, q.id::text, 'buyer', r.buyer_org_id::text, q.vendor_org_id::text, vo.name,
           to_char(v.created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
           coalesce((v.normalized->>'contractValueIncludingTax')::bigint, v.tco),
           null, v.version, r.title, r.id::text, q.id::text, null, null, null
      from quotes q
      join rfqs r on r.id = q.rfq_id
      join organizations vo on vo.id = q.vendor_org_id
      left join lateral (
        select bv.version from quote_versions bv join bafo_rounds br on br.id = bv.bafo_round_id
         where bv.quote_id = q.id and bv.kind = 'bafo' and br.status = 'open' and br.deadline <= ${now}
         order by bv.version desc limit 1
      ) f on true
      join quote_versions v on v.quote_id = q.id and v.version = coalesce(f.version, q.current_version)
     where q.status in (${offers}) and ${narrow(n, "quote", sql`q.id`, { buyer: sql`r.buyer_org_id` })}
       and (r.sealed = false or (r.quote_deadline <= ${now} and r.status <> 'cancelled'))
    union all
    -- Purchase orders: the 発注書 of an active contract's current version, both sides; names as printed.
    select 'purchase_order', null, c.id::text, s.side,
           case when s.side = 'buyer' then c.buyer_org_id else c.vendor_org_id end::text,
           case when s.side = 'buyer' then c.vendor_org_id else c.buyer_org_id end::text,
           case when s.side = 'buyer' then cv.content->'parties'->'vendor'->>'name' else cv.content->'parties'->'buyer'->>'name' end,
           to_char(c.activated_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
           (cv.content->'totals'->>'total')::bigint,
           null, c.current_version, r.title, r.id::text, c.quote_id::text, c.id::text, null, null
      from contracts c
      join contract_versions cv on cv.contract_id = c.id and cv.version = c.current_version
      join rfqs r on r.id = c.rfq_id
      cross join (values ('buyer'), ('vendor')) as s(side)
     where c.status = 'active' and c.activated_at is not null
       and ${narrow(n, "purchase_order", sql`c.id`, { buyer: sql`c.buyer_org_id`, vendor: sql`c.vendor_org_id` }, side)}
    union all
    -- Invoices, corrections and credit notes, both sides; names as printed on the invoice.
    select 'invoice', i.kind, i.id::text, s.side,
           case when s.side = 'buyer' then i.buyer_org_id else i.vendor_org_id end::text,
           case when s.side = 'buyer' then i.vendor_org_id else i.buyer_org_id end::text,
           case when s.side = 'buyer' then i.document->'issuer'->>'name' else i.document->'recipient'->>'name' end,
           to_char(i.invoice_date, 'YYYY-MM-DD'), i.total, i.number, null, r.title, r.id::text, null, i.contract_id::text, i.id::text, null
      from invoices i
      join rfqs r on r.id = i.rfq_id
      cross join (values ('buyer'), ('vendor')) as s(side)
     where ${narrow(n, "invoice", sql`i.id`, { buyer: sql`i.buyer_org_id`, vendor: sql`i.vendor_org_id` }, side)}
    union all
    -- Receipts (money received against an invoice by bank transfer), both sides.
    select 'receipt', null, rc.id::text, s.side,
           case when s.side = 'buyer' then i.buyer_org_id else i.vendor_org_id end::text,
           case when s.side = 'buyer' then i.vendor_org_id else i.buyer_org_id end::text,
           case when s.side = 'buyer' then i.document->'issuer'->>'name' else i.document->'recipient'->>'name' end,
           to_char(rc.received_on, 'YYYY-MM-DD'), rc.amount, i.number, null, r.title, r.id::text, null, i.contract_id::text, i.id::text,
           'bank'
      from invoice_receipts rc
      join invoices i on i.id = rc.invoice_id
      join rfqs r on r.id = i.rfq_id
      cross join (values ('buyer'), ('vendor')) as s(side)
     where rc.source not in ('credit', 'credit_note')
       and ${narrow(n, "receipt", sql`rc.id`, { buyer: sql`i.buyer_org_id`, vendor: sql`i.vendor_org_id` }, side)}
    union all
    -- Card receipts: a card attempt whose payment succeeded (the webhook set succeeded_at), both sides. The amount
    -- is what the buyer paid (the session's amount); the platform fee (application_fee) is never read here.
    select 'receipt', null, a.id::text, s.side,
           case when s.side = 'buyer' then i.buyer_org_id else i.vendor_org_id end::text,
           case when s.side = 'buyer' then i.vendor_org_id else i.buyer_org_id end::text,
           case when s.side = 'buyer' then i.document->'issuer'->>'name' else i.document->'recipient'->>'name' end,
           to_char(a.succeeded_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'), a.amount,
           i.number || ' ' || ${CARD_LABEL} || a.attempt::text, a.attempt, r.title, r.id::text, null, i.contract_id::text, i.id::text,
           'card'
      from card_payment_attempts a
      join invoices i on i.id = a.invoice_id
      join rfqs r on r.id = i.rfq_id
      cross join (values ('buyer'), ('vendor')) as s(side)
     where a.succeeded_at is not null
       and ${narrow(n, "receipt", sql`a.id`, { buyer: sql`i.buyer_org_id`, vendor: sql`i.vendor_org_id` }, side)}
    union all
    -- Card refunds: each rise of an attempt's refunded figure a webhook applied (card_refunds_applied), both sides,
    -- as money returned: a negative amount, like a credit note. Numbered per attempt in the order of the figure.
    select 'receipt', null, ra.id::text, s.side,
           case when s.side = 'buyer' then i.buyer_org_id else i.vendor_org_id end::text,
           case when s.side = 'buyer' then i.vendor_org_id else i.buyer_org_id end::text,
           case when s.side = 'buyer' then i.document->'issuer'->>'name' else i.document->'recipient'->>'name' end,
           to_char(ra.refunded_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'), -ra.amount,
           i.number || ' ' || ${CARD_LABEL} || a.attempt::text || ' ' || ${REFUND_LABEL}
             || (select count(*) from card_refunds_applied x where x.attempt_id = ra.attempt_id and x.refunded_total <= ra.refunded_total)::text,
           a.attempt, r.title, r.id::text, null, i.contract_id::text, i.id::text,
           'card_refund'
      from card_refunds_applied ra
      join card_payment_attempts a on a.id = ra.attempt_id
      join invoices i on i.id = ra.invoice_id
      join rfqs r on r.id = i.rfq_id
      cross join (values ('buyer'), ('vendor')) as s(side)
     where ${narrow(n, "receipt", sql`ra.id`, { buyer: sql`i.buyer_org_id`, vendor: sql`i.vendor_org_id` }, side)}`;
}

export interface RecordCriteria {
  dateFrom?: string;
  dateTo?: string;
  amountMin?: number;
  amountMax?: number;
  /** Already normalized (`normalizeCounterparty`). */
  counterpartyNormalized?: string;
  kinds?: readonly TransactionRecordKind[];
}

const toRows = (rows: unknown[]) => rows as TransactionRecordRow[];

/**
 * One organisation's own records on its side, as of `now`, matching the criteria (the PostgreSQL fallback of the
 * 取引書類 search): dates and amounts inclusive, the amount by its magnitude, the counterparty by normalized
 * substring. At most `limit` rows, newest first.
 */
export async function searchTransactionRecordRows(
  db: Kysely<Database>,
  scope: { orgId: string; side: "buyer" | "vendor" },
  criteria: RecordCriteria,
  now: Date,
  limit: number,
): Promise<TransactionRecordRow[]> {
  const where = [sql`t.org_id = ${scope.orgId}`, sql`t.side = ${scope.side}`];
  if (criteria.dateFrom) where.push(sql`t.record_date >= ${criteria.dateFrom}`);
  if (criteria.dateTo) where.push(sql`t.record_date <= ${criteria.dateTo}`);
  if (criteria.amountMin !== undefined) where.push(sql`abs(t.amount) >= ${criteria.amountMin}`);
  if (criteria.amountMax !== undefined) where.push(sql`abs(t.amount) <= ${criteria.amountMax}`);
  if (criteria.counterpartyNormalized) where.push(sql`strpos(${normalizedName(sql`t.counterparty_name`)}, ${criteria.counterpartyNormalized}) > 0`);
  if (criteria.kinds && criteria.kinds.length > 0) where.push(sql`t.kind in (${sql.join([...criteria.kinds])})`);
  const result = await sql`
    select * from (${unionOfRecords(now, { org: scope })}) as t
     where ${sql.join(where, sql` and `)}
     order by t.record_date desc, t.kind, t.record_id
     limit ${limit}`.execute(db);
  return toRows(result.rows);
}

/** The records (both sides) of these keys ("<kind>:<id>"), as of `now`: what the index keeps of them. */
export async function transactionRecordRowsByKeys(db: Kysely<Database>, keys: readonly string[], now: Date): Promise<TransactionRecordRow[]> {
  const ids: Record<TransactionRecordKind, string[]> = { quote: [], purchase_order: [], invoice: [], receipt: [] };
  for (const key of keys) {
    const m = RECORD_KEY.exec(key);
    if (m) ids[m[1] as TransactionRecordKind].push(m[2]);
  }
  if (Object.values(ids).every((list) => list.length === 0)) return [];
  const result = await sql`select * from (${unionOfRecords(now, { ids })}) as t`.execute(db);
  return toRows(result.rows);
}

/** Keyset pages of every record key, for `npm run reindex transaction_records`. */
export async function transactionRecordKeys(db: Kysely<Database>, afterKey: string | null, limit: number, now: Date): Promise<string[]> {
  const result = await sql<{ key: string }>`
    select distinct (t.kind || ':' || t.record_id) as key from (${unionOfRecords(now, { all: true })}) as t
     where ${afterKey === null ? sql`true` : sql`(t.kind || ':' || t.record_id) > ${afterKey}`}
     order by key
     limit ${limit}`.execute(db);
  return result.rows.map((r) => r.key);
}

/** The keys of quotes' records (the quote topic's entity ids are quote ids). */
export const quoteRecordKeys = (quoteIds: readonly string[]) => quoteIds.map((id) => `quote:${id}`);
