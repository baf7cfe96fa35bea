import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync, zipSync, type Zippable } from "fflate";

// Backups of the embedded defaults (decision 0053): one zip file holding PGlite's own consistent dump of
// DATA_DIR/pglite (`pglite.tar.gz`, made by `dumpDataDir()`), the uploaded files (DATA_DIR/evidence and
// DATA_DIR/attachments, see app/services/file-store.server.ts), DATA_DIR/session-secret when present, and a manifest.json with a sha256 per entry,
// so a restore can refuse a damaged or altered file before it writes anything. The search index is not in
// it: `npm run reindex` rebuilds it from the database.

/** The folders under DATA_DIR that hold uploaded files (the `FileArea`s of the file store). */
export const FILE_AREAS = ["evidence", "attachments"] as const;
const DATABASE_ENTRY = "pglite.tar.gz";
const SESSION_SECRET_FILE = "session-secret";
const MANIFEST_ENTRY = "manifest.json";

export interface BackupManifest {
  format: 1;
  createdAt: string;
  appVersion: string;
  migration: string | null;
  fileCount: number;
  files: { path: string; size: number; sha256: string }[];
}

/** Why a backup or restore was refused; the scripts print `message` and exit non-zero. */
export class BackupRefused extends Error {}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `kurabe-YYYYMMDD-HHmmss.zip` in Tokyo time. */
export function defaultBackupName(now: Date): string {
  const tokyo = new Date(now.getTime() + 9 * 3600_000).toISOString(); // Japan has no daylight saving time.
  const stamp = `${tokyo.slice(0, 10).replaceAll("-", "")}-${tokyo.slice(11, 19).replaceAll(":", "")}`;
  return `kurabe-${stamp}.zip`;
}

/**
 * PGlite keeps `postmaster.pid` in its folder while a process has it open and removes it on close: its
 * presence means the server (or a script) is using the database, or the last one ended without closing it.
 */
function refuseIfInUse(pgliteDir: string): void {
  if (existsSync(path.join(pgliteDir, "postmaster.pid"))) {
    throw new BackupRefused(
      `The database in ${pgliteDir} is in use (postmaster.pid is present). Stop \`npm start\` first. ` +
        "If nothing is running, the last run ended without closing the database: start and stop `npm start` once, then back up.",
    );
  }
}

async function filesUnder(root: string, relative = ""): Promise<string[]> {
  const folder = path.join(root, relative);
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(root, rel)));
    // Staged uploads (`.tmp-*`) belong to no committed row: the file store removes or renames them.
    else if (entry.isFile() && !entry.name.startsWith(".tmp-")) out.push(rel);
  }
  return out.sort();
}

export interface BackupOptions {
  dataDir: string;
  databaseUrl?: string;
  out?: string;
  now?: Date;
  appVersion?: string;
}

/** Writes the backup and returns its path and manifest. */
export async function createBackup(options: BackupOptions): Promise<{ file: string; manifest: BackupManifest }> {
  if (options.databaseUrl) {
    throw new BackupRefused(
      "DATABASE_URL is set: this backup covers only the embedded database. Back up external PostgreSQL with `pg_dump` " +
        "(or your provider's managed backups) and copy DATA_DIR/evidence and DATA_DIR/attachments beside it.",
    );
  }
  const now = options.now ?? new Date();
  const pgliteDir = path.join(options.dataDir, "pglite");
  if (!existsSync(path.join(pgliteDir, "PG_VERSION"))) throw new BackupRefused(`No embedded database in ${pgliteDir}: nothing to back up.`);
  refuseIfInUse(pgliteDir);

  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(pgliteDir);
  let database: Uint8Array;
  let migration: string | null;
  try {
    const last = await pglite
      .query<{ name: string }>("select name from kysely_migration order by name desc limit 1")
      .catch(() => ({ rows: [] as { name: string }[] }));
    migration = last.rows[0]?.name ?? null;
    database = new Uint8Array(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
  } finally {
    await pglite.close();
  }

  const entries: Zippable = { [DATABASE_ENTRY]: [database, { level: 0 }] };
  const files: BackupManifest["files"] = [{ path: DATABASE_ENTRY, size: database.byteLength, sha256: sha256(database) }];
  for (const area of FILE_AREAS) {
    for (const rel of await filesUnder(path.join(options.dataDir, area))) {
      const bytes = new Uint8Array(await readFile(path.join(options.dataDir, area, rel)));
      const name = `files/${area}/${rel}`;
      entries[name] = bytes;
      files.push({ path: name, size: bytes.byteLength, sha256: sha256(bytes) });
    }
  }
  // Without SESSION_SECRET the server keeps its secret in DATA_DIR/session-secret, and two-factor secrets and
  // recovery codes are keyed on it (decision 0052): a restore without it would lock those users out.
  const secretFile = path.join(options.dataDir, SESSION_SECRET_FILE);
  if (existsSync(secretFile)) {
    const bytes = new Uint8Array(await readFile(secretFile));
    entries[`files/${SESSION_SECRET_FILE}`] = bytes;
    files.push({ path: `files/${SESSION_SECRET_FILE}`, size: bytes.byteLength, sha256: sha256(bytes) });
  }
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    appVersion: options.appVersion ?? "unknown",
    migration,
    fileCount: files.filter((f) => f.path.startsWith("files/") && f.path !== `files/${SESSION_SECRET_FILE}`).length,
    files,
  };
  entries[MANIFEST_ENTRY] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));

  const file = options.out ?? path.join(options.dataDir, "backups", defaultBackupName(now));
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written under a temporary name and renamed, so a half-written file never carries the final name.
  const temp = `${file}.partial`;
  await writeFile(temp, zipSync(entries), { mode: 0o600 });
  await rename(temp, file);
  return { file, manifest };
}

