import type { Kysely } from "kysely";
import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import { lockContract } from "../../db/queries/contracts";
import { recordEvidence } from "../../db/queries/evidence-events";
import { listOrgContacts } from "../../db/queries/invoice-reminders";
import { notifyUsers } from "../../db/queries/notifications";
import {
  correctMeasurement,
  findMeasurementForOrg,
  insertMeasurement,
  insertMeasurementEvent,
  listMeasurementEventsOfContract,
  listMeasurementsOfContract,
  lockLiveMeasurement,
  lockMeasurement,
  setMeasurementStatus,
  type FiguresRow,
} from "../../db/queries/sla-measurements";
import type { Database } from "../../db/schema";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { readMeasurementCsv, measurementTemplateCsv, rowIssue, type CsvRow } from "~/domain/measurements/csv";
import { checkFigures, DecisionInput, nextStatus, ReplyInput, type Figures, type MeasurementStatus } from "~/domain/measurements/entry";
import { lastDayOf, periodProblem, periodsOfTerm, templatePeriod, type Period } from "~/domain/measurements/period";
import type { Actor } from "~/domain/permissions";
import type { Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { contractForParty, type ContractForParty } from "./contracts.server";

// SLA measurements after the award (issue 17 item 2; decision 0040). The vendor enters, per month of an active
// contract's term and per KPI of its SLA, a rate as successes / trials or any other KPI's value (one at a time
// or a CSV of many, all or nothing); it may correct them until the buyer confirms (each correction is a new
// revision, the earlier figures stay in the history). The buyer confirms — which records the evidence in the
// same transaction, the only way a measurement becomes part of the vendor's track record — or disputes with a
// reason; the vendor may reply and/or correct (back to awaiting confirmation). A confirmed measurement is final.
// Every write: contractForParty (another tenant → 404), the contract's lock, an audit row.

type Db = Kysely<Database>;
type Trx = Db;

const customIssue = (path: (string | number)[], message: string): core.$ZodIssue => ({ code: "custom", path, message, input: undefined }) as core.$ZodIssue;

const figuresRow = (f: Figures, note: string): FiguresRow =>
  f.kind === "rate" ? { successes: f.successes, trials: f.trials, value: null, note } : { successes: null, trials: null, value: f.value, note };

const today = (ctx: AppContext) => tokyoDateString(ctx.clock.now());

async function partyContract(ctx: AppContext, actor: Actor, contractId: string) {
  if (!isRowId(contractId)) return null;
  return contractForParty(ctx, actor, contractId);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

type MeasurementRow = Awaited<ReturnType<typeof listMeasurementsOfContract>>[number];
type EventRow = Awaited<ReturnType<typeof listMeasurementEventsOfContract>>[number];

function present(m: MeasurementRow, events: readonly EventRow[], party: ContractForParty) {
  return {
    id: m.id,
    contractId: m.contract_id,
    period: m.period,
    kpiKey: m.kpi_key,
    status: m.status,
    successes: m.successes,
    trials: m.trials,
    value: m.value,
    note: m.note,
    revision: m.revision,
    submittedAt: new Date(m.submitted_at).toISOString(),
    decidedAt: m.decided_at ? new Date(m.decided_at).toISOString() : null,
    history: events
      .filter((e) => e.measurement_id === m.id)
      .map((e) => ({
        kind: e.kind,
        revision: e.revision,
        successes: e.successes,
        trials: e.trials,
        value: e.value,
        note: e.note,
        body: e.body,
        at: new Date(e.at).toISOString(),
        actorName: e.actor_name,
        side: e.actor_org_id === party.row.buyer_org_id ? ("buyer" as const) : ("vendor" as const),
      })),
  };
}
export type MeasurementView = ReturnType<typeof present>;

/** The SLA as either party may read it (the KPI commitments are the vendor's own: nothing of the buyer's evaluation). */
const slaOf = (party: ContractForParty): SlaTarget[] =>
  party.content.sla.map((k) => ({ key: k.key, label: k.label, unit: k.unit, direction: k.direction, target: k.target }));

/** Every live measurement of a contract with its history, for either party; null → 404. */
export async function listMeasurements(ctx: AppContext, actor: Actor, contractId: string) {
  const party = await partyContract(ctx, actor, contractId);
  if (!party) return failure.notFound();
  const [rows, events] = await Promise.all([listMeasurementsOfContract(ctx.db, contractId), listMeasurementEventsOfContract(ctx.db, contractId)]);
  return { ok: true as const, party, measurements: rows.map((m) => present(m, events, party)) };
}

/** The page /contracts/:id/measurements: the grid of period × KPI with each cell's measurement, for either party. */
export async function measurementsPage(ctx: AppContext, actor: Actor, contractId: string) {
  const listed = await listMeasurements(ctx, actor, contractId);
  if (!listed.ok) return listed;
  const { party, measurements } = listed;
  const day = today(ctx);
  const periods = party.row.status === "active" ? periodsOfTerm(party.content.term, day) : [];
  const byCell = new Map(measurements.map((m) => [`${m.period} ${m.kpiKey}`, m]));
  // Periods that are measured but no longer in the list (a later version changed the term) still show.
  const shown = [...new Set([...periods, ...measurements.map((m) => m.period)])].sort().reverse();
  const sla = slaOf(party);
  return {
    ok: true as const,
    side: party.side,
    contractId,
    contractHref: party.contractHref,
    active: party.row.status === "active",
    today: day,
    periods,
    templatePeriod: templatePeriod(party.content.term, day),
    sla,
    grid: shown.map((period) => ({
      period,
      cells: sla.map((kpi) => ({ kpi, measurement: byCell.get(`${period} ${kpi.key}`) ?? null })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The vendor: enter, correct, import

/** The vendor's party view of an active contract, or the failure to answer. */
async function vendorContract(ctx: AppContext, actor: Actor, contractId: string): Promise<ContractForParty | ServiceFailure> {
  const party = await partyContract(ctx, actor, contractId);
  if (!party) return failure.notFound();
  if (party.side !== "vendor") return failure.forbidden();
  if (party.row.status !== "active") return failure.conflict("measurements.contract.notActive");
  return party;
}

interface Entry {
  period: Period;
  kpiKey: string;
  figures: Figures;
  note: string;
}

/**
 * Writes one entry inside the transaction: a new measurement, or a correction of the live one (a new revision,
 * back to awaiting confirmation). A confirmed one is refused; the same figures again while awaiting confirmation
 * change nothing (re-importing a file is harmless).
 */
async function writeEntry(trx: Trx, party: ContractForParty, e: Entry, at: Date) {
  const live = await lockLiveMeasurement(trx, party.row.id, e.period, e.kpiKey);
  const next = nextStatus(live ? (live.status as MeasurementStatus) : null, "enter");
  if (!next.ok) return { ok: false as const, key: next.key };
  const figures = figuresRow(e.figures, e.note);
  if (
    live &&
    live.status === "pending" &&
    live.successes === figures.successes &&
    live.trials === figures.trials &&
    live.value === figures.value &&
    live.note === figures.note
  )
    return { ok: true as const, id: live.id, revision: live.revision, changed: false };
  const written = live
    ? await correctMeasurement(trx, live.id, { ...figures, enteredBy: party.actor.userId, at })
    : await insertMeasurement(trx, {
        ...figures,
        contractId: party.row.id,
        buyerOrgId: party.row.buyer_org_id,
        vendorOrgId: party.row.vendor_org_id,
        period: e.period,
        kpiKey: e.kpiKey,
        enteredBy: party.actor.userId,
        at,
      });
  await insertMeasurementEvent(trx, {
    measurementId: written.id,
    kind: live ? "corrected" : "entered",
    revision: written.revision,
    figures,
    actorUserId: party.actor.userId,
    actorOrgId: party.actor.orgId,
    at,
  });
  return { ok: true as const, id: written.id, revision: written.revision, changed: true, corrected: live !== undefined, before: live ?? null, figures };
}

/** The fields of one entry from a form or the API: { period, kpiKey, successes, trials, value, note }. */
function readEntry(party: ContractForParty, input: unknown, day: string): { ok: true; entry: Entry } | ServiceFailure {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const issues: core.$ZodIssue[] = [];
  const period = typeof raw.period === "string" ? raw.period.trim() : raw.period;
  const pp = periodProblem(period, party.content.term, day);
  if (pp) issues.push(customIssue(["period"], pp));
  const kpi = party.content.sla.find((k) => k.key === raw.kpiKey);
  const checked = checkFigures(kpi, raw);
  if (!checked.ok) for (const p of checked.problems) issues.push(customIssue([p.path], p.key));
  if (issues.length > 0 || !checked.ok) return failure.invalid({ issues });
  return { ok: true, entry: { period: period as Period, kpiKey: kpi!.key, figures: checked.figures, note: checked.note } };
}

/** The vendor enters (or corrects) one measurement. */
export async function enterMeasurement(ctx: AppContext, actor: Actor, contractId: string, input: unknown) {
  const party = await vendorContract(ctx, actor, contractId);
  if (!("side" in party)) return party;
  const at = ctx.clock.now();
  const read = readEntry(party, input, tokyoDateString(at));
  if (!read.ok) return read;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockContract(trx, contractId);
    if (row?.status !== "active") return failure.conflict("measurements.contract.notActive");
    const done = await writeEntry(trx, party, read.entry, at);
    if (!done.ok) return failure.conflict(done.key);
    if (done.changed)
      await writeAudit(trx, {
        actorUserId: party.actor.userId,
        actorOrgId: party.actor.orgId,
        action: done.corrected ? "measurement.correct" : "measurement.enter",
        entityType: "contract",
        entityId: contractId,
        before: done.before
          ? { successes: done.before.successes, trials: done.before.trials, value: done.before.value, revision: done.before.revision }
          : undefined,
        after: { measurementId: done.id, period: read.entry.period, kpiKey: read.entry.kpiKey, revision: done.revision, ...done.figures },
      });
    return { ok: true as const, id: done.id, revision: done.revision, status: "pending" as const };
  });
}

/**
 * The vendor's CSV: every row checked (the form's rules, plus a confirmed month is final), then all written in one
 * transaction — or nothing, with every wrong row named (path rows.<row>.<column>, the message saying the row).
 */
export async function importMeasurementsCsv(ctx: AppContext, actor: Actor, contractId: string, text: string) {
  const party = await vendorContract(ctx, actor, contractId);
  if (!("side" in party)) return party;
  const at = ctx.clock.now();
  const read = readMeasurementCsv(text, { sla: party.content.sla, term: party.content.term, today: tokyoDateString(at) });
  if (!read.ok) return failure.invalid({ issues: read.issues });
  const outcome = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await lockContract(trx, contractId);
      if (row?.status !== "active") throw new Refusal(failure.conflict("measurements.contract.notActive"));
      const refused: core.$ZodIssue[] = [];
      const written: { row: CsvRow; id: string; changed: boolean }[] = [];
      for (const r of read.rows) {
        const done = await writeEntry(trx, party, r, at);
        if (!done.ok) refused.push(rowIssue(r.row, "period", "measurements.csv.confirmed"));
        else written.push({ row: r, id: done.id, changed: done.changed });
      }
      // Nothing half-written: a refused row rolls back the rows written before it.
      if (refused.length > 0) throw new Refusal(failure.invalid({ issues: refused }));
      await writeAudit(trx, {
        actorUserId: party.actor.userId,
        actorOrgId: party.actor.orgId,
        action: "measurement.import",
        entityType: "contract",
        entityId: contractId,
        after: {
          rows: written.length,
          changed: written.filter((w) => w.changed).length,
          measurements: written.map((w) => ({ id: w.id, period: w.row.period, kpiKey: w.row.kpiKey, ...figuresRow(w.row.figures, w.row.note) })),
        },
      });
      return { ok: true as const, imported: written.length, changed: written.filter((w) => w.changed).length, ids: written.map((w) => w.id) };
    })
    .catch((error: unknown) => {
      if (error instanceof Refusal) return error.failure;
      throw error;
    });
  return outcome;
}

/** Thrown inside a transaction to roll it back and answer with the failure. */
class Refusal extends Error {
  constructor(readonly failure: ServiceFailure) {
    super(failure.key);
  }
}

/** The CSV template for either party (the buyer may want to see what the vendor fills in). */
export async function measurementTemplate(ctx: AppContext, actor: Actor, contractId: string, locale: Locale) {
  const party = await partyContract(ctx, actor, contractId);
  if (!party) return failure.notFound();
  const period = templatePeriod(party.content.term, today(ctx));
  const csv = measurementTemplateCsv(slaOf(party), period ?? party.content.term.from.slice(0, 7), locale);
  return { ok: true as const, csv, fileName: `sla-measurements-${period ?? "template"}.csv` };
}

// ---------------------------------------------------------------------------------------------------------
// The buyer: confirm or dispute; the vendor: reply

/** The buyer's decision on several measurements of one contract, in one transaction: all or none. */
export async function decideMeasurements(ctx: AppContext, actor: Actor, contractId: string, ids: readonly string[], input: unknown) {
  const party = await partyContract(ctx, actor, contractId);
  if (!party) return failure.notFound();
  if (party.side !== "buyer") return failure.forbidden();
  const parsed = DecisionInput.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > 500 || !unique.every(isRowId)) return failure.invalid({ fieldErrors: { ids: ["measurements.ids.invalid"] } });
  const decision = parsed.data;
  const at = ctx.clock.now();
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await lockContract(trx, contractId);
      if (row?.status !== "active") throw new Refusal(failure.conflict("measurements.contract.notActive"));
      // Lock and check every one before writing any, so a refusal writes nothing.
      const locked = [];
      for (const id of unique) {
        const m = await lockMeasurement(trx, id);
        if (!m || m.contract_id !== contractId) throw new Refusal(failure.notFound());
        const next = nextStatus(m.status as MeasurementStatus, decision.decision);
        if (!next.ok) throw new Refusal(failure.conflict(next.key));
        locked.push(m);
      }
      let facts = 0;
      for (const m of locked) {
        await setMeasurementStatus(trx, m.id, decision.decision === "confirm" ? "confirmed" : "disputed", party.actor.userId, at);
        await insertMeasurementEvent(trx, {
          measurementId: m.id,
          kind: decision.decision === "confirm" ? "confirmed" : "disputed",
          revision: m.revision,
          body: decision.reason || undefined,
          actorUserId: party.actor.userId,
          actorOrgId: party.actor.orgId,
          at,
        });
        if (decision.decision === "confirm")
          facts += await recordEvidence(trx, [
            {
              vendorOrgId: party.row.vendor_org_id,
              buyerOrgId: party.row.buyer_org_id,
              contractId,
              category: party.category,
              kpiKey: m.kpi_key,
              ...(m.successes !== null && m.trials !== null ? { successes: m.successes, trials: m.trials } : { value: m.value! }),
              observedOn: lastDayOf(m.period),
              source: "measurement",
              sourceId: m.id,
            },
          ]);
        await writeAudit(trx, {
          actorUserId: party.actor.userId,
          actorOrgId: party.actor.orgId,
          action: decision.decision === "confirm" ? "measurement.confirm" : "measurement.dispute",
          entityType: "contract",
          entityId: contractId,
          after: {
            measurementId: m.id,
            period: m.period,
            kpiKey: m.kpi_key,
            revision: m.revision,
            successes: m.successes,
            trials: m.trials,
            value: m.value,
            ...(decision.reason ? { reason: decision.reason } : {}),
          },
        });
      }
      // A dispute is the vendor's to-do: its members are told in-app (the figures' page shows the thread).
      if (decision.decision === "dispute") await notifyParty(trx, party.row.vendor_org_id, "measurement.disputed", party, decision.reason ?? "", at);
      return { ok: true as const, status: decision.decision === "confirm" ? ("confirmed" as const) : ("disputed" as const), count: locked.length, facts };
    })
    .catch((error: unknown) => {
      if (error instanceof Refusal) return error.failure;
      throw error;
    });
}

/** The buyer's decision on one measurement (the API's /measurements/{id}/confirmation). */
export async function decideMeasurement(ctx: AppContext, actor: Actor, measurementId: string, input: unknown) {
  if (!isRowId(measurementId) || !actor.org) return failure.notFound();
  const m = await findMeasurementForOrg(ctx.db, actor.org.id, measurementId);
  if (!m) return failure.notFound();
  const done = await decideMeasurements(ctx, actor, m.contract_id, [measurementId], input);
  return done.ok ? { ok: true as const, id: measurementId, status: done.status } : done;
}

/** The vendor's reply to a dispute (it may also correct the figures, which asks the buyer again). */
export async function replyToMeasurement(ctx: AppContext, actor: Actor, measurementId: string, input: unknown) {
  if (!isRowId(measurementId) || !actor.org) return failure.notFound();
  const found = await findMeasurementForOrg(ctx.db, actor.org.id, measurementId);
  if (!found) return failure.notFound();
  const party = await partyContract(ctx, actor, found.contract_id);
  if (!party) return failure.notFound();
  if (party.side !== "vendor") return failure.forbidden();
  const parsed = ReplyInput.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const at = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await lockContract(trx, found.contract_id);
    const m = (await lockMeasurement(trx, measurementId))!;
    const next = nextStatus(m.status as MeasurementStatus, "reply");
    if (!next.ok) return failure.conflict(next.key);
    await insertMeasurementEvent(trx, {
      measurementId,
      kind: "replied",
      revision: m.revision,
      body: parsed.data.body,
      actorUserId: party.actor.userId,
      actorOrgId: party.actor.orgId,
      at,
    });
    await writeAudit(trx, {
      actorUserId: party.actor.userId,
      actorOrgId: party.actor.orgId,
      action: "measurement.reply",
      entityType: "contract",
      entityId: found.contract_id,
      after: { measurementId, period: m.period, kpiKey: m.kpi_key, body: parsed.data.body },
    });
    await notifyParty(trx, party.row.buyer_org_id, "measurement.replied", party, parsed.data.body, at);
    return { ok: true as const, id: measurementId, status: m.status as MeasurementStatus };
  });
}

