import { fileDownload } from "./file-response.server";

/** A stored document (発注書, 稟議書) as a download: attachment, nosniff, no-store, and its SHA-256 in a header. */
export function storedPdfResponse(pdf: { bytes: Uint8Array<ArrayBuffer>; fileName: string; sha256: string }): Response {
  const res = fileDownload({ bytes: pdf.bytes, name: pdf.fileName, mime: "application/pdf" });
  res.headers.set("X-Content-SHA256", pdf.sha256);
  return res;
}
