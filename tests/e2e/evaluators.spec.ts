import { expect, test, type Locator, type Page } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// Advisors and the evaluation committee as evaluators (issue 18), through the pages:
// 1. KPI-design review: the buyer writes a draft and assigns the advisory firm; the advisor (in English) comments on a
//    criterion's weight with a suggestion and leaves a second comment without one; the buyer applies the first with
//    one click (the weight changes), and publishing with the second still open asks for confirmation.
// 2. On the seeded 粗大ごみ RFQ (closed, panel named, nothing rated): 小林 rates and submits and sees nobody else's
//    ratings; the comparison still awaits ratings (1 of 2); the advisor rates 業務理解度 of 行政サポートセンター two
//    points apart; the results flag the spread; the chair records a consensus; the comparison ranks on it.
// 3. The advisor annotates a quote with a question and sends it to the vendor; the vendor answers on its quote page;
//    the buyer reads the answer on the comparison.
// 4. The advisor drafts a memo from its ratings, edits it and publishes it; the buyer reads it on the comparison.
// The paths after opening share one RFQ and build on each other, so they run in order.

const BUYER = "buyer@midori-city.example";
const COMMITTEE = "iinkai1@midori-city.example";
const ADVISOR = "advisor@hikaku-advisory.example";
const VENDOR_LOGIN = "gyosei@gyosei-support.example";
const ADVISORY = "比較アドバイザリー合同会社";
const EVALUATING = "粗大ごみ受付センター運営業務";
const GYOSEI = "行政サポートセンター株式会社";
const CONTACT_ONE = "コンタクトワン株式会社";
const HOKKAIDO = "北海道データエントリー株式会社";
const UNDERSTANDING = "業務理解度";
const QUALITY = "提案内容の質";
const run = Date.now().toString(36);

test.describe.configure({ mode: "serial", timeout: 45_000 });

async function expectToast(page: Page, text: string) {
  await expect(page.getByTestId("toast")).toContainText(text);
}

/** A datetime-local value about a month ahead, so the draft's deadline is always in the future. */
function deadlineAhead(): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return `${d.toISOString().slice(0, 10)}T17:00`;
}

