import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceDueDate } from "~/domain/invoices/due-date";
import { formatYen } from "~/utils/format";
import { createAccount, createAcceptedAward, type AcceptedAward, type Account } from "../factories";
import { pdfPages } from "../support/pdf-text";
import { FACTORY_PASSWORD } from "../factories/accounts";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// Issue 16 foundation (decision 0034) on real PostgreSQL through the API: 検収 of a milestone of an active contract;
// the vendor's qualified invoice for an accepted milestone only (tax once per rate with the vendor's rounding, the
// registration number as of the invoice date, the due date from the legal rule, the bank account); numbers without
// gaps under 10 parallel issues; no edit path (no API, and a direct UPDATE/DELETE refused by the trigger); the
// correction cancels the original, the credit note reduces it; partial payment then the rest → paid; overpayment →
// a credit set against the next invoice; another tenant 404; bad input field by field in ja and en writing nothing.

const REG = "T7000012050002";
const TODAY = "2026-12-21";
const YESTERDAY = "2026-12-20";
const TOMORROW = "2026-12-22";
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ジユチユウサービス（カ" };

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let award: AcceptedAward;
let contractId: string;

type Problem = { title: string; errors?: { path: string; message: string }[] };
type Invoice = {
  id: string;
  number: string;
  kind: string;
  status: string;
  total: number;
  subtotal: number;
  tax: number;
  balance: number;
  credit: number;
  received: number;
  dueDate: string | null;
  byRate: { rate: number; subtotal: number; tax: number }[];
  registration: { number: string; asOf: string; source: string };
  bankAccount: typeof BANK | null;
  cancelledBy: string | null;
  referencesInvoiceId: string | null;
  receipts: { amount: number; source: string }[];
};
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const audits = (action: string) => h.db.selectFrom("audit_log").select(["entity_id", "after"]).where("action", "=", action).execute();
const count = async (table: "invoices" | "invoice_receipts" | "milestone_acceptances" | "invoice_counters" | "invoice_credits") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const accept = (token: string, index: number, body: unknown = {}, lang = "ja") =>
  api(token, `/api/v1/contracts/${contractId}/milestones/${index}/acceptance`, { method: "POST", body, lang });
const issue = (token: string, index: number, body: unknown = {}, lang = "ja") =>
  api(token, `/api/v1/contracts/${contractId}/milestones/${index}/invoice`, { method: "POST", body, lang });
const read = async (token: string, id: string) => (await (await api(token, `/api/v1/invoices/${id}`)).json()) as Invoice;
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "請求商事株式会社" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント工業" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "受注サービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "他社ベンダー株式会社" } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: REG }).where("id", "=", vendor.org.id).execute();
  award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  const created = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
  expect(created.status).toBe(201);
  contractId = ((await created.json()) as { id: string }).id;
  // Twelve milestones: 11 × 8 % and one of 12 % (13,585,000 yen in all, tax included).
  const milestones = Array.from({ length: 12 }, (_, i) => ({
    name: `第${i + 1}回`,
    dueDate: "2027-03-31",
    acceptance: "完了報告書の承認",
    paymentDueDays: 60,
    percent: i === 11 ? 12 : 8,
  }));
  expect((await api(buyer.token, `/api/v1/contracts/${contractId}/milestones`, { method: "PUT", body: { basis: "percent", milestones } })).status).toBe(200);
  // A fixed "today" after the award's steps moved the clock.
  expect(h.clock.now() < new Date(`${TODAY}T00:00:00+09:00`)).toBe(true);
  h.clock.set(`${TODAY}T10:00:00+09:00`);
});
afterAll(() => h?.close());

