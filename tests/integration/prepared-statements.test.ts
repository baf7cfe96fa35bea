import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { findLiveApiToken } from "../../db/queries/api-tokens";
import { DEMO_ACCOUNTS, seedDemoData } from "../../db/seed";
import { hashApiToken } from "../../app/services/api-tokens.server";
import { createDatabaseOn } from "../support/postgres";

// Hot fixed-shape reads opt in to prepared statements (db/prepared.ts). On a real PostgreSQL server,
// through a pool of one connection so the session is the one asked: the marked query is prepared
// once under a stable name and reused; an unmarked one never is.
let db: DB;
const buyer = DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!;

const preparedStatements = async () =>
  (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`.execute(db)).rows;

beforeAll(async () => {
  const url = await createDatabaseOn(inject("databaseUrl"), `kurabe_test_${randomBytes(5).toString("hex")}`);
  // Seed through one connection (the demo's award runs the ranking, itself a prepared query), then open a
  // fresh one, so the test starts from a session that has prepared nothing yet.
  const seeding = await createDatabase({ url, poolSize: 1 });
  await migrateToLatest(seeding);
  await seedDemoData(seeding);
  await seeding.destroy();
  db = await createDatabase({ url, poolSize: 1 });
}, 60_000);

afterAll(async () => {
  await db?.destroy();
});

describe("prepared statements", () => {
  it("prepare a marked query once per connection and reuse it; unmarked queries stay unnamed", async () => {
    expect(await preparedStatements()).toEqual([]);
    const first = await findLiveApiToken(db, hashApiToken(buyer.token));
    expect(first?.email).toBe(buyer.email);
    const afterFirst = await preparedStatements();
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0].name).toMatch(/^kurabe_[0-9a-f]{24}$/);
    expect(afterFirst[0].statement).toContain('from "api_tokens"');
    // Other input, same statement: nothing new is prepared, and the answer follows the input.
    expect(await findLiveApiToken(db, hashApiToken("kurabe_no_such_token"))).toBeUndefined();
    expect((await findLiveApiToken(db, hashApiToken(buyer.token)))?.userId).toBe(first?.userId);
    await db.selectFrom("organizations").select("id").where("name", "=", "x").execute();
    expect(await preparedStatements()).toEqual(afterFirst);
  });
});