test("an advisor comments on a draft's weight in English; the buyer applies it and publishes, confirming the open comment", async ({ page }) => {
  const title = `窓口受付データ入力業務 ${run}`;
  const weightComment = `Accuracy decides this contract: weigh it more than lead time (${run}).`;
  const openComment = `Consider a KPI for the number of correction rounds (${run}).`;

  // The buyer writes a draft that could be published, and assigns the advisory firm to it.
  await logIn(page, BUYER);
  await page.goto("/rfqs/new");
  await page.getByLabel("件名").fill(title);
  await page.getByLabel("業務の種類").selectOption("data_entry");
  await page.getByLabel("段階").selectOption("launch");
  await page.getByLabel("取り扱うデータ").selectOption("personal");
  await page.getByRole("button", { name: "下書きを作成" }).click();
  await expect(page.getByRole("heading", { name: "目的と範囲" })).toBeVisible();
  const rfqId = /\/rfqs\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await page.getByLabel("目的（なぜ外注するのか）").fill("窓口で受け付けた申請書の入力を外部化し、職員を相談対応に充てる。");
  await page.getByLabel("委託する範囲").fill("申請書のデータ入力、ダブルチェック、不備一覧の作成");
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await expect(page.getByRole("heading", { name: "目的と範囲" })).toHaveCount(0);
  await page.goto(`/rfqs/${rfqId}/edit/lines`);
  await page.getByRole("button", { name: "行を追加" }).click();
  const line = page.getByTestId("line-row").first();
  await line.getByLabel("コード").fill("ENTRY");
  await line.getByLabel("内容").fill("申請書1件の入力（ダブルエントリー）");
  await line.getByLabel("単位").fill("件");
  await line.getByLabel(/^数量/).fill("6000");
  await line.getByLabel("計上").selectOption("per_unit");
  await page.getByLabel("契約期間（月）").fill("12");
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await expect(page.getByRole("heading", { name: "要件と認証" })).toBeVisible();
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await expect(page.getByRole("heading", { name: "評価基準" })).toBeVisible();
  const accuracyWeight = page
    .getByTestId("criterion-row")
    .filter({ has: page.locator('input[value="accuracy"]') })
    .getByLabel("重み", { exact: true });
  const weightBefore = await accuracyWeight.inputValue();
  expect(weightBefore).not.toBe("35"); // the suggestion below must be a change
  await page.getByLabel("評価方式").selectOption("weighted-sum-minmax");
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await page.getByLabel("見積締切（日本時間）").fill(deadlineAhead());
  await page.getByLabel("マーケットプレイスに公開").check();
  await page.getByRole("button", { name: "確認・公開" }).click();
  await expect(page.getByText("公開できます。")).toBeVisible();
  await page.goto(`/rfqs/${rfqId}`);
  const advisors = page.getByTestId("advisors");
  await advisors.getByLabel("アドバイザリー組織").selectOption({ label: ADVISORY });
  await advisors.getByRole("button", { name: "アドバイザーを割り当てる" }).click();
  await expectToast(page, "アドバイザーを割り当てました。");
  await logOut(page);

  // The advisor, in English, reaches the design review from the draft's page and comments twice.
  await logIn(page, ADVISOR);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto(`/rfqs/${rfqId}`);
  await page.getByRole("link", { name: "Comment on the evaluation design" }).click();
  await expect(page.getByRole("heading", { name: "Evaluation design review" })).toBeVisible();
  const form = page.getByTestId("design-comment-form");
  // An empty comment is refused field by field, in English.
  await form.getByRole("button", { name: "Send comment" }).click();
  await expect(form.getByText("Enter a comment.")).toBeVisible();
  await form.getByLabel("About").selectOption("accuracy:weight");
  await form.getByLabel("Comment", { exact: true }).fill(weightComment);
  await form.getByLabel("Suggestion", { exact: true }).selectOption("set_weight");
  await form.getByLabel("Suggested value").fill("35");
  await form.getByRole("button", { name: "Send comment" }).click();
  await expectToast(page, "Comment sent.");
  await expect(page.getByTestId("design-comment").filter({ hasText: weightComment })).toHaveCount(1);
  // The form is empty again: nothing of the comment just sent is left to be sent twice.
  await expect(form.getByLabel("Comment", { exact: true })).toHaveValue("");
  await expect(form.getByLabel("Suggestion", { exact: true })).toHaveValue("");
  await form.getByLabel("About").selectOption("design:missing_kpi");
  await form.getByLabel("Comment", { exact: true }).fill(openComment);
  await form.getByRole("button", { name: "Send comment" }).click();
  await expect(page.getByTestId("design-comment").filter({ hasText: openComment })).toHaveCount(1);
  await expect(page.getByTestId("design-unresolved")).toHaveText("Unresolved comments: 2");
  const sent = page.getByTestId("design-comment").filter({ hasText: weightComment });
  await expect(sent.getByTestId("design-suggestion")).toHaveText("Suggestion: Set the weight to 35");
  await expect(sent).toContainText(ADVISORY);
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await logOut(page);

  // The buyer sees both on the review step, applies the weight with one click and publishes with one left open.
  await logIn(page, BUYER);
  await page.goto(`/rfqs/${rfqId}/review`);
  const review = page.getByTestId("design-review");
  await expect(review.getByTestId("design-unresolved")).toContainText("未解決のコメント 2 件");
  const weight = review.getByTestId("design-comment").filter({ hasText: weightComment });
  await expect(weight.getByTestId("design-suggestion")).toHaveText("提案: 重みを 35 に");
  await weight.getByTestId("design-apply").click();
  await expectToast(page, "提案を下書きに適用しました。");
  await expect(page).toHaveURL(new RegExp(`/rfqs/${rfqId}/review$`));
  await expect(review.getByTestId("design-unresolved")).toContainText("未解決のコメント 1 件");
  await expect(review.getByTestId("design-comment").filter({ hasText: weightComment })).toHaveAttribute("data-status", "applied");
  await expect(review.getByTestId("design-comment").filter({ hasText: openComment })).toHaveAttribute("data-status", "open");
  await page.goto(`/rfqs/${rfqId}/edit/evaluation`);
  await expect(accuracyWeight).toHaveValue("35");

  await page.goto(`/rfqs/${rfqId}/review`);
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByTestId("publish-unresolved")).toContainText("未解決の評価設計コメントが 1 件あります。");
  await expect(page.getByTestId("rfq-status")).toHaveCount(0); // not published yet
  await page.getByRole("button", { name: "未解決のまま公開する" }).click();
  await expectToast(page, "RFQを公開しました");
  await expect(page.getByTestId("rfq-status")).toHaveText("受付中");
});

