import path from "node:path";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemoData } from "../db/seed";
import { LARGE_RFQ_BUYER_EMAIL, seedLargeRfq } from "../db/seed/large-rfq";
import { readEnv } from "../app/utils/env.server";

// `npm run seed`: migrate and load the demo data into an empty database (DATABASE_URL or the embedded one).
// `npm run seed -- --large-rfq`: only add the RFQ with 300 opened quotes (db/seed/large-rfq.ts, decision 0058), demo or not.
const env = readEnv();
const db = await createDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, "pglite") });
await migrateToLatest(db);
if (process.argv.includes("--large-rfq")) {
  const started = Date.now();
  const rfqId = await seedLargeRfq(db, new Date());
  console.log(`Large RFQ ${rfqId} ready in ${Date.now() - started} ms (sign in as ${LARGE_RFQ_BUYER_EMAIL}).`);
} else if (await isDatabaseEmpty(db)) {
  await seedDemoData(db, new Date(), { history: true });
  console.log("Demo data loaded.");
} else {
  console.log("The database already has data; nothing seeded.");
}
await db.destroy();
