import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { claimOutbox, outboxStats } from "../../db/queries/outbox";
import type { OutboxRow } from "../../db/schema";
import { createSearchService, type SearchService } from "../../search/client";
import { projectRfqRanking } from "../../app/services/ranking-projection.server";
import { backoffMs, createJobRunner, type JobDefinition, type ScheduleDefinition } from "../../app/jobs/runner";
import { certificateSweep, openingSweep, searchIndexJobs } from "../../app/jobs/search";
import { dailyAtTokyoMidnight, everySeconds } from "../../app/jobs/schedule";
import { loader as healthz } from "../../app/routes/healthz";
import { createVendor } from "../factories";
import { createDatabaseOn } from "../support/postgres";

// Two app processes against one PostgreSQL and one Meilisearch, as two job runners on two separate
// connection pools to the same database: each outbox row is handled once, each scheduled period runs
// once; failures back off and end dead; a lease that lapses (a crashed process) hands the row on.
// This file makes its own data (no demo seed).

let a: DB;
let b: DB;
let search: SearchService;

beforeAll(async () => {
  const name = `kurabe_test_${randomBytes(5).toString("hex")}`;
  const url = await createDatabaseOn(inject("databaseUrl"), name);
  a = await createDatabase({ url, poolSize: 4 });
  b = await createDatabase({ url, poolSize: 4 });
  await migrateToLatest(a);
  search = createSearchService({ url: inject("meiliUrl"), apiKey: inject("meiliKey"), prefix: `${name}_` });
  await search.reconcileSettings();
});
afterAll(async () => {
  await a.destroy();
  await b.destroy();
});
beforeEach(async () => {
  await a.deleteFrom("outbox").execute();
  await a.deleteFrom("job_schedules").execute();
});

/** The same job definitions with every handled row counted, per row id and per runner. */
function counted(jobs: JobDefinition[], runner: string, calls: Map<number, number>, byRunner: Map<string, number>): JobDefinition[] {
  return jobs.map((job) => ({
    ...job,
    handle: async (rows: OutboxRow[], ctx) => {
      for (const r of rows) calls.set(r.id, (calls.get(r.id) ?? 0) + 1);
      byRunner.set(runner, (byRunner.get(runner) ?? 0) + rows.length);
      await job.handle(rows, ctx);
    },
  }));
}

async function insertJobs(db: DB, topic: string, entityIds: string[]) {
  await db
    .insertInto("outbox")
    .values(entityIds.map((entity_id) => ({ topic, entity_id })))
    .execute();
}

