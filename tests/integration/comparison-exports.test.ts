import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import { actorFor, createAccount, createPublishedRfq, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The comparison downloads read back as a buyer's spreadsheet reads them (issue 14, item 16): words, not codes,
// in the reader's language; scores rounded for reading with the full value kept (hidden in the workbook, an extra
// CSV column); the method as the page names it; text that looks like a formula stays text, negative numbers
// stay numbers; and the page's filters and what-if carried by the download link shape the file.

const CERTS = ["isms_iso27001", "privacy_mark"].map((type, i) => ({
  type,
  number: `CERT-${i}`,
  issuer: "検証機関",
  validFrom: "2020-01-01",
  validUntil: "2099-12-31",
}));
const FORMULA_VENDOR = "=1+2 データ株式会社";
const AT_VENDOR = "@失格 商事";
const PLAIN_VENDOR = "北海道データ検証株式会社";

let h: Harness;
let buyer: Account;
let rfqId: string;
const cookies = new Cookies();

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "エクスポート検証市" });
  const vendor = (name: string, certified: boolean) =>
    createAccount(h.db, { kind: "vendor", vendor: { name, categories: ["municipal"], certifications: certified ? CERTS : [] } });
  const formula = await vendor(FORMULA_VENDOR, true);
  const plain = await vendor(PLAIN_VENDOR, true);
  const uncertified = await vendor(AT_VENDOR, false);
  // A current cost far below any quote: every ROI is negative, a number that starts with "-".
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { baselineCostMonthlyYen: 100_000 }));
  await submitQuote(h, await actorFor(h.db, formula.email), rfqId);
  await submitQuote(h, await actorFor(h.db, plain.email), rfqId, quoteB());
  await submitQuote(h, await actorFor(h.db, uncertified.email), rfqId);
  await openRfq(h, rfqId);
  expect((await postForm(h, "/login", { email: buyer.email, password: buyer.password }, cookies)).status).toBe(302);
});
afterAll(() => h?.close());