// The paths after opening share the seeded RFQ; its id is read once from the buyer's list.
let evaluatingId = "";

/** Rates one quote on both evaluator-rated criteria on /rfqs/:id/evaluation/rate. */
async function rate(page: Page, vendor: string, understanding: number, quality: number, reason: string) {
  const quote = page.getByTestId("rate-quote").filter({ has: page.getByRole("heading", { name: vendor }) });
  const wu = quote.getByTestId("rate-cell").filter({ hasText: UNDERSTANDING });
  await wu.getByRole("radio", { name: new RegExp(`^${understanding} `) }).check();
  await wu.getByLabel("理由").fill(`${reason}（業務理解度）`);
  const pq = quote.getByTestId("rate-cell").filter({ hasText: QUALITY });
  await pq.getByLabel(/^評点/).fill(String(quality));
  await pq.getByLabel("理由").fill(`${reason}（提案内容の質）`);
}

/** The ranking line of a vendor on the comparison, e.g. "2位 行政サポートセンター株式会社 — 61.2 · ¥…". */
const rankingLine = (page: Page, vendor: string) => page.getByTestId("ranking-item").filter({ hasText: vendor });

test("two evaluators rate blind; the spread is flagged; the chair's consensus is what the ranking uses", async ({ page }) => {
  // 小林 (the committee member) rates every quote and submits.
  await logIn(page, COMMITTEE);
  await page.goto("/rfqs");
  await page.getByRole("link", { name: EVALUATING }).first().click();
  await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]{36}$/);
  evaluatingId = /\/rfqs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.getByTestId("evaluation-link").click();
  await page.getByTestId("rate-link").click();
  await expect(page.getByRole("heading", { name: `評価の入力: ${EVALUATING}` })).toBeVisible();
  // Submitting before every quote is rated is refused and nothing is locked.
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByTestId("form-error")).toContainText("全ての見積と評価基準について、評点と理由を入力してから提出してください。");
  await expect(page.getByTestId("submitted")).toHaveCount(0);
  await rate(page, CONTACT_ONE, 5, 85, "繁忙期の増席と高齢者対応の設計が具体的");
  await rate(page, GYOSEI, 4, 60, "主な特性は押さえており、体制の調整方針もある");
  await rate(page, HOKKAIDO, 3, 55, "遠隔運営だが方言・地名の研修がある");
  await page.getByRole("button", { name: "提出する" }).click();
  await expectToast(page, "評価を提出しました。");
  await expect(page).toHaveURL(new RegExp(`/rfqs/${evaluatingId}/evaluation$`));
  // Waiting for the advisor: the page says so and shows no rating of anyone else.
  await expect(page.getByText("評価待ち（2名中1名提出済み）").first()).toBeVisible();
  await expect(page.getByTestId("rating").filter({ hasNotText: "小林" })).toHaveCount(0);
  await expect(page.getByTestId("consensus-form")).toHaveCount(0);
  // The comparison leaves both criteria out of the ranking until the panel is complete.
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  await expect(page.getByTestId("awaiting-ratings")).toContainText(`「${UNDERSTANDING}」`);
  await expect(page.getByTestId("rating-progress")).toHaveText("評価待ち（2名中1名提出済み）");
  await logOut(page);

  // The advisor has not submitted: the results are blind to it. It rates 行政サポート two points below 小林.
  await logIn(page, ADVISOR);
  await page.goto(`/rfqs/${evaluatingId}/evaluation`);
  await expect(page.getByTestId("results-blind")).toContainText("評価待ち（2名中1名提出済み）");
  await expect(page.getByTestId("rating")).toHaveCount(0);
  await page.getByTestId("rate-link").click();
  await expect(page.getByText("繁忙期の増席と高齢者対応の設計が具体的")).toHaveCount(0); // 小林's reasons stay hidden
  await rate(page, CONTACT_ONE, 5, 80, "他市での運営実績に基づく設計");
  await rate(page, GYOSEI, 2, 45, "仕様をなぞるだけで、市の業務の特性に触れていない");
  await rate(page, HOKKAIDO, 3, 60, "研修計画はあるが遠隔運営の品質管理が不明");
  await page.getByRole("button", { name: "提出する" }).click();
  await expectToast(page, "評価を提出しました。");
  const flaggedCell = page.getByTestId("result-cell").filter({ hasText: GYOSEI }).and(page.locator(`[data-criterion="work_understanding"]`));
  await expect(flaggedCell.getByTestId("flagged")).toContainText("合議が必要");
  await logOut(page);

  // The chair: the ranking on the means first, then the consensus.
  await logIn(page, BUYER);
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  await expect(page.getByTestId("awaiting-ratings")).toHaveCount(0);
  const gyoseiValue = page.getByTestId("rated-value").filter({ hasText: `${GYOSEI} · ${UNDERSTANDING}` });
  await expect(gyoseiValue).toContainText("平均 (2)");
  await expect(gyoseiValue).toContainText(": 3");
  const onMeans = await rankingLine(page, GYOSEI).innerText();

  await page.goto(`/rfqs/${evaluatingId}/evaluation`);
  const cell = page.getByTestId("result-cell").filter({ hasText: GYOSEI }).and(page.locator(`[data-criterion="work_understanding"]`));
  await expect(cell.getByTestId("flagged")).toBeVisible();
  await expect(cell.getByTestId("rating")).toHaveCount(2);
  const consensusForm = cell.getByTestId("consensus-form");
  // The comment is required.
  await consensusForm.getByLabel("合議スコア").fill("2");
  await consensusForm.getByRole("button", { name: "合議スコアを記録" }).click();
  await expect(page.getByText("合議コメントを入力してください。")).toBeVisible();
  const again = page.getByTestId("result-cell").filter({ hasText: GYOSEI }).and(page.locator(`[data-criterion="work_understanding"]`));
  await again.getByLabel("合議スコア").fill("2");
  await again.getByLabel("合議コメント").fill("提案は仕様の繰り返しで、繁忙期の体制が具体化されていない点で一致した。");
  await again.getByRole("button", { name: "合議スコアを記録" }).click();
  await expectToast(page, "合議スコアを記録しました。");
  await expect(again.getByTestId("consensus")).toContainText("提案は仕様の繰り返し");

  await page.goto(`/rfqs/${evaluatingId}/compare`);
  await expect(gyoseiValue).toContainText("合議");
  await expect(gyoseiValue).toContainText(": 2");
  await expect(rankingLine(page, GYOSEI)).not.toHaveText(onMeans);
});

