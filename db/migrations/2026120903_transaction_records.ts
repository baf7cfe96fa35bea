import { sql, type Kysely } from "kysely";

// 電子帳簿保存法 (issue 16 item 5; decision 0036): the files of transaction records are immutable and kept through
// their retention. The app has no path that changes or deletes them; these triggers make the database refuse it too
// (a cascade from a deleted RFQ included), so integrity does not rest on every future query being careful.
//
// - documents (the stored PDFs: 発注書, invoices, 稟議書): never updated — the bytes and their SHA-256 are the record.
//   A 発注書 or an invoice PDF is never deleted before its retention can have ended: 8 years and 3 months after it
//   was stored is past the latest possible retention end (the record's fiscal year ends at most 12 months after
//   the record, the filing deadline 2 months later at a month end, then 7 years: app/domain/invoices/retention.ts).
// - invoice_receipts (the 入金 records): never deleted, and their amount, date and invoice never changed.
// Invoices are frozen already (2026120901_invoices.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function documents_kept() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        raise exception 'a stored document is never changed (電子帳簿保存法; decision 0036)' using errcode = 'P0001';
      end if;
      if old.kind in ('purchase_order', 'invoice') and now() < old.created_at + interval '8 years 3 months' then
        raise exception 'a transaction record is kept until its retention end (電子帳簿保存法; decision 0036)' using errcode = 'P0001';
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger documents_kept before update or delete on documents for each row execute function documents_kept()`.execute(db);

  await sql`
    create function invoice_receipts_kept() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'a receipt is a transaction record and is never deleted (電子帳簿保存法; decision 0036)' using errcode = 'P0001';
      end if;
      if (new.invoice_id, new.amount, new.received_on) is distinct from (old.invoice_id, old.amount, old.received_on) then
        raise exception 'a recorded receipt is never changed: record a correction instead (decision 0036)' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger invoice_receipts_kept before update or delete on invoice_receipts for each row execute function invoice_receipts_kept()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists invoice_receipts_kept on invoice_receipts`.execute(db);
  await sql`drop function if exists invoice_receipts_kept()`.execute(db);
  await sql`drop trigger if exists documents_kept on documents`.execute(db);
  await sql`drop function if exists documents_kept()`.execute(db);
}