/** An in-app notice to every member of one party, about this contract (the RFQ's title names it). */
async function notifyParty(trx: Trx, orgId: string, kind: "measurement.disputed" | "measurement.replied", party: ContractForParty, text: string, at: Date) {
  const members = await listOrgContacts(trx, orgId);
  const reason = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  await notifyUsers(
    trx,
    members.map((m) => m.id),
    kind,
    { href: `/contracts/${party.row.id}/measurements`, title: party.content.rfq.title, reason },
    at,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The demo seed

export type SeedFigures = { kpiKey: string; successes: number; trials: number; note?: string } | { kpiKey: string; value: number; note?: string };

/**
 * For the demo seed (issue 17 item 5: track records through the event path): the vendor enters a month's
 * measurements of a past contract and the buyer confirms them, through the same services, at the clock of
 * `ctx` (which may be in the past: every period check reads ctx.clock). Returns the confirmed ids.
 */
export async function enterAndConfirmMonth(
  ctx: AppContext,
  o: { vendor: Actor; buyer: Actor; contractId: string; period: Period; figures: readonly SeedFigures[] },
): Promise<{ ok: true; ids: string[] } | ServiceFailure> {
  const ids: string[] = [];
  for (const f of o.figures) {
    const done = await enterMeasurement(ctx, o.vendor, o.contractId, { period: o.period, ...f });
    if (!done.ok) return done;
    ids.push(done.id);
  }
  const confirmed = await decideMeasurements(ctx, o.buyer, o.contractId, ids, { decision: "confirm" });
  return confirmed.ok ? { ok: true, ids } : confirmed;
}
