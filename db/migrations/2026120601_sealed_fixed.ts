import { sql, type Kysely } from "kysely";

// Sealed bids can never open early (issue 12, item 1). The app refuses these changes with field errors
// (app/domain/rfq/fixed-at-publication.ts); these triggers refuse them in the database too, so a future
// code path, a script or a hand-written UPDATE cannot open sealed bids early either:
//  - once an RFQ has been published, `sealed` never changes and `quote_deadline` never moves earlier
//    (nor back to null);
//  - a published RFQ never returns to draft (a second "first publication" could choose sealed anew), and a
//    cancelled RFQ stays cancelled (re-publishing it would open its bids at the old deadline);
//  - every published version's JSON agrees with the fixed values: its `sealed` is the RFQ's, its
//    `quoteDeadline` is not before the RFQ's current deadline.
// Plain plpgsql: it runs on PostgreSQL 15 and on PGlite alike.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function rfqs_fixed_at_publication() returns trigger language plpgsql as $$
    begin
      if old.status = 'draft' then
        return new;
      end if;
      if new.sealed is distinct from old.sealed then
        raise exception 'rfq %: sealed is fixed once published', old.id using errcode = 'check_violation';
      end if;
      if old.quote_deadline is not null and (new.quote_deadline is null or new.quote_deadline < old.quote_deadline) then
        raise exception 'rfq %: the quote deadline may only be extended once published', old.id using errcode = 'check_violation';
      end if;
      if new.status = 'draft' then
        raise exception 'rfq %: a published RFQ cannot return to draft', old.id using errcode = 'check_violation';
      end if;
      if old.status = 'cancelled' and new.status <> 'cancelled' then
        raise exception 'rfq %: a cancelled RFQ stays cancelled', old.id using errcode = 'check_violation';
      end if;
      return new;
    end;
    $$
  `.execute(db);
  await sql`
    create trigger rfqs_fixed_at_publication before update on rfqs
    for each row execute function rfqs_fixed_at_publication()
  `.execute(db);

  await sql`
    create function rfq_versions_fixed_terms() returns trigger language plpgsql as $$
    declare
      fixed_sealed boolean;
      fixed_deadline timestamptz;
    begin
      select sealed, quote_deadline into fixed_sealed, fixed_deadline from rfqs where id = new.rfq_id;
      if (new.content ->> 'sealed')::boolean is distinct from fixed_sealed then
        raise exception 'rfq %: version % would change sealed', new.rfq_id, new.version using errcode = 'check_violation';
      end if;
      if fixed_deadline is not null and (new.content ->> 'quoteDeadline')::timestamptz < fixed_deadline then
        raise exception 'rfq %: version % would bring the deadline forward', new.rfq_id, new.version using errcode = 'check_violation';
      end if;
      return new;
    end;
    $$
  `.execute(db);
  await sql`
    create trigger rfq_versions_fixed_terms before insert or update on rfq_versions
    for each row execute function rfq_versions_fixed_terms()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists rfq_versions_fixed_terms on rfq_versions`.execute(db);
  await sql`drop function if exists rfq_versions_fixed_terms()`.execute(db);
  await sql`drop trigger if exists rfqs_fixed_at_publication on rfqs`.execute(db);
  await sql`drop function if exists rfqs_fixed_at_publication()`.execute(db);
}