describe("検収 (acceptance)", () => {
  it("waits for activation; the vendor and other tenants get 404", async () => {
    expect((await accept(buyer.token, 0)).status).toBe(409);
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(200);
    for (const token of [vendor.token, other.token, otherVendor.token]) expect((await accept(token, 0)).status).toBe(404);
    expect((await accept(buyer.token, 12)).status).toBe(404);
    expect(await count("milestone_acceptances")).toBe(0);
  });

  it("refuses a date in the future field by field in ja and en, writing nothing", async () => {
    const ja = await accept(buyer.token, 0, { acceptedOn: "2099-01-01" });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([{ path: "acceptedOn", message: "検収日を YYYY-MM-DD の形式で、今日以前の日付で入力してください。" }]);
    const en = await accept(buyer.token, 0, { acceptedOn: "31/12/2026" }, "en");
    expect(await errorsOf(en)).toEqual([{ path: "acceptedOn", message: "Enter the acceptance date as YYYY-MM-DD, today or earlier." }]);
    expect(await count("milestone_acceptances")).toBe(0);
  });

  it("refuses 検収 of a milestone nobody has delivered", async () => {
    const res = await accept(buyer.token, 0);
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).title).toBe("検収待ちの納品がありません。受注者の納品後に検収できます（納品・検収タブ）。");
    expect(await count("milestone_acceptances")).toBe(0);
  });

  it("records who accepted and when, audited; a second acceptance is refused", async () => {
    // 検収 accepts the vendor's delivery awaiting inspection (decision 0039): every milestone is delivered yesterday.
    h.clock.set(`${YESTERDAY}T10:00:00+09:00`);
    const delivered: string[] = [];
    for (let i = 0; i < 12; i++) {
      const d = await api(vendor.token, `/api/v1/contracts/${contractId}/deliveries`, {
        method: "POST",
        body: { milestoneIndex: i, note: `第${i + 1}回の成果物` },
      });
      expect(d.status).toBe(201);
      delivered.push(((await d.json()) as { id: string }).id);
    }
    h.clock.set(`${TODAY}T10:00:00+09:00`);
    const res = await accept(buyer.token, 0, { acceptedOn: YESTERDAY });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ milestoneIndex: 0, acceptedOn: YESTERDAY });
    expect((await accept(buyer.token, 0)).status).toBe(409);
    const row = await h.db.selectFrom("milestone_acceptances").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contract_id: contractId, contract_version: 1, milestone_index: 0, accepted_at: YESTERDAY, accepted_by: buyer.user.id });
    expect(await audits("milestone.accept")).toEqual([
      { entity_id: contractId, after: { milestoneIndex: 0, contractVersion: 1, acceptedOn: YESTERDAY, deliveryId: delivered[0], round: 1, deemed: false } },
    ]);
  });
});

describe("the vendor's settings", () => {
  it("refuses a bad bank account and rounding field by field in ja and en, writing nothing", async () => {
    const body = { rounding: "bankers", bankAccount: { ...BANK, type: "貯蓄", number: "12-34", holderKana: "jyuchu" } };
    const ja = await api(vendor.token, "/api/v1/invoice-settings", { method: "PUT", body });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([
      { path: "rounding", message: "端数処理は切り捨て・切り上げ・四捨五入から選んでください。" },
      { path: "bankAccount.type", message: "口座種別は普通または当座を選んでください。" },
      { path: "bankAccount.number", message: "口座番号は7桁の数字で入力してください。" },
      { path: "bankAccount.holderKana", message: "口座名義は全角カタカナで入力してください（100文字以内）。" },
    ]);
    const en = await api(vendor.token, "/api/v1/invoice-settings", { method: "PUT", body, lang: "en" });
    expect((await errorsOf(en)).map((e) => e.message)[2]).toBe("Enter the account number as 7 digits.");
    const s = await h.db
      .selectFrom("organizations")
      .innerJoin("vendor_profiles", "org_id", "id")
      .select(["invoice_tax_rounding", "bank_account"])
      .where("id", "=", vendor.org.id)
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ invoice_tax_rounding: "floor", bank_account: null });
    expect(await audits("invoice.settings")).toEqual([]);
  });

  it("an invoice needs the bank account first", async () => {
    const res = await issue(vendor.token, 0, {}, "en");
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).title).toBe("Add your bank account before issuing invoices.");
    expect(await count("invoices")).toBe(0);
  });

  it("saves the bank account (floor rounding by default), audited; buyers get 404", async () => {
    const res = await api(vendor.token, "/api/v1/invoice-settings", { method: "PUT", body: { bankAccount: BANK } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rounding: "floor", bankAccount: BANK, registrationNumber: REG });
    expect(await audits("invoice.settings")).toHaveLength(1);
    expect((await api(buyer.token, "/api/v1/invoice-settings", { method: "PUT", body: { rounding: "ceil" } })).status).toBe(404);
  });
});

