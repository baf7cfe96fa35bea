import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// Market insight (issue 19), through the pages, on the demo's abnormally low quote (db/seed/demo-low-quote.ts,
// decision 0051) and the demo market history's benchmarks (decision 0050, loaded by the server's first-run seed):
// 1. The buyer reads 「著しい低価格」 on ブリッジソフト's quote in the comparison with its reason and the unit-price rows'
//    market hints, follows the flag to the quote's low-price panel, reads the vendor's answers, is refused an
//    assessment without reasons (nothing saved) and records 「妥当」, which then reads back read-only.
// 2. In English, the award page asks for the specific reason and the red flag's tick before proposing the low quote,
//    then sends it for approval (さくら食品 has an approval route: db/seed/demo-approvers.ts).
// 3. The vendor reads its request and answer on its quote page, and none of the buyer's figures.
// 4. /benchmarks: figures for a buyer, bands only for a vendor.
// 5. The 予定価格 inputs on a draft's lines step: a municipality buyer only.
// The assessment (1) is what the award (2) and the vendor's page (3) read after it, so the file runs in order.
// Alone: `npm run test:e2e -- tests/e2e/market-insight.spec.ts --no-deps`.

const BUYER = "buyer@sakura-foods.example";
const VENDOR_LOGIN = "sales@bridgesoft.example";
const MUNICIPALITY = "buyer@midori-city.example";
const DATA_VENDOR = "contact@hokkaido-data.example";
const TITLE = "商品規格書データの登録・更新業務";
const BRIDGESOFT = "ブリッジソフト株式会社";
const HOKKAIDO = "北海道データエントリー株式会社";

// The buyer's figures (decision 0051's demo; db/seed/demo-low-quote.ts): the other three quotes' TCO, their median
// and the 75 % line. ブリッジソフト's own TCO is ¥4,725,720.
const OWN_TCO = "4,725,720";
const OTHER_TCOS = ["7,261,440", "7,626,600", "7,789,800"];
const MEDIAN = "7,626,600";
const THRESHOLD = "5,719,950";
// What the vendor answered (a fragment of each topic) and the note the buyer records below.
const ANSWER_COSTS = "当社開発のAI-OCR（規格書読取エンジン）";
const ANSWER_STAFFING = "ベトナム・ダナンの当社拠点";
const run = Date.now().toString(36);
const NOTE = `OCRの自社開発と国内でのアレルゲン全件確認により、提示単価で履行できると判断した（${run}）。`;

test.describe.configure({ timeout: 45_000 });

async function expectToast(page: Page, text: string) {
  await expect(page.getByTestId("toast")).toContainText(text);
}

