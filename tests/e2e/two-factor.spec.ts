import { expect, test, type Page } from "@playwright/test";
import { currentStep, totpAt } from "../support/totp";
import { linkMailedTo } from "./support/mail";

// Two-factor sign-in (issue 20 item 3, decision 0052) in Chromium against the production build. Its own accounts,
// made through sign-up, so no other spec depends on what this one changes. The codes are computed here from the key
// the page shows, as an authenticator app would; where the current code was just used, the next step's code is
// typed (the app accepts ±1 step and refuses a code it has seen).

const unique = Date.now().toString(36);
const PASSWORD = "hoshi-no-michi-4Rt-2026";

async function signUp(page: Page, who: { org: string; name: string; email: string }) {
  await page.goto("/signup");
  await page.getByLabel("発注者（企業・自治体）").check();
  await page.getByLabel("組織名").fill(who.org);
  await page.getByLabel("氏名").fill(who.name);
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード（12文字以上）").fill(PASSWORD);
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("heading", { name: "確認メールを送信しました" })).toBeVisible();
  await page.goto(await linkMailedTo(who.email));
  await page.getByRole("button", { name: "登録を完了する" }).click();
  await expect(page.getByRole("heading", { name: `${who.name}さん、ようこそ` })).toBeVisible();
}

/** On the set-up page: starts, reads the key, confirms with the current code; returns the key and the step used. */
async function setUp(page: Page, labels: { start: RegExp; code: RegExp; submit: RegExp }) {
  await page.getByRole("button", { name: labels.start }).click();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.locator("img[src^='data:image/svg+xml']")).toBeVisible();
  const step = currentStep();
  await page.getByLabel(labels.code).fill(totpAt(secret, step));
  await page.getByRole("button", { name: labels.submit }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  return { secret, step };
}

test("2段階認証を有効にし、パスワードの後に確認コードでログインする", async ({ page }) => {
  const owner = { org: `つばさ市 情報政策課 ${unique}`, name: "佐藤 翼", email: `sato-2fa-${unique}@tsubasa-city.example` };
  await signUp(page, owner);

  await page.goto("/settings/security");
  await page.getByRole("link", { name: "2段階認証の設定" }).click();
  await expect(page.getByTestId("two-factor-status")).toHaveText("無効");

  // A wrong code first: refused at the field, nothing enabled.
  await page.getByRole("button", { name: "設定を始める" }).click();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.trim();
  await page.getByLabel("確認コード").fill(totpAt(secret, currentStep() + 5));
  await page.getByRole("button", { name: "有効にする" }).click();
  await expect(page.getByText("確認コードが正しくないか、すでに使われています。")).toBeVisible();
  await expect(page.getByTestId("two-factor-status")).toHaveText("無効");
  // The key is not shown again; the set-up starts afresh with a new one.
  await expect(page.getByTestId("two-factor-secret")).toHaveCount(0);

  const { secret: key, step } = await setUp(page, { start: /設定を始める/, code: /確認コード/, submit: /有効にする/ });
  await expect(page.getByTestId("two-factor-enabled")).toHaveText("2段階認証を有効にしました。");
  await page.getByRole("link", { name: "保管しました" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("有効");
  await expect(page.getByTestId("recovery-left")).toHaveText("未使用のリカバリーコード: 10個");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(owner.email);
  await page.getByLabel(/^パスワード$/).fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  // The password alone does not sign in: the code step comes first.
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();
  await page.getByLabel("確認コードまたはリカバリーコード").fill(totpAt(key, step));
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByText("確認コードが正しくないか、すでに使われています。")).toBeVisible();
  await page.getByLabel("確認コードまたはリカバリーコード").fill(totpAt(key, step + 1));
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `${owner.name}さん、ようこそ` })).toBeVisible();
});

test("an owner requires two-factor sign-in; a member without it is asked to set it up before anything else", async ({ page, browser }) => {
  const owner = { org: `みなと区 調達課 ${unique}`, name: "高橋 港", email: `takahashi-2fa-${unique}@minato-ku.example` };
  const memberEmail = `ito-2fa-${unique}@minato-ku.example`;
  await signUp(page, owner);

  await page.goto("/settings/members");
  await page.getByLabel("招待するメールアドレス").fill(memberEmail);
  await page.getByRole("button", { name: "招待メールを送る" }).click();
  const invitePath = new URL((await page.getByTestId("invite-link").textContent())!.trim()).pathname;

  const requirement = page.getByTestId("two-factor-requirement");
  await expect(requirement).toContainText("任意");
  await requirement.getByRole("button", { name: "全メンバーに必須にする" }).click();
  // The owner has no second factor either: the set-up page is all there is now, but signing out works.
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByTestId("two-factor-required")).toBeVisible();
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();

  // The member, in English, joins through the invitation and lands on the set-up.
  const member = await (await browser.newContext({ locale: "en-US" })).newPage();
  await member.goto(invitePath);
  await member.getByLabel("Your name").fill("Ito Haruka");
  await member.getByLabel("Password (12 characters or more)").fill(PASSWORD);
  await member.getByRole("button", { name: "Join" }).click();
  await expect(member).toHaveURL(/\/settings\/two-factor$/);
  await expect(member.getByTestId("two-factor-required")).toHaveText(
    "Your organisation requires two-factor sign-in. Set it up to continue; other pages are not available until then.",
  );
  for (const path of ["/", "/rfqs", "/settings/security"]) {
    await member.goto(path);
    await expect(member).toHaveURL(/\/settings\/two-factor$/);
  }

  await setUp(member, { start: /Set it up/, code: /^Code/, submit: /Turn on/ });
  await member.getByRole("link", { name: "I have saved them" }).click();
  await expect(member.getByTestId("two-factor-required")).toHaveCount(0);
  await member.goto("/rfqs");
  await expect(member).toHaveURL(/\/rfqs$/);
});
