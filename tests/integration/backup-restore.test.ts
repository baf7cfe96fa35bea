import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemoData } from "../../db/seed";
import { BackupRefused, createBackup, readVerifiedBackup, restoreBackup } from "../../scripts/lib/backup";

// Backs up an embedded data folder (PGlite + an uploaded file), destroys it, restores it elsewhere and
// compares everything; a damaged backup and a non-empty target are refused (decision 0053).

const NOW = new Date("2026-12-07T03:04:05Z");
let root: string;
let source: string;
let backupFile: string;
const counts = new Map<string, number>();
let sampleRows: Record<string, unknown[]> = {};
const uploaded = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, ...new TextEncoder().encode("見積書の添付")]);
const uploadedPath = path.join("attachments", "org-1", "0123456789abcdef");

async function tableCounts(db: DB): Promise<Map<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out = new Map<string, number>();
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(db);
    out.set(table_name, r.rows[0].n);
  }
  return out;
}

async function samples(db: DB): Promise<Record<string, unknown[]>> {
  return {
    organizations: (await sql`select * from organizations order by id limit 5`.execute(db)).rows,
    rfqs: (await sql`select * from rfqs order by id limit 3`.execute(db)).rows,
    quotes: (await sql`select * from quotes order by id limit 3`.execute(db)).rows,
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kurabe-backup-"));
  source = path.join(root, "source");
  const db = await createDatabase({ dataDir: path.join(source, "pglite") });
  await migrateToLatest(db);
  await seedDemoData(db, NOW);
  for (const [t, n] of await tableCounts(db)) counts.set(t, n);
  sampleRows = await samples(db);
  await db.destroy();
  await mkdir(path.dirname(path.join(source, uploadedPath)), { recursive: true });
  await writeFile(path.join(source, uploadedPath), uploaded);
  // A staged upload that never committed stays out of the backup.
  await writeFile(path.join(source, "attachments", "org-1", ".tmp-abc"), "half");
  await writeFile(path.join(source, "session-secret"), "s".repeat(64), { mode: 0o600 });
  backupFile = path.join(root, "backup.zip");
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("backup and restore of the embedded defaults", () => {
  it("refuses while the database is open, and with DATABASE_URL", async () => {
    const db = await createDatabase({ dataDir: path.join(source, "pglite") });
    await sql`select 1`.execute(db);
    await expect(createBackup({ dataDir: source, out: backupFile })).rejects.toThrow(/in use.*Stop `npm start`/);
    await db.destroy();
    await expect(createBackup({ dataDir: source, databaseUrl: "postgres://x/y", out: backupFile })).rejects.toThrow(/pg_dump/);
    expect(existsSync(backupFile)).toBe(false);
  }, 60_000);

  it("backs up, the source is destroyed, restores into a new folder and everything is equal", async () => {
    const { file, manifest } = await createBackup({ dataDir: source, out: backupFile, now: NOW, appVersion: "9.9.9" });
    expect(file).toBe(backupFile);
    expect(manifest).toMatchObject({ createdAt: NOW.toISOString(), appVersion: "9.9.9", fileCount: 1 });
    expect(manifest.migration).toMatch(/^\d{10}/);
    expect(manifest.files.map((f) => f.path)).toEqual(["pglite.tar.gz", "files/attachments/org-1/0123456789abcdef", "files/session-secret"]);

    await rm(source, { recursive: true, force: true });
    const target = path.join(root, "restored");
    const restored = await restoreBackup({ file: backupFile, dataDir: target });
    expect(restored.fileCount).toBe(1);

    expect(new Uint8Array(await readFile(path.join(target, uploadedPath)))).toEqual(uploaded);
    // Two-factor secrets are keyed on the session secret (decision 0052): it comes back too.
    expect(await readFile(path.join(target, "session-secret"), "utf8")).toBe("s".repeat(64));
    const db = await createDatabase({ dataDir: path.join(target, "pglite") });
    try {
      const after = await tableCounts(db);
      expect(counts.size).toBeGreaterThan(20);
      expect(counts.get("quotes")).toBeGreaterThan(0);
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(counts));
      expect(await samples(db)).toEqual(sampleRows);
    } finally {
      await db.destroy();
    }

    // Restoring over the restored (non-empty) folder is refused without --force and leaves it as it was.
    await expect(restoreBackup({ file: backupFile, dataDir: target })).rejects.toThrow(/--force/);
    expect(new Uint8Array(await readFile(path.join(target, uploadedPath)))).toEqual(uploaded);
    await writeFile(path.join(target, uploadedPath), "changed since");
    await restoreBackup({ file: backupFile, dataDir: target, force: true });
    expect(new Uint8Array(await readFile(path.join(target, uploadedPath)))).toEqual(uploaded);
  }, 120_000);

  it("refuses a backup with one byte changed, before writing anything", async () => {
    const bytes = new Uint8Array(await readFile(backupFile));
    // The middle of the file lies in the database dump, stored raw (level 0): its sha256 no longer matches.
    const tampered = path.join(root, "tampered.zip");
    const at = Math.floor(bytes.length / 2);
    bytes[at] ^= 0x01;
    await writeFile(tampered, bytes);
    await expect(readVerifiedBackup(tampered)).rejects.toBeInstanceOf(BackupRefused);
    const target = path.join(root, "from-tampered");
    await expect(restoreBackup({ file: tampered, dataDir: target })).rejects.toThrow(/pglite.tar.gz does not match its checksum/);
    expect(existsSync(path.join(target, "pglite"))).toBe(false);
  }, 60_000);
});
