import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// A buyer turns "we want to outsource data entry" into a published RFQ in the browser, a vendor
// finds it, asks a question, the buyer answers, and the vendor reads the answer.

const title = `住民税申告書のデータ入力業務 ${Date.now().toString(36)}`;

test("a buyer writes, previews and publishes an RFQ in Japanese; a vendor asks and reads the answer", async ({ page }) => {
  await logIn(page, "buyer@midori-city.example");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "RFQ（見積依頼）" }).click();
  await page.getByRole("link", { name: "新しいRFQを作成" }).click();
  await page.getByLabel("件名").fill(title);
  await page.getByLabel("業務の種類").selectOption("data_entry");
  await page.getByLabel("段階").selectOption("launch");
  await page.getByLabel("取り扱うデータ").selectOption("personal");
  await page.getByRole("button", { name: "下書きを作成" }).click();

  // Step 1: purpose and scope.
  await expect(page.getByRole("heading", { name: "目的と範囲" })).toBeVisible();
  await page.getByLabel("目的（なぜ外注するのか）").fill("繁忙期（2〜3月）の入力業務を外部化し、職員を相談窓口に振り向ける。");
  await page.getByLabel("委託する範囲").fill("申告書のデータ入力、ダブルチェック、不備一覧の作成");
  await page.getByRole("button", { name: "保存して次へ" }).click();

  // Step 2 can wait; jump to the review: publishing is refused with the list of what is missing.
  await page.getByRole("link", { name: /確認・公開/ }).click();
  const problems = page.getByTestId("publish-problem");
  await expect(problems.filter({ hasText: "見積項目（明細行）を1行以上追加してください。" })).toHaveCount(1);
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "公開前に次の項目を整えてください" })).toBeVisible();
  await expect(page.getByTestId("rfq-status")).toHaveCount(0); // still on the review page, nothing published

  // Step 3: line items (a row is added by a plain form post, so this also works without JavaScript).
  await problems.filter({ hasText: "見積項目" }).getByRole("link", { name: "修正する" }).click();
  await page.getByRole("button", { name: "行を追加" }).click();
  const line = page.getByTestId("line-row").first();
  await line.getByLabel("コード").fill("ENTRY");
  await line.getByLabel("内容").fill("申告書1件の入力（ダブルエントリー）");
  await line.getByLabel("単位").fill("件");
  await line.getByLabel(/^数量/).fill("0");
  await line.getByLabel("計上").selectOption("per_unit");
  await page.getByLabel("契約期間（月）").fill("12");
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await expect(page.getByText(/数量は1以上の整数で入力してください/).first()).toBeVisible();
  await line.getByLabel(/^数量/).fill("8000");
  await page.getByRole("button", { name: "保存して次へ" }).click();

  // Step 4: personal data pre-selected the Privacy Mark as mandatory.
  await expect(page.getByRole("heading", { name: "要件と認証" })).toBeVisible();
  await expect(page.getByTestId("cert-row").first().getByLabel("認証")).toHaveValue("privacy_mark");
  await page.getByRole("button", { name: "保存して次へ" }).click();

  // Step 5: the KPI template is there; choose the relative method so no target scales are needed.
  await expect(page.getByRole("heading", { name: "評価基準" })).toBeVisible();
  expect(await page.getByTestId("criterion-row").count()).toBeGreaterThan(2);
  await page.getByLabel("評価方式").selectOption("weighted-sum-minmax");
  await page.getByRole("button", { name: "保存して次へ" }).click();

  // Step 6: deadline and the marketplace.
  await page.getByLabel("見積締切（日本時間）").fill("2027-01-15T17:00");
  await page.getByLabel("マーケットプレイスに公開").check();
  await page.getByRole("button", { name: "確認・公開" }).click();

  await expect(page.getByRole("heading", { name: "確認・公開" })).toBeVisible();
  await expect(page.getByText("公開できます。")).toBeVisible();
  await expect(page.getByText("予算は非開示")).toBeVisible();
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByTestId("toast")).toHaveText("RFQを公開しました");
  await expect(page.getByTestId("rfq-status")).toHaveText("受付中");
  const rfqUrl = page.url();
  await logOut(page);

  // A vendor finds it on the marketplace and asks a question.
  await logIn(page, "contact@hokkaido-data.example");
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("link", { name: "案件を探す" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await page.getByLabel("質問する").fill("不備のある申告書はどのように扱えばよいですか。");
  await page.getByRole("button", { name: "質問する" }).click();
  await expect(page.getByTestId("toast")).toHaveText("質問を送信しました");
  await expect(page.getByTestId("qa-item")).toContainText("回答待ち");
  await logOut(page);

  // The buyer sees who asked and answers.
  await logIn(page, "buyer@midori-city.example");
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await page.getByRole("link", { name: /お知らせ/ }).click();
  await expect(page.getByTestId("notification").first()).toContainText(`「${title}」に質問が届きました`);
  await page.getByTestId("notification").first().getByRole("link").click();
  await expect(page).toHaveURL(rfqUrl);
  await expect(page.getByTestId("qa-item")).toContainText("北海道データエントリー株式会社");
  await page.getByTestId("qa-item").getByLabel("回答する").fill("不備一覧に記録し、週次で市に報告してください。補正は市が行います。");
  await page.getByTestId("qa-item").getByRole("button", { name: "回答する" }).click();
  await expect(page.getByTestId("toast")).toHaveText("回答を公開しました");
  await logOut(page);

  // Another vendor reads the answer, without the asker's name.
  await logIn(page, "gyosei@gyosei-support.example");
  await page.goto(rfqUrl);
  await expect(page.getByTestId("qa-item")).toContainText("補正は市が行います");
  await expect(page.getByTestId("qa-item")).not.toContainText("北海道データエントリー");
});

test("the RFQ editor answers in English, field by field", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await logIn(page, "buyer@sakura-foods.example");
  await page.goto("/rfqs/new");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await page.getByLabel("Title").fill("Payroll outsourcing for 1,200 employees");
  await page.getByLabel("Category").selectOption("hr_payroll");
  await page.getByLabel("Phase").selectOption("improvement");
  await page.getByLabel("Data handled").selectOption("my_number_bank");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { name: "Purpose and scope" })).toBeVisible();
  await page.getByRole("link", { name: /Line items/ }).click();
  await page.getByRole("button", { name: "Add a row" }).click();
  await page.getByTestId("line-row").first().getByLabel("Code").fill("bad code!");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("line-row").first().getByRole("alert").first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: /Review and publish/ }).click();
  await expect(page.getByTestId("publish-problem").filter({ hasText: "Add at least one line item" })).toHaveCount(1);
});
