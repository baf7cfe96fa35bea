import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import type { Database } from "../schema";
import { createAccount } from "../../tests/factories";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-data";
import { seedDemoRfqs } from "./demo-rfqs";
import { seedDemoQuotes } from "./demo-quotes";
import { seedDemoPastContracts } from "./demo-past-contracts";
import { seedDemoAdvisors } from "./demo-advisors";
import { seedDemoApprovers } from "./demo-approvers";
import { seedDemoAwards } from "./demo-awards";
import { seedDemoInvoices } from "./demo-invoices";
import { seedDemoEvaluation } from "./demo-evaluation";
import { seedDemoLowQuote } from "./demo-low-quote";
import { seedMarketHistory } from "./market-history";
import { recomputeBenchmarks } from "~/services/benchmarks.server";

export { DEMO_ACCOUNTS, DEMO_PASSWORD };
export { DEMO_APPROVERS } from "./demo-approvers";
export { DEMO_RFQS, findDemoRfqIds, type DemoRfqIds, type DemoRfqKey } from "./demo-rfqs";

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export interface SeedOptions {
  /**
   * Also load the market history (db/seed/market-history.ts: three years of other buyers' RFQs, quotes, contracts
   * and measurements, for the benchmarks). On for `npm start`'s first run and `npm run seed`; off by default so the
   * integration tests that seed the demo stay as fast as they were.
   */
  history?: boolean;
}

/**
 * Seeds the demo organisations, users, vendor profiles, certifications and API tokens in one transaction,
 * then the demo RFQs relative to `now` (their deadlines are weeks ahead of it, one already past), and with
 * `history` the market history in one more transaction.
 */
export async function seedDemoData(db: Kysely<Database>, now: Date = new Date(), options: SeedOptions = {}): Promise<void> {
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const { org } = await createAccount(trx, { ...account, password: DEMO_PASSWORD, passwordHash, tokenName: "demo" });
      if (account.municipality) await trx.updateTable("organizations").set({ buyer_kind: "municipality" }).where("id", "=", org.id).execute();
    }
    await trx
      .insertInto("audit_log")
      .values({ actor_user_id: null, actor_org_id: null, action: "seed.demo", entity_type: "system", entity_id: "demo" })
      .execute();
  });
  // The RFQ services open their own transactions and look the accounts up, so they run once
  // the accounts are committed. A failure here leaves the accounts seeded but no RFQs.
  await seedDemoApprovers(db, passwordHash, now);
  await seedDemoRfqs(db, now);
  await seedDemoQuotes(db, now);
  await seedDemoPastContracts(db, now, passwordHash);
  await seedDemoAdvisors(db, now);
  await seedDemoAwards(db, now);
  await seedDemoInvoices(db, now);
  await seedDemoEvaluation(db, now);
  await seedDemoLowQuote(db, now);
  if (options.history) {
    await seedMarketHistory(db, now);
    // The benchmarks the daily job would compute, now: the demo's RFQ editor and /benchmarks show them at once.
    await recomputeBenchmarks(db, now);
  }
}
