import { expect, test, type Page } from "@playwright/test";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { logIn, logOut } from "./support/session";

// A vendor answers an RFQ line by line in the browser: a missing price is refused, the quote is
// submitted, revised (a second version) and withdrawn. The buyer sees only a count while the bids
// are sealed, and the quotes of an RFQ whose deadline has passed.

const BUYER_TOKEN = "kurabe_demo_buyer_midori_city_0000000000000001";
const title = `e2e 申請書類の審査・入力 ${Date.now().toString(36)}`;

let rfqId = "";

test.beforeAll(async ({ request }) => {
  // The buyer's purchasing system publishes a sealed marketplace RFQ through the API.
  const deadline = new Date(Date.now() + 30 * 86400_000).toISOString().replace("Z", "+00:00");
  const created = await request.post("/api/v1/rfqs", {
    headers: { Authorization: `Bearer ${BUYER_TOKEN}` },
    data: completeRfqInput({ title, quoteDeadline: deadline, visibility: "marketplace", invitedVendorIds: [] }),
  });
  expect(created.status()).toBe(201);
  rfqId = (await created.json()).id;
  const published = await request.post(`/api/v1/rfqs/${rfqId}/publish`, { headers: { Authorization: `Bearer ${BUYER_TOKEN}` } });
  expect(published.status()).toBe(200);
});

async function fillQuote(page: Page, prices: Record<string, string>) {
  for (const [code, price] of Object.entries(prices)) {
    await page.getByTestId("quote-line").filter({ hasText: code }).getByRole("textbox").fill(price);
  }
}

test("a vendor submits, revises and withdraws a sealed quote; the buyer sees only the count", async ({ page }) => {
  await logIn(page, "contact@hokkaido-data.example");
  await page.goto(`/rfqs/${rfqId}`);
  await page.getByRole("link", { name: "見積を作成・確認" }).click();
  await expect(page.getByText("封印入札です")).toBeVisible();

  // One line left empty: refused, beside that line, and nothing submitted.
  await fillQuote(page, { INIT: "500,000", OPS: "300000" });
  await page.getByLabel(/処理の正確性/).fill("99.8");
  await page.getByLabel("処理リードタイム").fill("3");
  await page.getByLabel("リードタイム（日）").fill("30");
  await page.getByRole("button", { name: "見積を提出" }).click();
  await expect(page.getByTestId("quote-line").filter({ hasText: "DOC" }).getByRole("alert")).toContainText("この項目の単価を入力してください");
  await expect(page.getByTestId("quote-status")).toHaveCount(0);

  // Live totals: 500,000 + 300,000×12 + 450×2,000×12 = 14,900,000 excl. tax.
  await fillQuote(page, { DOC: "450" });
  await expect(page.getByTestId("quote-totals")).toContainText("14,900,000");
  await page.getByRole("button", { name: "見積を提出" }).click();
  await expect(page.getByTestId("toast")).toHaveText("見積を提出しました（第1版）");
  await expect(page.getByTestId("quote-status")).toContainText("提出済み · v1");
  // The submission went through: the refused attempt's error no longer stands beside the line (issue 14, item 5).
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("quote-line").filter({ hasText: "DOC" }).getByRole("textbox")).toHaveValue("450");

  // Revision: a new version, the first kept.
  await fillQuote(page, { DOC: "430" });
  await page.getByRole("button", { name: "修正版を提出" }).click();
  await expect(page.getByTestId("toast")).toHaveText("見積を提出しました（第2版）");
  await expect(page.getByTestId("quote-versions").locator("li")).toHaveCount(2);
  await logOut(page);

  // The buyer: a count, no names, no prices; the quote page itself is not there for them.
  await logIn(page, "buyer@midori-city.example");
  await page.goto(`/rfqs/${rfqId}`);
  await expect(page.getByTestId("sealed-count")).toContainText("封印中: 1件の見積が届いています");
  await expect(page.getByTestId("buyer-quotes")).not.toContainText("北海道データエントリー");
  await logOut(page);

  // Withdrawal before the deadline.
  await logIn(page, "contact@hokkaido-data.example");
  await page.goto(`/rfqs/${rfqId}/quote`);
  // Withdrawing asks first (issue 14, item 2): cancelling changes nothing.
  await page.getByRole("button", { name: "見積を取り下げる" }).click();
  const dialog = page.getByRole("dialog", { name: "見積の取り下げ" });
  await expect(dialog).toContainText("見積（第2版）を取り下げますか？");
  await expect(dialog).toContainText("新しい版として再提出できます");
  await dialog.getByRole("button", { name: "やめる" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("quote-status")).toContainText("提出済み · v2");
  await page.getByRole("button", { name: "見積を取り下げる" }).click();
  await dialog.getByRole("button", { name: "取り下げる" }).click();
  await expect(page.getByTestId("toast")).toHaveText("見積を取り下げました");
  await expect(page.getByTestId("quote-status")).toContainText("取り下げ");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "自社の見積" }).click();
  await expect(page.getByTestId("vendor-quote-row").filter({ hasText: title })).toContainText("取り下げ");

  // Submitted again before the deadline: a new version; the withdrawn one stays in the history.
  await page.goto(`/rfqs/${rfqId}/quote`);
  await expect(page.getByTestId("withdrawn-notice")).toContainText("再提出できます");
  await page.getByRole("button", { name: "見積を再提出" }).click();
  await expect(page.getByTestId("toast")).toHaveText("見積を提出しました（第3版）");
  await expect(page.getByTestId("quote-status")).toContainText("提出済み · v3");
  await expect(page.getByTestId("quote-versions").locator("li").first()).toContainText("v3 — 再提出");
  await expect(page.getByTestId("quote-versions").locator("li").nth(1)).toContainText("に取り下げ");
});

