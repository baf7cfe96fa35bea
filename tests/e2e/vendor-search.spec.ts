import { expect, test, type Page } from "@playwright/test";

// Issue 7's "done means", in the English UI: a buyer finds a seeded vendor by a Japanese partial
// term and by an English query with a typo, filters by a valid certification (with its facet
// count), invites the vendor to one of the buyer's RFQs, and the vendor sees the invitation.

const VENDOR = "ペイロールパートナーズ株式会社";
const RFQ = "運用型広告（検索・SNS）運用代行"; // さくら食品's RFQ, open to invited agencies only

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("kurabe-demo-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

async function search(page: Page, q: string) {
  await page.getByRole("searchbox").fill(q);
  await page.getByRole("button", { name: "Search" }).first().click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
}

test("a buyer finds a vendor in Japanese and in English with a typo, filters by Privacy Mark and invites it; the vendor sees the invitation", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html[lang=en]")).toBeVisible();
  await logIn(page, "buyer@sakura-foods.example");
  await page.getByRole("link", { name: "Find vendors" }).first().click();

  // A Japanese partial term: 給与 finds the vendor that offers 給与計算, with the match highlighted.
  await search(page, "給与");
  const first = page.getByTestId("vendor-result").first();
  await expect(first).toContainText(VENDOR);
  await expect(first.locator("mark").first()).toBeVisible();

  // An English query with a typo.
  await search(page, "payrol");
  await expect(page.getByTestId("vendor-result").first()).toContainText(VENDOR);

  // Filter by a valid certification: the facet shows how many vendors hold it.
  const privacyMark = page.locator(".facets label").filter({ hasText: "Privacy Mark" });
  await expect(privacyMark.locator(".count")).toHaveText(/^[1-9]\d*$/);
  await privacyMark.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Search" }).first().click();
  await expect(page).toHaveURL(/cert=privacy_mark/);
  await expect(page).toHaveURL(/q=payrol/);
  const result = page.getByTestId("vendor-result").filter({ hasText: VENDOR });
  await expect(result).toHaveCount(1);
  const searchUrl = page.url();

  // Invite it to one of the buyer's RFQs; first without choosing one.
  await result.getByText("Invite to RFQ").click();
  await result.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(result.getByRole("alert")).toHaveText("Choose the RFQ to invite them to.");
  const option = result.locator("option", { hasText: RFQ });
  await result.getByLabel("RFQ").selectOption((await option.getAttribute("value"))!);
  await result.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByTestId("toast")).toHaveText(`Invited ${VENDOR} to “${RFQ}”`);
  expect(page.url()).toBe(searchUrl); // back on the same search, filters kept

  // Inviting again is not an error.
  const again = page.getByTestId("vendor-result").filter({ hasText: VENDOR });
  await again.getByText("Invite to RFQ").click();
  await again.getByLabel("RFQ").selectOption((await again.locator("option", { hasText: RFQ }).getAttribute("value"))!);
  await again.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByTestId("toast")).toHaveText(`${VENDOR} is already invited to “${RFQ}”`);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  // The vendor sees the invitation and can open the RFQ.
  await logIn(page, "info@payroll-partners.example");
  await page.goto("/notifications");
  const invitation = page.getByTestId("notification").filter({ hasText: `You are invited to quote on “${RFQ}”` });
  await expect(invitation).toHaveCount(1);
  await invitation.getByRole("link").click();
  await expect(page.getByRole("heading", { name: RFQ })).toBeVisible();
});

test("no results: the page suggests removing the filters and the word in the other language", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill("buyer@midori-city.example");
  await page.getByLabel("パスワード").fill("kurabe-demo-2026");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();

  await page.goto(`/vendors?q=${encodeURIComponent("経理")}&cert=soc2_type2`);
  const help = page.getByTestId("vendor-search-empty");
  await expect(help.getByRole("link", { name: "「accounting」で探す" })).toBeVisible();
  await help.getByRole("link", { name: "絞り込みをすべて外す" }).click();
  await expect(page).not.toHaveURL(/cert=/);
  await expect(page.getByTestId("vendor-result").first()).toContainText("株式会社ネクスト経理サービス");
});
