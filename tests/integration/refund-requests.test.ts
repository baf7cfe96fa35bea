import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookPayload, stripeGateway, type PaymentGateway } from "~/services/payments/stripe-gateway.server";
import { formatYen } from "~/utils/format";
import { createAccount, FACTORY_PASSWORD, type Account } from "../factories";
import { connectVendor, createInvoicedContract, type CardParties } from "../support/card-fixtures";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// The buyer's refund request on a card-paid invoice (issue 16 item 3, "Refunds (buyer request, admin action)";
// decision 0035), on real PostgreSQL through the API and the pages. The admin's refund that answers a request calls
// Stripe through the official `stripe` SDK pointed at the local test server that records it
// (tests/support/stripe-test-server.ts): the form-encoded body asserted below is what the SDK really sent.

const SECRET = "whsec_refund_requests_test_0123456789";
let server: StripeTestServer;
let gateway: PaymentGateway;
let h: Harness;
let p: CardParties;
let otherBuyer: Account;
let admin: Account;

type Problem = { title: string; detail?: string; errors?: { path: string; message: string }[] };
type RequestView = { id: string; status: string; amount: number | null; reason: string; note: string | null };
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const ask = (token: string, invoiceId: string, body: unknown, lang = "ja") =>
  api(token, `/api/v1/invoices/${invoiceId}/refund-requests`, { method: "POST", body, lang });
const requests = (invoiceId: string) => h.db.selectFrom("refund_requests").selectAll().where("invoice_id", "=", invoiceId).orderBy("created_at").execute();
const notices = (kind: string) => h.db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", kind).execute();
const audits = (action: string, entityId: string) =>
  h.db.selectFrom("audit_log").select(["actor_user_id", "after"]).where("action", "=", action).where("entity_id", "=", entityId).execute();
