import { expect, test } from "@playwright/test";
import { linkMailedTo } from "./support/mail";

// A newcomer's first minutes, in a real Chromium against the built app on real PostgreSQL
// and Meilisearch: sign up (confirming the e-mail), log out, log in, switch language, hit a missing page.

const unique = Date.now().toString(36);

test("sign up as a buyer, log out, log in again", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await page.getByRole("link", { name: "新規登録" }).click();

  // Bad input first: every field answers in Japanese, and nothing is created.
  await page.getByLabel("メールアドレス").fill("not-an-email");
  await page.getByLabel("パスワード（12文字以上）").fill("short");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("メールアドレスの形式が正しくありません。")).toBeVisible();
  await expect(page.getByText("12文字以上で入力してください。")).toBeVisible();
  await expect(page.getByText("入力してください。").first()).toBeVisible();

  await page.getByLabel("発注者（企業・自治体）").check();
  await page.getByLabel("組織名").fill(`あおば町 総務課 ${unique}`);
  await page.getByLabel("氏名").fill("鈴木 一郎");
  await page.getByLabel("メールアドレス").fill(`suzuki-${unique}@aoba-town.example`);
  await page.getByLabel("パスワード（12文字以上）").fill("a-very-long-password");
  await page.getByRole("button", { name: "登録する" }).click();

  // The account exists once the link mailed to the address is followed.
  await expect(page.getByRole("heading", { name: "確認メールを送信しました" })).toBeVisible();
  await page.goto(await linkMailedTo(`suzuki-${unique}@aoba-town.example`));
  await page.getByRole("button", { name: "登録を完了する" }).click();

  await expect(page.getByRole("heading", { name: "鈴木 一郎さん、ようこそ" })).toBeVisible();
  await expect(page.getByTestId("toast")).toHaveText("登録が完了しました");
  await expect(page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "ベンダーを探す" })).toBeVisible();

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();

  await page.getByRole("banner").getByRole("link", { name: "ログイン" }).click();
  await page.getByLabel("メールアドレス").fill(`suzuki-${unique}@aoba-town.example`);
  await page.getByLabel("パスワード").fill("wrong-password-000");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByText("メールアドレスまたはパスワードが正しくありません。")).toBeVisible();
  await page.getByLabel("パスワード").fill("a-very-long-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { name: "鈴木 一郎さん、ようこそ" })).toBeVisible();
});

test("switch the language to English and back; the choice sticks", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "ログイン" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();

  // Errors follow the language too.
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Compare quotes on the same yardstick." })).toBeVisible();
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: "見積を、同じ物差しで比べる。" })).toBeVisible();
});

test("a missing page is a real 404 in the reader's language", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "ページが見つかりません" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("each demo role logs in and sees its own navigation", async ({ page }) => {
  const roles = [
    { email: "buyer@midori-city.example", nav: ["ベンダーを探す", "組織設定"], not: ["自社プロフィール", "管理"] },
    { email: "sales@next-keiri.example", nav: ["自社プロフィール", "組織設定"], not: ["ベンダーを探す", "管理"] },
    { email: "advisor@hikaku-advisory.example", nav: ["ベンダーを探す"], not: ["自社プロフィール", "管理"] },
    { email: "admin@kurabe.example", nav: ["管理", "ベンダーを探す"], not: ["自社プロフィール"] },
  ];
  for (const role of roles) {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill(role.email);
    await page.getByLabel("パスワード").fill("kurabe-demo-2026");
    await page.getByRole("button", { name: "ログイン" }).click();
    const nav = page.getByRole("navigation", { name: "メニュー" });
    for (const name of role.nav) await expect(nav.getByRole("link", { name })).toBeVisible();
    for (const name of role.not) await expect(nav.getByRole("link", { name })).toHaveCount(0);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();
  }
});
