import { expect, test, type Page } from "@playwright/test";
import { pdfPages } from "../support/pdf-text";
import { logIn } from "./support/session";

// The award loop of issue 15 on the seeded, closed survey RFQ of みどり市 (a municipality), through the pages:
// the buyer proposes the rank-2 quote (the second, specific reason is demanded first) and cannot approve it
// herself; the 課長 approves from 承認待ち; two of the three committee members approve (the second in English)
// and the award happens; the winner accepts; the buyer makes the contract (milestones with the legal
// inspection and payment dates) and concludes it; the 稟議書 and 発注書 PDFs are read back; a vendor not
// selected reads its debrief without the winner's prices. It changes the survey RFQ for good, so it runs in
// its own Playwright project after every other spec (playwright.config.ts).

const SURVEY = "市民意識調査 調査票データ入力・集計業務";
const BUYER = "buyer@midori-city.example";
const BUYER_NAME = "高橋 美咲";
const BUYER_ORG = "みどり市 市民生活部";
const KACHO = "kacho@midori-city.example";
const COMMITTEE = ["iinkai1@midori-city.example", "iinkai2@midori-city.example"] as const;
const VENDOR_EMAILS: Record<string, string> = {
  株式会社ネクスト経理サービス: "sales@next-keiri.example",
  行政サポートセンター株式会社: "gyosei@gyosei-support.example",
  北海道データエントリー株式会社: "contact@hokkaido-data.example",
};
const tag = Date.now().toString(36);
const RATIONALE = `入力精度と納期の約束値が仕様を満たし、調査票の保管体制が最も具体的である（${tag}）。`;
const SPECIFIC = `総合評価は2位だが、調査票原本の施錠保管と返却手順を重視した（${tag}）。`;
const DEBRIEF = `調査票原本の保管・返却体制の具体性を重視して選定しました（${tag}）。`;

/** Whitespace-free text: pdf.js joins pieces with spaces and long lines wrap. */
const squash = (s: string) => s.replace(/\s+/g, "");

interface Loop {
  rfqId: string;
  proposalId: string;
  winner: string;
  amount: string;
  stability: string;
  loser: string;
}
let loop: Loop | undefined;
const state = (): Loop => {
  if (!loop) throw new Error("The earlier step of the award loop did not run");
  return loop;
};

async function decide(page: Page, comment: string) {
  const form = page.getByTestId("decision-form");
  await expect(form).toBeVisible();
  await form.getByRole("radio", { name: /^(承認|Approve)$/ }).check();
  await form.getByLabel(/コメント|Comment/).fill(comment);
  await form.getByTestId("decision-submit").click();
}