const buyerMembers = async () =>
  (await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", p.buyer.org.id).execute()).map((m) => m.user_id).sort();
const invoiceNumber = async (id: string) => (await h.db.selectFrom("invoices").select("number").where("id", "=", id).executeTakeFirstOrThrow()).number;

async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}
const page = (path: string, cookies: Cookies, lang = "ja") => h.request(path, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

/** The buyer pays the invoice by card: a Checkout Session through the API, then Stripe's signed confirmation. */
async function payByCard(invoiceId: string, paymentIntent: string) {
  const started = await api(p.buyer.token, `/api/v1/invoices/${invoiceId}/payment-sessions`, { method: "POST" });
  expect(started.status).toBe(201);
  const s = (await started.json()) as { sessionId: string; attempt: number; amount: number };
  const object = {
    id: s.sessionId,
    object: "checkout.session",
    amount_total: s.amount,
    currency: "jpy",
    payment_status: "paid",
    payment_intent: paymentIntent,
    metadata: { invoiceId, attempt: String(s.attempt) },
  };
  const payload = JSON.stringify({ id: `evt_${paymentIntent}`, object: "event", type: "checkout.session.completed", data: { object } });
  const res = await h.request("/webhooks/stripe", { method: "POST", body: payload, headers: { "Stripe-Signature": signWebhookPayload(payload, SECRET) } });
  expect(res.status).toBe(200);
  return s.amount;
}

beforeAll(async () => {
  server = await startStripeTestServer();
  gateway = stripeGateway({ secretKey: "sk_test_refund_requests", webhookSecret: SECRET, apiBase: server.apiBase });
  h = await createHarness({ payments: gateway, env: { PLATFORM_FEE_BASIS_POINTS: "300" } });
  p = await createInvoicedContract(h, { milestones: 2, label: "返金依頼" });
  await connectVendor(h, p.vendor.org.id);
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別テナント購買（返金）" });
  admin = await createAccount(h.db, { kind: "platform", org: "くらべ運営（返金）" });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe("the buyer asks for a refund", () => {
  it("is refused before any card payment (409, said clearly); the vendor, another tenant and an admin get 404", async () => {
    const id = p.invoiceIds[0]!;
    const early = await ask(p.buyer.token, id, { reason: "二重払い" });
    expect(early.status).toBe(409);
    expect(((await early.json()) as Problem).title).toBe("この請求書には返金できるカード決済がありません（返金はカードで支払われた請求書のみ依頼できます）。");
    for (const token of [p.vendor.token, otherBuyer.token, admin.token]) expect((await ask(token, id, { reason: "x" })).status).toBe(404);
    expect(await requests(id)).toEqual([]);
    // The page offers no form while there is nothing to refund.
    const html = await (await page(`/invoices/${id}`, await signIn(p.buyer.email))).text();
    expect(html).not.toContain('value="refundRequest"');
  });

  it("bad amount or reason → 400 at the field in ja and en, writing nothing; then a request notifies the admins and the vendor", async () => {
    const id = p.invoiceIds[0]!;
    const total = await payByCard(id, "pi_refreq_1");
    const noticesBefore = (await h.db.selectFrom("notifications").select("id").execute()).length;

    const ja = await ask(p.buyer.token, id, { amount: "12.5", reason: "" });
    expect(ja.status).toBe(400);
    expect(((await ja.json()) as Problem).errors).toEqual([
      { path: "amount", message: "返金額は1円以上の整数（円）で入力してください。" },
      { path: "reason", message: "返金理由を入力してください。" },
    ]);
    const en = await ask(p.buyer.token, id, { amount: total + 1, reason: "Charged twice" }, "en");
    expect(en.status).toBe(400);
    expect(((await en.json()) as Problem).errors).toEqual([{ path: "amount", message: "That is more than is left to refund." }]);
    expect(await requests(id)).toEqual([]);
    expect(await audits("invoice.refund.request", id)).toEqual([]);
    expect((await h.db.selectFrom("notifications").select("id").execute()).length).toBe(noticesBefore);

    const res = await ask(p.buyer.token, id, { amount: "３,０００", reason: "一部作業の取りやめ" });
    expect(res.status).toBe(201);
    const made = (await res.json()) as RequestView;
    expect(made).toMatchObject({ status: "open", amount: 3000, reason: "一部作業の取りやめ", note: null });
    expect(await audits("invoice.refund.request", id)).toEqual([
      { actor_user_id: p.buyer.user.id, after: expect.objectContaining({ requestId: made.id, amount: 3000, refundable: total, reason: "一部作業の取りやめ" }) },
    ]);
    const told = await notices("invoice.refundRequest.opened");
    const number = await invoiceNumber(id);
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([admin.user.id, p.vendor.user.id]));
    for (const member of await buyerMembers()) expect(told.map((n) => n.user_id)).not.toContain(member);
    for (const n of told) expect(n.payload).toEqual({ invoiceId: id, title: number });
    // The admin reads it in their notices, in words, linked to the invoice.
    const adminNotices = await (await page("/notifications", await signIn(admin.email))).text();
    expect(adminNotices).toContain(`請求書 ${number} について返金の依頼がありました`);
    // …on the admin's invoice page (an admin is no party to the invoice, so /invoices/:id would be 404 to them).
    expect(adminNotices).toContain(`href="/admin/invoices/${id}"`);

    // A second open request on the same invoice is refused, even for another amount.
    const again = await ask(p.buyer.token, id, { reason: "もう一度" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).title).toBe("この請求書にはすでに返金の依頼があります。運営の判断をお待ちください。");
    expect(await requests(id)).toHaveLength(1);

    // The buyer's page shows the request as open, and no second form.
    const html = await (await page(`/invoices/${id}`, await signIn(p.buyer.email))).text();
    expect(html).toContain(`を依頼：依頼中`);
    expect(html).not.toContain('value="refundRequest"');
    // The vendor, whose transfer a refund would reverse, reads the request on the page its notice leads to; no form.
    const vendorHtml = await (await page(`/invoices/${id}`, await signIn(p.vendor.email))).text();
    expect(vendorHtml).toContain(`${formatYen(3000, "ja")} を依頼：依頼中`);
    expect(vendorHtml).not.toContain('value="refundRequest"');
  });

  it("the page form asks too, with field errors in the reader's language", async () => {
    const id = p.invoiceIds[1]!;
    await payByCard(id, "pi_refreq_2");
    const buyer = await signIn(p.buyer.email);
    const html = await (await page(`/invoices/${id}`, buyer)).text();
    expect(html).toContain("返金を依頼する");
    expect(html).toContain('value="refundRequest"');
    const refused = await postForm(h, `/invoices/${id}`, { intent: "refundRequest", amount: "-5", reason: "" }, buyer, { "Accept-Language": "en" });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("Enter the refund as whole yen, at least 1.");
    expect(text).toContain("Enter the reason for the refund.");
    expect(await requests(id)).toEqual([]);
    const sent = await postForm(h, `/invoices/${id}`, { intent: "refundRequest", amount: "", reason: "契約解除" }, buyer);
    expect(sent.status).toBe(302);
    expect(await requests(id)).toEqual([expect.objectContaining({ status: "open", amount: null, reason: "契約解除" })]);
  });
});

describe("the platform admin answers", () => {
  it("lists open requests with a link that fills the refund form; refunding closes the request through Stripe and tells the buyer", async () => {
    const id = p.invoiceIds[0]!;
    const cookies = await signIn(admin.email);
    const list = await (await page("/admin/refunds", cookies)).text();
    expect(list).toContain("買い手からの返金依頼");
    expect(list).toContain(await invoiceNumber(id));
    expect(list).toContain("一部作業の取りやめ");
    expect(list).toContain(formatYen(3000, "ja"));
    expect(list).toContain(`/admin/refunds?invoice=${id}`);
    const filled = await (await page(`/admin/refunds?invoice=${id}`, cookies)).text();
    expect(filled).toMatch(new RegExp(`name="invoiceId" id="invoiceId" value="${id}"`));
    expect(filled).toMatch(/name="amount" id="amount" value="3000"/);

    const done = await postForm(h, "/admin/refunds", { invoiceId: id, amount: "3000", reason: "一部作業の取りやめ" }, cookies);
    expect(done.status).toBe(302);
    // Through the SDK to the local test server: the refund reverses the transfer and the fee.
    const sent = server.requests.filter((r) => r.path === "/v1/refunds").at(-1)!;
    expect(sent.form).toMatchObject({ payment_intent: "pi_refreq_1", amount: "3000", reverse_transfer: "true", refund_application_fee: "true" });
    const [closed] = await requests(id);
    expect(closed).toMatchObject({ status: "refunded", decided_by: admin.user.id, decision_note: null });
    expect(await audits("invoice.refund.request.refunded", id)).toEqual([
      { actor_user_id: admin.user.id, after: expect.objectContaining({ requestId: closed!.id, status: "refunded", amount: 3000 }) },
    ]);
    expect((await notices("invoice.refundRequest.refunded")).map((n) => n.user_id).sort()).toEqual(await buyerMembers());
    expect(await (await page("/admin/refunds", cookies)).text()).not.toContain("一部作業の取りやめ");

    const buyerHtml = await (await page(`/invoices/${id}`, await signIn(p.buyer.email), "en")).text();
    expect(buyerHtml).toContain(`for ${formatYen(3000, "en")}: Refunded`);
    // Money is still left on the payment, so the buyer may ask again.
    expect(buyerHtml).toContain('value="refundRequest"');

    // Asking again at the same moment from several tabs: the one-open-request index lets exactly one through.
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => ask(p.buyer.token, id, { amount: 100 + i, reason: "同時の依頼" })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect((await requests(id)).filter((r) => r.status === "open")).toHaveLength(1);
    expect(await audits("invoice.refund.request", id)).toHaveLength(2);
  });

  it("declines with a note (required, ja/en); the buyer is told and reads the note; anyone else gets not found", async () => {
    const id = p.invoiceIds[1]!;
    const [open] = await requests(id);
    const cookies = await signIn(admin.email);
    const empty = await postForm(h, "/admin/refunds", { intent: "decline", requestId: open!.id, note: " " }, cookies);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("見送る理由を入力してください。");
    const emptyEn = await postForm(h, "/admin/refunds", { intent: "decline", requestId: open!.id, note: "" }, cookies, { "Accept-Language": "en" });
    expect(await emptyEn.text()).toContain("Enter why the request is declined.");
    expect((await requests(id))[0]!.status).toBe("open");

    const vendor = await signIn(p.vendor.email);
    expect((await postForm(h, "/admin/refunds", { intent: "decline", requestId: open!.id, note: "x" }, vendor)).status).toBe(404);

    const res = await postForm(h, "/admin/refunds", { intent: "decline", requestId: open!.id, note: "契約上、着手後の解除は返金対象外です" }, cookies);
    expect(res.status).toBe(302);
    expect((await requests(id))[0]).toMatchObject({ status: "declined", decided_by: admin.user.id, decision_note: "契約上、着手後の解除は返金対象外です" });
    expect(await audits("invoice.refund.request.decline", id)).toEqual([
      { actor_user_id: admin.user.id, after: expect.objectContaining({ status: "declined", note: "契約上、着手後の解除は返金対象外です" }) },
    ]);
    const told = (await notices("invoice.refundRequest.declined")).filter((n) => (n.payload as { invoiceId: string }).invoiceId === id);
    expect(told.map((n) => n.user_id).sort()).toEqual(await buyerMembers());
    // No Stripe call for a decline.
    expect(server.requests.filter((r) => r.path === "/v1/refunds" && r.form.payment_intent === "pi_refreq_2")).toEqual([]);
    // Deciding twice is refused.
    expect((await postForm(h, "/admin/refunds", { intent: "decline", requestId: open!.id, note: "再度" }, cookies)).status).toBe(409);

    const ja = await (await page(`/invoices/${id}`, await signIn(p.buyer.email))).text();
    expect(ja).toContain("残額の全額 を依頼：見送り");
    expect(ja).toContain("運営からの連絡：契約上、着手後の解除は返金対象外です");
    const en = await (await page(`/invoices/${id}`, await signIn(p.buyer.email), "en")).text();
    expect(en).toContain("for all that is left: Declined");
    expect(en).toContain("From the platform: 契約上、着手後の解除は返金対象外です");
  });
});
