import path from "node:path";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemoData } from "../db/seed";
import { readEnv } from "../app/utils/env.server";

// `npm run seed`: migrate and load the demo data into an empty database (DATABASE_URL or the embedded one).
const env = readEnv();
const db = await createDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, "pglite") });
await migrateToLatest(db);
if (await isDatabaseEmpty(db)) {
  await seedDemoData(db, new Date(), { history: true });
  console.log("Demo data loaded.");
} else {
  console.log("The database already has data; nothing seeded.");
}
await db.destroy();
