// The small layout kit both documents are drawn with: an A4 pdfkit document with Noto Sans JP embedded, a cursor
// that starts a new page when a block does not fit, tables whose header row is repeated on every page they run
// onto, and a footer (page "n / N" and a line of the caller's choice) drawn on every page at the end.
//
// Deterministic by construction: the document's CreationDate (and therefore its file ID) comes from the input,
// nothing reads the clock, and the fonts are subset the same way for the same text — so the same input gives the
// same bytes, and a stored document's SHA-256 can be checked later.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 48, bottom: 64, left: 50, right: 50 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = "#1a1a1a";
export const MUTED = "#555555";
export const RULE = "#8a8a8a";
export const SHADE = "#ececec";
export const HIGHLIGHT = "#fff6d8";
export const STAMP_RED = "#c8161d";

export type Font = "regular" | "bold";

let fontFiles: { regular: Buffer; bold: Buffer } | null = null;
/** Noto Sans JP (OFL-1.1) from the npm package, read once; no system font is needed. */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontFiles) {
    const pkg = dirname(dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-jp")));
    fontFiles = {
      regular: readFileSync(join(pkg, "fonts", "NotoSansJP-Regular.otf")),
      bold: readFileSync(join(pkg, "fonts", "NotoSansJP-Bold.otf")),
    };
  }
  return fontFiles;
}

export type Column = { header: string; width: number; align?: "left" | "right" | "center" };
export type Cell = string | { text: string; font?: Font };
export type TableOptions = { fontSize?: number; highlightRows?: ReadonlySet<number> };

const CELL_PAD_X = 5;
const CELL_PAD_Y = 4;

export class DocWriter {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN.top;