let first: Invoice;

describe("issuing the invoice of an accepted milestone", () => {
  it("only for an accepted milestone, only by the contract's vendor", async () => {
    expect((await issue(vendor.token, 1)).status).toBe(409);
    for (const token of [buyer.token, otherVendor.token, other.token]) expect((await issue(token, 0)).status).toBe(404);
    expect(await count("invoices")).toBe(0);
    expect(await count("invoice_counters")).toBe(0);
  });

  it("refuses bad lines field by field in ja and en, writing nothing and taking no number", async () => {
    const body = { invoiceDate: "2026-11-40", lines: [{ description: "", quantity: 0, unitPrice: -1, taxRate: 5 }] };
    const ja = await issue(vendor.token, 0, body);
    expect(ja.status).toBe(400);
    expect((await errorsOf(ja)).map((e) => e.path)).toEqual(["invoiceDate", "lines.0.description", "lines.0.quantity", "lines.0.unitPrice", "lines.0.taxRate"]);
    const en = await issue(vendor.token, 0, body, "en");
    expect((await errorsOf(en))[0]!.message).toBe("Enter the invoice date as YYYY-MM-DD.");
    expect(await count("invoices")).toBe(0);
  });

  it("the default: the milestone's amount at 10 %, tax once, the number, registration, due date and bank account", async () => {
    const res = await issue(vendor.token, 0);
    expect(res.status).toBe(201);
    first = (await res.json()) as Invoice;
    // 8 % of 13,585,000 = 1,086,800 tax included → 988,000 at 10 % + 98,800 tax.
    expect(first).toMatchObject({
      kind: "invoice",
      number: "INV-000001",
      status: "issued",
      subtotal: 988_000,
      tax: 98_800,
      total: 1_086_800,
      balance: 1_086_800,
      byRate: [{ rate: 10, subtotal: 988_000, tax: 98_800 }],
      registration: { number: REG, asOf: TODAY, source: "format valid, not checked against the registry" },
      bankAccount: BANK,
    });
    expect(first.dueDate).toBe(invoiceDueDate({ buyerKind: "company", paymentDueDays: 60, invoiceReceivedOn: TODAY, workReceivedOn: YESTERDAY }));
    expect(await audits("invoice.issue")).toEqual([expect.objectContaining({ entity_id: first.id })]);
    // One per milestone: a second is refused (a correction replaces it).
    expect((await issue(vendor.token, 0)).status).toBe(409);
  });

  it("the buyer reads it; other tenants get 404 (API and PDF) and their lists are empty", async () => {
    expect((await read(buyer.token, first.id)).total).toBe(1_086_800);
    for (const token of [other.token, otherVendor.token]) {
      expect((await api(token, `/api/v1/invoices/${first.id}`)).status).toBe(404);
      expect((await api(token, `/api/v1/invoices/${first.id}/pdf`)).status).toBe(404);
      expect(((await (await api(token, "/api/v1/invoices")).json()) as { invoices: unknown[] }).invoices).toEqual([]);
    }
    const mine = (await (await api(buyer.token, "/api/v1/invoices")).json()) as { invoices: Invoice[] };
    expect(mine.invoices.map((i) => i.number)).toEqual(["INV-000001"]);
  });

  it("the PDF is stored once with its SHA-256; read back: registration number, tax per rate, due date, bank account", async () => {
    const a = await api(buyer.token, `/api/v1/invoices/${first.id}/pdf`);
    expect(a.status).toBe(200);
    expect(a.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await a.arrayBuffer());
    const text = (await pdfPages(bytes)).join("\n");
    expect(text).toContain("適格請求書");
    expect(text).toContain(`登録番号 ${REG}`);
    expect(text).toContain("消費税（10%）");
    expect(text).toContain(formatYen(98_800, "ja"));
    expect(text).toContain(formatYen(1_086_800, "ja"));
    expect(text).toContain("請求商事株式会社 御中");
    expect(text).toContain("1234567");
    // The registration check in the reader's words, never the stored code.
    expect(text.replace(/\s+/g, "")).toContain("形式とチェックディジットを確認済み（国税庁の公表サイトとは未照合）");
    const b = await api(vendor.token, `/api/v1/invoices/${first.id}/pdf`);
    expect(b.headers.get("X-Content-SHA256")).toBe(a.headers.get("X-Content-SHA256"));
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(bytes);
    const stored = await h.db.selectFrom("documents").select(["kind", "subject_id", "sha256"]).where("kind", "=", "invoice").execute();
    expect(stored).toEqual([{ kind: "invoice", subject_id: first.id, sha256: a.headers.get("X-Content-SHA256") }]);
    const en = (await pdfPages(new Uint8Array(await (await api(vendor.token, `/api/v1/invoices/${first.id}/pdf?lang=en`)).arrayBuffer()))).join("\n");
    expect(en).toContain(`Registration no. ${REG}`);
    expect(en).toContain("Consumption tax (10%)");
    expect(en.replace(/\s+/g, " ")).toContain("not checked against the National Tax Agency");
  });
});

