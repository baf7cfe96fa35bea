import { contentDisposition } from "~/domain/download-name";

/**
 * An uploaded file as a download: always an attachment under its cleaned name, with the type checked at
 * upload and nosniff, sandboxed and never cached — an uploaded file is never rendered inline as a page of ours.
 */
export function fileDownload(file: { bytes: Uint8Array<ArrayBuffer>; name: string; mime: string }): Response {
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
