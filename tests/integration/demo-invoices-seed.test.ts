import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RFQS, seedDemoData } from "../../db/seed";
import { DEMO_REGISTRATION_NUMBERS, DEMO_STRIPE_ACCOUNT } from "../../db/seed/demo-invoices";
import { validateInvoiceRegistrationNumber } from "~/domain/certifications/invoice-number";
import { BankAccountSchema } from "~/domain/invoices/milestone-invoice";
import { listInvoices, readInvoice } from "~/services/invoices.server";
import { startCardPayment } from "~/services/payments/card-payments.server";
import { stripeGateway } from "~/services/payments/stripe-gateway.server";
import { tokyoDateString } from "~/utils/format";
import { actorFor } from "../factories";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { createHarness, type Harness } from "./harness";

// The demo seed's invoices (issue 16 "Done means": a contract with one paid invoice by bank transfer and one open
// invoice), seeded with a fixed "now" through the real services: さくら食品's bookkeeping contract has milestone 1
// paid by bank transfer and milestone 2 open and not overdue; the invoicing vendor has a valid registration number
// and a bank account; milestones 1 and 2 were delivered and accepted through the deliveries service; milestones 3
// and 4 are left for the e2e spec.

const NOW = new Date("2026-12-07T10:00:00+09:00");
let h: Harness;
let stripe: StripeTestServer;

beforeAll(async () => {
  stripe = await startStripeTestServer();
  h = await createHarness({
    payments: stripeGateway({ secretKey: "sk_test_demo_seed", webhookSecret: "whsec_demo_seed_0123456789", apiBase: stripe.apiBase }),
  });
  h.clock.set(NOW);
  await seedDemoData(h.db, NOW);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await stripe?.close();
});

describe("the demo invoices", () => {
  it("every seeded registration number is valid (T + 13 digits, check digit right) and stored on its vendor", async () => {
    for (const [email, number] of Object.entries(DEMO_REGISTRATION_NUMBERS)) {
      expect(validateInvoiceRegistrationNumber(number)).toEqual({ ok: true, value: number });
      const actor = await actorFor(h.db, email);
      const org = await h.db.selectFrom("organizations").selectAll().where("id", "=", actor.org!.id).executeTakeFirstOrThrow();
      expect(org.invoice_registration_number).toBe(number);
      const profile = await h.db.selectFrom("vendor_profiles").select("bank_account").where("org_id", "=", org.id).executeTakeFirstOrThrow();
      expect(BankAccountSchema.safeParse(profile.bank_account).success).toBe(true);
    }
  });

  it("さくら食品 has one invoice paid by bank transfer and one open, not overdue, on the bookkeeping contract", async () => {
    const sakura = await actorFor(h.db, DEMO_RFQS.bookkeepingAwarded.buyer);
    const list = await listInvoices(h.ctx, sakura);
    expect(list.invoices.map((i) => [i.milestoneIndex, i.kind, i.status])).toEqual([
      [1, "invoice", "issued"],
      [0, "invoice", "paid"],
    ]);
    const [open, paid] = list.invoices;
    const paidRead = await readInvoice(h.ctx, sakura, paid!.id);
    if (!paidRead.ok) throw new Error("paid invoice unreadable");
    expect(paidRead.invoice.receipts.map((r) => [r.source, r.amount])).toEqual([["bank", paidRead.invoice.total]]);
    expect(paidRead.invoice.balance).toBe(0);
    expect(open!.balance).toBe(open!.total);
    expect(open!.dueDate! > tokyoDateString(NOW)).toBe(true);
    // The winner of the bookkeeping RFQ invoices (the README and the e2e spec name it).
    expect(open!.issuer).toEqual({ name: "株式会社ネクスト経理サービス", registrationNumber: DEMO_REGISTRATION_NUMBERS["sales@next-keiri.example"] });
    expect(open!.bankAccount).not.toBeNull();
    // Milestones 3 and 4 (indexes 2, 3) are neither accepted nor invoiced: the e2e spec uses them.
    const accepted = await h.db.selectFrom("milestone_acceptances").select("milestone_index").where("contract_id", "=", open!.contractId).execute();
    expect(accepted.map((a) => a.milestone_index).sort()).toEqual([0, 1]);
    // Each acceptance went through a delivery (decision 0039) and left the vendor's facts on the event path.
    const deliveries = await h.db.selectFrom("deliveries").select(["id", "milestone_index", "status"]).where("contract_id", "=", open!.contractId).execute();
    expect(deliveries.map((d) => [d.milestone_index, d.status]).sort()).toEqual([
      [0, "accepted"],
      [1, "accepted"],
    ]);
    const facts = await h.db.selectFrom("evidence_events").select(["kpi_key", "source_id"]).where("contract_id", "=", open!.contractId).execute();
    expect(facts.map((f) => f.kpi_key).sort()).toEqual(["on_time_rate", "on_time_rate", "revision_rounds", "revision_rounds"]);
    expect(new Set(facts.map((f) => f.source_id))).toEqual(new Set(deliveries.map((d) => d.id)));
    const content = await h.db.selectFrom("contract_versions").select("content").where("contract_id", "=", open!.contractId).executeTakeFirstOrThrow();
    expect((content.content as { milestonePlan: { milestones: unknown[] } }).milestonePlan.milestones.length).toBeGreaterThanOrEqual(4);
  });

  it("the winner is connected to Stripe, so the open invoice is payable by card (a destination charge to its account)", async () => {
    const sakura = await actorFor(h.db, DEMO_RFQS.bookkeepingAwarded.buyer);
    const open = (await listInvoices(h.ctx, sakura)).invoices.find((i) => i.status === "issued")!;
    const vendorOrg = await h.db.selectFrom("organizations").select("id").where("name", "=", "株式会社ネクスト経理サービス").executeTakeFirstOrThrow();
    const account = await h.db.selectFrom("stripe_accounts").selectAll().where("vendor_org_id", "=", vendorOrg.id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ account_id: DEMO_STRIPE_ACCOUNT, state: "enabled" });
    const started = await startCardPayment(h.ctx, sakura, open.id, "ja");
    expect(started.ok).toBe(true);
    const call = stripe.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(call.form["payment_intent_data[transfer_data][destination]"]).toBe(DEMO_STRIPE_ACCOUNT);
    expect(Number(call.form["line_items[0][price_data][unit_amount]"])).toBe(open.balance);
  });
});
