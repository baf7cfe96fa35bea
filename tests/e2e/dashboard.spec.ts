import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// Each role's home shows its work (issue 14, item 17), and fits a phone and a laptop screen.

const SURVEY = "市民意識調査 調査票データ入力・集計業務";

for (const width of [390, 1366]) {
  test(`the advisor's and the buyer's homes list their work without sideways scrolling at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, "advisor@hikaku-advisory.example");
    const assigned = page.getByTestId("home-assigned");
    await expect(assigned.getByRole("link", { name: SURVEY })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await logOut(page);

    await logIn(page, "buyer@midori-city.example");
    await expect(page.getByTestId("home-open").getByRole("heading", { name: "募集中の見積依頼" })).toBeVisible();
    await expect(page.getByTestId("home-drafts")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}
