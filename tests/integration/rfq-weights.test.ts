import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, submitQuote, type Account } from "../factories";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { rfqDraftSchema } from "../../app/domain/rfq/schema";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// "Save as the RFQ's weights" from the comparison page: one transaction writes the working copy and
// its own audit row; once sealed bids are open the RFQ refuses (re-weighting after seeing the offers
// would let the buyer choose the winner) and nothing is written.

let h: Harness;
let cookies: Cookies;
let BUYER: Account;
/** A sealed RFQ of the buyer's, published three weeks before the harness's "now" with a quote in; its deadline passed at "now". */
let sealedOpened: string;

const auditRows = (rfqId: string) => h.db.selectFrom("audit_log").select(["action", "before", "after"]).where("entity_id", "=", rfqId).orderBy("id").execute();

async function workingWeights(rfqId: string) {
  const row = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
  return Object.fromEntries((rfqDraftSchema.parse(row.content).criteria ?? []).map((c) => [c.key, c.weight]));
}

beforeAll(async () => {
  h = await createHarness();
  BUYER = await createAccount(h.db, { kind: "buyer" });
  const vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "重み試験ベンダー株式会社" } });
  const now = h.clock.now();
  h.clock.set(new Date(now.getTime() - 21 * 86_400_000));
  sealedOpened = await createPublishedRfq(
    h,
    await actorFor(h.db, BUYER.email),
    completeRfqInput({
      sealed: true,
      visibility: "invited",
      invitedVendorIds: [vendor.org.id],
      quoteDeadline: new Date(now.getTime() - 3_600_000).toISOString(),
    }),
  );
  await submitQuote(h, await actorFor(h.db, vendor.email), sealedOpened);
  // Back to "now", an hour past the deadline: the sealed bids are open; the buyer signs in at this moment.
  h.clock.set(now);
  cookies = new Cookies();
  const login = await postForm(h, "/login", { email: BUYER.email, password: BUYER.password }, cookies);
  expect(login.status).toBe(302);
  cookies.absorb(login);
});
afterAll(() => h?.close());

describe("save as the RFQ's weights", () => {
  it("saves an open, unsealed RFQ's weights with one audit row naming the intent", async () => {
    const buyer = await actorFor(h.db, BUYER.email);
    const input = completeRfqInput({
      sealed: false,
      visibility: "marketplace",
      invitedVendorIds: [],
      quoteDeadline: new Date(h.clock.now().getTime() + 20 * 86_400_000).toISOString(),
    });
    const rfqId = await createPublishedRfq(h, buyer, input);
    const before = await workingWeights(rfqId);
    const [first, second] = Object.keys(before);
    const auditBefore = (await auditRows(rfqId)).length;

    const res = await postForm(h, `/rfqs/${rfqId}/compare`, { intent: "saveWeights", [`w_${first}`]: "70", [`w_${second}`]: "5" }, cookies);
    expect(res.status).toBe(302);
    const after = await workingWeights(rfqId);
    expect(after[first]).toBe(70);
    expect(after[second]).toBe(5);
    const written = (await auditRows(rfqId)).slice(auditBefore);
    expect(written.map((r) => r.action)).toEqual(["rfq.weights.save"]);
  });

  it("refuses once sealed bids are open and writes nothing", async () => {
    const surveyClosed = sealedOpened;
    const before = await workingWeights(surveyClosed);
    const auditBefore = (await auditRows(surveyClosed)).length;
    const key = Object.keys(before)[0];
    const res = await postForm(h, `/rfqs/${surveyClosed}/compare`, { intent: "saveWeights", [`w_${key}`]: String((before[key] ?? 0) + 17) }, cookies);
    expect(res.status).toBe(302);
    expect(await workingWeights(surveyClosed)).toEqual(before);
    expect((await auditRows(surveyClosed)).length).toBe(auditBefore);
  });
});
