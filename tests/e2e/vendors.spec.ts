import { expect, test, type Page } from "@playwright/test";

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("kurabe-demo-2026");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
}

test("a buyer searches vendors in Japanese, filters by a valid certification, and opens a profile", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.getByRole("link", { name: "ベンダーを探す" }).first().click();
  await page.getByRole("searchbox").fill("経理 ISMS 東京");
  await page.getByRole("button", { name: "検索" }).first().click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("vendor-result").first()).toContainText("株式会社ネクスト経理サービス");
  await expect(page.getByTestId("vendor-result").first().locator("mark").first()).toBeVisible();

  await page.getByRole("searchbox").fill("");
  await page.getByLabel(/プライバシーマーク/).check();
  await page.getByRole("button", { name: "検索" }).first().click();
  await expect(page).toHaveURL(/cert=privacy_mark/);
  const names = await page.getByTestId("vendor-result").locator("h2").allInnerTexts();
  expect(names).toContain("ペイロールパートナーズ株式会社");
  expect(names).not.toContain("グロースアド株式会社"); // its Privacy Mark expired in 2025
  await page.getByRole("link", { name: "ペイロールパートナーズ株式会社" }).click();
  await expect(page.getByRole("heading", { name: "ペイロールパートナーズ株式会社" })).toBeVisible();
});

test("a vendor edits its profile and buyers find the change", async ({ page }) => {
  await logIn(page, "hello@studio-aoi.example");
  await page.getByRole("link", { name: "自社プロフィール" }).first().click();
  await page.getByLabel("事業内容・強み").fill("");
  await page.getByLabel("事業内容・強み").fill("採用サイトと会社案内の制作。Recruitment websites and brochures. 和紙テクスチャの表現が得意です。");
  await page.getByLabel("体制（人数）").fill("0");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("1以上の値を入力してください。")).toBeVisible();
  await page.getByLabel("体制（人数）").fill("15");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByTestId("toast")).toHaveText("プロフィールを保存しました");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();

  await logIn(page, "buyer@sakura-foods.example");
  await expect(async () => {
    await page.goto(`/vendors?q=${encodeURIComponent("和紙テクスチャ")}`);
    await expect(page.getByTestId("vendor-result").first()).toContainText("スタジオ・アオイ合同会社", { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});

test("vendors cannot use the vendor directory; other pages are 403/404 as they should be", async ({ page }) => {
  await logIn(page, "sales@next-keiri.example");
  const res = await page.goto("/vendors");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "アクセスできません" })).toBeVisible();
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(403);
});
