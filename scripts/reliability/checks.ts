import pg from "pg";
import type { Acks } from "./workload";

// What the suite asks the database directly (never through the app it is testing).

export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The suite stops PostgreSQL on purpose: an idle client's "terminated" error must not end the run.
  pool.on("error", () => {});
  return pool;
}

/** Acknowledged writes the database does not have, by id (0 is the only right answer). */
export async function missingAcks(pool: pg.Pool, acks: Acks): Promise<number> {
  let missing = 0;
  if (acks.quoteVersions.length) {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*) as n from unnest($1::uuid[], $2::int[]) as a(quote_id, version)
        where not exists (select 1 from quote_versions v where v.quote_id = a.quote_id and v.version = a.version)`,
      [acks.quoteVersions.map((a) => a.quoteId), acks.quoteVersions.map((a) => a.version)],
    );
    missing += Number(rows[0].n);
  }
  if (acks.questions.length) {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*) as n from unnest($1::uuid[]) as a(id) where not exists (select 1 from rfq_questions q where q.id = a.id)`,
      [acks.questions],
    );
    missing += Number(rows[0].n);
  }
  if (acks.answers.length) {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*) as n from unnest($1::uuid[]) as a(id) where not exists (select 1 from rfq_questions q where q.id = a.id and q.answer is not null)`,
      [acks.answers],
    );
    missing += Number(rows[0].n);
  }
  return missing;
}

/**
 * Submitted quote versions that lack a piece written in the same transaction, or pieces without their version:
 * every submitted/revised/resubmitted version has its audit row (same quote, `after.version`) and an outbox row of
 * topic `quote` from the same transaction (PostgreSQL's now() is the transaction's start, the default of both
 * rows' created_at). Counted over the whole database, the demo seed's quotes included.
 */
export async function partialQuoteRecords(pool: pg.Pool): Promise<{ versionsWithoutAudit: number; auditWithoutVersion: number; withoutOutbox: number }> {
  const { rows } = await pool.query<{ a: string; b: string; c: string }>(`
    with versions as (
      select quote_id, version from quote_versions where kind in ('submitted', 'revised', 'resubmitted')
    ), audits as (
      select entity_id::uuid as quote_id, (after->>'version')::int as version, created_at
        from audit_log where action in ('quote.submit', 'quote.revise', 'quote.resubmit')
    )
    select
      (select count(*) from versions v where not exists (select 1 from audits a where a.quote_id = v.quote_id and a.version = v.version)) as a,
      (select count(*) from audits a where not exists (select 1 from versions v where v.quote_id = a.quote_id and v.version = a.version)) as b,
      (select count(*) from audits a where not exists (
         select 1 from outbox o where o.topic = 'quote' and o.entity_id = a.quote_id::text and o.created_at = a.created_at)) as c`);
  return { versionsWithoutAudit: Number(rows[0].a), auditWithoutVersion: Number(rows[0].b), withoutOutbox: Number(rows[0].c) };
}

/** Outbox rows due now and not dead: the job runner has caught up when this reaches 0. */
export async function dueOutboxRows(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from outbox where processed_at is null and dead_at is null and next_attempt_at <= now()`,
  );
  return Number(rows[0].n);
}

/** Row counts of every table in the public schema (one statement, so the counts are of one snapshot). */
export async function tableCounts(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows: tables } = await pool.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by tablename`);
  // Also the audit rows a user's request made (the background jobs write theirs without one), so the audit log
  // stays checked even when the jobs' own rows make its total move.
  const sqlText = [
    ...tables.map(({ t }) => `select '${t}' as t, count(*)::int as n from "${t}"`),
    `select 'audit_log by a user' as t, count(*)::int as n from audit_log where actor_user_id is not null`,
  ].join(" union all ");
  const { rows } = await pool.query<{ t: string; n: number }>(sqlText);
  return new Map(rows.map((r) => [r.t, r.n]));
}

export function countDifferences(before: Map<string, number>, after: Map<string, number>, ignore: Set<string>): string[] {
  const out: string[] = [];
  for (const [t, n] of after) {
    if (ignore.has(t)) continue;
    if ((before.get(t) ?? 0) !== n) out.push(`${t} ${before.get(t) ?? 0}→${n}`);
  }
  return out;
}