/** Opens a cell's marker (a <details>) unless a re-render after the last post left it open. */
async function openMarker(marker: Locator) {
  await expect(marker).toHaveCount(1);
  if (!(await marker.evaluate((el) => (el as HTMLDetailsElement).open))) await marker.locator("summary").click();
  await expect(marker).toHaveAttribute("open", "");
}

test("the advisor sends a question to the vendor, the vendor answers on its quote page, the buyer reads the answer", async ({ page }) => {
  const question = `繁忙期（3〜4月）の席数と、その増席の判断基準を教えてください。(${run})`;
  const answer = `3〜4月は10席から15席に増やします。前年同月の入電数の110%を超えた週に増席します。(${run})`;

  await logIn(page, ADVISOR);
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  // The marker of 行政サポート's quote as a whole (its summary is labelled with the vendor and the row).
  const summary = page.getByLabel(new RegExp(`^${GYOSEI} · 見積全体：評価メモ`));
  const cell = page.getByTestId("annotations").getByTestId("annotation-marker").filter({ has: summary });
  await openMarker(cell);
  await cell.getByLabel("種類").selectOption("question");
  await cell.getByLabel("内容").fill(question);
  await cell.getByRole("button", { name: "評価メモを追加" }).click();
  await expectToast(page, "評価メモを追加しました。");
  await openMarker(cell);
  // The add form is empty again: the question just added is not left there to be added twice.
  await expect(cell.getByTestId("add-annotation").getByLabel("内容")).toHaveValue("");
  const mine = cell.getByTestId("annotation").filter({ hasText: question });
  await expect(mine.getByTestId("annotation-kind-question")).toBeVisible();
  await mine.getByTestId("send-clarification").click();
  await expectToast(page, "ベンダーに確認事項を送付しました。");
  await openMarker(cell);
  await expect(cell.getByTestId("annotation").filter({ hasText: question }).getByTestId("clarification")).toContainText("回答待ち");
  await logOut(page);

  // The vendor reads only the question (not who asked or the annotation's kind) and answers once.
  await logIn(page, VENDOR_LOGIN);
  await page.goto(`/rfqs/${evaluatingId}/quote`);
  const asked = page.getByTestId("vendor-clarification").filter({ hasText: question });
  await expect(asked).toContainText("発注者からの確認事項");
  await expect(page.getByTestId("vendor-clarifications")).not.toContainText(ADVISORY);
  await expect(page.getByTestId("annotations")).toHaveCount(0);
  await asked.getByLabel("貴社の回答").fill(answer);
  await asked.getByRole("button", { name: "回答を送信（一度だけ）" }).click();
  await expectToast(page, "回答を送信しました。");
  await expect(page.getByTestId("vendor-clarification").filter({ hasText: question })).toContainText(answer);
  await expect(page.getByTestId("answer-clarification")).toHaveCount(0);
  // The evaluators' pages stay closed to the vendor: no comparison, annotations, ratings or memos.
  for (const path of ["compare", "annotations", "evaluation", "evaluation/rate", "memo"]) {
    const response = await page.goto(`/rfqs/${evaluatingId}/${path}`);
    expect([403, 404], path).toContain(response?.status());
    await expect(page.getByText(question)).toHaveCount(0);
  }
  await page.goto(`/rfqs/${evaluatingId}/quote`);
  await logOut(page);

  // The buyer reads the answer beside the question on the comparison.
  await logIn(page, BUYER);
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  const buyerCell = page.getByTestId("annotation-marker").filter({ has: page.getByLabel(new RegExp(`^${GYOSEI} · 見積全体：評価メモ`)) });
  await openMarker(buyerCell);
  const read = buyerCell.getByTestId("annotation").filter({ hasText: question });
  await expect(read.getByTestId("clarification-answer")).toContainText(answer);
  await expect(read).toContainText(ADVISORY);
});

