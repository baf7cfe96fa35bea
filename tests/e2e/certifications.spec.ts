import { expect, test, type Page } from "@playwright/test";

// A vendor adds a certificate with its PDF and gets the invoice number's check digit explained;
// the platform admin verifies the certificate.

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("kurabe-demo-2026");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
}

test("a vendor adds an ISMS certificate with a PDF, the admin verifies it", async ({ page }) => {
  await logIn(page, "hello@studio-aoi.example");
  await page.getByRole("navigation").getByRole("link", { name: "認証", exact: true }).click();
  await expect(page.getByRole("heading", { name: "認証・インボイス登録番号" })).toBeVisible();

  const form = page.locator("#certification-form");
  await form.getByLabel("認証の種類").selectOption({ label: "ISMS（ISO/IEC 27001）" });
  await form.getByLabel("認証番号").fill("IS 780001");
  await form.getByLabel("認証機関").fill("BSIグループジャパン");
  await form.getByLabel("有効期間（開始日）").fill("2025-04-01");
  await form.getByLabel("有効期限（終了日）").fill("2030-03-31");
  await form.getByLabel(/証憑ファイル/).setInputFiles({ name: "ISMS登録証.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "認証を追加" }).click();
  await expect(page.getByTestId("toast")).toHaveText("認証を追加しました（確認待ち）");
  const row = page.getByTestId("certification-row").filter({ hasText: "IS 780001" });
  await expect(row.getByTestId("certification-status")).toHaveText("確認待ち");
  await expect(row.getByRole("link", { name: /ダウンロード/ })).toBeVisible();

  const invoice = page.getByRole("form", { name: /インボイス登録番号/ });
  await invoice.getByLabel("登録番号", { exact: true }).fill("T7000012050003");
  await invoice.getByRole("button", { name: "登録番号を保存" }).click();
  await expect(invoice.getByRole("alert")).toHaveText("登録番号のチェックデジットが一致しません。番号に誤りがないかご確認ください。");
  await invoice.getByLabel("登録番号", { exact: true }).fill("T7000012050002");
  await invoice.getByRole("button", { name: "登録番号を保存" }).click();
  await expect(page.getByTestId("toast")).toHaveText("登録番号を保存しました");
  // A successful save clears the error of the refused attempt (issue 14, item 5).
  await expect(invoice.getByRole("alert")).toHaveCount(0);
  await expect(invoice.getByLabel("登録番号", { exact: true })).toHaveValue("T7000012050002");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "ログイン" })).toBeVisible();
  await logIn(page, "admin@kurabe.example");
  await page.goto("/admin/certifications");
  const review = page.getByTestId("review-row").filter({ hasText: "IS 780001" });
  await expect(review.getByTestId("review-status")).toHaveText("確認待ち");
  await review.getByRole("button", { name: "確認済みにする" }).click();
  await expect(page.getByTestId("toast")).toHaveText("認証を確認済みにしました");
  await expect(review.getByTestId("review-status")).toHaveText("確認済み");
  await expect(review).toContainText("Kurabe 管理者");
});