const download = (path: string, lang = "ja") => h.request(path, { cookies, headers: { "Accept-Language": lang } });

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === first) found = row;
  });
  if (!found) throw new Error(`no row "${first}" in ${ws.name}`);
  return found;
};
const headerIndex = (ws: ExcelJS.Worksheet, text: string) => (ws.getRow(1).values as unknown[]).indexOf(text);

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe("the workbook", () => {
  it("names codes in words: recurrences, perspectives, gates and the method as on the page (ja)", async () => {
    const wb = await workbook(await download(`/rfqs/${rfqId}/compare.xlsx`));
    const lines = wb.getWorksheet("見積明細")!;
    const recurrence = headerIndex(lines, "計上区分");
    const kinds = new Set<unknown>();
    lines.eachRow((row, n) => n > 1 && kinds.add(row.getCell(recurrence).value));
    expect([...kinds].filter(Boolean).sort()).toEqual(["一時（初回のみ）", "従量（件数×単価、月間数量）", "月額"].sort());
    expect(lines.getCell(2, headerIndex(lines, "内容")).value).toBe("業務設計・マニュアル整備");

    const criteria = wb.getWorksheet("評価基準と重み")!;
    expect(rowOf(criteria, "処理の正確性").getCell(2).value).toBe("業務プロセスの視点");
    expect(rowOf(criteria, "処理の正確性").getCell(6).value).toBe("下限 99.5%");
    expect(rowOf(criteria, "評価方式").getCell(2).value).toBe("加重和（目標スケール・絶対評価）");
    const texts: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && texts.push(c.value)));
    expect(texts.filter((v) => /^(per_unit|one_off|monthly|internalProcess|financial)$|\{"/.test(v))).toEqual([]);
    expect(texts).toContain("必須");
  });

  it("speaks English to an English reader, through the API too", async () => {
    const res = await h.request(`/api/v1/rfqs/${rfqId}/comparison.xlsx`, { headers: { Authorization: `Bearer ${buyer.token}`, "Accept-Language": "en" } });
    const wb = await workbook(res);
    const criteria = wb.getWorksheet("Criteria and weights")!;
    expect(rowOf(criteria, "Accuracy").getCell(2).value).toBe("Internal process");
    expect(rowOf(criteria, "Accuracy").getCell(6).value).toBe("At least 99.5%");
    expect(rowOf(criteria, "Scoring method").getCell(2).value).toBe("Weighted sum on target scales (absolute)");
    const lines = wb.getWorksheet("Quote lines")!;
    expect(lines.getCell(4, headerIndex(lines, "Recurrence")).value).toBe("Per unit (monthly quantity)");
  });

  it("shows scores to two decimals and keeps the full value in a hidden column", async () => {
    const ws = (await workbook(await download(`/rfqs/${rfqId}/compare.xlsx`))).getWorksheet("比較表")!;
    const shown = headerIndex(ws, `${PLAIN_VENDOR} 得点`);
    const full = headerIndex(ws, `${PLAIN_VENDOR} 得点（端数処理前）`);
    expect([shown, full].every((i) => i > 1)).toBe(true);
    expect(ws.getColumn(shown).hidden).toBe(false);
    expect(ws.getColumn(full).hidden).toBe(true);
    const accuracy = rowOf(ws, "処理の正確性");
    const precise = accuracy.getCell(full).value as number;
    expect(typeof precise).toBe("number");
    expect(accuracy.getCell(shown).value).toBe(Math.round(precise * 100) / 100);
    expect(accuracy.getCell(shown).numFmt).toBe("0.00");
    const total = rowOf(ws, "合計点");
    expect(total.getCell(headerIndex(ws, `${PLAIN_VENDOR} 値`)).value).toBe(Math.round((total.getCell(full).value as number) * 100) / 100);
  });

  it("keeps formula-like names as text cells and negative numbers as numbers", async () => {
    const ws = (await workbook(await download(`/rfqs/${rfqId}/compare.xlsx`))).getWorksheet("比較表")!;
    const column = headerIndex(ws, `${FORMULA_VENDOR} 値`);
    expect(column).toBeGreaterThan(1);
    const header = ws.getRow(1).getCell(column);
    expect(header.type).toBe(ExcelJS.ValueType.String);
    expect(header.formula).toBeUndefined();
    expect(headerIndex(ws, `${AT_VENDOR} 値`)).toBeGreaterThan(1);
    const roi = rowOf(ws, "ROI").getCell(column);
    expect(roi.type).toBe(ExcelJS.ValueType.Number);
    expect(roi.value as number).toBeLessThan(0);
  });
});

describe("the CSV", () => {
  it("has the unrounded scores as extra columns, defuses formula-like text and leaves negative numbers alone", async () => {
    const res = await download(`/rfqs/${rfqId}/compare.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(header).toContain(`'${FORMULA_VENDOR} 値`);
    expect(header).toContain(`'${AT_VENDOR} 値`);
    const full = header.indexOf(`${PLAIN_VENDOR} 得点（端数処理前）`);
    const shown = header.indexOf(`${PLAIN_VENDOR} 得点`);
    const accuracy = rows.find((r) => r[0] === "処理の正確性")!;
    expect(Number(accuracy[shown])).toBe(Math.round(Number(accuracy[full]) * 100) / 100);
    expect(accuracy[shown]).toMatch(/^\d+(\.\d{1,2})?$/);
    const roi = rows.find((r) => r[0] === "ROI")!;
    expect(roi[header.indexOf(`'${FORMULA_VENDOR} 値`)]).toMatch(/^-0\.\d+$/);
  });

  it("follows the page's filters and what-if carried by the download link", async () => {
    const all = parseCsv((await (await download(`/rfqs/${rfqId}/compare.csv`)).text()).replace(/^\uFEFF/, ""))[0];
    expect(all).toContain(`'${AT_VENDOR} 値`);
    const filtered = parseCsv((await (await download(`/rfqs/${rfqId}/compare.csv?hideDisqualified=1`)).text()).replace(/^\uFEFF/, ""))[0];
    expect(filtered).not.toContain(`'${AT_VENDOR} 値`);
    expect(filtered).toContain(`${PLAIN_VENDOR} 値`);
    // A filtered workbook says so beside the method and date, so it is not mistaken for the whole comparison.
    const note = (wb: ExcelJS.Workbook) => rowOf(wb.getWorksheet("評価基準と重み")!, "絞り込み・並べ替え").getCell(2).value;
    expect(note(await workbook(await download(`/rfqs/${rfqId}/compare.xlsx?hideDisqualified=1`)))).toBe("絞り込みにより1件を非表示");
    await expect(workbook(await download(`/rfqs/${rfqId}/compare.xlsx`)).then(note)).rejects.toThrow(/no row/);
    const whatIf = await (await download(`/rfqs/${rfqId}/compare.csv?weights=tco:1,accuracy:50&method=topsis`)).text();
    expect(whatIf).toContain("近接度（×100）");
  });
});
