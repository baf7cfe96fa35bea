import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// Where uploaded files' bytes live (certificate evidence, RFQ, quote and delivery attachments; decisions 0022, 0055).
// The app needs very little of a store: a file is written once under a new, unguessable key, recorded in its row,
// read back by that key after the row's own authorization, and deleted by it when the row lets go. Nothing is ever
// overwritten, listed, renamed or served directly to a browser. So any object store fits (S3 and its compatibles:
// MinIO, Cloudflare R2, Wasabi, Sakura's object storage): see docs/deploy.md for what such a store needs. The local
// disk (DATA_DIR) is the default and the only one built in; several app hosts need either a shared disk or an
// object store, since a file written through one host is read through another.

/** The folders (or key prefixes) files are kept under; backups walk the same ones (scripts/lib/backup.ts). */
export type FileArea = "evidence" | "attachments";

export interface FileStore {
  /**
   * Keeps `bytes` under a new key `<owner>/<random>` in `area` and returns the key. The file is complete under its
   * key or not there at all (a crash mid-write leaves no half file under a key a row could name).
   */
  put(area: FileArea, owner: string, bytes: Uint8Array): Promise<string>;
  /** The bytes kept under `key`, or null when there are none (or the key is not one this store could have made). */
  get(area: FileArea, key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes the file; a key with nothing under it is not an error (deletes are retried and raced). */
  delete(area: FileArea, key: string): Promise<void>;
}

/** A new key: the owner (an organisation id) as a prefix, then 128 random bits, so no key is guessed or reused. */
export function newFileKey(owner: string): string {
  return `${owner}/${randomBytes(16).toString("hex")}`;
}

/**
 * Files under `${dataDir}/<area>/<owner>/<random>`, outside public/, readable by this user only (0600 in 0700
 * folders). A file is written as `.tmp-<random>` and renamed to its key, so a crash mid-write leaves only a
 * `.tmp-` file (which backups skip) and never a short file under a key.
 */
export function diskFileStore(dataDir: string): FileStore {
  const root = (area: FileArea) => path.resolve(dataDir, area);
  /** The absolute path of a key, refusing anything that would leave its area's folder (`../`, absolute paths). */
  const pathOf = (area: FileArea, key: string): string | null => {
    const absolute = path.resolve(root(area), key);
    return absolute.startsWith(root(area) + path.sep) ? absolute : null;
  };
  return {
    async put(area, owner, bytes) {
      const key = newFileKey(owner);
      const finalPath = pathOf(area, key);
      if (!finalPath) throw new Error(`file store: owner ${JSON.stringify(owner)} is not a folder name`);
      const tempPath = path.join(path.dirname(finalPath), `.tmp-${path.basename(finalPath)}`);
      await mkdir(path.dirname(finalPath), { recursive: true, mode: 0o700 });
      try {
        await writeFile(tempPath, bytes, { flag: "wx", mode: 0o600 });
        await rename(tempPath, finalPath);
      } catch (error) {
        await rm(tempPath, { force: true });
        throw error;
      }
      return key;
    },
    async get(area, key) {
      const absolute = pathOf(area, key);
      if (!absolute) return null;
      try {
        return await readFile(absolute);
      } catch {
        return null;
      }
    },
    async delete(area, key) {
      const absolute = pathOf(area, key);
      if (absolute) await rm(absolute, { force: true });
    },
  };
}
