import { expect, test } from "@playwright/test";
import { logIn } from "./support/session";

// Card payment of an invoice (issue 16 item 3) in Chromium. Stripe's API is unreachable here: the app runs with a
// Stripe key against the local stand-in (scripts/stripe-standin.ts, started by playwright.config.ts), so the app's
// real `stripe` SDK opens the Checkout Session there, the browser is redirected to the stand-in's Checkout page, and
// its Pay button sends a webhook signed with the SDK's own helper back to /webhooks/stripe.
//
// On the seeded さくら食品 bookkeeping contract's open invoice (milestone 2; the winner is connected to Stripe —
// db/seed/demo-invoices.ts): in Japanese the buyer starts a card payment and cancels on Stripe's page (the invoice
// stays unpaid, the page says so); in English the buyer continues the same session and pays; the return page never
// takes the redirect as proof — it shows paid once the webhook has been applied — and the vendor sees the payment
// with the platform fee.

const BUYER = "buyer@sakura-foods.example";
const VENDOR = "sales@next-keiri.example";
const BUYER_TOKEN = "kurabe_demo_buyer_sakura_foods_000000000000002";
const STANDIN = `http://127.0.0.1:${Number(process.env.E2E_STRIPE_PORT ?? 12_211)}`;

type ListedInvoice = { id: string; number: string; milestoneIndex: number; kind: string; status: string; balance: number };

test.describe.serial("card payment through Stripe Checkout (local stand-in)", () => {
  let invoice: ListedInvoice;

  test.beforeAll(async ({ request }) => {
    const res = await request.get("/api/v1/invoices", { headers: { Authorization: `Bearer ${BUYER_TOKEN}` } });
    expect(res.status()).toBe(200);
    const { invoices } = (await res.json()) as { invoices: ListedInvoice[] };
    invoice = invoices.find((i) => i.milestoneIndex === 1 && i.kind === "invoice")!;
    expect(invoice).toMatchObject({ status: "issued" });
  });

  test("ja: the buyer is sent to Stripe's Checkout for the balance, cancels there, and the invoice stays unpaid", async ({ page }) => {
    await logIn(page, BUYER);
    await page.goto(`/invoices/${invoice.id}`);
    const yen = `￥${invoice.balance.toLocaleString("ja-JP")}`;
    await page.getByRole("button", { name: `カードで支払う（${yen}）` }).click();
    await expect(page).toHaveURL(new RegExp(`^${STANDIN}/pay/cs_`));
    await expect(page.getByTestId("standin-amount")).toHaveText(`¥${invoice.balance.toLocaleString("en")}`);
    await expect(page.getByTestId("standin-product")).toHaveText(`請求書 ${invoice.number} のお支払い`);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}/payment\\?result=cancelled`));
    await expect(page.getByTestId("payment-result")).toContainText("カード決済は完了していません");
    await page.goto(`/invoices/${invoice.id}`);
    await expect(page.getByTestId("invoice-status")).toContainText("未入金");
  });

  test("en: the buyer continues the same Checkout and pays; the page shows paid once the signed webhook is applied", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await logIn(page, BUYER);
    await page.goto(`/invoices/${invoice.id}`);
    await page.getByRole("button", { name: "Continue the card payment" }).click();
    await expect(page).toHaveURL(new RegExp(`^${STANDIN}/pay/cs_`));
    await page.getByRole("button", { name: "Pay" }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}/payment\\?result=success`));
    // "Processing" until the webhook has been applied; the page refreshes itself until then.
    await expect(page.getByTestId("payment-result")).toContainText("Your payment has been confirmed", { timeout: 15_000 });
    await page.goto(`/invoices/${invoice.id}`);
    await expect(page.getByTestId("invoice-status")).toContainText("Paid");
    await context.close();
  });

  test("ja: the vendor sees the card payment with the platform fee, and the invoice paid", async ({ page }) => {
    await logIn(page, VENDOR);
    await page.goto(`/invoices/${invoice.id}`);
    await expect(page.getByTestId("invoice-status")).toContainText("入金済み");
    await expect(page.getByTestId("card-payments")).toContainText("決済完了");
    await expect(page.getByTestId("card-payments")).toContainText("プラットフォーム手数料");
  });
});
