import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/session";

// The comparison page at 300 quotes (issue 21 item 2, decision 0058), in English: the buyer pages the ranked list,
// filters it by name and gate, picks 4 quotes into the compare list and compares them side by side; the page never
// scrolls sideways at 1,366 px or 390 px, and the compare list survives a reload (it is in the URL).
// The RFQ is bulk-seeded before the test by `npm run seed -- --large-rfq` (db/seed/large-rfq.ts: its own buyer, 300
// vendors; a second run writes nothing), against the same database as the server.
// Alone: `npm run test:e2e -- tests/e2e/compare-scale.spec.ts --no-deps`.

const BUYER = "buyer@scale-city.example";
const TITLE = "大規模公募 申請書類の審査・入力業務（見積300件の比較）";
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

test.describe.configure({ timeout: 90_000 });

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${what}: the page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

test.beforeAll(() => {
  const started = Date.now();
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts", "--large-rfq"], { encoding: "utf8", env: process.env });
  expect(seeded.status, seeded.stderr).toBe(0);
  console.log(`${seeded.stdout.trim()} (${Date.now() - started} ms with the process start)`);
});

test("the buyer pages and filters 300 quotes, compares 4 of them side by side, on a laptop and a phone", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await logIn(page, BUYER);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/rfqs");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByTestId("compare-link").first().click();

  // The top 5 as columns, the rest in a list of 15 pages.
  await expect(page.getByTestId("comparison-table").getByTestId("quote-column")).toHaveCount(5);
  await expect(page.getByTestId("list-range")).toHaveText("1–20 of 300");
  await expect(page.getByTestId("list-row")).toHaveCount(20);
  await expectNoSidewaysScroll(page, "1,366 px, top 5");

  // Paging.
  const pager = page.getByTestId("pager");
  await pager.getByRole("link", { name: /Next page/ }).click();
  await expect(page.getByTestId("pager-status")).toHaveText("Page 2 of 15");
  await expect(page.getByTestId("list-range")).toHaveText("21–40 of 300");

  // Filters: the quotes that failed a gate, then a name among those that passed.
  const filters = page.getByTestId("list-filters");
  await filters.getByLabel("Gates").selectOption("failed");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("list-range")).toHaveText("1–20 of 40");
  await expect(page.getByTestId("list-row").getByTestId("list-failed")).toHaveCount(20);
  await filters.getByLabel("Gates").selectOption("passed");
  await filters.getByLabel("Vendor name").fill("ひかり");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("list-range")).toHaveText("1–20 of 30");
  const rows = page.getByTestId("list-row");
  for (const name of await rows.locator("th").allTextContents()) expect(name).toMatch(/^ひかり/);

  // Four picks into the compare list (each a link: the list stays on its page and filters).
  for (let i = 0; i < 4; i++) {
    await rows
      .nth(3 + i)
      .getByTestId("shortlist-add")
      .click();
    await expect(page.getByTestId("shortlist-item")).toHaveCount(i + 1);
  }
  await expect(page.getByTestId("list-range")).toHaveText("1–20 of 30");
  const picked = await page.getByTestId("shortlist-item").allTextContents();
  expect(picked.every((p) => p.includes("ひかり"))).toBe(true);

  // Side by side: four columns in rank order, the charts with the same four; it survives a reload.
  await page.getByTestId("compare-shortlist").click();
  const columns = page.getByTestId("comparison-table").getByTestId("quote-column");
  await expect(columns).toHaveCount(4);
  await expect(page.getByTestId("columns-note")).toHaveText("Comparing the 4 quotes on the compare list side by side, in rank order.");
  await expect(page.getByTestId("radar-chart")).toHaveCount(4);
  const ranks = (await columns.locator(".rank-chip").allTextContents()).map((r) => Number(r.replace("#", "")));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(page.url()).toMatch(/shortlist=[0-9a-f-]{36}(%2C|,)/);
  await page.reload();
  await expect(columns).toHaveCount(4);
  await expectNoSidewaysScroll(page, "1,366 px, compare list");

  // A phone: cards, not the wide table, and nothing wider than the window.
  await page.setViewportSize(PHONE);
  await expect(page.locator(".comparison-cards > li")).toHaveCount(4);
  await expect(page.getByTestId("comparison-table")).toBeHidden();
  await expectNoSidewaysScroll(page, "390 px, compare list");
  await page.getByTestId("compare-top").click();
  await expect(page.locator(".comparison-cards > li")).toHaveCount(5);
  await expectNoSidewaysScroll(page, "390 px, top 5");
});
