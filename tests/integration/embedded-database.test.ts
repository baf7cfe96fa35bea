import { describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { findLiveApiToken } from "../../db/queries/api-tokens";
import { findVendor } from "../../db/queries/vendors";
import { hashApiToken } from "../../app/services/api-tokens.server";
import { isDatabaseEmpty, seedDemoData, DEMO_ACCOUNTS, DEMO_APPROVERS } from "../../db/seed";
import { DEMO_PAST_CONTRACTS, ongoingContract } from "../../db/seed/demo-past-contracts";

// Smoke test of the path `npm start` takes with no DATABASE_URL: embedded PGlite,
// the same migrations, the same seed and the same queries as on PostgreSQL.
describe("embedded database (PGlite)", () => {
  it("migrates, seeds and answers the same queries as PostgreSQL", async () => {
    const db = await createDatabase({ dataDir: "memory://" });
    try {
      await migrateToLatest(db);
      expect(await isDatabaseEmpty(db)).toBe(true);
      await seedDemoData(db);
      expect(await isDatabaseEmpty(db)).toBe(false);
      const org = await db.selectFrom("organizations").select("id").where("name", "=", "株式会社ネクスト経理サービス").executeTakeFirstOrThrow();
      const vendor = await findVendor(db, org.id);
      expect(vendor?.categories).toEqual(["accounting", "data_entry"]);
      expect(vendor?.certifications.map((c) => c.valid_until)).toEqual(["2027-03-31", "2027-01-14"]);
      // A query marked for preparing on PostgreSQL (db/prepared.ts) runs unchanged here: the mark is a comment.
      const buyer = DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!;
      expect((await findLiveApiToken(db, hashApiToken(buyer.token)))?.email).toBe(buyer.email);
      // One person per demo organisation, plus the buyers' approvers (稟議); the people of the past contracts' clients
      // (db/seed/demo-past-contracts.ts) belong to those clients' organisations alone.
      const clients = [...Object.values(DEMO_PAST_CONTRACTS).flatMap((list) => list.map((c) => c.client)), ongoingContract(new Date()).client];
      const count = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("memberships")
                .innerJoin("organizations", "organizations.id", "memberships.org_id")
                .whereRef("memberships.user_id", "=", "users.id")
                .where("organizations.name", "in", clients),
            ),
          ),
        )
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(DEMO_ACCOUNTS.length + Object.keys(DEMO_APPROVERS).length);
      const contracted = await db.selectFrom("organizations").select("name").where("name", "in", clients).execute();
      expect(contracted).toHaveLength(clients.length);
      // A failed transaction leaves nothing behind, and a concurrent read is not caught inside it.
      const [txResult, concurrent] = await Promise.allSettled([
        db.transaction().execute(async (trx) => {
          await trx.insertInto("organizations").values({ kind: "buyer", name: "half-written" }).execute();
          await new Promise((r) => setTimeout(r, 20));
          throw new Error("boom");
        }),
        db.selectFrom("organizations").select("id").where("name", "=", "half-written").execute(),
      ]);
      expect(txResult.status).toBe("rejected");
      expect(concurrent).toEqual({ status: "fulfilled", value: [] });
      expect(await db.selectFrom("organizations").select("id").where("name", "=", "half-written").execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