/** The buyer's RFQ page of the demo RFQ, reached from the RFQ list; returns its id. */
async function openBuyerRfq(page: Page): Promise<string> {
  await page.goto("/rfqs");
  await page.getByRole("link", { name: TITLE, exact: true }).first().click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  return /\/rfqs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test.describe.serial("market insight", () => {
  test("the buyer reads the abnormally low flag on the comparison, follows it to the vendor's answers and records a satisfactory assessment", async ({
    page,
  }) => {
    await logIn(page, BUYER);
    await openBuyerRfq(page);
    await page.getByTestId("compare-link").first().click();
    const table = page.getByTestId("comparison-table");
    await expect(table).toBeVisible();
    await expect(table.getByTestId("quote-column")).toHaveCount(4);

    // One flag, on ブリッジソフト's TCO, with the rule in words and the buyer's figures.
    const flag = table.getByTestId("abnormally-low");
    await expect(flag).toHaveCount(1);
    await expect(flag).toContainText("著しい低価格");
    await expect(flag).toContainText(`他の適格見積3件の中央値 ￥${MEDIAN} の75%未満（基準 ￥${THRESHOLD}）`);
    const flaggedCell = table.getByRole("cell").filter({ has: page.getByTestId("abnormally-low") });
    await expect(flaggedCell).toContainText(OWN_TCO);

    // The unit-price rows: one per RFQ line, each quote's tax-excluded unit price, the market's cell beside the line.
    await expect(table.getByTestId("unit-price-heading")).toHaveText("単価（税抜）");
    const rows = table.getByTestId("unit-price-row");
    await expect(rows).toHaveCount(4);
    const newLine = rows.filter({ hasText: "NEW 規格書の新規登録" });
    const pmLine = rows.filter({ hasText: "PM 進行管理" });
    const vendors = await table.getByTestId("quote-column").allInnerTexts();
    const bridgesoft = vendors.findIndex((v) => v.includes(BRIDGESOFT));
    expect(bridgesoft).toBeGreaterThanOrEqual(0);
    await expect(newLine.getByTestId("unit-price").nth(bridgesoft)).toContainText("￥2,100");
    // The demo market history publishes data entry's monthly "式" (management fee); it has no price per specification
    // sheet (its "件" is one keyed form) and withholds the one-off "式": both read "not enough data".
    await expect(pmLine.getByRole("rowheader").getByTestId("benchmark-hint")).toHaveText(/^市場の中央値 ￥[\d,]+、四分位範囲 ￥[\d,]+〜￥[\d,]+。$/);
    await expect(pmLine.getByTestId("unit-price").nth(bridgesoft).getByTestId("benchmark-hint")).toHaveText(/^提示値 ￥70,000 は市場の/);
    await expect(newLine.getByRole("rowheader").getByTestId("benchmark-hint")).toHaveText("市場ベンチマーク：データ不足");
    const setupLine = rows.filter({ hasText: "SETUP 立ち上げ" });
    await expect(setupLine.getByRole("rowheader").getByTestId("benchmark-hint")).toHaveText("市場ベンチマーク：データ不足");

    // The flag's link leads to the quote's low-price panel: the reasons, the request and the vendor's answers.
    await flag.getByRole("link", { name: "著しい低価格" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}#low-price$/);
    const quoteUrl = page.url();
    const panel = page.getByTestId("low-price-panel");
    await expect(panel.getByRole("heading", { name: "著しい低価格" })).toBeVisible();
    await expect(panel).toContainText(`この見積のTCO：￥${OWN_TCO}`);
    await expect(panel).toContainText(`他の適格見積3件のTCO中央値 ￥${MEDIAN} の75%（￥${THRESHOLD}）を下回っています。`);
    const request = panel.getByTestId("explanation-request");
    await expect(request).toHaveCount(1);
    await expect(request).toContainText("項目：費用の内訳と積算根拠、前提条件、体制・人員配置");
    await expect(request).toContainText(ANSWER_COSTS);
    await expect(request).toContainText(ANSWER_STAFFING);
    // Already asked for this version: no second request form.
    await expect(panel.getByTestId("request-explanation")).toHaveCount(0);

    // An assessment without reasons is refused beside the field, and nothing is recorded.
    const assess = panel.getByTestId("assess-explanation");
    await assess.getByLabel("妥当（履行可能と判断）").check();
    await assess.getByRole("button", { name: "評価を記録する（一度だけ）" }).click();
    await expect(page.getByTestId("assess-explanation").getByText("評価の理由を入力してください。")).toBeVisible();
    await page.goto(quoteUrl);
    await expect(page.getByTestId("low-price-panel").getByTestId("assess-explanation")).toBeVisible();
    await expect(page.getByTestId("explanation-assessment")).toHaveCount(0);

    // With a choice and reasons it is recorded once and reads back without a form.
    const again = page.getByTestId("assess-explanation");
    await again.getByLabel("妥当（履行可能と判断）").check();
    await again.getByLabel("評価の理由").fill(NOTE);
    await again.getByRole("button", { name: "評価を記録する（一度だけ）" }).click();
    await expectToast(page, "説明の評価を記録しました。");
    const recorded = page.getByTestId("explanation-assessment");
    await expect(recorded).toContainText("妥当（履行可能と判断）");
    await expect(recorded).toContainText("佐藤 健一");
    await expect(recorded).toContainText(NOTE);
    await expect(page.getByTestId("assess-explanation")).toHaveCount(0);
    await logOut(page);
  });

  test("in English, the award of the low quote needs the specific reason and the red flag's tick, then goes for approval", async ({ page }) => {
    await logIn(page, BUYER);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const rfqId = await openBuyerRfq(page);
    await page.goto(`/rfqs/${rfqId}/award`);
    const form = page.getByTestId("propose-award");
    await expect(form.getByRole("heading", { name: "Propose award" })).toBeVisible();

    // Beside ブリッジソフト's option: the flag with its reason, what proposing it needs, and the red flag to tick.
    const option = form
      .locator(".choice")
      .filter({ has: page.getByRole("radio") })
      .filter({ hasText: BRIDGESOFT });
    await expect(option.getByTestId("award-abnormally-low")).toContainText("Abnormally low");
    await expect(option.getByTestId("award-abnormally-low")).toContainText(
      `under 75% of the median ¥${MEDIAN} of the other 3 qualifying quotes (threshold ¥${THRESHOLD})`,
    );
    await expect(option).toContainText("Proposing it needs the reason why the vendor's explanation is satisfactory (the specific reason).");
    const redFlags = option.getByTestId("award-red-flags");
    await expect(redFlags.getByRole("checkbox")).toHaveCount(1);
    await expect(redFlags).toContainText(`${BRIDGESOFT}'s TCO ¥${OWN_TCO} is under 75% of the next-lowest quote's (${HOKKAIDO}, TCO ¥7,261,440)`);

    // Without the specific reason: refused beside that field.
    await option.getByRole("radio").check();
    await form.getByLabel("Rationale").fill(`Lowest TCO with the accuracy we need; the explanation holds (${run}).`);
    await form.getByLabel("The reason not-selected vendors will read").fill("The chosen quote offers the lowest total cost with the required accuracy.");
    await form.getByRole("button", { name: "Propose and send for approval" }).click();
    // The field's messages: the reason is required, and what it must say for an abnormally low quote.
    await expect(form.getByTestId("award-specificRationale-error").getByRole("listitem")).toHaveText([
      "Enter the specific reason for choosing this quote.",
      "The quote is abnormally low. Write why the vendor's explanation is satisfactory.",
    ]);
    await expect(page.getByTestId("award-none")).toHaveText("No award has been proposed for this RFQ yet.");
    await expect(page.getByTestId("award-proposal")).toHaveCount(0);

    // With the reason but without ticking the red flag: refused, naming the flag.
    await expect(form.getByRole("radio", { checked: true })).toHaveCount(1);
    await form.getByLabel(/^Specific reason/).fill("Its OCR-based process and domestic allergen re-checks explain the price; we assessed it satisfactory.");
    await form.getByRole("button", { name: "Propose and send for approval" }).click();
    await expect(form.getByTestId("award-acknowledgedRedFlags-error")).toHaveText(
      `Acknowledge the red flag "under 75% of the next-lowest quote (${HOKKAIDO})".`,
    );
    await expect(form.getByTestId("award-specificRationale-error")).toHaveCount(0);
    await expect(page.getByTestId("award-proposal")).toHaveCount(0);

    // Everything filled: the proposal goes to the approval route.
    await form.locator(".choice").filter({ hasText: BRIDGESOFT }).getByTestId("award-red-flags").getByRole("checkbox").check();
    await form.getByRole("button", { name: "Propose and send for approval" }).click();
    await expectToast(page, "Award proposed; the approvers have been notified.");
    await expect(page.getByTestId("award-status")).toHaveText("Waiting for approval");
    await expect(page.getByTestId("proposal-red-flags")).toContainText("Acknowledged by 佐藤 健一");
    await expect(page.getByTestId("proposal-explanation")).toContainText("Assessment: satisfactory");
    await logOut(page);
  });

  test("the vendor reads its request and its answer on its quote page, and none of the buyer's figures", async ({ page }) => {
    await logIn(page, VENDOR_LOGIN);
    await page.goto("/quotes");
    await page.getByRole("link", { name: TITLE, exact: true }).click();
    await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]{36}\/quote$/);
    const section = page.getByTestId("vendor-explanation-requests");
    await expect(section.getByRole("heading", { name: "価格についての説明依頼" })).toBeVisible();
    await expect(section).toContainText("貴社の回答");
    await expect(section).toContainText(ANSWER_COSTS);
    await expect(section).toContainText(ANSWER_STAFFING);
    await expect(section.getByTestId("answer-explanation")).toHaveCount(0);

    // Neither what the page shows nor the data it carries holds a competitor's TCO, the median, the threshold, the
    // flag or the buyer's assessment.
    const shown = await page.locator("body").innerText();
    const html = await page.content();
    for (const figure of [...OTHER_TCOS, MEDIAN, THRESHOLD]) {
      expect(shown).not.toContain(figure);
      expect(html).not.toContain(figure);
      expect(html).not.toContain(figure.replaceAll(",", ""));
    }
    for (const word of ["著しい低価格", "中央値", NOTE]) expect(shown).not.toContain(word);
    expect(html).not.toContain(NOTE);
    await logOut(page);
  });

  test("/benchmarks shows the buyer medians and ranges, and a vendor only bands", async ({ page }) => {
    await logIn(page, BUYER);
    await page.getByRole("link", { name: "市場ベンチマーク" }).first().click();
    await expect(page.getByRole("heading", { name: "市場ベンチマーク", level: 1 })).toBeVisible();
    // Data entry (the demo market history): TCO per month is published with its median and IQR; the one-off
    // "per 式" unit price is not, and says so with no figure.
    const dataEntry = page.getByTestId("benchmarks-data_entry");
    await expect(dataEntry.getByRole("heading", { name: "データ入力" })).toBeVisible();
    const tcoMonth = dataEntry.getByRole("row").filter({ hasText: "TCO／月" }).filter({ hasText: "全フェーズ" });
    await expect(tcoMonth.getByRole("cell")).toHaveText(["TCO／月", "全フェーズ", /^￥[\d,]+$/, /^￥[\d,]+〜￥[\d,]+$/, /^\d+$/]);
    const oneOff = dataEntry.getByRole("row").filter({ hasText: "式あたり（一時（初回のみ））" });
    await expect(oneOff.getByRole("cell")).toHaveText(["式あたり（一時（初回のみ））", "全フェーズ", "データ不足"]);
    await logOut(page);

    await logIn(page, DATA_VENDOR);
    await page.goto("/benchmarks");
    await expect(page.getByText("自社の提示値が市場のどの位置にあるかを、おおまかな区分でお知らせします（他社の数値は表示しません）。")).toBeVisible();
    const bands = page.getByTestId("benchmark-bands");
    await expect(bands).toBeVisible();
    await expect(bands.getByRole("columnheader")).toHaveText(["業務カテゴリ", "項目", "フェーズ", "自社の位置"]);
    // Each row: category, item and phase in words, then one of the four bands (whose words hold the only digits,
    // the fixed "25%"): no value of the vendor's, no median, no range.
    const rows = await bands
      .getByRole("row")
      .filter({ has: page.getByRole("cell") })
      .all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [category, item, phase, band, ...rest] = await row.getByRole("cell").allInnerTexts();
      expect(rest).toEqual([]);
      for (const words of [category, item, phase]) expect(words).not.toMatch(/\d/);
      expect(band).toMatch(/^市場の(上位25%|上半分|下半分|下位25%)$/);
    }
    await expect(page.getByRole("columnheader", { name: "中央値" })).toHaveCount(0);
    await logOut(page);
  });

  test("the 予定価格 inputs on a draft's lines step are a municipality buyer's only", async ({ page }) => {
    for (const [email, municipality] of [
      [MUNICIPALITY, true],
      [BUYER, false],
    ] as const) {
      await logIn(page, email);
      await page.goto("/rfqs/new");
      await page.getByLabel("件名").fill(`規格書入力業務 ${run}`);
      await page.getByLabel("業務の種類").selectOption("data_entry");
      await page.getByLabel("段階").selectOption("launch");
      await page.getByLabel("取り扱うデータ").selectOption("none");
      await page.getByRole("button", { name: "下書きを作成" }).click();
      await expect(page.getByRole("heading", { name: "目的と範囲" })).toBeVisible();
      const rfqId = /\/rfqs\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
      await page.goto(`/rfqs/${rfqId}/edit/lines`);
      await expect(page.getByLabel("契約期間（月）")).toBeVisible();
      if (municipality) {
        await expect(page.getByText("予定価格・最低制限価格（非公開）")).toBeVisible();
        await expect(page.getByLabel("予定価格（円）")).toBeVisible();
        await expect(page.getByLabel("予定価格の税区分")).toBeVisible();
        await expect(page.getByLabel("下限の種類")).toBeVisible();
      } else {
        await expect(page.getByText("予定価格・最低制限価格（非公開）")).toHaveCount(0);
        await expect(page.getByLabel("予定価格（円）")).toHaveCount(0);
      }
      await logOut(page);
    }
  });
});
