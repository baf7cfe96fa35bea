import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { formBodyFailure, readFormBody } from "~/utils/request-body.server";
import type { AppContext } from "~/utils/context.server";
import { diskFileStore, type FileArea, type FileStore } from "./file-storage.server";

// Uploaded files (certificate evidence, RFQ and quote attachments): read from a bounded multipart body,
// kept in memory until checked and authorized, then kept in the file store (file-storage.server.ts: the local
// disk under `${DATA_DIR}/<area>/<orgId>/<random>` unless the context brings another) — served only by routes
// that authorize each request — in step with the row that names them.

export type { FileArea, FileStore };

/** A file as received: its first bytes always, all of it only when within the caller's limit. */
export interface FileUpload {
  name: string;
  declaredType: string;
  /** Everything sent, even past the limit, so the message can say "too large" rather than guess. */
  size: number;
  head: Uint8Array;
  bytes: Uint8Array | null;
}

const HEAD_BYTES = 16;

/**
 * The form fields and one file field of a multipart (or plain) form. A file a little over `maxBytes` is
 * still read so it can be answered with a field message; a request over twice the limit is cut off with
 * 413 (reading stops there) so nobody can make the server read gigabytes. Multipart is parsed by the
 * platform's FormData parser (Remix's streaming parser fails on a quoted file name containing `=` or `;`,
 * which Japanese office file names do contain), after the bounded read.
 */
export async function readFileForm(request: Request, field: string, maxBytes: number): Promise<{ formData: FormData; file: FileUpload | null }> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const body = await readFormBody(request, multipart ? 2 * maxBytes : undefined);
  if (!body.ok) throw formBodyFailure(body.reason);
  const part = body.formData.get(field);
  body.formData.delete(field);
  // A file input left empty still sends a part, with no name and no bytes.
  if (!(part instanceof File) || (part.name === "" && part.size === 0)) return { formData: body.formData, file: null };
  const bytes = new Uint8Array(await part.arrayBuffer());
  const file: FileUpload = {
    name: part.name,
    declaredType: part.type,
    size: part.size,
    head: bytes.subarray(0, HEAD_BYTES),
    bytes: part.size <= maxBytes ? bytes : null,
  };
  return { formData: body.formData, file };
}

/**
 * The same for a field that may carry several files (a delivery's files, at most `maxFiles`): the body is cut
 * off past `maxFiles` × 2 × `maxBytes`; each file is kept in memory only when within `maxBytes`.
 */
export async function readFilesForm(request: Request, field: string, maxBytes: number, maxFiles: number): Promise<{ formData: FormData; files: FileUpload[] }> {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const body = await readFormBody(request, multipart ? 2 * maxBytes * maxFiles : undefined);
  if (!body.ok) throw formBodyFailure(body.reason);
  const parts = body.formData.getAll(field);
  body.formData.delete(field);
  const files: FileUpload[] = [];
  for (const part of parts) {
    if (!(part instanceof File) || (part.name === "" && part.size === 0)) continue;
    const bytes = new Uint8Array(await part.arrayBuffer());
    files.push({ name: part.name, declaredType: part.type, size: part.size, head: bytes.subarray(0, HEAD_BYTES), bytes: part.size <= maxBytes ? bytes : null });
  }
  return { formData: body.formData, files };
}

/** Where a stored file is recorded in its row (`path` is the store's key). */
export interface StoredFileValues {
  path: string;
  name: string;
  mime: string;
  size: number;
}

/** The context's file store: the one it was given, or the local disk under its DATA_DIR (read on every call). */
export function fileStoreOf(ctx: Pick<AppContext, "env" | "files">): FileStore {
  return ctx.files ?? diskFileStore(ctx.env.DATA_DIR);
}

type NewFile = { name: string; type: string; bytes: Uint8Array };

/**
 * Runs `write` in one transaction with its files kept beside it: each file is put in the store first (under a new
 * key no row names yet, so nobody can read it), then the transaction records the keys; when `write` refuses
 * (ok: false) or anything throws, the files are deleted again. So a committed row never names a missing file, and
 * a refused or rolled-back one leaves none behind. (A process killed between the put and the commit leaves a file
 * no row names: never served, since every read starts from a row, only disk space.) Putting before the transaction
 * keeps an upload's seconds out of it, which matters once the store is across a network.
 */
async function writeWithStoredFiles<R extends { ok: boolean }>(
  ctx: AppContext,
  area: FileArea,
  orgId: string,
  files: readonly NewFile[],
  write: (trx: Kysely<Database>, stored: StoredFileValues[]) => Promise<R>,
): Promise<R> {
  if (files.length === 0) return ctx.db.transaction().execute((trx) => write(trx, []));
  const store = fileStoreOf(ctx);
  const stored: StoredFileValues[] = [];
  // Best effort: a file left behind is harmless, and a refusal must not become a 500 because cleaning up failed.
  const dropAll = () => Promise.all(stored.map((s) => store.delete(area, s.path).catch(() => {})));
  let result: R;
  try {
    for (const file of files) {
      const key = await store.put(area, orgId, file.bytes);
      stored.push({ path: key, name: file.name, mime: file.type, size: file.bytes.byteLength });
    }
    result = await ctx.db.transaction().execute((trx) => write(trx, stored));
  } catch (error) {
    await dropAll();
    throw error;
  }
  if (!result.ok) await dropAll();
  return result;
}

/** One file (or none) kept in step with the row `write` writes: see writeWithStoredFiles. */
export async function writeWithFile<R extends { ok: boolean }>(
  ctx: AppContext,
  area: FileArea,
  orgId: string,
  file: NewFile | null,
  write: (trx: Kysely<Database>, stored: StoredFileValues | null) => Promise<R>,
): Promise<R> {
  return writeWithStoredFiles(ctx, area, orgId, file ? [file] : [], (trx, stored) => write(trx, stored[0] ?? null));
}

/** Several files at once (a delivery's files), all kept or none: `stored[i]` is where `files[i]` is kept. */
export async function writeWithFiles<R extends { ok: boolean }>(
  ctx: AppContext,
  area: FileArea,
  orgId: string,
  files: readonly NewFile[],
  write: (trx: Kysely<Database>, stored: StoredFileValues[]) => Promise<R>,
): Promise<R> {
  return writeWithStoredFiles(ctx, area, orgId, files, write);
}

/** After a commit that replaced or deleted a row's file: a leftover file is harmless, a missing one is not. */
export async function removeStoredFile(ctx: AppContext, area: FileArea, key: string | null) {
  if (key)
    await fileStoreOf(ctx)
      .delete(area, key)
      .catch(() => {});
}

/** A stored file's bytes, or null when it is missing or its key is not one the store could have made. */
export async function readStoredFile(ctx: AppContext, area: FileArea, key: string) {
  return fileStoreOf(ctx).get(area, key);
}
