import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/session";

// The comparison fits the window on a laptop (1366×768) and a phone (390×844), in Japanese and English —
// wide tables scroll inside their own box, never the page — and its Excel and CSV buttons download the
// comparison as shown (the what-if included). The pages a vendor uses on a phone fit too.

const SURVEY = "市民意識調査 調査票データ入力・集計業務";
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${what}: the page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

async function openComparison(page: Page): Promise<string> {
  await page.goto("/rfqs");
  await page.getByRole("link", { name: SURVEY }).first().click();
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]+\/compare/);
  await expect(page.getByTestId("ranking-item").first()).toBeVisible();
  return page.url();
}

test("the comparison fits a laptop and a phone in Japanese and English", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await logIn(page, "buyer@midori-city.example");
  const url = await openComparison(page);
  for (const lang of ["ja", "en"] as const) {
    if (lang === "en") {
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.goto(url);
    }
    for (const size of [LAPTOP, PHONE]) {
      await page.setViewportSize(size);
      await expect(page.getByTestId("ranking-item").first()).toBeVisible();
      await expectNoSidewaysScroll(page, `comparison ${lang} ${size.width}px`);
    }
  }
  // The wide table scrolls inside its own box on a narrow laptop window, with the criterion column kept in view.
  await page.setViewportSize({ width: 800, height: 768 });
  await expectNoSidewaysScroll(page, "comparison en 800px");
  const firstColumn = page.getByTestId("comparison-table").locator("tbody th").first();
  await expect(firstColumn).toHaveCSS("position", "sticky");
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("the Excel and CSV buttons download the comparison as shown, what-if included; print keeps the table", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await logIn(page, "buyer@midori-city.example");
  await openComparison(page);

  const xlsxLink = page.getByRole("link", { name: "Excelでダウンロード" });
  const [xlsx] = await Promise.all([page.waitForEvent("download"), xlsxLink.click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^市民意識調査 調査票データ入力・集計業務_比較_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await xlsx.path())).buffer as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["比較表", "見積明細", "評価基準と重み"]);
  const xlsxResponse = await page.request.get((await xlsxLink.getAttribute("href"))!);
  expect(xlsxResponse.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  const csvLink = page.getByRole("link", { name: "CSVでダウンロード" });
  const [csv] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(csv.suggestedFilename()).toMatch(/_比較_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await csv.path(), "utf8");
  expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^評価項目,重み,/);
  expect((await page.request.get((await csvLink.getAttribute("href"))!)).headers()["content-type"]).toBe("text/csv; charset=utf-8");

  // A what-if: the download links carry it, and the file is ranked by it.
  await page.locator('input[name="w_tco"]').fill("1");
  await page.getByLabel("評価方式").selectOption("topsis");
  await page.getByRole("button", { name: "再計算" }).click();
  await expect(page.getByTestId("what-if-active")).toBeVisible();
  await expect(csvLink).toHaveAttribute("href", /weights=[^&]*tco%3A1(%2C|&|$).*method=topsis/);
  const [whatIf] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(await readFile(await whatIf.path(), "utf8")).toContain("近接度（×100）");

  // Print: the buttons and forms go, the table and the charts stay.
  await expect(page.getByRole("button", { name: "印刷（稟議用）" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("compare-exports")).toBeHidden();
  await expect(page.getByTestId("what-if-form")).toBeHidden();
  await expect(page.getByTestId("comparison-table")).toBeVisible();
  await expect(page.getByTestId("tco-scatter")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});

test("a vendor's pages fit a phone: RFQ search, the RFQ and the quote form", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await logIn(page, "sales@next-keiri.example");
  await page.goto("/rfqs/search");
  await expect(page.getByTestId("rfq-search-result").first()).toBeVisible();
  await expectNoSidewaysScroll(page, "RFQ search");
  await page.getByTestId("rfq-search-result").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]+$/);
  await expectNoSidewaysScroll(page, "RFQ view");
  await page.goto(`${page.url()}/quote`);
  await expect(page.getByTestId("quote-line").first()).toBeVisible();
  await expectNoSidewaysScroll(page, "quote form");
});

test("a buyer's settings fit a phone in English: five tabs wrap instead of widening the page", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await logIn(page, "buyer@midori-city.example");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const path of ["/settings", "/settings/members", "/settings/approvals", "/settings/tokens"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, path);
  }
});
