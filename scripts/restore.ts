import { readEnv } from "../app/utils/env.server";
import { BackupRefused, restoreBackup } from "./lib/backup";

// `npm run restore -- <file> [--data-dir <dir>] [--force]`: checks every entry of the backup against its
// manifest, then restores the embedded database and the uploaded files (scripts/lib/backup.ts).
const args = process.argv.slice(2);
const dirAt = args.indexOf("--data-dir");
const dataDir = dirAt >= 0 ? args[dirAt + 1] : readEnv().DATA_DIR;
const file = args.find((a, i) => !a.startsWith("--") && (dirAt < 0 || i !== dirAt + 1));
if (!file || !dataDir) {
  console.error("Usage: npm run restore -- <backup file> [--data-dir <dir>] [--force]");
  process.exit(2);
}
try {
  const manifest = await restoreBackup({ file, dataDir, force: args.includes("--force") });
  console.log(
    `Restored the backup of ${manifest.createdAt} (migration ${manifest.migration ?? "none"}, ${manifest.fileCount} uploaded files) into ${dataDir}.`,
  );
  console.log("Now run `npm run reindex` (with the same DATA_DIR) to rebuild the search index from the database.");
} catch (e) {
  if (!(e instanceof BackupRefused)) throw e;
  console.error(e.message);
  process.exit(1);
}