describe("never edited", () => {
  it("the API has no edit path", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) expect((await api(vendor.token, `/api/v1/invoices/${first.id}`, { method })).status).toBe(405);
  });

  it("a direct UPDATE of the content or a DELETE is refused by the trigger; the payment state may move", async () => {
    await expect(h.db.updateTable("invoices").set({ number: "INV-999999" }).where("id", "=", first.id).execute()).rejects.toThrow(/never edited/);
    await expect(
      h.db
        .updateTable("invoices")
        .set({ document: JSON.stringify({ total: 1 }) } as never)
        .where("id", "=", first.id)
        .execute(),
    ).rejects.toThrow(/never edited/);
    await expect(h.db.deleteFrom("invoices").where("id", "=", first.id).execute()).rejects.toThrow(/never deleted/);
    expect((await read(vendor.token, first.id)).total).toBe(1_086_800);
  });
});

describe("numbers without gaps", () => {
  it("10 parallel issues on 10 accepted milestones take 10 consecutive numbers", async () => {
    for (let i = 2; i <= 11; i++) expect((await accept(buyer.token, i)).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 10 }, (_, k) => issue(vendor.token, k + 2)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const numbers = (await Promise.all(results.map(async (r) => ((await r.json()) as Invoice).number))).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, k) => `INV-${String(k + 2).padStart(6, "0")}`));
    const counter = await h.db.selectFrom("invoice_counters").select("last_sequence").where("vendor_org_id", "=", vendor.org.id).executeTakeFirstOrThrow();
    expect(counter.last_sequence).toBe(11);
  });
});

let corrected: Invoice;

