import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkoutIdempotencyKey } from "~/domain/payments/stripe-rules";
import { formatYen } from "~/utils/format";
import { signWebhookPayload, stripeGateway, type PaymentGateway } from "~/services/payments/stripe-gateway.server";
import { createAccount, createUser, FACTORY_PASSWORD, type Account } from "../factories";
import { cloneInvoice, connectVendor, createInvoicedContract, type CardParties } from "../support/card-fixtures";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";
import { rowCounts } from "./row-counts";

// Card payment of an invoice (issue 16 item 3; decision 0035) on real PostgreSQL through the API and the pages.
// Stripe's API is unreachable from here, so every Stripe call goes through the official `stripe` SDK to a local test
// server that records it (tests/support/stripe-test-server.ts → scripts/lib/stripe-standin.ts): what is asserted is
// the form-encoded body and the Idempotency-Key header the SDK really sends. Webhooks are signed with the SDK's own
// generateTestHeaderString (signWebhookPayload).

const SECRET = "whsec_card_payments_test_0123456789";
let server: StripeTestServer;
let gateway: PaymentGateway;
let h: Harness;
let p: CardParties;
let otherBuyer: Account;
let admin: Account;
let accountId: string;

type Problem = { title: string; errors?: { path: string; message: string }[] };
type Started = { url: string; sessionId: string; attempt: number; amount: number; reused: boolean };
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const start = (token: string, invoiceId: string, lang = "ja") => api(token, `/api/v1/invoices/${invoiceId}/payment-sessions`, { method: "POST", lang });
const invoice = async (invoiceId: string) =>
  (await (await api(p.buyer.token, `/api/v1/invoices/${invoiceId}`)).json()) as { status: string; balance: number; total: number };
const stripeCalls = (path: string) => server.requests.filter((r) => r.path === path);
const audits = (action: string, entityId?: string) =>
  h.db
    .selectFrom("audit_log")
    .select(["entity_id", "after", "actor_user_id"])
    .where("action", "=", action)
    .$if(entityId !== undefined, (q) => q.where("entity_id", "=", entityId!))
    .execute();

