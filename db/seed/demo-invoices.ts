import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { insertStripeAccount, updateStripeAccountState } from "../queries/card-payments";
import { setInvoiceRegistrationNumber } from "~/services/certifications.server";
import { contractPageForBuyer } from "~/services/contracts.server";
import { inspectDelivery, submitDelivery } from "~/services/deliveries.server";
import { issueMilestoneInvoice, readInvoice, recordReceipt, saveInvoiceSettings } from "~/services/invoices.server";
import { createLocalMailer } from "~/services/mail.server";
import { readEnv } from "~/utils/env.server";
import { actorFor, mustSucceed, serviceContext } from "../../tests/factories";
import { DEMO_ACCOUNTS } from "./demo-data";
import { DEMO_RFQS, findDemoRfqIds } from "./demo-rfqs";

// Invoices and bank transfers in the demo (issue 16), through the services a vendor and a buyer use, on さくら食品's
// active bookkeeping contract (demo-awards.ts, (g); activated 61 days before the seed's "now"):
//  - the winning vendor invoices with a valid registration number (T + 13 digits, check digit right; fictional
//    numbers) and its bank account set in its invoice settings (請求設定);
//  - milestone 1 (第1四半期分): delivered 37 days ago, accepted (検収) 35 days ago, invoiced the next day, PAID by bank
//    transfer 10 days ago;
//  - milestone 2: delivered 7 days ago, accepted 5 days ago, invoiced 4 days ago, OPEN (due 59 days after its
//    acceptance under the 60-day rule for a company buyer, so nowhere near overdue whenever the seed runs);
//  - milestones 3 and 4 are left to the reader (and to tests/e2e/invoices.spec.ts, which delivers, accepts and
//    invoices them).
// Deliveries and 検収 go through the deliveries service (decision 0039), so the acceptances also leave the vendor's
// track-record facts (evidence_events) the way a real contract does.
// The other demo vendors get registration numbers too where they would invoice in the demo (see below), so a demo
// user who carries another award through to an invoice does not stop at "no registration number".
// A vendor connected to Stripe (card payments, issue 16 item 3) is seeded by its own step: see the marked spot below.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Fictional 適格請求書発行事業者登録番号 (check digits computed, app/domain/certifications/invoice-number.ts). */
export const DEMO_REGISTRATION_NUMBERS: Record<string, string> = {
  "sales@next-keiri.example": "T9010401123456",
  "info@payroll-partners.example": "T2011001234567",
  "contact@hokkaido-data.example": "T1010001765432",
};

/** The bank accounts buyers pay into (fictional; the holder in full-width katakana as banks print it). */
const DEMO_BANK_ACCOUNTS: Record<string, { bank: string; branch: string; type: "普通" | "当座"; number: string; holderKana: string }> = {
  "sales@next-keiri.example": { bank: "みずほ銀行", branch: "神田支店", type: "普通", number: "1234567", holderKana: "カ）ネクストケイリサービス" },
  "info@payroll-partners.example": { bank: "三井住友銀行", branch: "新宿支店", type: "当座", number: "7654321", holderKana: "ペイロールパートナーズ（カ" },
  "contact@hokkaido-data.example": {
    bank: "北洋銀行",
    branch: "札幌中央支店",
    type: "普通",
    number: "2345678",
    holderKana: "ホツカイドウデータエントリー（カ",
  },
};

/** The demo winner's connected account (a Stripe account id's shape: `acct_` and letters/digits). */
export const DEMO_STRIPE_ACCOUNT = "acct_1KurabeDemoNextKeiri";

