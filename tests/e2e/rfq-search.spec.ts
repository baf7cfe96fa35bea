import { expect, test } from "@playwright/test";

// A vendor searches open RFQs in English: keywords, a category facet with counts, highlighted matches,
// and a URL that carries the whole search (so it can be bookmarked and shared).

test("a vendor finds an open RFQ by category facet; the term is highlighted and the search stays in the URL", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill("sales@next-keiri.example");
  await page.getByLabel("パスワード").fill("kurabe-demo-2026");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Find RFQs" }).click();
  await page.getByRole("link", { name: "Search by keyword and filters" }).click();
  await expect(page.getByRole("heading", { name: "Search open RFQs" })).toBeVisible();
  const facet = page.getByRole("group", { name: "Category" });
  await expect(facet.getByLabel(/HR and payroll/)).toBeVisible();
  // Another vendor's invitation-only RFQ is not counted, let alone listed.
  await expect(facet.getByLabel(/Marketing and advertising/)).toHaveCount(0);

  await page.getByRole("searchbox").fill("給与計算");
  await facet.getByLabel(/HR and payroll/).check();
  await page.getByRole("button", { name: "Search" }).first().click();
  await expect(page).toHaveURL(/q=%E7%B5%A6%E4%B8%8E%E8%A8%88%E7%AE%97/);
  await expect(page).toHaveURL(/category=hr_payroll/);
  const results = page.getByTestId("rfq-search-result");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("給与計算・年末調整業務のアウトソーシング（BPO）");
  await expect(results.first().locator("mark").first()).toBeVisible();
  await expect(page.getByTestId("rfq-search-total")).toHaveText("1 found");

  // The URL alone reproduces the search (a bookmark or a shared link).
  const url = page.url();
  await page.goto("/");
  await page.goto(url);
  await expect(page.getByTestId("rfq-search-result").first()).toContainText("給与計算・年末調整業務");
  await expect(page.getByRole("searchbox")).toHaveValue("給与計算");
  await expect(page.getByRole("group", { name: "Category" }).getByLabel(/HR and payroll/)).toBeChecked();

  await page.getByRole("link", { name: /給与計算・年末調整業務/ }).click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]{36}$/);
});