  constructor(meta: { title: string; author: string; createdAt: Date; locale: "ja" | "en" }) {
    const doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      lang: meta.locale === "ja" ? "ja-JP" : "en-GB",
      displayTitle: true,
      info: { Title: meta.title, Author: meta.author, Creator: "Kurabe", Producer: "Kurabe", CreationDate: meta.createdAt },
    });
    const f = fonts();
    doc.registerFont("regular", f.regular);
    doc.registerFont("bold", f.bold);
    doc.font("regular").fillColor(INK).strokeColor(INK);
    this.doc = doc;
  }

  get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  heightOf(text: string, width: number, font: Font = "regular", size = 10): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: 1 });
  }

  widthOf(text: string, font: Font = "regular", size = 10): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  /** Text at an exact place; never moves the cursor nor starts a page. */
  at(text: string, x: number, y: number, o: { font?: Font; size?: number; width?: number; align?: "left" | "right" | "center"; color?: string } = {}): void {
    this.doc
      .font(o.font ?? "regular")
      .fontSize(o.size ?? 10)
      .fillColor(o.color ?? INK)
      .text(text, x, y, { width: o.width, align: o.align ?? "left", lineGap: 1, lineBreak: o.width !== undefined });
    this.doc.fillColor(INK);
  }

  /** A paragraph across the content width (or `width` from `x`), breaking onto the next page between lines' blocks. */
  paragraph(text: string, o: { font?: Font; size?: number; x?: number; width?: number; color?: string; align?: "left" | "right" | "center" } = {}): void {
    const x = o.x ?? MARGIN.left;
    const width = o.width ?? CONTENT_WIDTH - (x - MARGIN.left);
    const size = o.size ?? 10;
    const font = o.font ?? "regular";
    // Split on the caller's line breaks so a long text can run onto the next page paragraph by paragraph.
    for (const part of text.split("\n")) {
      const h = this.heightOf(part || " ", width, font, size);
      this.ensure(h);
      this.at(part || " ", x, this.y, { font, size, width, color: o.color, align: o.align });
      this.y += h;
    }
  }

  /** The top of a document: its number and date (label, value) at the top right, then the title, centred and large. */
  masthead(title: string, meta: [label: string, value: string][], locale: "ja" | "en", after = 34): void {
    const sep = locale === "ja" ? "\u3000" : " ";
    meta.forEach(([label, value], i) => this.at(`${label}${sep}${value}`, MARGIN.left, this.y + i * 13, { size: 9, width: CONTENT_WIDTH, align: "right" }));
    this.gap(8 + meta.length * 13);
    this.at(title, MARGIN.left, this.y, { font: "bold", size: 20, width: CONTENT_WIDTH, align: "center" });
    this.gap(after);
  }

  /** The addressee of an order or invoice at the top left (「○○ 御中」), bold and underlined; the cursor stops on the rule. */
  addressee(text: string, width: number): void {
    this.at(text, MARGIN.left, this.y, { font: "bold", size: 13, width });
    this.gap(this.heightOf(text, width, "bold", 13) + 2);
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + width, this.y)
      .lineWidth(0.8)
      .stroke(INK);
  }

  /** The amount a document is about, large in a ruled box with its label shaded on the left; the cursor stays put. */
  amountBox(label: string, amount: string, width: number, height = 30): void {
    this.doc.lineWidth(1.2).rect(MARGIN.left, this.y, width, height).stroke(INK);
    this.doc.rect(MARGIN.left, this.y, 100, height).fillAndStroke(SHADE, INK);
    this.doc.fillColor(INK);
    this.at(label, MARGIN.left + 4, this.y + 10, { size: 9, width: 92, align: "center" });
    this.at(amount, MARGIN.left + 104, this.y + 5, { font: "bold", size: 16, width: width - 112, align: "right" });
  }

  /** A section heading with a rule under it; kept on the same page as at least `keepWith` points of what follows. */
  heading(text: string, keepWith = 40): void {
    const h = this.heightOf(text, CONTENT_WIDTH, "bold", 11.5);
    this.ensure(h + 6 + keepWith);
    this.at(text, MARGIN.left, this.y, { font: "bold", size: 11.5, width: CONTENT_WIDTH });
    this.y += h + 2;
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, this.y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke()
      .strokeColor(INK);
    this.y += 5;
  }

  /** Label/value rows in a two-column ruled box (見出し | 内容), the way forms print them. */
  fields(rows: { label: string; value: string; font?: Font; size?: number }[], labelWidth = 110, x = MARGIN.left, width = CONTENT_WIDTH): void {
    for (const row of rows) {
      const size = row.size ?? 10;
      const h =
        Math.max(
          this.heightOf(row.label, labelWidth - 2 * CELL_PAD_X, "regular", 9),
          this.heightOf(row.value, width - labelWidth - 2 * CELL_PAD_X, row.font ?? "regular", size),
        ) +
        2 * CELL_PAD_Y;
      this.ensure(h);
      this.doc.lineWidth(0.6).rect(x, this.y, labelWidth, h).fillAndStroke(SHADE, RULE);
      this.doc.rect(x + labelWidth, this.y, width - labelWidth, h).stroke(RULE);
      this.doc.fillColor(INK).strokeColor(INK);
      this.at(row.label, x + CELL_PAD_X, this.y + CELL_PAD_Y + (size - 9) / 2, { size: 9, width: labelWidth - 2 * CELL_PAD_X });
      this.at(row.value, x + labelWidth + CELL_PAD_X, this.y + CELL_PAD_Y, { font: row.font, size, width: width - labelWidth - 2 * CELL_PAD_X });
      this.y += h;
    }
  }

  /** A ruled table; a row never splits, and every page it runs onto starts with the header row again. */
  table(columns: Column[], rows: Cell[][], o: TableOptions = {}): void {
    const size = o.fontSize ?? 9.5;
    const cellText = (c: Cell) => (typeof c === "string" ? c : c.text);
    const cellFont = (c: Cell): Font => (typeof c === "string" ? "regular" : (c.font ?? "regular"));
    const headerHeight = Math.max(...columns.map((c) => this.heightOf(c.header, c.width - 2 * CELL_PAD_X, "bold", size - 0.5))) + 2 * CELL_PAD_Y;
    const rowHeight = (row: Cell[]) =>
      Math.max(...row.map((c, i) => this.heightOf(cellText(c) || " ", columns[i].width - 2 * CELL_PAD_X, cellFont(c), size))) + 2 * CELL_PAD_Y;

    const drawHeader = () => {
      let x = MARGIN.left;
      for (const col of columns) {
        this.doc.lineWidth(0.6).rect(x, this.y, col.width, headerHeight).fillAndStroke(SHADE, RULE);
        this.doc.fillColor(INK);
        this.at(col.header, x + CELL_PAD_X, this.y + CELL_PAD_Y, { font: "bold", size: size - 0.5, width: col.width - 2 * CELL_PAD_X, align: "center" });
        x += col.width;
      }
      this.y += headerHeight;
    };

    this.ensure(headerHeight + (rows.length ? rowHeight(rows[0]) : 0));
    drawHeader();
    rows.forEach((row, r) => {
      const h = rowHeight(row);
      if (this.y + h > this.bottom) {
        this.newPage();
        drawHeader();
      }
      let x = MARGIN.left;
      row.forEach((cell, i) => {
        const col = columns[i];
        if (o.highlightRows?.has(r)) this.doc.lineWidth(0.6).rect(x, this.y, col.width, h).fillAndStroke(HIGHLIGHT, RULE);
        else this.doc.lineWidth(0.6).rect(x, this.y, col.width, h).stroke(RULE);
        this.doc.fillColor(INK);
        this.at(cellText(cell), x + CELL_PAD_X, this.y + CELL_PAD_Y, {
          font: cellFont(cell),
          size,
          width: col.width - 2 * CELL_PAD_X,
          align: col.align ?? "left",
        });
        x += col.width;
      });
      this.doc.strokeColor(INK);
      this.y += h;
    });
  }

  /** Draws on every page, after the content is laid out: `left` at the bottom left, "n / N" at the bottom right. */
  footer(left: string, pageLabel: (page: number, pages: number) => string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a page; the footer lives in the margin.
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN.bottom + 22;
      this.doc
        .moveTo(MARGIN.left, y - 6)
        .lineTo(MARGIN.left + CONTENT_WIDTH, y - 6)
        .lineWidth(0.4)
        .stroke(RULE);
      this.at(left, MARGIN.left, y, { size: 7, color: MUTED, width: CONTENT_WIDTH - 70 });
      this.at(pageLabel(i - start + 1, count), MARGIN.left + CONTENT_WIDTH - 70, y, { size: 8, width: 70, align: "right" });
      this.doc.page.margins.bottom = saved;
    }
  }

  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
      this.doc.end();
    });
  }
}
