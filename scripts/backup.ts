import { readFileSync } from "node:fs";
import { readEnv } from "../app/utils/env.server";
import { BackupRefused, createBackup } from "./lib/backup";

// `npm run backup [-- --out <file>]`: one file with the embedded database and the uploaded files (scripts/lib/backup.ts).
const env = readEnv();
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : undefined;
if (outAt >= 0 && !out) {
  console.error("--out needs a file name.");
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
try {
  const { file, manifest } = await createBackup({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, out, appVersion: version });
  console.log(`Backup written to ${file} (database at migration ${manifest.migration ?? "none"}, ${manifest.fileCount} uploaded files).`);
  console.log("The search index is not in the backup: after a restore, `npm run reindex` rebuilds it from the database.");
} catch (e) {
  if (!(e instanceof BackupRefused)) throw e;
  console.error(e.message);
  process.exit(1);
}
