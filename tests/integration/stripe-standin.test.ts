import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeGateway } from "~/services/payments/stripe-gateway.server";
import { connectVendor, createInvoicedContract, type CardParties } from "../support/card-fixtures";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { createAccount } from "../factories";
import { apiRequest, createHarness, type Harness } from "./harness";

// The local stand-in for Stripe that `npm run stripe:standin` and the Playwright run use (scripts/lib/stripe-standin.ts):
// the app calls it through the official `stripe` SDK; its Checkout page's "Pay" button sends a webhook SIGNED with the
// SDK's generateTestHeaderString to the app and then redirects to success_url; its onboarding page sends
// `account.updated`; a refund is followed by `charge.refunded`. Here the app is the built Remix app behind a small
// HTTP front (the stand-in needs a URL to deliver to), on real PostgreSQL.

const SECRET = "whsec_standin_test_0123456789abcdef";
let h: Harness;
let front: Server;
let standin: StripeTestServer;
let p: CardParties;

beforeAll(async () => {
  // The app's webhook endpoint as an HTTP address, forwarding to the in-process app.
  front = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await h.request(req.url ?? "/", {
      method: req.method,
      body: Buffer.concat(chunks).toString("utf8"),
      headers: { "Content-Type": String(req.headers["content-type"] ?? ""), "Stripe-Signature": String(req.headers["stripe-signature"] ?? "") },
    });
    res.writeHead(answer.status, { "Content-Type": "application/json" });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/webhooks/stripe`;
  standin = await startStripeTestServer({ webhook: { url, secret: SECRET } });
  h = await createHarness({ payments: stripeGateway({ secretKey: "sk_test_standin", webhookSecret: SECRET, apiBase: standin.apiBase }) });
  p = await createInvoicedContract(h, { milestones: 1, label: "代役" });
});
afterAll(async () => {
  await h?.close();
  await standin?.close();
  await new Promise((resolve) => front?.close(resolve));
});

const status = async (id: string) => ((await (await apiRequest(h, p.buyer.token, `/api/v1/invoices/${id}`)).json()) as { status: string }).status;

describe("the stand-in plays Stripe for development and e2e", () => {
  it("onboarding: the page's button sends a signed account.updated and returns to the payouts page", async () => {
    const vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "代役オンボーディング株式会社" } });
    const accountId = await connectVendor(h, vendor.org.id, "onboarding", "acct_standin_onboarding");
    const link = await h.ctx.payments!.createOnboardingLink(accountId, {
      refreshUrl: "http://localhost:3000/settings/payouts?link=expired",
      returnUrl: "http://localhost:3000/settings/payouts?link=returned",
    });
    expect(await (await fetch(link.url)).text()).toContain("Complete onboarding");
    const done = await fetch(link.url, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("http://localhost:3000/settings/payouts?link=returned");
    expect(standin.deliveries.at(-1)).toEqual({ type: "account.updated", status: 200 });
    const row = await h.db.selectFrom("stripe_accounts").select("state").where("account_id", "=", accountId).executeTakeFirstOrThrow();
    expect(row.state).toBe("enabled");
  });

  it("pay: the session page shows the amount, Pay sends a signed checkout.session.completed, then the buyer lands on success_url", async () => {
    await connectVendor(h, p.vendor.org.id, "enabled");
    const id = p.invoiceIds[0]!;
    const started = (await (await apiRequest(h, p.buyer.token, `/api/v1/invoices/${id}/payment-sessions`, { method: "POST" })).json()) as {
      url: string;
      sessionId: string;
      amount: number;
    };
    const pagePaid = await (await fetch(started.url)).text();
    expect(pagePaid).toContain(`¥${started.amount.toLocaleString("en")}`);
    expect(pagePaid).toContain(">Pay<");
    const cancelled = await fetch(started.url, { method: "POST", body: new URLSearchParams({ do: "cancel" }), redirect: "manual" });
    expect(cancelled.headers.get("Location")).toBe(`http://localhost:3000/invoices/${id}/payment?result=cancelled`);
    expect(await status(id)).toBe("issued"); // cancelled on Stripe's page: nothing paid
    const paid = await fetch(started.url, { method: "POST", body: new URLSearchParams({ do: "pay" }), redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("Location")).toBe(`http://localhost:3000/invoices/${id}/payment?result=success&session_id=${started.sessionId}`);
    expect(standin.deliveries.at(-1)).toEqual({ type: "checkout.session.completed", status: 200 });
    expect(await status(id)).toBe("paid");
    // Pressing Pay again (back button) sends nothing more.
    const deliveries = standin.deliveries.length;
    expect((await fetch(started.url, { method: "POST", body: new URLSearchParams({ do: "pay" }), redirect: "manual" })).status).toBe(303);
    expect(standin.deliveries.length).toBe(deliveries);
  });

  it("a refund is followed by a signed charge.refunded that the app applies", async () => {
    const admin = await createAccount(h.db, { kind: "platform", org: "代役運営" });
    const id = p.invoiceIds[0]!;
    const res = await apiRequest(h, admin.token, `/api/v1/invoices/${id}/refunds`, { method: "POST", body: { amount: 500, reason: "一部返金" } });
    expect(res.status).toBe(201);
    for (let i = 0; i < 50 && standin.deliveries.at(-1)?.type !== "charge.refunded"; i++) await new Promise((r) => setTimeout(r, 20));
    expect(standin.deliveries.at(-1)).toEqual({ type: "charge.refunded", status: 200 });
    expect(await status(id)).toBe("partially_refunded");
  });
});
