import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { formBodyFailure, readFormBody } from "~/utils/request-body.server";
import type { AppContext } from "~/utils/context.server";

// Uploaded files (certificate evidence, RFQ and quote attachments): read from a bounded multipart body,
// kept in memory until checked and authorized, then stored under `${DATA_DIR}/<area>/<orgId>/<random>` —
// outside public/, served only by routes that authorize each request — in step with the row that names them.

export type FileArea = "evidence" | "attachments";

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

/** Where a stored file is recorded in its row. */
export interface StoredFileValues {
  path: string;
  name: string;
  mime: string;
  size: number;
}

function areaRoot(ctx: AppContext, area: FileArea): string {
  return path.resolve(ctx.env.DATA_DIR, area);
}

/** The absolute path of a stored file, refusing anything that would leave its area's folder. */
export function resolveStoredPath(ctx: AppContext, area: FileArea, relative: string): string | null {
  const root = areaRoot(ctx, area);
  const absolute = path.resolve(root, relative);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}

/**
 * Runs `write` in one transaction with the file staged beside it: the file is written under a temporary
 * name first, renamed as the transaction's last step, and removed when anything fails, so a row never
 * points at a missing file and no file outlives a rolled-back row. A failure result (ok: false) means
 * nothing was written, so the staged file is dropped as well.
 */
export async function writeWithFile<R extends { ok: boolean }>(
  ctx: AppContext,
  area: FileArea,
  orgId: string,
  file: { name: string; type: string; bytes: Uint8Array } | null,
  write: (trx: Kysely<Database>, stored: StoredFileValues | null) => Promise<R>,
): Promise<R> {
  if (!file) return ctx.db.transaction().execute((trx) => write(trx, null));
  const id = randomBytes(16).toString("hex");
  const folder = path.join(areaRoot(ctx, area), orgId);
  const finalPath = path.join(folder, id);
  const tempPath = path.join(folder, `.tmp-${id}`);
  const stored: StoredFileValues = { path: `${orgId}/${id}`, name: file.name, mime: file.type, size: file.bytes.byteLength };
  await mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    await writeFile(tempPath, file.bytes, { flag: "wx", mode: 0o600 });
    const result = await ctx.db.transaction().execute(async (trx) => {
      const r = await write(trx, stored);
      if (r.ok) await rename(tempPath, finalPath);
      return r;
    });
    if (!result.ok) await rm(tempPath, { force: true });
    return result;
  } catch (error) {
    await Promise.all([rm(tempPath, { force: true }), rm(finalPath, { force: true })]);
    throw error;
  }
}

/**
 * The same for several files at once (a delivery's files): all staged, all renamed as the transaction's last
 * step, all removed when anything fails. `stored[i]` is where `files[i]` is kept.
 */
export async function writeWithFiles<R extends { ok: boolean }>(
  ctx: AppContext,
  area: FileArea,
  orgId: string,
  files: readonly { name: string; type: string; bytes: Uint8Array }[],
  write: (trx: Kysely<Database>, stored: StoredFileValues[]) => Promise<R>,
): Promise<R> {
  if (files.length === 0) return ctx.db.transaction().execute((trx) => write(trx, []));
  const folder = path.join(areaRoot(ctx, area), orgId);
  const staged = files.map((file) => {
    const id = randomBytes(16).toString("hex");
    return {
      file,
      finalPath: path.join(folder, id),
      tempPath: path.join(folder, `.tmp-${id}`),
      stored: { path: `${orgId}/${id}`, name: file.name, mime: file.type, size: file.bytes.byteLength } satisfies StoredFileValues,
    };
  });
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const dropAll = (which: "tempPath" | "both") =>
    Promise.all(staged.flatMap((s) => (which === "both" ? [s.tempPath, s.finalPath] : [s.tempPath])).map((p) => rm(p, { force: true })));
  try {
    for (const s of staged) await writeFile(s.tempPath, s.file.bytes, { flag: "wx", mode: 0o600 });
    const result = await ctx.db.transaction().execute(async (trx) => {
      const r = await write(
        trx,
        staged.map((s) => s.stored),
      );
      if (r.ok) for (const s of staged) await rename(s.tempPath, s.finalPath);
      return r;
    });
    if (!result.ok) await dropAll("tempPath");
    return result;
  } catch (error) {
    await dropAll("both");
    throw error;
  }
}

/** After a commit that replaced or deleted a row's file: a leftover file is harmless, a missing one is not. */
export async function removeStoredFile(ctx: AppContext, area: FileArea, relative: string | null) {
  const absolute = relative ? resolveStoredPath(ctx, area, relative) : null;
  if (absolute) await rm(absolute, { force: true }).catch(() => {});
}

/** A stored file's bytes, or null when it is missing or its path would leave the area. */
export async function readStoredFile(ctx: AppContext, area: FileArea, relative: string) {
  const absolute = resolveStoredPath(ctx, area, relative);
  if (!absolute) return null;
  try {
    return await readFile(absolute);
  } catch {
    return null;
  }
}