async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}
const page = (path: string, cookies: Cookies, lang = "ja") => h.request(path, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

/** Delivers a signed event to the app's webhook route. */
async function deliver(type: string, object: Record<string, unknown>, id = `evt_${Math.random().toString(36).slice(2)}`) {
  const payload = JSON.stringify({ id, object: "event", type, data: { object } });
  return h.request("/webhooks/stripe", { method: "POST", body: payload, headers: { "Stripe-Signature": signWebhookPayload(payload, SECRET) } });
}

beforeAll(async () => {
  server = await startStripeTestServer();
  gateway = stripeGateway({ secretKey: "sk_test_card_payments", webhookSecret: SECRET, apiBase: server.apiBase });
  h = await createHarness({ payments: gateway, env: { PLATFORM_FEE_BASIS_POINTS: "300" } });
  p = await createInvoicedContract(h, { milestones: 4 });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別テナント購買" });
  admin = await createAccount(h.db, { kind: "platform", org: "くらべ運営" });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe("starting a card payment", () => {
  it("refuses while the vendor has no enabled Stripe account, saying to pay by bank transfer, without calling Stripe", async () => {
    const before = server.requests.length;
    const ja = await start(p.buyer.token, p.invoiceIds[0]!);
    expect(ja.status).toBe(409);
    expect(((await ja.json()) as Problem).title).toBe("この取引先はまだカード決済を受け付けていません。銀行振込でお支払いください。");
    await connectVendor(h, p.vendor.org.id, "restricted");
    const en = await start(p.buyer.token, p.invoiceIds[0]!, "en");
    expect(((await en.json()) as Problem).title).toBe("This vendor cannot take card payments yet; pay by bank transfer.");
    expect(server.requests.length).toBe(before);
    expect((await rowCounts(h.db, ["card_payment_attempts"])).card_payment_attempts).toBe(0);
  });

  it("opens a Checkout Session for the balance: jpy zero-decimal, the 3 % fee, the destination, metadata and the Idempotency-Key", async () => {
    accountId = await connectVendor(h, p.vendor.org.id, "enabled");
    const id = p.invoiceIds[0]!;
    const { balance } = await invoice(id);
    const res = await start(p.buyer.token, id);
    expect(res.status).toBe(201);
    const started = (await res.json()) as Started;
    expect(started).toMatchObject({ attempt: 1, amount: balance, reused: false });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_/);

    const sent = stripeCalls("/v1/checkout/sessions").at(-1)!;
    expect(sent.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(sent.headers["idempotency-key"]).toBe(checkoutIdempotencyKey(id, 1));
    expect(sent.form).toMatchObject({
      mode: "payment",
      currency: "jpy",
      "line_items[0][price_data][currency]": "jpy",
      "line_items[0][price_data][unit_amount]": String(balance),
      "payment_intent_data[application_fee_amount]": String(Math.floor((balance * 300) / 10_000)),
      "payment_intent_data[transfer_data][destination]": accountId,
      "payment_intent_data[metadata][invoiceId]": id,
      "metadata[invoiceId]": id,
      "metadata[attempt]": "1",
      success_url: `http://localhost:3000/invoices/${id}/payment?result=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `http://localhost:3000/invoices/${id}/payment?result=cancelled`,
    });

    const row = await h.db.selectFrom("card_payment_attempts").selectAll().where("invoice_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempt: 1, session_id: started.sessionId, destination_account_id: accountId, created_by: p.buyer.user.id });
    expect(Number(row.amount)).toBe(balance);
    expect(Number(row.application_fee)).toBe(Math.floor(balance * 0.03));
    expect(await audits("invoice.card.start", id)).toEqual([
      {
        entity_id: id,
        actor_user_id: p.buyer.user.id,
        after: {
          status: "issued",
          attempt: 1,
          sessionId: started.sessionId,
          amount: balance,
          applicationFee: Math.floor(balance * 0.03),
          destination: accountId,
        },
      },
    ]);
    // The redirect has not happened, let alone a webhook: an open session pays nothing, the invoice is still unpaid.
    expect((await invoice(id)).status).toBe("issued");
  });

  it("a second press hands back the open session instead of opening another; so do presses at the same moment", async () => {
    const calls = stripeCalls("/v1/checkout/sessions").length;
    const again = await start(p.buyer.token, p.invoiceIds[0]!);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Started).reused).toBe(true);
    expect(stripeCalls("/v1/checkout/sessions").length).toBe(calls);

    const id = p.invoiceIds[1]!;
    // Five presses at once (a double click, a retry, another tab): one session, one attempt.
    const presses = await Promise.all(Array.from({ length: 5 }, () => start(p.buyer.token, id)));
    const bodies = (await Promise.all(presses.map((r) => r.json()))) as Started[];
    expect(new Set(bodies.map((b) => b.sessionId)).size).toBe(1);
    expect((await h.db.selectFrom("card_payment_attempts").select("attempt").where("invoice_id", "=", id).execute()).map((r) => r.attempt)).toEqual([1]);
    // Whatever reached Stripe carried one and the same key, so Stripe made one session.
    const keys = new Set(
      stripeCalls("/v1/checkout/sessions")
        .slice(calls)
        .map((r) => r.headers["idempotency-key"]),
    );
    expect([...keys]).toEqual([checkoutIdempotencyKey(id, 1)]);
    expect(await audits("invoice.card.start", id)).toHaveLength(1);
  });

  it("only the invoice's buyer: its vendor and another buyer get 404; the vendor reads the attempts without the payment address", async () => {
    expect((await start(p.vendor.token, p.invoiceIds[2]!)).status).toBe(404);
    expect((await start(otherBuyer.token, p.invoiceIds[2]!)).status).toBe(404);
    expect((await api(otherBuyer.token, `/api/v1/invoices/${p.invoiceIds[0]}/payment-sessions`)).status).toBe(404);
    const seen = (await (await api(p.vendor.token, `/api/v1/invoices/${p.invoiceIds[0]}/payment-sessions`)).json()) as {
      sessions: { attempt: number; url: string | null; stage: string }[];
    };
    expect(seen.sessions).toEqual([expect.objectContaining({ attempt: 1, url: null, stage: "open" })]);
    const mine = (await (await api(p.buyer.token, `/api/v1/invoices/${p.invoiceIds[0]}/payment-sessions`)).json()) as { sessions: { url: string | null }[] };
    expect(mine.sessions[0]!.url).toMatch(/\/pay\/cs_/);
  });

  it("Stripe's JPY limits are checked before any call: above ¥99,999,999 bank transfer only, below ¥50 likewise, in ja and en", async () => {
    const big = await cloneInvoice(h, p.invoiceIds[3]!, 100_000_000);
    const tiny = await cloneInvoice(h, p.invoiceIds[3]!, 49);
    const before = server.requests.length;
    const ja = await start(p.buyer.token, big);
    expect(ja.status).toBe(409);
    expect(((await ja.json()) as Problem).title).toBe("99,999,999円を超える請求は銀行振込のみでお支払いいただけます。");
    const en = await start(p.buyer.token, big, "en");
    expect(((await en.json()) as Problem).title).toBe("Invoices above ¥99,999,999 can be paid by bank transfer only.");
    expect(((await (await start(p.buyer.token, tiny, "en")).json()) as Problem).title).toBe("Card payment needs at least ¥50. Please pay by bank transfer.");
    expect(server.requests.length).toBe(before);
    expect(await h.db.selectFrom("card_payment_attempts").select("id").where("invoice_id", "in", [big, tiny]).execute()).toEqual([]);
    // The page says the same instead of offering the button.
    const html = await (await page(`/invoices/${big}`, await signIn(p.buyer.email))).text();
    expect(html).toContain("99,999,999円を超える請求は銀行振込のみでお支払いいただけます。");
    expect(html).not.toContain('name="intent" value="card"');
  });

  it("when Stripe refuses, the buyer is told to try later or pay by bank transfer, and nothing is recorded", async () => {
    server.failNext("/v1/checkout/sessions", 400, { type: "invalid_request_error", message: "No such destination" });
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await start(p.buyer.token, p.invoiceIds[2]!, "en");
    expect(warned).toHaveBeenCalledWith(
      expect.stringContaining(`checkout session for invoice ${p.invoiceIds[2]} attempt 1 refused`),
      expect.stringContaining("No such destination"),
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).title).toBe("The card payment could not be started. Try again later, or pay by bank transfer.");
    expect(await h.db.selectFrom("card_payment_attempts").select("id").where("invoice_id", "=", p.invoiceIds[2]!).execute()).toEqual([]);
    expect(await audits("invoice.card.start", p.invoiceIds[2]!)).toEqual([]);
    expect((await invoice(p.invoiceIds[2]!)).status).toBe("issued");
  });
});

describe("the pages", () => {
  it("the buyer's button posts and is redirected (303) to Stripe's page; the vendor sees no button", async () => {
    const buyer = await signIn(p.buyer.email);
    const html = await (await page(`/invoices/${p.invoiceIds[2]}`, buyer)).text();
    expect(html).toContain("カードで支払う");
    expect(html).toContain('name="intent" value="card"');
    const res = await postForm(h, `/invoices/${p.invoiceIds[2]}`, { intent: "card" }, buyer);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_/);
    const vendorHtml = await (await page(`/invoices/${p.invoiceIds[2]}`, await signIn(p.vendor.email))).text();
    expect(vendorHtml).not.toContain('name="intent" value="card"');
  });

  it("the return page says processing until the webhook has applied — never trusting the redirect — then paid (ja/en)", async () => {
    const buyer = await signIn(p.buyer.email);
    const id = p.invoiceIds[2]!;
    const waiting = await (await page(`/invoices/${id}/payment?result=success`, buyer)).text();
    expect(waiting).toContain("決済を処理中です。Stripe から決済の確認が届き次第、入金済みと表示します。");
    expect((await invoice(id)).status).toBe("issued");
    const attempt = await h.db.selectFrom("card_payment_attempts").selectAll().where("invoice_id", "=", id).executeTakeFirstOrThrow();
    const res = await deliver("checkout.session.completed", {
      id: attempt.session_id,
      object: "checkout.session",
      amount_total: Number(attempt.amount),
      currency: "jpy",
      payment_status: "paid",
      payment_intent: "pi_page_test",
      metadata: { invoiceId: id, attempt: "1" },
    });
    expect(res.status).toBe(200);
    const paid = await (await page(`/invoices/${id}/payment?result=success`, buyer, "en")).text();
    expect(paid).toContain("Your payment has been confirmed. Thank you.");
    expect((await invoice(id)).status).toBe("paid");
    const cancelled = await (await page(`/invoices/${p.invoiceIds[3]}/payment?result=cancelled`, buyer, "en")).text();
    expect(cancelled).toContain("The card payment was not completed. Try again, or pay by bank transfer.");
    expect((await page(`/invoices/${id}/payment?result=success`, await signIn(otherBuyer.email))).status).toBe(404);
  });

  it("without a gateway the pay button is hidden (bank transfer unchanged) and the payouts page says card payment is off", async () => {
    const buyer = await signIn(p.buyer.email);
    h.ctx.payments = null;
    try {
      const html = await (await page(`/invoices/${p.invoiceIds[3]}`, buyer)).text();
      expect(html).not.toContain('name="intent" value="card"');
      expect(html).not.toContain("カードで支払う");
      expect(html).toContain('name="intent" value="receipt"');
      expect((await start(p.buyer.token, p.invoiceIds[3]!, "en")).status).toBe(409);
      const payouts = await (await page("/settings/payouts", await signIn(p.vendor.email), "en")).text();
      expect(payouts).toContain("Card payment is not enabled on this server (bank transfer only).");
      expect(payouts).not.toContain("Set up payouts with Stripe");
    } finally {
      h.ctx.payments = gateway;
    }
    const html = await (await page(`/invoices/${p.invoiceIds[3]}`, buyer)).text();
    expect(html).toContain('name="intent" value="card"');
  });
});

