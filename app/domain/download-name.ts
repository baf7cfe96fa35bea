// File names offered on download. A name is the uploader's or a title someone typed, so it is treated
// as hostile: no path parts, no control characters, no bidi controls (`invoice\u202efdp.exe` displays as
// "invoiceexe.pdf"), and the extension always follows the type we detected, never the one claimed
// (a `%PDF-` + HTML polyglot named `report.html` downloads as `report.pdf`).

// C0/C1 controls, DEL, and the Unicode bidi, zero-width and line/paragraph separator characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// Characters Windows and macOS refuse or treat as separators in file names, and the quote that ends a header value.
const RESERVED = /[\\/:*?"<>|]/g;

/** Removes what may not be shown in a file name; keeps everything else (Japanese included). */
export function cleanFileName(name: string): string {
  return name.replace(INVISIBLE, "").replace(RESERVED, "_").trim();
}

/**
 * The name to download a file of a detected type under: the cleaned base name with the type's own
 * extension (kept when it already is one of `extensions`, e.g. `.jpeg` for JPEG), at most 150 characters.
 */
export function downloadName(name: string, extensions: readonly [string, ...string[]], fallbackBase = "download"): string {
  // Only the last path part counts, whichever separator the client used.
  const base = cleanFileName(name.split(/[\\/]/).pop() ?? "");
  const dot = base.lastIndexOf(".");
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/[.\s]+$/, "").slice(0, 140);
  const current = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  const extension = extensions.includes(current) ? current : extensions[0];
  return `${stem === "" ? fallbackBase : stem}.${extension}`;
}

/** RFC 6266 + RFC 8187: an ASCII fallback and the UTF-8 name, with ' ( ) * ! encoded as attr-char requires. */
export function contentDisposition(filename: string): string {
  const clean = cleanFileName(filename);
  const ascii = clean.replace(/[^\x20-\x7e]/g, "_").replace(/[%;=]/g, "_");
  const encoded = encodeURIComponent(clean).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
