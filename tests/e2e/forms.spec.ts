import { expect, test } from "@playwright/test";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { logIn } from "./support/session";

// A corrected field is accepted by the very next press of the button (issue 14, item 6): the error
// beside a field disappears while the user types the correction, not when the button is pressed —
// otherwise the layout moves between the press and the release and the click never happens.

test("the invitation form sends the corrected address at the first press after a correction", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.goto("/settings/members");
  const email = page.getByLabel("招待するメールアドレス");
  const send = page.getByRole("button", { name: "招待メールを送る" });

  await email.fill("tanaka@");
  await send.click();
  await expect(page.getByRole("alert")).toBeVisible();

  const address = `tanaka.${Date.now().toString(36)}@midori-city.example`;
  await email.fill(address);
  await send.click();
  await expect(page.getByText(`${address} に招待を送りました`)).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("the new-RFQ form checks in the browser again and creates the draft at the first press after choosing a category", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.goto("/rfqs/new");
  const posts: string[] = [];
  page.on("request", (r) => (r.method() === "POST" ? posts.push(r.url()) : undefined));

  await page.getByLabel("件名").fill("e2e 窓口受付業務");
  await page.getByRole("button", { name: "下書きを作成" }).click();
  // Checked in the browser, in the reader's language: nothing was sent.
  await expect(page.getByText("選択肢から選んでください。").first()).toBeVisible();
  expect(posts).toEqual([]);

  // The choice is made with the focus left on the select: the next press must create the draft.
  await page.getByLabel("業務の種類").selectOption("municipal");
  await page.getByRole("button", { name: "下書きを作成" }).click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]+\/edit\/purposeAndScope$/);
});

test("a successful save of the RFQ's evaluation step clears the error of the refused attempt", async ({ page, request }) => {
  const created = await request.post("/api/v1/rfqs", {
    headers: { Authorization: "Bearer kurabe_demo_buyer_midori_city_0000000000000001" },
    data: completeRfqInput({ title: `e2e 評価基準 ${Date.now().toString(36)}` }),
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await logIn(page, "buyer@midori-city.example");
  await page.goto(`/rfqs/${id}/edit/evaluation`);
  const weight = page.getByTestId("criterion-row").first().getByLabel("重み");
  const save = page.getByRole("button", { name: "保存", exact: true });

  await weight.fill("-5");
  await save.click();
  await expect(page.getByTestId("criterion-row").first().getByRole("alert")).toBeVisible();

  await weight.fill("35");
  await save.click();
  await expect(page.getByTestId("toast")).toHaveText("保存しました");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("criterion-row").first().getByLabel("重み")).toHaveValue("35");
});