test("the quote form speaks English too", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await logIn(page, "gyosei@gyosei-support.example");
  await page.goto(`/rfqs/${rfqId}/quote`);
  await expect(page.getByRole("heading", { name: "Your quote" })).toBeVisible();
  await page.getByRole("button", { name: "Submit quote" }).click();
  await expect(page.getByTestId("quote-line").first().getByRole("alert")).toContainText("Enter a unit price for this line");
  await expect(page.getByText("Enter your commitment for this KPI.").first()).toBeVisible();

  // Then a complete quote, tax included at 10%: submitted, revised and withdrawn in English.
  await fillQuote(page, { INIT: "550000", OPS: "330000", DOC: "495" });
  await page.getByLabel("Tax included").check();
  await page.getByLabel(/Accuracy/).fill("99.9");
  await page.getByLabel("Lead time", { exact: true }).fill("2");
  await page.getByLabel("Lead time (days)").fill("20");
  // 16,390,000 tax included = 14,900,000 excl. tax, shown live as the normalized figure.
  await expect(page.getByTestId("quote-totals")).toContainText("14,900,000");
  await page.getByRole("button", { name: "Submit quote" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Quote submitted (version 1)");
  await fillQuote(page, { DOC: "484" });
  await page.getByRole("button", { name: "Submit revision" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Quote submitted (version 2)");
  await page.getByRole("button", { name: "Withdraw quote" }).click();
  await page.getByRole("dialog", { name: "Withdraw your quote" }).getByRole("button", { name: "Withdraw", exact: true }).click();
  await expect(page.getByTestId("toast")).toHaveText("Quote withdrawn");
  await expect(page.getByTestId("quote-status")).toContainText("Withdrawn");
});

test("after the deadline the buyer reads every quote, with its normalized TCO", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "RFQ（見積依頼）" }).click();
  // The home page lists the same RFQ under newly opened comparisons: wait for the list before choosing it.
  await expect(page).toHaveURL(/\/rfqs$/);
  await page.getByRole("link", { name: "市民意識調査 調査票データ入力・集計業務" }).click();
  await expect(page.getByTestId("rfq-status")).toHaveText("締切済み");
  const rows = page.getByTestId("buyer-quote-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^見積: / })).toBeVisible();
  await expect(page.getByTestId("quote-totals")).toContainText("総保有コスト（TCO）");
});