test.describe.serial("award loop on the survey RFQ", () => {
  test("the buyer proposes the rank-2 quote: the specific reason is demanded; she cannot approve her own proposal", async ({ page }) => {
    await logIn(page, BUYER);
    await page.goto("/rfqs");
    await page.getByRole("link", { name: SURVEY }).first().click();
    await expect(page).toHaveURL(/\/rfqs\/[0-9a-f-]{36}$/);
    const rfqId = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByTestId("compare-link").click();
    await expect(page).toHaveURL(new RegExp(`/rfqs/${rfqId}/compare`));

    const stability = (await page.getByTestId("stability").innerText()).trim();
    expect(stability.length).toBeGreaterThan(10);
    const form = page.getByTestId("propose-award");
    await expect(form.getByRole("heading", { name: "決裁起案" })).toBeVisible();
    const options = form.locator(".choice");
    await expect(options).toHaveCount(3);
    const optionText = async (rank: number) => (await options.filter({ hasText: new RegExp(`^\\s*${rank}位 `) }).innerText()).trim();
    const second = /^2位 (.+?)（税込 (.+?)）/.exec(await optionText(2));
    const first = /^1位 (.+?)（/.exec(await optionText(1));
    expect(second, "the rank-2 option names its vendor and amount").not.toBeNull();
    expect(first).not.toBeNull();
    const [, winner, amount] = second as unknown as [string, string, string];
    const loser = first![1]!;
    expect(VENDOR_EMAILS[winner]).toBeTruthy();
    expect(VENDOR_EMAILS[loser]).toBeTruthy();
    // The option says why a second reason will be needed.
    await expect(options.filter({ hasText: /^\s*2位 / })).toContainText("比較結果で1位ではありません。");

    // Without the specific reason: refused at that field, with the reason named; nothing is proposed.
    await options
      .filter({ hasText: /^\s*2位 / })
      .getByRole("radio")
      .check();
    await form.getByLabel("起案理由").fill(RATIONALE);
    await form.getByLabel("選定されなかった事業者に伝える理由").fill(DEBRIEF);
    await form.getByRole("button", { name: "起案して稟議に回す" }).click();
    await expect(page).toHaveURL(new RegExp(`/rfqs/${rfqId}/award`));
    const specificError = page.getByTestId("award-specificRationale-error");
    await expect(specificError).toContainText("この見積を選ぶ個別の理由を入力してください。");
    await expect(page.getByTestId("award-none")).toBeVisible();
    const again = page.getByTestId("propose-award");
    await expect(again.getByLabel("起案理由")).toHaveValue(RATIONALE);
    await expect(again.getByRole("radio", { checked: true })).toHaveCount(1);

    // With it: proposed, waiting for the route.
    await again.getByLabel(/^個別の理由/).fill(SPECIFIC);
    await again.getByRole("button", { name: "起案して稟議に回す" }).click();
    await expect(page.getByTestId("toast")).toContainText("決裁を起案しました。");
    await expect(page.getByTestId("award-status")).toHaveText("承認待ち");
    const proposal = page.getByTestId("award-proposal");
    await expect(proposal).toContainText(winner);
    await expect(proposal).toContainText(amount);
    await expect(proposal).toContainText(SPECIFIC);
    await expect(proposal).toContainText(DEBRIEF);
    await expect(page.getByTestId("award-verified")).toContainText("検証済み");
    await expect(page.getByTestId("award-stability")).toContainText(stability);
    // 課長, then 2 of the 3 committee members (¥1,000,000–¥10,000,000).
    await expect(page.getByTestId("approval-step-0")).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("approval-step-1")).toContainText("(2 / 3)");

    // Self-approval: the proposer is told and has no decision form …
    await expect(page.getByTestId("proposer-note")).toHaveText("起案者は自分の起案を承認できません。");
    await expect(page.getByTestId("decision-form")).toHaveCount(0);
    // … and a decision posted anyway (with a valid CSRF token) is refused, recording nothing.
    const proposalId = await page.getByTestId("edit-proposal").locator('input[name="proposalId"]').inputValue();
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const posted = await page.request.post(`/rfqs/${rfqId}/award`, {
      form: { csrf, intent: "decide", proposalId, decision: "approve", comment: "自分で承認" },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    expect(await posted.text()).toContain("起案者は自分の起案を承認できません");
    await page.reload();
    await expect(page.getByTestId("approval-history")).toContainText("まだ決裁はありません。");
    await expect(page.getByTestId("approval-step-0")).toHaveAttribute("data-state", "current");

    loop = { rfqId, proposalId, winner, amount, stability, loser };
  });

  test("the 課長 finds it under 承認待ち in the header and approves with a comment", async ({ page }) => {
    const { rfqId } = state();
    await logIn(page, KACHO);
    const badge = page.getByTestId("approvals-badge");
    await expect(badge).toContainText("承認待ち");
    expect(Number((await badge.locator(".badge").innerText()).trim())).toBeGreaterThanOrEqual(1);
    await badge.click();
    await expect(page.getByRole("heading", { level: 1, name: "承認待ち" })).toBeVisible();
    const row = page.getByTestId("approval-waiting").filter({ hasText: SURVEY });
    await expect(row).toContainText(BUYER_NAME);
    await expect(row).toContainText("1 / 2");
    await row.getByRole("link", { name: SURVEY }).click();
    await expect(page).toHaveURL(new RegExp(`/rfqs/${rfqId}/award$`));
    await decide(page, "仕様書の保管要件を満たしており、妥当と判断します。");
    await expect(page.getByTestId("toast")).toContainText("承認を記録しました。");
    await expect(page.getByTestId("approval-step-0")).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("approval-step-1")).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("approval-history")).toContainText("仕様書の保管要件を満たしており、妥当と判断します。");
    await expect(page.getByTestId("decision-form")).toHaveCount(0);
  });

  test("the first committee member approves; the award waits for the second", async ({ page }) => {
    const { rfqId } = state();
    await logIn(page, COMMITTEE[0]);
    await page.getByTestId("approvals-badge").click();
    await page.getByTestId("approval-waiting").filter({ hasText: SURVEY }).getByRole("link", { name: SURVEY }).click();
    await expect(page).toHaveURL(new RegExp(`/rfqs/${rfqId}/award$`));
    await decide(page, "委員会として異議ありません。");
    await expect(page.getByTestId("toast")).toContainText("承認を記録しました。");
    await expect(page.getByTestId("award-status")).toHaveText("承認待ち");
    await expect(page.getByTestId("award-status-section")).toHaveCount(0);
  });

  test("in English, the second committee member approves and the award is made", async ({ page }) => {
    const { rfqId, winner } = state();
    await logIn(page, COMMITTEE[1]);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const badge = page.getByTestId("approvals-badge");
    await expect(badge).toContainText("Awaiting approval");
    await badge.click();
    await expect(page.getByRole("heading", { level: 1, name: "Awaiting approval" })).toBeVisible();
    const row = page.getByTestId("approval-waiting").filter({ hasText: SURVEY });
    await expect(row).toContainText("step 2 of 2");
    await expect(row).toContainText("1 of 2 approved");
    await row.getByRole("link", { name: SURVEY }).click();
    await expect(page.getByRole("heading", { name: "Decide" })).toBeVisible();
    await decide(page, "Agreed: the storage and return procedure is the deciding point.");
    await expect(page.getByTestId("toast")).toContainText("Final approval recorded; the award has been made.");
    await expect(page.getByTestId("award-status")).toHaveText("Approved");
    await expect(page.getByTestId("award-status-section")).toContainText(`Awarded to ${winner}`);
    await expect(page.getByTestId("award-answer-status")).toContainText("Waiting for the winner's answer");
    await page.goto(`/rfqs/${rfqId}`);
    await expect(page.getByTestId("rfq-status")).toHaveText("Awarded");
  });

  test("the winner sees 受注が内定しました with its 受諾期限 and accepts", async ({ page }) => {
    const { rfqId, winner, amount } = state();
    await logIn(page, VENDOR_EMAILS[winner]!);
    await page.goto(`/rfqs/${rfqId}/quote`);
    const result = page.getByTestId("award-result");
    await expect(result.getByRole("heading", { name: "選定結果" })).toBeVisible();
    await expect(result.getByTestId("award-headline")).toContainText(/受注が内定しました — 受諾期限 \S+/);
    await expect(result).toContainText(`契約金額（税込）：${amount}`);
    await result.getByTestId("award-accept").click();
    await expect(page.getByTestId("toast")).toContainText("受諾しました。発注者に通知しました。");
    await expect(page.getByTestId("award-accepted")).toContainText("受諾しました");
    await expect(page.getByTestId("award-accept")).toHaveCount(0);
  });

  test("the buyer makes the contract with legal due dates, concludes it, and reads the 稟議書 and 発注書", async ({ page }) => {
    const { rfqId, proposalId, winner, amount, stability } = state();
    await logIn(page, BUYER);
    await page.goto(`/rfqs/${rfqId}`);
    await expect(page.getByTestId("rfq-status")).toHaveText("発注先決定");
    await page.goto(`/rfqs/${rfqId}/award`);
    await expect(page.getByTestId("award-answer-status")).toContainText("受諾済み");
    await page.goto(`/rfqs/${rfqId}/contract`);
    await page.getByTestId("contract-create").click();
    await expect(page.getByTestId("toast")).toContainText("契約の下書きを作成しました。");
    await expect(page.getByTestId("contract-status")).toContainText("下書き");
    await expect(page.getByTestId("contract-buyer")).toHaveText(BUYER_ORG);
    await expect(page.getByTestId("contract-vendor")).toHaveText(winner);
    await expect(page.getByTestId("contract-total")).toHaveText(amount);
    // Municipality: inspection within 10 days of the completion notice, payment within 30 days of the invoice.
    await expect(page.getByText(/検査は完了通知を受けた日から10日以内、支払は適法な支払請求を受けた日から30日以内/)).toBeVisible();
    const milestones = page.getByTestId("contract-milestones");
    await expect(milestones.locator("tbody tr")).not.toHaveCount(0);
    await expect(page.getByTestId("contract-legal-0")).toContainText(/検査期限 \S+/);
    await expect(page.getByTestId("contract-legal-0")).toContainText(/支払期限 \S+/);

    // Concluding asks first.
    await page.getByTestId("contract-activate").click();
    const confirm = page.getByTestId("contract-activate-confirm");
    await expect(confirm).toBeVisible();
    await expect(page.getByTestId("contract-status")).toContainText("下書き");
    await confirm.getByRole("button", { name: "締結（有効化）" }).click();
    await expect(page.getByTestId("toast")).toContainText("契約を締結しました。");
    await expect(page.getByTestId("contract-status")).toContainText("締結済み（有効）");

    // 発注書: the vendor's and the buyer's names and the total.
    const poHref = await page.getByTestId("contract-po").getAttribute("href");
    expect(poHref).toMatch(/^\/contracts\/[0-9a-f-]{36}\/purchase-order\.pdf$/);
    const po = await page.request.get(poHref!);
    expect(po.status()).toBe(200);
    expect(po.headers()["content-type"]).toContain("application/pdf");
    const poText = squash((await pdfPages(await po.body())).join("\n"));
    expect(poText).toContain("発注書");
    expect(poText).toContain(squash(winner));
    expect(poText).toContain(squash(BUYER_ORG));
    expect(poText).toContain(squash(amount));

    // 稟議書: the proposer, the buyer, the vendor, the amount and the stability sentence.
    const packet = await page.request.get(`/rfqs/${rfqId}/proposals/${proposalId}/packet.pdf`);
    expect(packet.status()).toBe(200);
    expect(packet.headers()["content-type"]).toContain("application/pdf");
    const packetText = squash((await pdfPages(await packet.body())).join("\n"));
    expect(packetText).toContain("稟議書");
    expect(packetText).toContain(squash(BUYER_NAME));
    expect(packetText).toContain(squash(BUYER_ORG));
    expect(packetText).toContain(squash(winner));
    expect(packetText).toContain(squash(amount));
    expect(packetText).toContain(squash(stability));
  });

  test("a vendor not selected reads its debrief: its rank and scores, the winner and its score, the reason — not the winner's price", async ({ page }) => {
    const { rfqId, winner, amount, loser } = state();
    await logIn(page, VENDOR_EMAILS[loser]!);
    await page.goto(`/rfqs/${rfqId}/quote`);
    const result = page.getByTestId("award-result");
    await expect(result.getByRole("heading", { name: "選定結果のお知らせ（デブリーフィング）" })).toBeVisible();
    await expect(result.getByTestId("debrief-rank")).toContainText("貴社の順位：1位");
    await expect(result.getByTestId("debrief-rank")).toContainText(/貴社の総合点：[\d.]+/);
    await expect(result.getByTestId("debrief-criteria").locator("tbody tr")).not.toHaveCount(0);
    await expect(result.getByTestId("debrief-winner")).toContainText(new RegExp(`選定先：${winner}（総合点 [\\d.]+）`));
    await expect(result.getByTestId("debrief-reason")).toHaveText(DEBRIEF);
    await expect(result).not.toContainText("受注が内定しました");
    // The winner's contract value appears nowhere on the loser's page.
    const digits = amount.replace(/[^\d,]/g, "");
    expect(digits.length).toBeGreaterThan(4);
    expect(await page.locator("body").innerText()).not.toContain(digits);
  });
});
