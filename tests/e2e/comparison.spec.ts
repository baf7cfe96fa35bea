import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/session";

// The buyer opens the closed seeded RFQ's comparison: ranks, evidence badges (a claim shrunk by the
// vendor's seeded track record shows claim and effective value), charts with text
// alternatives and the explanations render in ja and en; a what-if weight re-ranks or re-scores;
// a vendor gets 404.

const SURVEY = "市民意識調査 調査票データ入力・集計業務";

async function openComparison(page: Page): Promise<string> {
  await page.goto("/rfqs");
  await page.getByRole("link", { name: SURVEY }).first().click();
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]+\/compare/);
  return new URL(page.url()).pathname;
}

test("the buyer compares the closed RFQ's quotes in Japanese and re-weights them", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await openComparison(page);

  await expect(page.getByRole("heading", { level: 1 })).toContainText(SURVEY);
  await expect(page.getByTestId("report-meta")).toContainText("評価方式: 加重和（目標スケール・絶対評価）");
  await expect(page.getByTestId("ranking-item").first()).toContainText("1位");
  expect(await page.getByTestId("ranking-item").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("robustness")).toContainText(/1位（.+）は±20%の重み変動の\d+%で1位のまま/);
  // Under it, the exact single-weight stability the award packet states.
  await expect(page.getByTestId("stability")).toContainText(/±\d+%のどの重み変更でも1位は変わりません|1位は .+ のままです|に替わります/);
  await expect(page.getByTestId("explanations").locator("li").first()).not.toBeEmpty();
  await expect(page.getByTestId("comparison-table").getByTestId("badge-unverified").first()).toBeVisible();
  // The seeded past contracts: 北海道データエントリー delivered 48 of 56 on time against a claim of 100%. The record is
  // recency-weighted as of today (decision 0038), so the figures move with the calendar: fewer than 56, below 100%.
  await expect(
    page
      .getByTestId("comparison-table")
      .getByTestId("badge-shrunk")
      .filter({ hasText: /実績で補正: 100% → \d{2}(\.\d{1,2})?%/ }),
  ).toContainText(/過去実績 8\d(\.\d{1,2})?%・\d{2}件/);
  // Beside it, the risk of missing the RFQ's on-time target.
  await expect(page.getByTestId("comparison-table").getByTestId("kpi-risk").first()).toContainText(/未達リスク \d+(\.\d)?%/);
  await expect(page.getByTestId("comparison-table").getByTestId("badge-verified").filter({ hasText: "実績で確認済み" }).first()).toBeVisible();

  // Charts: SVG images with accessible names, one radar per ranked quote.
  const ranked = await page.getByTestId("ranking-item").count();
  await expect(page.getByRole("img", { name: /バランス・スコアカード/ })).toHaveCount(ranked);
  await expect(page.getByRole("img", { name: /評価項目ごとの寄与/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /TCOと得点/ })).toBeVisible();

  // What-if: price hardly counts; the order or the scores change, and the page says it is a what-if.
  const before = await page.getByTestId("ranking").innerText();
  await page.locator('input[name="w_tco"]').fill("1");
  await page.locator('input[name="w_on_time_rate"]').fill("60");
  await page.getByRole("button", { name: "再計算" }).click();
  await expect(page).toHaveURL(/w_tco=1/);
  await expect(page.getByTestId("what-if-active")).toBeVisible();
  await expect(page.getByTestId("ranking")).not.toHaveText(before);

  // A relative method warns that a new quote can reorder the others.
  await page.getByLabel("評価方式").selectOption("topsis");
  await page.getByRole("button", { name: "再計算" }).click();
  await expect(page.getByTestId("relative-warning")).toContainText("相対評価");
});

test("the comparison speaks English", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await openComparison(page);
  await expect(page.getByTestId("report-meta")).toContainText("scoring method: Weighted sum on target scales (absolute)");
  await expect(page.getByTestId("ranking-item").first()).toContainText("#1");
  await expect(page.getByTestId("robustness")).toContainText(/The winner \(.+\) stays first in \d+% of ±20% weight changes/);
  await expect(page.getByTestId("stability")).toContainText(/The winner stays first under every ±\d+ % weight change|stays first|The winner changes to/);
  await expect(page.getByTestId("comparison-table").getByTestId("badge-unverified").first()).toContainText("Unverified");
  await expect(
    page
      .getByTestId("comparison-table")
      .getByTestId("badge-shrunk")
      .filter({ hasText: /Adjusted by evidence: 100% → \d{2}(\.\d{1,2})?%/ }),
  ).toContainText(/past record 8\d(\.\d{1,2})?% over \d{2}/);
  await expect(page.getByTestId("comparison-table").getByTestId("kpi-risk").first()).toContainText(/risk of missing \d+(\.\d)?%/);
  await expect(page.getByRole("img", { name: /Balanced scorecard/ }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /TCO versus score/ })).toBeVisible();
  await expect(page.getByTestId("explanations").locator("li").first()).not.toBeEmpty();

  const before = await page.getByTestId("total-score").allInnerTexts();
  await page.locator('input[name="w_accuracy"]').fill("100");
  // With JavaScript the form re-submits by itself shortly after the change (no button press).
  await expect(page).toHaveURL(/w_accuracy=100/);
  await expect.poll(() => page.getByTestId("total-score").allInnerTexts()).not.toEqual(before);
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("a vendor gets 404 on the comparison page", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  const path = await openComparison(page);
  await page.getByRole("button", { name: /ログアウト|Log out/ }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: /ログイン|Log in/ })).toBeVisible();
  await logIn(page, "contact@hokkaido-data.example");
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
});