/** Reads a backup and checks every entry against its manifest; throws `BackupRefused` when anything differs. */
export async function readVerifiedBackup(file: string): Promise<{ manifest: BackupManifest; entries: Record<string, Uint8Array> }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await readFile(file)));
  } catch (e) {
    throw new BackupRefused(`${file} is not a readable Kurabe backup (${e instanceof Error ? e.message : e}).`);
  }
  const raw = entries[MANIFEST_ENTRY];
  if (!raw) throw new BackupRefused(`${file} has no manifest.json: not a Kurabe backup.`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(raw)) as BackupManifest;
  } catch {
    throw new BackupRefused(`${file}: manifest.json is damaged.`);
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.files)) throw new BackupRefused(`${file}: unknown backup format.`);
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of Object.keys(entries)) {
    if (name !== MANIFEST_ENTRY && !listed.has(name)) throw new BackupRefused(`${file}: ${name} is not in the manifest.`);
  }
  for (const f of manifest.files) {
    const bytes = entries[f.path];
    if (!bytes) throw new BackupRefused(`${file}: ${f.path} is missing.`);
    if (bytes.byteLength !== f.size || sha256(bytes) !== f.sha256)
      throw new BackupRefused(`${file}: ${f.path} does not match its checksum; the backup is damaged or altered.`);
    // Entries are written below the data folder only.
    if (f.path !== DATABASE_ENTRY && (!f.path.startsWith("files/") || f.path.split("/").includes("..")))
      throw new BackupRefused(`${file}: unexpected entry ${f.path}.`);
  }
  if (!entries[DATABASE_ENTRY]) throw new BackupRefused(`${file}: the database dump is missing.`);
  return { manifest, entries };
}

async function isNonEmpty(folder: string): Promise<boolean> {
  if (!existsSync(folder)) return false;
  if (!(await stat(folder)).isDirectory()) return true;
  return (await readdir(folder)).length > 0;
}

/** Restores a verified backup into `dataDir` (its pglite folder and file areas). */
export async function restoreBackup(options: { file: string; dataDir: string; force?: boolean }): Promise<BackupManifest> {
  const { manifest, entries } = await readVerifiedBackup(options.file);
  const pgliteDir = path.join(options.dataDir, "pglite");
  const targets = [pgliteDir, ...FILE_AREAS.map((a) => path.join(options.dataDir, a)), path.join(options.dataDir, SESSION_SECRET_FILE)];
  const occupied: string[] = [];
  for (const t of targets) if (await isNonEmpty(t)) occupied.push(t);
  if (occupied.length > 0) {
    if (!options.force) throw new BackupRefused(`Not restoring over existing data in ${occupied.join(", ")}. Pass --force to replace it.`);
    refuseIfInUse(pgliteDir);
    for (const t of occupied) await rm(t, { recursive: true, force: true });
  }

  await mkdir(pgliteDir, { recursive: true, mode: 0o700 });
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(pgliteDir, { loadDataDir: new Blob([new Uint8Array(entries[DATABASE_ENTRY])]) });
  try {
    await pglite.query("select 1");
  } finally {
    await pglite.close();
  }
  for (const f of manifest.files) {
    if (f.path === DATABASE_ENTRY) continue;
    const target = path.join(options.dataDir, f.path.slice("files/".length));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, entries[f.path], { mode: 0o600 });
  }
  return manifest;
}
