import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// The buyer (in Japanese) takes the advisory firm off the closed seeded RFQ and assigns it again; the
// advisor (in English) finds the RFQ under "assigned to you", reads it, opens the comparison (no
// "save weights" for it), gets a field error for an empty note, then recommends a quote; the buyer
// sees the recommendation with the advisor's organisation.

const SURVEY = "市民意識調査 調査票データ入力・集計業務";
const ADVISORY = "比較アドバイザリー合同会社";
const NOTE = `Double-entry record and the 0.05% error commitment fit the specification best (${Date.now().toString(36)}).`;

test("a buyer assigns an advisor, who recommends a quote in English; the buyer reads the recommendation", async ({ page }) => {
  // The buyer, in Japanese: the seed already assigned the firm, so remove it and assign it again.
  await logIn(page, "buyer@midori-city.example");
  await page.goto("/rfqs");
  await page.getByRole("link", { name: SURVEY }).first().click();
  const advisors = page.getByTestId("advisors");
  await expect(advisors.getByRole("heading", { name: "アドバイザー" })).toBeVisible();
  await advisors.getByRole("button", { name: `割り当てを解除: ${ADVISORY}` }).click();
  await expect(page.getByTestId("toast")).toContainText("アドバイザーの割り当てを解除しました。");
  await expect(advisors).toContainText("割り当てられたアドバイザーはいません。");
  await advisors.getByLabel("アドバイザリー組織").selectOption({ label: ADVISORY });
  await advisors.getByRole("button", { name: "アドバイザーを割り当てる" }).click();
  await expect(page.getByTestId("toast")).toContainText("アドバイザーを割り当てました。");
  await expect(advisors.getByTestId("advisor-row")).toContainText(ADVISORY);
  await logOut(page);

  // The advisor, in English.
  await logIn(page, "advisor@hikaku-advisory.example");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "RFQs" }).click();
  await expect(page.getByRole("heading", { name: "RFQs assigned to you" })).toBeVisible();
  await page.getByRole("link", { name: SURVEY }).first().click();
  await expect(page.getByTestId("advisor-read-only")).toContainText("You are reading this as an advisor");
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]+\/compare/);
  await expect(page.getByTestId("ranking-item").first()).toContainText("#1");

  // A what-if is fine for an advisor; saving it as the RFQ's weights is not offered.
  await page.locator('input[name="w_tco"]').fill("1");
  await page.getByRole("button", { name: "Re-rank" }).click();
  await expect(page.getByTestId("what-if-active")).toBeVisible();
  await expect(page.locator('input[name="intent"][value="saveWeights"]')).toHaveCount(0);

  const notes = page.getByTestId("advisor-notes");
  await notes.getByRole("button", { name: "Add note" }).click();
  await expect(notes.getByText("Enter a note.")).toBeVisible();
  await notes.getByLabel("Note", { exact: true }).fill(NOTE);
  await notes.getByLabel("About a quote (optional)").selectOption({ index: 1 });
  const vendor = (await notes.getByLabel("About a quote (optional)").locator("option:checked").innerText()).trim();
  await notes.getByLabel("Recommend this quote").check();
  await notes.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("toast")).toContainText("Note added.");
  const mine = notes.getByTestId("advisor-note").filter({ hasText: NOTE });
  await expect(mine).toContainText("Recommends");
  await expect(mine).toContainText(`About: ${vendor}`);
  await logOut(page);

  // The buyer sees the recommendation with the advisor's organisation.
  await logIn(page, "buyer@midori-city.example");
  await page.goto("/rfqs");
  await page.getByRole("link", { name: SURVEY }).first().click();
  await page.getByTestId("compare-link").click();
  const seen = page.getByTestId("advisor-notes").getByTestId("advisor-note").filter({ hasText: NOTE });
  await expect(seen).toContainText(ADVISORY);
  await expect(seen).toContainText(vendor);
  await expect(page.getByTestId("advisor-notes").getByRole("button", { name: /コメントを追加|Add note/ })).toHaveCount(0);
});
