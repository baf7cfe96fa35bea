import { expect, type Page } from "@playwright/test";

// Logging in and out as a demo account, in either language (the labels match both).

export async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel(/メールアドレス|E-mail/).fill(email);
  await page.getByLabel(/^パスワード$|^Password$/).fill("kurabe-demo-2026");
  await page.getByRole("button", { name: /ログイン|Log in/ }).click();
  await expect(page.getByRole("button", { name: /ログアウト|Log out/ })).toBeVisible();
}

/** Waits for the banner's log-in link: the next log-in must not race the log-out's redirect. */
export async function logOut(page: Page) {
  await page.getByRole("button", { name: /ログアウト|Log out/ }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: /ログイン|Log in/ })).toBeVisible();
}
