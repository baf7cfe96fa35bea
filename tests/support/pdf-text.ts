// Reads a PDF back as text, page by page, with pdf.js (pure JavaScript: no system tool needed), for tests.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Each page's text, in reading order, with the pieces pdf.js finds joined by single spaces. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((it) => ("str" in it ? it.str : ""))
        .filter((s) => s.trim() !== "")
        .join(" "),
    );
  }
  await doc.destroy();
  return pages;
}
