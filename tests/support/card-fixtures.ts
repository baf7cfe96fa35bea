import { expect } from "vitest";
import { initialPaymentState } from "../../app/domain/payments/state";
import { createAccount, createAcceptedAward, type Account } from "../factories";
import { apiRequest, type Harness } from "../integration/harness";

// Invoices to pay by card, made the real way: an accepted award, a contract with milestones, activated, each milestone
// accepted (検収) and invoiced by the vendor through the API. `cloneInvoice` copies an issued invoice under the next
// number with another total — only for volume (the benchmark) and for amounts no quote fixture reaches (the JPY limit).

const REG = "T7000012050002";
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ジユチユウサービス（カ" };

export interface CardParties {
  buyer: Account;
  vendor: Account;
  contractId: string;
  /** Issued invoices, one per milestone, in milestone order. */
  invoiceIds: string[];
}

export async function createInvoicedContract(h: Harness, opts: { milestones: number; label?: string }): Promise<CardParties> {
  const label = opts.label ?? "カード";
  const buyer = await createAccount(h.db, { kind: "buyer", org: `${label}購買株式会社` });
  const vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: `${label}サービス株式会社` } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: REG }).where("id", "=", vendor.org.id).execute();
  const award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  const api = (token: string, path: string, method = "GET", body?: unknown) => apiRequest(h, token, path, { method, body });
  const created = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, "POST");
  expect(created.status).toBe(201);
  const contractId = ((await created.json()) as { id: string }).id;
  const share = Math.floor(100 / opts.milestones);
  const milestones = Array.from({ length: opts.milestones }, (_, i) => ({
    name: `第${i + 1}回`,
    dueDate: "2027-03-31",
    acceptance: "完了報告書の承認",
    paymentDueDays: 60,
    percent: i === opts.milestones - 1 ? 100 - share * (opts.milestones - 1) : share,
  }));
  expect((await api(buyer.token, `/api/v1/contracts/${contractId}/milestones`, "PUT", { basis: "percent", milestones })).status).toBe(200);
  expect((await api(buyer.token, `/api/v1/contracts/${contractId}/activate`, "POST")).status).toBe(200);
  expect((await api(vendor.token, "/api/v1/invoice-settings", "PUT", { bankAccount: BANK })).status).toBe(200);
  const invoiceIds: string[] = [];
  for (let i = 0; i < opts.milestones; i++) {
    // 検収 inspects a delivery (decision 0039): the vendor delivers, the buyer accepts.
    expect((await api(vendor.token, `/api/v1/contracts/${contractId}/deliveries`, "POST", { milestoneIndex: i, note: "納品します" })).status).toBe(201);
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/milestones/${i}/acceptance`, "POST", {})).status).toBe(201);
    const issued = await api(vendor.token, `/api/v1/contracts/${contractId}/milestones/${i}/invoice`, "POST", {});
    expect(issued.status).toBe(201);
    invoiceIds.push(((await issued.json()) as { id: string }).id);
  }
  return { buyer, vendor, contractId, invoiceIds };
}

/** The vendor's connected account, as `account.updated` would leave it. */
export async function connectVendor(
  h: Harness,
  vendorOrgId: string,
  state: "onboarding" | "restricted" | "enabled" = "enabled",
  accountId = `acct_${vendorOrgId.slice(0, 8)}`,
) {
  await h.db
    .insertInto("stripe_accounts")
    .values({ vendor_org_id: vendorOrgId, account_id: accountId, state, created_at: h.clock.now(), updated_at: h.clock.now() })
    .onConflict((oc) => oc.column("vendor_org_id").doUpdateSet({ state, account_id: accountId }))
    .execute();
  return accountId;
}

/** A copy of an issued invoice under the vendor's next number, with `total` (volume and limit tests only). */
export async function cloneInvoice(h: Harness, sourceId: string, total?: number): Promise<string> {
  const src = await h.db.selectFrom("invoices").selectAll().where("id", "=", sourceId).executeTakeFirstOrThrow();
  const counter = await h.db
    .updateTable("invoice_counters")
    .set((eb) => ({ last_sequence: eb("last_sequence", "+", 1) }))
    .where("vendor_org_id", "=", src.vendor_org_id)
    .returning("last_sequence")
    .executeTakeFirstOrThrow();
  const amount = total ?? Number(src.total);
  const row = await h.db
    .insertInto("invoices")
    .values({
      vendor_org_id: src.vendor_org_id,
      buyer_org_id: src.buyer_org_id,
      contract_id: src.contract_id,
      rfq_id: src.rfq_id,
      milestone_index: src.milestone_index,
      kind: "invoice",
      sequence: counter.last_sequence,
      number: `INV-${String(counter.last_sequence).padStart(6, "0")}`,
      invoice_date: src.invoice_date,
      due_date: src.due_date,
      total: amount,
      document: JSON.stringify({ ...(src.document as object), total: amount }),
      bank_account: JSON.stringify(src.bank_account),
      registration_number: src.registration_number,
      registration_checked_on: src.registration_checked_on,
      registration_source: src.registration_source,
      references_invoice_id: null,
      created_by: src.created_by,
      payment_state: JSON.stringify(initialPaymentState(amount)),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