describe("correction and credit note", () => {
  it("with 切り上げ the tax is rounded once per rate, not line by line", async () => {
    expect((await api(vendor.token, "/api/v1/invoice-settings", { method: "PUT", body: { rounding: "ceil" } })).status).toBe(200);
    expect((await accept(buyer.token, 1)).status).toBe(201);
    // Three lines of 1,001 yen at 10 %: per line ceil(100.1) × 3 = 303; once per rate ceil(300.3) = 301.
    const lines = [1, 2, 3].map((n) => ({ description: `作業${n}`, quantity: 1, unitPrice: 1001, taxRate: 10 }));
    const res = await issue(vendor.token, 1, { lines });
    expect(res.status).toBe(201);
    const inv = (await res.json()) as Invoice;
    expect(inv.byRate).toEqual([{ rate: 10, subtotal: 3003, tax: 301 }]);
    expect(inv.total).toBe(3304);
    expect(inv.number).toBe("INV-000012");
  });

  it("a correction references and cancels the original; bad input is refused field by field, taking no number", async () => {
    const bad = await api(vendor.token, `/api/v1/invoices/${first.id}/corrections`, { method: "POST", body: { lines: [], reason: "" }, lang: "en" });
    expect(bad.status).toBe(400);
    expect(await errorsOf(bad)).toEqual([
      { path: "lines", message: "Add at least one line." },
      { path: "reason", message: "Enter the reason for the correction or credit." },
    ]);
    expect((await api(buyer.token, `/api/v1/invoices/${first.id}/corrections`, { method: "POST", body: {} })).status).toBe(404);
    const before = await count("invoices");
    const res = await api(vendor.token, `/api/v1/invoices/${first.id}/corrections`, {
      method: "POST",
      body: { reason: "単価の誤り", lines: [{ description: "第1回", quantity: 1, unitPrice: 900_000, taxRate: 10 }] },
    });
    expect(res.status).toBe(201);
    corrected = (await res.json()) as Invoice;
    expect(corrected).toMatchObject({ kind: "correction", number: "INV-000013", total: 990_000, referencesInvoiceId: first.id, status: "issued" });
    expect(await count("invoices")).toBe(before + 1);
    const original = await read(vendor.token, first.id);
    expect(original).toMatchObject({ status: "cancelled", cancelledBy: corrected.id, total: 1_086_800, balance: 0 });
    expect(
      (
        await api(vendor.token, `/api/v1/invoices/${first.id}/corrections`, {
          method: "POST",
          body: { reason: "x", lines: [{ description: "x", quantity: 1, unitPrice: 1, taxRate: 10 }] },
        })
      ).status,
    ).toBe(409);
    expect((await issue(vendor.token, 0)).status).toBe(409);
    expect(await audits("invoice.correct")).toEqual([expect.objectContaining({ entity_id: corrected.id })]);
    const text = (await pdfPages(new Uint8Array(await (await api(buyer.token, `/api/v1/invoices/${corrected.id}/pdf`)).arrayBuffer()))).join("\n");
    // Every download is on record (電子帳簿保存法): who read which stored file, with its SHA-256.
    const stored = await h.db.selectFrom("documents").select(["id", "sha256"]).where("subject_id", "=", corrected.id).executeTakeFirstOrThrow();
    const downloads = await h.db.selectFrom("audit_log").selectAll().where("action", "=", "document.download").where("entity_id", "=", stored.id).execute();
    expect(downloads).toEqual([expect.objectContaining({ actor_user_id: buyer.user.id, after: expect.objectContaining({ sha256: stored.sha256 }) })]);
    expect(text).toContain("本書は請求書 INV-000001 を取り消し、訂正するものです。");
  });

  it("a credit note: negative per rate, reduces the balance; one above the original is refused", async () => {
    const tooMuch = await api(vendor.token, `/api/v1/invoices/${corrected.id}/credit-notes`, {
      method: "POST",
      body: { reason: "値引き", lines: [{ description: "値引き", quantity: 1, unitPrice: 2_000_000, taxRate: 10 }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(await errorsOf(tooMuch)).toEqual([{ path: "lines.0.taxRate", message: "返還額が元の請求書の同じ税率の金額を超えています。" }]);
    const res = await api(vendor.token, `/api/v1/invoices/${corrected.id}/credit-notes`, {
      method: "POST",
      body: { reason: "値引き", lines: [{ description: "値引き", quantity: 1, unitPrice: 100_000, taxRate: 10 }] },
    });
    expect(res.status).toBe(201);
    const note = (await res.json()) as Invoice;
    expect(note).toMatchObject({
      kind: "credit_note",
      number: "INV-000014",
      total: -110_000,
      byRate: [{ rate: 10, subtotal: -100_000, tax: -10_000 }],
      dueDate: null,
    });
    expect((await read(buyer.token, corrected.id)).balance).toBe(880_000);
    expect(await audits("invoice.creditNote")).toHaveLength(1);
    // A second note is checked against what the first left: 10 % part 900,000 − 100,000 credited = 800,000 at most.
    const beyondRest = await api(vendor.token, `/api/v1/invoices/${corrected.id}/credit-notes`, {
      method: "POST",
      body: { reason: "追加値引き", lines: [{ description: "追加値引き", quantity: 1, unitPrice: 800_001, taxRate: 10 }] },
    });
    expect(beyondRest.status).toBe(400);
    expect(await errorsOf(beyondRest)).toEqual([{ path: "lines.0.taxRate", message: "返還額が元の請求書の同じ税率の金額を超えています。" }]);
    expect(await audits("invoice.creditNote")).toHaveLength(1);
    expect((await api(buyer.token, `/api/v1/invoices/${note.id}/receipts`, { method: "POST", body: { amount: 1, receivedOn: TODAY } })).status).toBe(409);
  });
});

describe("bank transfer receipts", () => {
  const receipt = (token: string, id: string, body: unknown, lang = "ja") => api(token, `/api/v1/invoices/${id}/receipts`, { method: "POST", body, lang });

  it("refuses bad input field by field in ja and en, a future date, the vendor and other tenants; nothing written", async () => {
    const before = await count("invoice_receipts");
    const ja = await receipt(buyer.token, corrected.id, { amount: 0, receivedOn: "昨日" });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([
      { path: "amount", message: "入金額は1円以上の整数（円）で入力してください。" },
      { path: "receivedOn", message: "入金日を YYYY-MM-DD の形式で入力してください。" },
    ]);
    const en = await receipt(buyer.token, corrected.id, { amount: 10.5, receivedOn: TODAY }, "en");
    expect(await errorsOf(en)).toEqual([{ path: "amount", message: "Enter the amount received as whole yen, at least 1." }]);
    const future = await receipt(buyer.token, corrected.id, { amount: 1000, receivedOn: TOMORROW }, "en");
    expect(await errorsOf(future)).toEqual([{ path: "receivedOn", message: "The date received cannot be in the future." }]);
    for (const token of [vendor.token, other.token, otherVendor.token])
      expect((await receipt(token, corrected.id, { amount: 1000, receivedOn: TODAY })).status).toBe(404);
    expect(await count("invoice_receipts")).toBe(before);
  });

  it("a partial payment keeps a balance; the rest makes it paid; each audited", async () => {
    const one = await receipt(buyer.token, corrected.id, { amount: 500_000, receivedOn: TODAY });
    expect(one.status).toBe(201);
    expect(await one.json()).toMatchObject({ status: "partially_paid", balance: 380_000, credit: 0 });
    const two = await receipt(buyer.token, corrected.id, { amount: "380,000", receivedOn: TODAY });
    expect(await two.json()).toMatchObject({ status: "paid", balance: 0 });
    const inv = await read(buyer.token, corrected.id);
    expect(inv.receipts.map((r) => [r.source, r.amount])).toEqual([
      ["credit_note", 110_000],
      ["bank", 500_000],
      ["bank", 380_000],
    ]);
    expect((await audits("invoice.receipt")).filter((a) => a.entity_id === corrected.id)).toHaveLength(2);
  });

  it("an overpayment becomes a credit set against the vendor's next invoice to the same buyer", async () => {
    const invoices = ((await (await api(buyer.token, "/api/v1/invoices")).json()) as { invoices: Invoice[] }).invoices;
    const target = invoices.find((i) => i.number === "INV-000002")!;
    const res = await receipt(buyer.token, target.id, { amount: target.total + 5_000, receivedOn: TODAY });
    expect(await res.json()).toMatchObject({ status: "paid", balance: 0, credit: 5_000 });
    expect(await h.db.selectFrom("invoice_credits").select(["amount", "applied_to_invoice_id"]).execute()).toEqual([
      { amount: 5_000, applied_to_invoice_id: null },
    ]);
    // Milestone 1's invoice is corrected: its correction is the next invoice to this buyer.
    const base = (await read(vendor.token, (invoices.find((i) => i.number === "INV-000012") as Invoice).id)) as Invoice;
    const corr = await api(vendor.token, `/api/v1/invoices/${base.id}/corrections`, {
      method: "POST",
      body: { reason: "数量の誤り", lines: [{ description: "作業", quantity: 2, unitPrice: 1001, taxRate: 10 }] },
    });
    const next = (await corr.json()) as Invoice;
    // 2,002 + ceil(200.2) = 2,203; the 5,000 credit is set against it (the excess stays a credit).
    expect(next.total).toBe(2_203);
    const after = await read(buyer.token, next.id);
    expect(after.receipts.map((r) => [r.source, r.amount])).toEqual([["credit", 5_000]]);
    expect(after).toMatchObject({ status: "paid", balance: 0, credit: 2_797 });
    const credits = await h.db
      .selectFrom("invoice_credits")
      .select(["amount", "applied_to_invoice_id", "source_invoice_id"])
      .orderBy("amount", "desc")
      .execute();
    expect(credits).toEqual([
      { amount: 5_000, applied_to_invoice_id: next.id, source_invoice_id: target.id },
      { amount: 2_797, applied_to_invoice_id: null, source_invoice_id: next.id },
    ]);
    expect(await audits("invoice.credit.apply")).toHaveLength(1);
  });

  it("overdue is derived from the due date", async () => {
    const invoices = ((await (await api(buyer.token, "/api/v1/invoices")).json()) as { invoices: Invoice[] }).invoices;
    const open = invoices.find((i) => i.number === "INV-000003")!;
    expect(open.status).toBe("issued");
    h.clock.set(new Date(`${open.dueDate}T12:00:00+09:00`));
    expect((await read(buyer.token, open.id)).status).toBe("issued");
    h.clock.set(new Date(new Date(`${open.dueDate}T12:00:00+09:00`).getTime() + 86_400_000));
    expect((await read(buyer.token, open.id)).status).toBe("overdue");
    expect((await read(buyer.token, corrected.id)).status).toBe("paid");
  });
});

describe("pages (ja/en)", () => {
  async function signIn(email: string) {
    const cookies = new Cookies();
    const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
    expect(res.status).toBe(302);
    cookies.absorb(res);
    return cookies;
  }
  const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });
  let open: Invoice;

  it("the contract pages list the milestones with their acceptance and invoices", async () => {
    const b = await signIn(buyer.email);
    const html = await (await page(`/rfqs/${award.rfqId}/contract`, b)).text();
    expect(html).toContain("マイルストーン（検収・請求）");
    expect(html).toContain("INV-000013");
    const v = await signIn(vendor.email);
    const en = await (await page(`/quotes/${award.quoteId}/contract`, v, "en")).text();
    expect(en).toContain("Milestones (acceptance and invoicing)");
    expect(en).toContain("INV-000002");
  });

  it("the milestone page says a refusal in the reader's language", async () => {
    const b = await signIn(buyer.email);
    const again = await postForm(h, `/contracts/${contractId}/milestones/0`, { intent: "accept" }, b, { "Accept-Language": "ja" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("このマイルストーンは検収済みです。");
    const v = await signIn(vendor.email);
    const en = await postForm(h, `/contracts/${contractId}/milestones/0`, { intent: "issue" }, v, { "Accept-Language": "en" });
    expect(await en.text()).toContain("This milestone has been invoiced. Issue a corrected invoice to change it.");
  });

  it("the buyer records a receipt on the invoice page: field errors in ja and en write nothing; a good one is saved", async () => {
    const invoices = ((await (await api(buyer.token, "/api/v1/invoices")).json()) as { invoices: Invoice[] }).invoices;
    open = invoices.find((i) => i.number === "INV-000004")!;
    h.clock.set(`${TODAY}T10:00:00+09:00`);
    const b = await signIn(buyer.email);
    const view = await (await page(`/invoices/${open.id}`, b)).text();
    expect(view).toContain("INV-000004");
    expect(view).toContain("消費税額");
    expect(view).toContain("形式とチェックディジットを確認済み（国税庁の公表サイトとは未照合）");
    const before = await count("invoice_receipts");
    const ja = await postForm(h, `/invoices/${open.id}`, { intent: "receipt", amount: "0", receivedOn: "" }, b, { "Accept-Language": "ja" });
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain("入金額は1円以上の整数（円）で入力してください。");
    expect(jaHtml).toContain("入金日を YYYY-MM-DD の形式で入力してください。");
    const en = await postForm(h, `/invoices/${open.id}`, { intent: "receipt", amount: "1000", receivedOn: TOMORROW }, b, { "Accept-Language": "en" });
    expect(await en.text()).toContain("The date received cannot be in the future.");
    expect(await count("invoice_receipts")).toBe(before);
    const okRes = await postForm(h, `/invoices/${open.id}`, { intent: "receipt", amount: "１００,０００", receivedOn: TODAY }, b);
    expect(okRes.status).toBe(302);
    expect((await read(buyer.token, open.id)).received).toBe(100_000);
  });

  it("the vendor's correction form shows errors at its fields; other tenants get 404 for the page and the PDF", async () => {
    const v = await signIn(vendor.email);
    const res = await postForm(
      h,
      `/invoices/${open.id}`,
      { intent: "correction", description: "", quantity: "1", unitPrice: "x", taxRate: "10", reason: "" },
      v,
      {
        "Accept-Language": "en",
      },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter what the line is for.");
    expect(html).toContain("Enter the unit price as whole yen, 0 or more.");
    expect(html).toContain("Enter the reason for the correction or credit.");
    const pdf = await page(`/invoices/${open.id}/pdf`, v);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const o = await signIn(other.email);
    expect((await page(`/invoices/${open.id}`, o)).status).toBe(404);
    expect((await page(`/invoices/${open.id}/pdf`, o)).status).toBe(404);
    expect((await postForm(h, `/invoices/${open.id}`, { intent: "receipt", amount: "1", receivedOn: TODAY }, o)).status).toBe(404);
  });

  it("the vendor's settings page refuses a bad account at its fields and saves a good one", async () => {
    const v = await signIn(vendor.email);
    expect((await page("/settings/invoices", v)).status).toBe(200);
    const bad = await postForm(h, "/settings/invoices", { rounding: "floor", bank: "", branch: "本店", type: "普通", number: "123", holderKana: "ｶﾅ" }, v);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("金融機関名を入力してください。");
    expect(html).toContain("口座番号は7桁の数字で入力してください。");
    const good = await postForm(h, "/settings/invoices", { rounding: "round", ...BANK }, v);
    expect(good.status).toBe(302);
    expect(
      (await h.db.selectFrom("organizations").select("invoice_tax_rounding").where("id", "=", vendor.org.id).executeTakeFirstOrThrow()).invoice_tax_rounding,
    ).toBe("round");
  });
});