describe("two runners on one database", () => {
  it("handle each of 300 outbox rows exactly once, and the index ends up with every vendor", async () => {
    const vendors: { id: string }[] = [];
    for (let i = 0; i < 30; i++) vendors.push(await createVendor(a, { name: `並行ベンダー ${i}`, categories: ["accounting"] }));
    // 30 rows from createVendor plus 270 more: several rows per vendor, as repeated edits would write.
    await insertJobs(
      a,
      "vendor",
      Array.from({ length: 270 }, (_, i) => vendors[i % vendors.length].id),
    );
    expect((await outboxStats(a)).pending).toBe(300);

    const calls = new Map<number, number>();
    const byRunner = new Map<string, number>();
    const errors: unknown[] = [];
    const runnerOn = (db: DB, label: string) =>
      createJobRunner({
        db,
        jobs: counted(searchIndexJobs({ db, search, projectRfq: projectRfqRanking }), label, calls, byRunner),
        // Small batches, so the two runners interleave over the 300 rows.
        batchSize: 7,
        intervalMs: 5,
        onError: (e) => errors.push(e),
      }).start();
    const [one, two] = [runnerOn(a, "a"), runnerOn(b, "b")];
    try {
      await expect.poll(async () => (await outboxStats(a)).pending, { timeout: 20_000, interval: 50 }).toBe(0);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }

    expect(errors).toEqual([]);
    const ids = (await a.selectFrom("outbox").select("id").execute()).map((r) => r.id);
    expect(ids).toHaveLength(300);
    expect(ids.filter((id) => calls.get(id) !== 1)).toEqual([]);
    // Both processes took part (otherwise "once" would prove nothing about concurrency).
    expect(byRunner.get("a")).toBeGreaterThan(0);
    expect(byRunner.get("b")).toBeGreaterThan(0);
    expect((byRunner.get("a") ?? 0) + (byRunner.get("b") ?? 0)).toBe(300);
    const indexed = await search.searchVendors({ q: "", page: 1, perPage: 50 });
    expect(indexed.total).toBe(30);
  });

  it("run each scheduled period once across both, with no gap between one run and the next", async () => {
    let now = new Date("2026-11-20T10:00:00+09:00");
    const clock = () => new Date(now);
    const runs: { name: string; period: number; since: Date | null; now: Date; runner: string }[] = [];
    const counting = (s: ScheduleDefinition, runner: string): ScheduleDefinition => ({
      ...s,
      run: async (ctx) => {
        runs.push({ name: s.name, period: ctx.period, since: ctx.since, now: ctx.now, runner });
        // Hold the period a moment, so the other runner's attempt overlaps with this one.
        await new Promise((r) => setTimeout(r, 5));
        await s.run(ctx);
      },
    });
    const every5: ScheduleDefinition = { name: "test.every-5s", cadence: everySeconds(5), run: async () => {} };
    const daily: ScheduleDefinition = { name: "test.daily", cadence: dailyAtTokyoMidnight(), run: async () => {} };
    // The real sweeps too: the certificate sweep must enqueue a lapsing vendor once, not once per process.
    const lapsing = await createVendor(a, {
      name: "Lapsing Co",
      certifications: [{ type: "privacy_mark", number: "第1号", issuer: "JIPDEC", validFrom: "2024-11-21", validUntil: "2026-11-21" }],
    });
    const schedulesFor = (runner: string) => [every5, daily, openingSweep, certificateSweep].map((s) => counting(s, runner));
    const errors: unknown[] = [];
    const [one, two] = [
      createJobRunner({ db: a, jobs: [], schedules: schedulesFor("a"), now: clock, onError: (e) => errors.push(e) }),
      createJobRunner({ db: b, jobs: [], schedules: schedulesFor("b"), now: clock, onError: (e) => errors.push(e) }),
    ];

    // Steps of 2.5 s for a while (two ticks in each 5 s period), then steps of 7 h over four Tokyo days.
    const steps = [...Array.from({ length: 8 }, () => 2500), ...Array.from({ length: 14 }, () => 7 * 3600_000)];
    const expected = new Map<string, Set<number>>();
    for (const step of steps) {
      for (const s of [every5, daily, openingSweep, certificateSweep]) {
        expected.set(s.name, (expected.get(s.name) ?? new Set()).add(s.cadence.periodOf(now)));
      }
      // Each process ticks twice, all four ticks at once.
      await Promise.all([one.runDueSchedules(), two.runDueSchedules(), one.runDueSchedules(), two.runDueSchedules()]);
      now = new Date(now.getTime() + step);
    }

    expect(errors).toEqual([]);
    for (const [name, periods] of expected) {
      const ran = runs.filter((r) => r.name === name);
      expect(
        ran.map((r) => r.period).sort((x, y) => x - y),
        name,
      ).toEqual([...periods].sort((x, y) => x - y));
      // Each run covers what happened since the previous one ran: no gap, no overlap.
      for (let i = 1; i < ran.length; i++) expect(ran[i].since?.getTime(), name).toBe(ran[i - 1].now.getTime());
      expect(ran[0].since, name).toBeNull();
    }
    expect(expected.get("test.every-5s")!.size).toBe(4 + 14);
    expect(expected.get("test.daily")!.size).toBeGreaterThanOrEqual(4);
    // Both processes ran some periods.
    expect(new Set(runs.map((r) => r.runner))).toEqual(new Set(["a", "b"]));
    // Enqueued at creation, then once by the sweep of the day its certificate lapsed (the 22nd), not twice.
    const rows = await a.selectFrom("outbox").select("id").where("topic", "=", "vendor").where("entity_id", "=", lapsing.id).execute();
    expect(rows).toHaveLength(2);
  });
});