test("the advisor drafts a memo from its ratings, edits and publishes it; the buyer reads it on the comparison", async ({ page }) => {
  const conditions = `繁忙期の増席（12→18席）を契約書の仕様に明記すること。(${run})`;

  await logIn(page, ADVISOR);
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  await page.getByTestId("memos-panel-link").getByRole("link", { name: "推薦メモ" }).click();
  await expect(page).toHaveURL(new RegExp(`/rfqs/${evaluatingId}/memo$`));
  await page.getByRole("button", { name: "新しいメモを下書き" }).click();
  await expectToast(page, "下書きを作成しました。");
  const draft = page.getByTestId("memo-draft");
  // Pre-filled from the advisor's own submitted ratings: the best-rated quote and its reasons.
  await expect(draft.getByRole("combobox", { name: /^推薦する見積/ }).locator("option:checked")).toHaveText(CONTACT_ONE);
  await expect(draft.getByRole("textbox", { name: /^推薦理由/ })).toHaveValue(/他市での運営実績に基づく設計/);

  // Edited: publishing with the rationale emptied is refused field by field; then edited, saved, published.
  const rationale = await draft.getByRole("textbox", { name: /^推薦理由/ }).inputValue();
  await draft.getByRole("textbox", { name: /^推薦理由/ }).fill("");
  await draft.getByRole("button", { name: "公開" }).click();
  await expect(page.getByTestId("memo-rationale-error")).toContainText("推薦理由を入力してください。");
  await expect(page.getByTestId("memo-version-1")).toHaveCount(0); // nothing published
  await page
    .getByTestId("memo-draft")
    .getByRole("textbox", { name: /^推薦理由/ })
    .fill(`${rationale}\n評価者2名とも業務理解度を5とした。`);
  await page.getByTestId("memo-draft").getByRole("textbox", { name: /^条件/ }).fill(conditions);
  await page.getByTestId("memo-draft").getByRole("button", { name: "下書きを保存" }).click();
  await expectToast(page, "下書きを保存しました。");
  await expect(page.getByTestId("memo-draft").getByRole("textbox", { name: /^条件/ })).toHaveValue(conditions);
  await page.getByTestId("memo-draft").getByRole("button", { name: "公開" }).click();
  await expectToast(page, "推薦メモを公開しました。");
  await expect(page.getByTestId("memo-version-1").getByTestId("memo-status")).toHaveText("公開中");
  await logOut(page);

  // The buyer reads the published memo with the firm's name on the comparison.
  await logIn(page, BUYER);
  await page.goto(`/rfqs/${evaluatingId}/compare`);
  const memo = page.getByTestId("memos-panel").getByTestId("memo-current");
  await expect(memo).toContainText(ADVISORY);
  await expect(memo.getByTestId("memo-recommends")).toHaveText(CONTACT_ONE);
  await expect(memo).toContainText(conditions);
  await expect(memo).toContainText("評価者2名とも業務理解度を5とした。");
});
