import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/permissions";
import { activateContract, createContract, saveMilestones } from "~/services/contracts.server";
import { acceptMilestone, adminReadInvoice, issueMilestoneInvoice, recordReceiptAsAdmin, saveInvoiceSettings } from "~/services/invoices.server";
import { formatYen } from "~/utils/format";
import { actorFor, createAccount, createAcceptedAward, mustSucceed, type Account } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";
import { deliverMilestone } from "./support/deliveries";

// A platform admin records a receipt (issue 16 item 2: "the buyer (or a platform admin) records a receipt") through
// /admin/invoices and /admin/invoices/:id on the built app: every organisation's invoices with number, parties, total,
// status and balance; bad input at its field in ja and en writing nothing; the receipt audited with the admin as
// actor; anyone else 403. Then the overpayment the admin recorded is set against the vendor's next invoice to the
// same buyer, and both invoice pages say so with the other invoice's number.

const REG = "T7000012050002";
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ジユチユウサービス（カ" };
const TODAY = "2027-01-06";

let h: Harness;
let admin: Account;
let buyer: Account;
let vendor: Account;
let buyerActor: Actor;
let vendorActor: Actor;
let contractId: string;
let first: { invoiceId: string; number: string };
let total: number;
const adminCookies = new Cookies();
const buyerCookies = new Cookies();

const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const count = async (table: "invoice_receipts" | "invoice_credits") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  h = await createHarness();
  admin = await createAccount(h.db, { kind: "platform", org: "Kurabe 運営" });
  buyer = await createAccount(h.db, { kind: "buyer", org: "入金確認商事株式会社" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "充当サービス株式会社" } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: REG }).where("id", "=", vendor.org.id).execute();
  const award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  buyerActor = await actorFor(h.db, buyer.email);
  vendorActor = await actorFor(h.db, vendor.email);
  mustSucceed(await saveInvoiceSettings(h.ctx, vendorActor, { bankAccount: BANK }), "bank account");
  ({ contractId } = mustSucceed(await createContract(h.ctx, buyerActor, award.rfqId), "contract"));
  const milestones = Array.from({ length: 2 }, (_, i) => ({
    name: `第${i + 1}回`,
    dueDate: "2027-03-31",
    acceptance: "完了報告書の承認",
    paymentDueDays: 60,
    percent: 50,
  }));
  mustSucceed(await saveMilestones(h.ctx, buyerActor, contractId, { basis: "percent", milestones }), "milestones");
  mustSucceed(await activateContract(h.ctx, buyerActor, contractId), "activate");
  h.clock.set(`${TODAY}T10:00:00+09:00`);
  await deliverMilestone(h.ctx, vendorActor, contractId, 0);
  mustSucceed(await acceptMilestone(h.ctx, buyerActor, contractId, 0, {}), "accept 1");
  first = mustSucceed(await issueMilestoneInvoice(h.ctx, vendorActor, contractId, 0, {}), "issue 1");
  total = Number((await h.db.selectFrom("invoices").select("total").where("id", "=", first.invoiceId).executeTakeFirstOrThrow()).total);
  for (const [who, cookies] of [
    [admin, adminCookies],
    [buyer, buyerCookies],
  ] as const) {
    const login = await postForm(h, "/login", { email: who.email, password: who.password }, cookies);
    expect(login.status).toBe(302);
  }
});
afterAll(() => h?.close());