describe("refunds by a platform admin", () => {
  const refund = (token: string, invoiceId: string, body: unknown, lang = "ja") =>
    api(token, `/api/v1/invoices/${invoiceId}/refunds`, { method: "POST", body, lang });

  it("refunds part with a reason, reversing the transfer; the invoice moves only when charge.refunded arrives", async () => {
    const id = p.invoiceIds[2]!; // paid by card above, payment intent pi_page_test
    const total = (await invoice(id)).total;
    const res = await refund(admin.token, id, { amount: "1,000", reason: "検収後の値引き" });
    expect(res.status).toBe(201);
    const done = (await res.json()) as { refundId: string; amount: number; attempt: number };
    expect(done).toMatchObject({ amount: 1000, attempt: 1 });
    const sent = stripeCalls("/v1/refunds").at(-1)!;
    expect(sent.form).toMatchObject({
      payment_intent: "pi_page_test",
      amount: "1000",
      reverse_transfer: "true",
      refund_application_fee: "true",
      "metadata[invoiceId]": id,
    });
    expect(sent.headers["idempotency-key"]).toBe(`kurabe-invoice-${id}-checkout-1-refund-1`);
    expect(await audits("invoice.card.refund", id)).toEqual([
      expect.objectContaining({
        actor_user_id: admin.user.id,
        after: expect.objectContaining({ amount: 1000, reason: "検収後の値引き", refundId: done.refundId }),
      }),
    ]);
    expect((await invoice(id)).status).toBe("paid");

    // Stripe's confirmation; the charge carries no metadata here, the recorded payment intent names the invoice.
    const confirmed = await deliver("charge.refunded", {
      id: "ch_1",
      object: "charge",
      amount: total,
      amount_refunded: 1000,
      currency: "jpy",
      payment_intent: "pi_page_test",
    });
    expect(confirmed.status).toBe(200);
    expect((await invoice(id)).status).toBe("partially_refunded");

    // Both sides see the card payment on the invoice; the vendor also sees the platform fee taken from it.
    const vendorHtml = await (await page(`/invoices/${id}`, await signIn(p.vendor.email))).text();
    expect(vendorHtml).toContain("カード決済の履歴");
    expect(vendorHtml).toContain(`プラットフォーム手数料 ${formatYen(Math.floor(total * 0.03), "ja")}`);
    expect(vendorHtml).toContain(`うち返金 ${formatYen(1000, "ja")}`);
    const buyerHtml = await (await page(`/invoices/${id}`, await signIn(p.buyer.email), "en")).text();
    expect(buyerHtml).toContain("Card payments");
    expect(buyerHtml).not.toContain("platform fee");
  });

  it("more than is left is refused at the amount field (ja/en); a second refund gets the next key; non-admins get 404", async () => {
    const id = p.invoiceIds[2]!;
    const total = (await invoice(id)).total;
    const ja = await refund(admin.token, id, { amount: total, reason: "全額返金" });
    expect(ja.status).toBe(400);
    expect(((await ja.json()) as Problem).errors).toEqual([{ path: "amount", message: "返金できる残額を超えています。" }]);
    const en = await refund(admin.token, id, { amount: 10, reason: "" }, "en");
    expect(((await en.json()) as Problem).errors).toEqual([{ path: "reason", message: "Enter the reason for the refund." }]);
    for (const token of [p.buyer.token, p.vendor.token]) expect((await refund(token, id, { reason: "x" })).status).toBe(404);
    expect((await refund(admin.token, p.invoiceIds[3]!, { reason: "x" })).status).toBe(409);

    const rest = await refund(admin.token, id, { reason: "契約解除" });
    expect(rest.status).toBe(201);
    expect(((await rest.json()) as { amount: number }).amount).toBe(total - 1000);
    expect(stripeCalls("/v1/refunds").at(-1)!.headers["idempotency-key"]).toBe(`kurabe-invoice-${id}-checkout-1-refund-2`);
    expect((await refund(admin.token, id, { reason: "もう一度" })).status).toBe(409);
  });

  it("the admin page refunds through the same service; anyone else gets not found", async () => {
    const cookies = await signIn(admin.email);
    const html = await (await page(`/admin/refunds?invoice=${p.invoiceIds[3]}`, cookies)).text();
    expect(html).toContain("カード決済の返金");
    // The card payments to choose from: the one paid above, with the parties and what was refunded.
    const paid = await h.db.selectFrom("invoices").select("number").where("id", "=", p.invoiceIds[2]!).executeTakeFirstOrThrow();
    expect(html).toContain(`/admin/refunds?invoice=${p.invoiceIds[2]}`);
    expect(html).toContain(paid.number);
    expect(html).toContain("カード購買株式会社 → カードサービス株式会社");
    const refused = await postForm(h, "/admin/refunds", { invoiceId: p.invoiceIds[3]!, amount: "", reason: "" }, cookies);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("返金理由を入力してください。");
    expect((await page("/admin/refunds", await signIn(p.buyer.email))).status).toBe(404);
  });
});

