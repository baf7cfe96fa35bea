import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { logIn } from "./support/session";

// The weights step's "compute and apply" (AHP): the weight inputs show the weights just applied, and
// 保存 keeps them (read back from the database); judgements with CR > 0.10 are applied only after
// the buyer confirms them in a dialog that explains what CR means.

async function weightsInDb(rfqId: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ content: { criteria: { weight: number }[] } }>("select content from rfqs where id = $1", [rfqId]);
    return rows[0].content.criteria.map((c) => c.weight);
  } finally {
    await client.end();
  }
}

const weightInputs = (page: Page) =>
  page.getByTestId("criterion-row").evaluateAll((rows) => rows.map((row) => Number((row.querySelector('input[name$=".weight"]') as HTMLInputElement).value)));

async function newDraftAtWeights(page: Page): Promise<string> {
  await logIn(page, "buyer@midori-city.example");
  await page.goto("/rfqs/new");
  await page.getByLabel("件名").fill(`AHPの重み ${Date.now().toString(36)}`);
  await page.getByLabel("業務の種類").selectOption("data_entry");
  await page.getByLabel("段階").selectOption("launch");
  await page.getByLabel("取り扱うデータ").selectOption("personal");
  await page.getByRole("button", { name: "下書きを作成" }).click();
  await expect(page.getByRole("heading", { name: "目的と範囲" })).toBeVisible();
  const rfqId = new URL(page.url()).pathname.split("/")[2];
  await page.goto(`/rfqs/${rfqId}/edit/evaluation`);
  await expect(page.getByRole("heading", { name: "評価基準" })).toBeVisible();
  await page.getByText("一対比較（AHP）で重みを決める").click();
  return rfqId;
}

test("compute and apply: the inputs show the applied weights and 保存 keeps them", async ({ page }) => {
  const rfqId = await newDraftAtWeights(page);
  const before = await weightInputs(page);
  expect(before.length).toBeGreaterThan(2);

  // The first criterion is very strongly preferred to every other one; the rest are equal (CR = 0).
  for (let j = 1; j < before.length; j++) await page.locator(`select[name="ahp_0_${j}"]`).selectOption("9");
  await page.getByRole("button", { name: "重みを計算して適用" }).click();
  await expect(page.getByTestId("toast")).toContainText("AHPの重みを適用しました");

  const applied = await weightsInDb(rfqId);
  expect(applied).not.toEqual(before);
  await expect.poll(() => weightInputs(page)).toEqual(applied);

  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("toast")).toContainText("保存しました");
  expect(await weightsInDb(rfqId)).toEqual(applied);
  await expect.poll(() => weightInputs(page)).toEqual(applied);
});

test("judgements with CR above 0.10 are applied only after the buyer confirms them", async ({ page }) => {
  const rfqId = await newDraftAtWeights(page);
  const before = await weightsInDb(rfqId);

  // A > B, B > C, but C > A: a circle, CR far above 0.10.
  await page.locator('select[name="ahp_0_1"]').selectOption("9");
  await page.locator('select[name="ahp_1_2"]').selectOption("9");
  await page.locator('select[name="ahp_0_2"]').selectOption("1/9");
  await page.getByRole("button", { name: "重みを計算して適用" }).click();

  const dialog = page.getByRole("dialog", { name: "整合性の低い判断です" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("整合比（CR）");
  await expect(dialog).toContainText("0.10");
  expect(await weightsInDb(rfqId)).toEqual(before);

  // Reviewing keeps the answers; applying anyway writes the weights.
  await dialog.getByRole("link", { name: "判断を見直す" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('select[name="ahp_0_2"]')).toHaveValue("1/9");
  await page.getByRole("button", { name: "重みを計算して適用" }).click();
  await dialog.getByRole("button", { name: "このまま適用する" }).click();
  await expect(page.getByTestId("toast")).toContainText("整合比が0.10を超える重みを適用しました");
  const applied = await weightsInDb(rfqId);
  expect(applied).not.toEqual(before);
  await expect.poll(() => weightInputs(page)).toEqual(applied);
});
