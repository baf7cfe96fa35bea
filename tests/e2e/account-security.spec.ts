import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/session";

// Reset by e-mail in Japanese and the list of sessions in English, in Chromium against the
// production build (so the cookies are the __Host- ones). Demo accounts no other spec logs in as.

const RESET_EMAIL = "team@growth-ad.example";
const SESSIONS_EMAIL = "biz@contact-one.example";

/** The newest mail the server's local outbox (DATA_DIR/mail) holds for an address. */
async function latestMailTo(address: string): Promise<string> {
  const dir = path.join(process.env.DATA_DIR ?? ".data", "mail");
  // The outbox names files after the address with anything but letters, digits, @ and . replaced.
  const suffix = `-${address.replace(/[^a-z0-9@.]/gi, "_")}.txt`;
  for (let i = 0; i < 50; i++) {
    const files = (() => {
      try {
        return readdirSync(dir)
          .filter((f) => f.endsWith(suffix))
          .sort();
      } catch {
        return [];
      }
    })();
    if (files.length) return readFileSync(path.join(dir, files.at(-1)!), "utf8");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail for ${address} in ${dir}`);
}

async function logInWith(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/メールアドレス|E-mail/).fill(email);
  await page.getByLabel(/^パスワード$|^Password$/).fill(password);
  await page.getByRole("button", { name: /ログイン|Log in/ }).click();
}

test("パスワードを忘れたら: メールのリンクで再設定でき、リンクは一度しか使えない", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "パスワードをお忘れの方" }).click();
  await expect(page.getByRole("heading", { name: "パスワードの再設定" })).toBeVisible();
  await page.getByLabel("メールアドレス").fill(RESET_EMAIL);
  await page.getByRole("button", { name: "再設定用のリンクを送る" }).click();
  await expect(page.getByTestId("reset-sent")).toHaveText("このメールアドレスが登録されていれば、再設定用のリンクを送信しました。メールをご確認ください。");

  const mail = await latestMailTo(RESET_EMAIL);
  expect(mail).toContain("Subject: 【Kurabe】パスワードの再設定");
  const link = /http:\/\/\S+\/reset-password\/[\w-]+/.exec(mail)![0];
  const resetPath = new URL(link).pathname;

  await page.goto(resetPath);
  await expect(page.getByText(`${RESET_EMAIL} の新しいパスワードを入力してください。`)).toBeVisible();
  await page.getByLabel("新しいパスワード（12文字以上）").fill("password1234");
  await page.getByLabel("新しいパスワード（確認）").fill("password1234");
  await page.getByRole("button", { name: "パスワードを設定" }).click();
  await expect(page.getByText("よく使われているパスワード、またはそれに近いパスワードです。")).toBeVisible();

  await page.getByLabel("新しいパスワード（12文字以上）").fill("niji-no-hashi-6Wm");
  await page.getByLabel("新しいパスワード（確認）").fill("niji-no-hashi-6Wm");
  await page.getByRole("button", { name: "パスワードを設定" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("パスワードを再設定しました。新しいパスワードでログインしてください。")).toBeVisible();

  await logInWith(page, RESET_EMAIL, "niji-no-hashi-6Wm");
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toContain("__Host-kurabe_session");

  await page.goto(resetPath);
  await expect(page.getByTestId("reset-invalid")).toHaveText("このリンクは無効か、期限が切れているか、すでに使われています。");
});

test("Sessions page in English: another browser's session is listed and signed out from here", async ({ page, browser }) => {
  const other = await browser.newContext({
    locale: "en-US",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  const phone = await other.newPage();
  await logIn(phone, SESSIONS_EMAIL);

  await logIn(page, SESSIONS_EMAIL);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.goto("/settings/security");
  await expect(page.getByRole("heading", { name: "Account security" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  const rows = page.getByTestId("sessions").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
  const phoneRow = rows.filter({ hasText: "Safari 17 · iOS" });
  await expect(phoneRow).toHaveCount(1);

  await phoneRow.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("That session is signed out")).toBeVisible();
  await expect(rows).toHaveCount(1);

  await phone.reload();
  await expect(phone.getByRole("banner").getByRole("link", { name: /ログイン|Log in/ })).toBeVisible();
  await other.close();
});