export async function seedDemoInvoices(db: Kysely<Database>, now: Date): Promise<void> {
  const f = serviceContext(db, now, { mailer: createLocalMailer(), env: readEnv({ NODE_ENV: "development" }) });
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const day = (days: number) => new Date(at(days).getTime() + 9 * 3600_000).toISOString().slice(0, 10);

  // Invoicing settings of the vendors that bid on the bookkeeping RFQ (any of them could have won it).
  f.clock.set(at(-40));
  for (const [email, number] of Object.entries(DEMO_REGISTRATION_NUMBERS)) {
    const vendor = await actorFor(db, email);
    mustSucceed(await setInvoiceRegistrationNumber(f.ctx, vendor, number), `registration number of ${email}`);
    mustSucceed(await saveInvoiceSettings(f.ctx, vendor, { bankAccount: DEMO_BANK_ACCOUNTS[email] }), `bank account of ${email}`);
  }

  const sakura = await actorFor(db, DEMO_RFQS.bookkeepingAwarded.buyer);
  const ids = await findDemoRfqIds(db);
  const page = mustSucceed(await contractPageForBuyer(f.ctx, sakura, ids.bookkeepingAwarded), "the bookkeeping contract page");
  if (!page.contract || page.contract.status !== "active") throw new Error("Demo invoice seed: the bookkeeping contract is not active");
  const contractId = page.contract.id;
  const vendorName = page.contract.content.parties.vendor.name;
  const vendorEmail = DEMO_ACCOUNTS.find((a) => a.org === vendorName)?.email;
  if (!vendorEmail || !DEMO_REGISTRATION_NUMBERS[vendorEmail]) throw new Error(`Demo invoice seed: no invoicing settings for ${vendorName}`);
  const vendor = await actorFor(db, vendorEmail);

  const deliverThenAccept = async (index: number, deliveredDaysAgo: number, acceptedDaysAgo: number, note: string) => {
    f.clock.set(at(-deliveredDaysAgo));
    const { delivery } = mustSucceed(await submitDelivery(f.ctx, vendor, contractId, { milestoneIndex: index, note }), `delivering milestone ${index + 1}`);
    f.clock.set(at(-acceptedDaysAgo));
    mustSucceed(
      await inspectDelivery(f.ctx, sakura, delivery.id, { decision: "accept", acceptedOn: day(-acceptedDaysAgo) }),
      `accepting milestone ${index + 1}`,
    );
  };

  // Milestone 1: delivered, accepted, invoiced, paid in full by bank transfer before its due date.
  await deliverThenAccept(0, 37, 35, "第1四半期の記帳代行が完了しました。月次試算表（4〜6月）と証憑の整理一覧をお送りします。");
  f.clock.set(at(-34));
  const paid = mustSucceed(await issueMilestoneInvoice(f.ctx, vendor, contractId, 0, {}), "invoicing milestone 1");
  f.clock.set(at(-10));
  // The invoice's own total (tax once per rate may leave it a yen under the milestone's amount).
  const { invoice } = mustSucceed(await readInvoice(f.ctx, sakura, paid.invoiceId), "reading invoice 1");
  mustSucceed(await recordReceipt(f.ctx, sakura, paid.invoiceId, { amount: invoice.total, receivedOn: day(-10) }), "the bank transfer for milestone 1");

  // Milestone 2: delivered, accepted and invoiced, open.
  await deliverThenAccept(1, 7, 5, "第2四半期の記帳代行が完了しました。月次試算表（7〜9月）をお送りします。");
  f.clock.set(at(-4));
  mustSucceed(await issueMilestoneInvoice(f.ctx, vendor, contractId, 1, {}), "invoicing milestone 2");

  // The winner is connected to Stripe (Connect Express, onboarding completed), so milestone 2's open invoice is
  // payable by card whenever the app runs with a Stripe key — `npm run stripe:standin` prints how (README). Seeded
  // as the state `account.updated` leaves behind: the onboarding itself happens on Stripe's pages.
  f.clock.set(at(-30));
  await insertStripeAccount(db, { vendorOrgId: vendor.org!.id, accountId: DEMO_STRIPE_ACCOUNT, at: at(-30) });
  await updateStripeAccountState(db, DEMO_STRIPE_ACCOUNT, "enabled", at(-30));

  f.clock.set(now);
}