describe("the admin's invoice pages", () => {
  it("list every organisation's invoices with number, vendor, buyer, total, status and balance", async () => {
    const res = await h.request("/admin/invoices", { cookies: adminCookies });
    expect(res.status).toBe(200);
    const html = await text(res);
    for (const word of [first.number, "充当サービス株式会社", "入金確認商事株式会社", formatYen(total, "ja"), "未入金"]) expect(html).toContain(word);
    expect(html).toContain(`/admin/invoices/${first.invoiceId}`);
  });

  it("are refused to the buyer (403) and the service refuses non-admins", async () => {
    expect((await h.request("/admin/invoices", { cookies: buyerCookies })).status).toBe(403);
    expect((await h.request(`/admin/invoices/${first.invoiceId}`, { cookies: buyerCookies })).status).toBe(403);
    expect(await recordReceiptAsAdmin(h.ctx, buyerActor, first.invoiceId, { amount: 1, receivedOn: TODAY })).toMatchObject({ ok: false, status: 403 });
    expect(await adminReadInvoice(h.ctx, vendorActor, first.invoiceId)).toMatchObject({ ok: false, status: 403 });
    expect(await count("invoice_receipts")).toBe(0);
  });

  it("refuse an amount of 0 and a future date at their fields in ja and en, writing nothing", async () => {
    const path = `/admin/invoices/${first.invoiceId}`;
    const ja = await postForm(h, path, { amount: "0", receivedOn: "2027-01-07" }, adminCookies);
    expect(ja.status).toBe(400);
    const jaHtml = await text(ja);
    expect(jaHtml).toContain("入金額は1円以上の整数（円）で入力してください。");
    const future = await postForm(h, path, { amount: "1000", receivedOn: "2027-01-07" }, adminCookies);
    expect(future.status).toBe(400);
    expect(await text(future)).toContain("入金日に未来の日付は指定できません。");
    const en = await postForm(h, path, { amount: "abc", receivedOn: "2027-01-07" }, adminCookies, { "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await text(en)).toContain("Enter the amount received as whole yen, at least 1.");
    expect(await count("invoice_receipts")).toBe(0);
  });

  it("through the API too: the admin's token reaches the same rules; the vendor's gets 404", async () => {
    const path = `/api/v1/invoices/${first.invoiceId}/receipts`;
    const bad = await apiRequest(h, admin.token, path, { method: "POST", body: { amount: 0, receivedOn: TODAY }, lang: "en" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Enter the amount received as whole yen, at least 1.");
    expect((await apiRequest(h, vendor.token, path, { method: "POST", body: { amount: 1000, receivedOn: TODAY } })).status).toBe(404);
    expect(await count("invoice_receipts")).toBe(0);
  });

  it("record an overpayment on the buyer's behalf, audited with the admin as actor", async () => {
    const res = await postForm(h, `/admin/invoices/${first.invoiceId}`, { amount: String(total + 5000), receivedOn: TODAY }, adminCookies);
    expect(res.status).toBe(302);
    const receipt = await h.db.selectFrom("invoice_receipts").selectAll().executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ invoice_id: first.invoiceId, received_on: TODAY, source: "bank", recorded_by: admin.user.id });
    expect(Number(receipt.amount)).toBe(total + 5000);
    const audit = await h.db.selectFrom("audit_log").selectAll().where("action", "=", "invoice.receipt.admin").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: admin.user.id, actor_org_id: admin.org.id, entity_type: "invoice", entity_id: first.invoiceId });
    expect(audit.after).toMatchObject({ amount: total + 5000, status: "paid", balance: 0, creditAdded: 5000, onBehalfOfOrgId: buyer.org.id });
    // The receipt is a 取引書類 of both parties, indexed like the buyer's own.
    const queued = await h.db.selectFrom("outbox").select("entity_id").where("topic", "=", "transaction_record").execute();
    expect(queued.map((r) => r.entity_id)).toContain(`receipt:${receipt.id}`);
    // The audit log names the action in words and links the invoice to the admin's invoice page.
    const log = await text(await h.request("/admin?action=invoice.receipt.admin", { cookies: adminCookies }));
    expect(log).toContain("入金の記録（管理者）");
    expect(log).toContain(`href="/admin/invoices/${first.invoiceId}"`);
    const page = await text(await h.request(`/admin/invoices/${first.invoiceId}`, { cookies: adminCookies }));
    expect(page).toContain("入金済");
    // Before the next invoice exists the buyer's page says where the money will go.
    const buyerPage = await text(await h.request(`/invoices/${first.invoiceId}`, { cookies: buyerCookies }));
    expect(buyerPage).toContain(`過入金 ${formatYen(5000, "ja")} は、次回の請求書に充当されます（未充当）。`);
  });

  it("the overpayment is set against the vendor's next invoice, and both invoice pages name the other invoice", async () => {
    await deliverMilestone(h.ctx, vendorActor, contractId, 1);
    mustSucceed(await acceptMilestone(h.ctx, buyerActor, contractId, 1, {}), "accept 2");
    const second = mustSucceed(await issueMilestoneInvoice(h.ctx, vendorActor, contractId, 1, {}), "issue 2");
    expect(await count("invoice_credits")).toBe(1);
    const next = await text(await h.request(`/invoices/${second.invoiceId}`, { cookies: buyerCookies }));
    expect(next).toContain(`請求書 ${first.number} の過入金 ${formatYen(5000, "ja")} を充当済み`);
    const before = await text(await h.request(`/invoices/${first.invoiceId}`, { cookies: buyerCookies }));
    expect(before).toContain(`過入金 ${formatYen(5000, "ja")} を次回の請求書 ${second.number} に充当済み`);
    const en = await text(await h.request(`/invoices/${second.invoiceId}`, { cookies: buyerCookies, headers: { "Accept-Language": "en" } }));
    expect(en).toContain(`Credit of ${formatYen(5000, "en")} applied from invoice ${first.number}`);
    // The balance of the next invoice is its total less the credit.
    const secondTotal = Number((await h.db.selectFrom("invoices").select("total").where("id", "=", second.invoiceId).executeTakeFirstOrThrow()).total);
    expect(next).toContain(formatYen(secondTotal - 5000, "ja"));
  });
});