describe("payouts: Connect onboarding for a vendor owner", () => {
  it("creates the Express account once (idempotency key from the organisation) and sends the owner to the Account Link", async () => {
    const vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "新規受取株式会社" } });
    const cookies = await signIn(vendor.email);
    const html = await (await page("/settings/payouts", cookies, "en")).text();
    expect(html).toContain("Set up payouts with Stripe");
    expect(html).toContain("Not set up");
    const res = await postForm(h, "/settings/payouts", {}, cookies);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/\/onboarding\/acct_/);
    const created = stripeCalls("/v1/accounts").at(-1)!;
    expect(created.form).toMatchObject({ type: "express", country: "JP", "metadata[vendorOrgId]": vendor.org.id });
    expect(created.headers["idempotency-key"]).toBe(`kurabe-connect-${vendor.org.id}`);
    expect(stripeCalls("/v1/account_links").at(-1)!.form).toMatchObject({
      type: "account_onboarding",
      return_url: "http://localhost:3000/settings/payouts?link=returned",
      refresh_url: "http://localhost:3000/settings/payouts?link=expired",
    });
    const row = await h.db.selectFrom("stripe_accounts").selectAll().where("vendor_org_id", "=", vendor.org.id).executeTakeFirstOrThrow();
    expect(row.state).toBe("onboarding");
    expect(await audits("payouts.connect", vendor.org.id)).toHaveLength(1);

    // Continuing makes a new link for the same account, never a second account.
    const accounts = stripeCalls("/v1/accounts").length;
    expect((await postForm(h, "/settings/payouts", {}, cookies)).status).toBe(303);
    expect(stripeCalls("/v1/accounts").length).toBe(accounts);
    expect(stripeCalls("/v1/account_links").at(-1)!.form.account).toBe(row.account_id);

    // account.updated from Stripe enables it.
    const upd = await deliver("account.updated", {
      id: row.account_id,
      object: "account",
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
    });
    expect(upd.status).toBe(200);
    expect((await page("/settings/payouts", cookies)).status).toBe(200);
    expect(await (await page("/settings/payouts", cookies)).text()).toContain("カード決済を受け付けています");
  });

  it("a member who is not an owner reads the state but cannot start it (403); buyers have no such page", async () => {
    const member = await createUser(h.db, { orgId: p.vendor.org.id, role: "member" });
    const cookies = await signIn(member.email);
    const html = await (await page("/settings/payouts", cookies, "en")).text();
    expect(html).toContain("Taking card payments");
    expect(html).toContain("An owner of your organisation sets up payouts.");
    expect((await postForm(h, "/settings/payouts", {}, cookies)).status).toBe(403);
    expect((await page("/settings/payouts", await signIn(p.buyer.email))).status).toBe(404);
  });
});