describe("failures and crashes", () => {
  it("a failing job is retried after a growing backoff, then dead: never retried again, and counted in /healthz", async () => {
    let calls = 0;
    const runner = createJobRunner({
      db: a,
      jobs: [
        {
          name: "test.fails",
          maxAttempts: 4,
          handle: async () => {
            calls++;
            throw new Error("remote said no");
          },
        },
      ],
      onError: () => {},
    });
    await insertJobs(a, "test.fails", ["x"]);
    const row = () =>
      a
        .selectFrom("outbox")
        .select([
          "attempts",
          "last_error",
          "dead_at",
          "locked_until",
          sql<number>`(extract(epoch from next_attempt_at - now()) * 1000)::float8`.as("retryInMs"),
        ])
        .executeTakeFirstOrThrow();

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runner.processDue()).toEqual({ processed: 0, failed: 1 });
      const r = await row();
      expect(r).toMatchObject({ attempts: attempt, last_error: "remote said no", dead_at: null, locked_until: null });
      // Due again after backoffMs(attempt): 0.5 s, 1 s, 2 s (a few ms of this test's own time already spent).
      expect(r.retryInMs).toBeLessThanOrEqual(backoffMs(attempt));
      expect(r.retryInMs).toBeGreaterThan(backoffMs(attempt) - 300);
      // Not before then.
      expect(await runner.processDue()).toEqual({ processed: 0, failed: 0 });
      await a
        .updateTable("outbox")
        .set({ next_attempt_at: sql<Date>`now()` })
        .execute();
    }
    expect(await runner.processDue()).toEqual({ processed: 0, failed: 1 });
    const dead = await row();
    expect(dead.attempts).toBe(4);
    expect(dead.dead_at).toBeInstanceOf(Date);
    await a
      .updateTable("outbox")
      .set({ next_attempt_at: sql<Date>`now() - interval '1 hour'` })
      .execute();
    expect(await runner.processDue()).toEqual({ processed: 0, failed: 0 });
    expect(calls).toBe(4);

    const res = await healthz({ request: new Request("http://localhost/healthz"), params: {}, context: { db: a, search } as never });
    expect((await res.json()).outbox).toMatchObject({ pending: 0, failing: 0, dead: 1 });
  });

  it("/healthz reports how old the oldest pending job is, in seconds", async () => {
    await a
      .insertInto("outbox")
      .values({ topic: "test.waiting", entity_id: "y", created_at: sql<Date>`now() - interval '95 seconds'` })
      .execute();
    await insertJobs(a, "test.waiting", ["z"]);
    const res = await healthz({ request: new Request("http://localhost/healthz"), params: {}, context: { db: a, search } as never });
    const outbox = (await res.json()).outbox;
    expect(outbox).toMatchObject({ pending: 2, failing: 0, dead: 0 });
    expect(outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(95);
    expect(outbox.oldestPendingSeconds).toBeLessThan(120);
  });

  it("a row claimed by a process that crashed comes back to another once the lease lapses, and is handled once", async () => {
    const handled: string[] = [];
    const job: JobDefinition = {
      name: "test.crash",
      handle: async (rows) => {
        handled.push(...rows.map((r) => r.entity_id));
      },
    };
    const survivor = createJobRunner({ db: b, jobs: [job] });
    await insertJobs(a, "test.crash", ["w"]);
    // The crashed process: it claimed the row with a one-second lease, then never finished.
    const claimed = await claimOutbox(a, { names: ["test.crash"], limit: 10, leaseMs: 1000 });
    expect(claimed.map((r) => r.entity_id)).toEqual(["w"]);

    expect(await survivor.processDue()).toEqual({ processed: 0, failed: 0 });
    expect(handled).toEqual([]);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await survivor.processDue()).toEqual({ processed: 1, failed: 0 });
    expect(await survivor.processDue()).toEqual({ processed: 0, failed: 0 });
    expect(handled).toEqual(["w"]);
    expect((await outboxStats(a)).pending).toBe(0);
  });
});

describe("on the embedded database (PGlite, one connection)", () => {
  it("claims with SKIP LOCKED, runs a schedule under its advisory lock, and lets two runners share the one connection", async () => {
    const db = await createDatabase({ dataDir: "memory://" });
    try {
      await migrateToLatest(db);
      let now = new Date("2026-11-20T10:00:00+09:00");
      const calls = new Map<string, number>();
      const periods: number[] = [];
      const make = () =>
        createJobRunner({
          db,
          now: () => new Date(now),
          batchSize: 5,
          jobs: [{ name: "test.embedded", handle: async (rows) => rows.forEach((r) => calls.set(r.entity_id, (calls.get(r.entity_id) ?? 0) + 1)) }],
          schedules: [
            {
              name: "test.embedded-5s",
              cadence: everySeconds(5),
              // Writes through the claiming transaction, as schedules must.
              run: async ({ trx, period }) => {
                periods.push(period);
                await trx
                  .insertInto("outbox")
                  .values({ topic: "test.embedded", entity_id: `from-schedule-${period}` })
                  .execute();
              },
            },
          ],
        });
      const [one, two] = [make(), make()];
      await insertJobs(
        db,
        "test.embedded",
        Array.from({ length: 40 }, (_, i) => `row-${i}`),
      );
      for (let i = 0; i < 3; i++) {
        await Promise.all([one.runDueSchedules(), two.runDueSchedules()]);
        now = new Date(now.getTime() + 5000);
      }
      for (;;) {
        const [x, y] = await Promise.all([one.processDue(), two.processDue()]);
        if (x.processed + y.processed === 0) break;
      }
      expect(periods).toHaveLength(3);
      expect(new Set(periods).size).toBe(3);
      expect(calls.size).toBe(43);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      expect((await outboxStats(db)).pending).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
