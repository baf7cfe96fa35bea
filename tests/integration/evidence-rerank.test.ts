import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays } from "~/domain/calendar/japan-business-days";
import { lastDayOf, periodOf } from "~/domain/measurements/period";
import { quoteA } from "~/domain/quote/test-fixtures";
import { probabilityBelowTarget, type RankedAlternative } from "~/domain/scoring";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, rfqInput, submitQuote, type Account } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";
import { createActiveContract } from "./support/active-contract";

// Issue 17's required integration test, on real PostgreSQL and Meilisearch and without the demo seed: a buyer's
// opened comparison ranks vendor B below vendor A because B claims a lower accuracy. B then works under a contract
// with ANOTHER buyer and enters a month's accuracy through the API. A disputed measurement changes nothing — no fact,
// the same comparison, the same quotes index, no record in the vendors index — although its figures would have lifted
// B. Once the corrected month is confirmed, B's accuracy claim is checked against the record, its score rises, it
// overtakes A, and the quotes index and the vendors index follow through the outbox. Nobody outside the contract —
// not even the comparing buyer, who sees the evidence — sees the contract, its delivery, its review or its rating.

let h: Harness;
let buyer: Account; // compares A and B
let vendorA: Account;
let vendorB: Account;
let client: Account; // B's customer under the contract
let outsiderBuyer: Account;
let outsiderVendor: Account;
let rfqId: string;
let contract: { contractId: string; rfqId: string; quoteId: string };
let term: { from: string; to: string };
let month: string; // the term's first month, ended on the clock of the measurement steps
let measurementId: string;

type Credibility = { claim: number; effective: number; verified: boolean; priorStrength: number; evidence: { successes: number; trials: number } | null };
type Comparison = {
  ranking: (RankedAlternative & { contributions: { criterion: string; value: number; credibility?: Credibility }[] })[];
  quotes: { id: string; vendorName: string }[];
  risks: Record<string, Record<string, { probability: number; target: number; from: string }>>;
};

const VENDOR_A = "正確処理サービス株式会社";
const VENDOR_B = "追い上げデータ株式会社";
const CLIENT = "契約先の市役所";
const TITLE = "比較用 申請書類データ入力業務";

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);

async function comparison(): Promise<Comparison> {
  const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?view=full`);
  expect(res.status).toBe(200);
  return (await res.json()) as Comparison;
}
const quoteOf = (c: Comparison, vendor: string) => c.quotes.find((q) => q.vendorName === vendor)!.id;
const placeOf = (c: Comparison, vendor: string) => c.ranking.find((r) => r.id === quoteOf(c, vendor))!;
const accuracyOf = (c: Comparison, vendor: string) => placeOf(c, vendor).contributions.find((x) => x.criterion === "accuracy")!.credibility!;
/** The quotes index as [rank, score] per quote id: what a buyer's sorted list is read from. */
const indexed = async () => Object.fromEntries((await h.search.searchQuotes({ rfqId, buyerOrgId: buyer.org.id })).map((d) => [d.id, [d.rank, d.score]]));
const asRanked = (c: Comparison) => Object.fromEntries(c.ranking.map((r) => [r.id, [r.rank, r.score]]));
const vendorDoc = async (name: string) => (await h.search.searchVendors({ q: "", page: 1, perPage: 50 })).hits.find((d) => d.name === name)!;
const facts = () => h.db.selectFrom("evidence_events").selectAll().execute();

async function signIn(account: Account) {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email: account.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
  return cookies;
}
const page = (path: string, cookies: Cookies) => h.request(path, { cookies, redirect: "manual" });

beforeAll(async () => {
  h = await createHarness();
  // A fixed business clock: the comparison's quotes, the contract's term and the recency weight of the month
  // measured all follow from it.
  h.clock.set("2026-11-20T10:00:00+09:00");
  buyer = await createAccount(h.db, { kind: "buyer", org: "比較する商事株式会社" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: VENDOR_A } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: VENDOR_B } });
  client = await createAccount(h.db, { kind: "buyer", org: CLIENT });
  outsiderBuyer = await createAccount(h.db, { kind: "buyer", org: "無関係な区役所" });
  outsiderVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "無関係ベンダー株式会社" } });

  // The comparison: the fixture's criteria (TCO 40, accuracy 40 from the KPI commitment with a target of 99.9 % on
  // a 99–100 % scale, lead time 20). Same prices and lead time; A commits to 99.9 %, B to 99.6 %, so only the
  // accuracy claim separates them and A leads.
  rfqId = await createPublishedRfq(
    h,
    await actorFor(h.db, buyer.email),
    rfqInput(h, {
      title: TITLE,
      sealed: true,
      invitedVendorIds: [vendorA.org.id, vendorB.org.id],
      requiredCertifications: [],
      dataSensitivity: "none",
    }),
  );
  await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId, quoteA({ kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 } }));
  await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, quoteA({ kpiCommitments: { accuracy: 0.996, processing_lead_time_days: 3 } }));

  // B's contract with another buyer, built like every after-award test's (its RFQ is the same fixture, so its SLA
  // has the accuracy KPI). Building it moves the clock past both RFQs' deadlines: the comparison opens.
  contract = await createActiveContract(
    h,
    { buyer: client, vendor: vendorB, milestones: [{ name: "月次報告書", dueDate: "2027-02-15", percent: 100 }] },
    async () => {},
  );
  const read = await api(client.token, `/api/v1/contracts/${contract.contractId}`);
  expect(read.status).toBe(200);
  term = ((await read.json()) as { content: { term: { from: string; to: string } } }).content.term;
  month = periodOf(term.from);
  // A few days after the term's first month ended: last month is the one to measure.
  h.clock.set(`${addCalendarDays(lastDayOf(month), 6)}T10:00:00+09:00`);
  await h.index();
});
afterAll(() => h?.close());

describe("before any measurement", () => {
  it("the opened comparison ranks B below A on claims alone, and the quotes index agrees", async () => {
    const c = await comparison();
    expect(c.ranking).toHaveLength(2);
    expect(placeOf(c, VENDOR_A).rank).toBe(1);
    expect(placeOf(c, VENDOR_B).rank).toBe(2);
    expect(accuracyOf(c, VENDOR_B)).toMatchObject({ claim: 0.996, effective: 0.996, verified: false, evidence: null });
    expect(c.risks[quoteOf(c, VENDOR_B)]).toBeUndefined();
    expect(await indexed()).toEqual(asRanked(c));
    expect(await vendorDoc(VENDOR_B)).toMatchObject({ track_record_count: 0, track_record_summary: { rates: {} } });
    expect(await facts()).toEqual([]);
  });

  it("the contract's SLA has the accuracy KPI to measure", async () => {
    const res = await api(vendorB.token, `/api/v1/contracts/${contract.contractId}/measurements`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sla: { key: string; unit: string }[] };
    expect(body.sla).toContainEqual(expect.objectContaining({ key: "accuracy", unit: "rate" }));
  });
});

describe("a disputed measurement", () => {
  it("is no evidence: no fact, no outbox row, the same comparison, quotes index and vendors index", async () => {
    const before = await comparison();
    const indexBefore = await indexed();
    const docBefore = await vendorDoc(VENDOR_B);
    const vendorRows = () => h.db.selectFrom("outbox").select("id").where("topic", "=", "vendor").where("entity_id", "=", vendorB.org.id).execute();
    const queuedBefore = (await vendorRows()).length;

    // 10,000 of 10,000 — figures that would lift B above A if they counted.
    const entered = await api(vendorB.token, `/api/v1/contracts/${contract.contractId}/measurements`, {
      method: "POST",
      body: { period: month, kpiKey: "accuracy", successes: 10_000, trials: 10_000 },
    });
    expect(entered.status).toBe(201);
    measurementId = ((await entered.json()) as { id: string }).id;
    const disputed = await api(client.token, `/api/v1/measurements/${measurementId}/confirmation`, {
      method: "POST",
      body: { decision: "dispute", reason: "当社の突合では誤り2件があり、9,998件です。" },
    });
    expect(disputed.status).toBe(200);
    expect(await disputed.json()).toEqual({ id: measurementId, status: "disputed" });

    expect(await facts()).toEqual([]);
    expect((await vendorRows()).length).toBe(queuedBefore);
    await h.index();
    expect(await comparison()).toEqual(before);
    expect(await indexed()).toEqual(indexBefore);
    expect(await vendorDoc(VENDOR_B)).toEqual(docBefore);
  });
});

describe("a confirmed measurement", () => {
  it("becomes B's evidence: the claim is checked against it, B overtakes A, and both indexes follow", async () => {
    const before = await comparison();
    // The vendor corrects the disputed month to the buyer's count; the buyer confirms.
    const corrected = await api(vendorB.token, `/api/v1/contracts/${contract.contractId}/measurements`, {
      method: "POST",
      body: { period: month, kpiKey: "accuracy", successes: 9_998, trials: 10_000, note: "再集計" },
    });
    expect(corrected.status).toBe(201);
    expect(await corrected.json()).toMatchObject({ id: measurementId, revision: 2, status: "pending" });
    const confirmed = await api(client.token, `/api/v1/measurements/${measurementId}/confirmation`, { method: "POST", body: { decision: "confirm" } });
    expect(confirmed.status).toBe(200);

    // Exactly one fact: the confirmed (corrected) figures, on the month's last day, for B and its customer.
    const recorded = await facts();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      vendor_org_id: vendorB.org.id,
      buyer_org_id: client.org.id,
      contract_id: contract.contractId,
      source: "measurement",
      source_id: measurementId,
      kpi_key: "accuracy",
      successes: 9_998,
      trials: 10_000,
    });

    // Until the outbox is processed the quotes index still holds the old ranking; afterwards it holds the new one.
    expect(await indexed()).toEqual(asRanked(before));
    await h.index();
    const after = await comparison();
    const accuracy = accuracyOf(after, VENDOR_B);
    expect(accuracy.verified).toBe(true);
    expect(accuracy.evidence).not.toBeNull();
    // Recency-weighted (the month ended six days ago): slightly under 10,000 trials, the rate kept.
    expect(accuracy.evidence!.trials).toBeGreaterThan(9_900);
    expect(accuracy.evidence!.trials).toBeLessThan(10_000);
    expect(accuracy.evidence!.successes / accuracy.evidence!.trials).toBeCloseTo(0.9998, 12);
    // The claim shrunk towards the record: (0.996 × k + s) / (k + t), above the claim and above A's 99.9 %.
    const { successes, trials } = accuracy.evidence!;
    expect(accuracy.effective).toBeCloseTo((0.996 * accuracy.priorStrength + successes) / (accuracy.priorStrength + trials), 12);
    expect(accuracy.effective).toBeGreaterThan(0.999);
    // A has no record: its claim stands unverified.
    expect(accuracyOf(after, VENDOR_A)).toMatchObject({ claim: 0.999, effective: 0.999, verified: false, evidence: null });

    expect(placeOf(after, VENDOR_B).score).toBeGreaterThan(placeOf(before, VENDOR_B).score);
    expect(placeOf(after, VENDOR_A).score).toBe(placeOf(before, VENDOR_A).score);
    expect(placeOf(after, VENDOR_B).rank).toBe(1);
    expect(placeOf(after, VENDOR_A).rank).toBe(2);
    // The risk of missing the RFQ's 99.9 % target, from the Beta posterior, now shown for B.
    const risk = probabilityBelowTarget(0.996, accuracy.priorStrength, successes, trials, 0.999);
    expect(after.risks[quoteOf(after, VENDOR_B)]!.accuracy).toEqual({ probability: risk, target: 0.999, from: "target" });
    expect(risk).toBeLessThan(0.5);

    expect(await indexed()).toEqual(asRanked(after));
    const doc = await vendorDoc(VENDOR_B);
    expect(doc.track_record_count).toBe(1);
    expect(doc.track_record_summary.rates.accuracy).toBeCloseTo(successes / trials, 12);
    expect((await vendorDoc(VENDOR_A)).track_record_count).toBe(0);
  });
});

describe("another tenant", () => {
  let deliveryId: string;
  let reviewId: string;
  let ratingId: string;

  beforeAll(async () => {
    // A delivery awaiting inspection, the first month's periodic review, and — once the term is over — a rating.
    const delivered = await api(vendorB.token, `/api/v1/contracts/${contract.contractId}/deliveries`, {
      method: "POST",
      body: { milestoneIndex: 0, note: "12月分の月次報告書を納品します。" },
    });
    expect(delivered.status).toBe(201);
    deliveryId = ((await delivered.json()) as { id: string }).id;
    const review = await api(client.token, `/api/v1/contracts/${contract.contractId}/reviews`, {
      method: "POST",
      body: { periodStart: term.from, cadence: "monthly" },
    });
    expect(review.status).toBe(201);
    reviewId = ((await review.json()) as { id: string }).id;
    h.clock.set(`${addCalendarDays(term.to, 2)}T10:00:00+09:00`);
    const rated = await api(client.token, `/api/v1/contracts/${contract.contractId}/ratings`, {
      method: "POST",
      body: { quality: 5, schedule: 4, cost: 4, communication: 5, wouldHireAgain: 10, comment: "正確で丁寧でした。" },
    });
    expect(rated.status).toBe(201);
    ratingId = ((await rated.json()) as { id: string }).id;
  });

  it("the parties themselves read the contract's delivery, review and rating (the 404s below are not for everyone)", async () => {
    const id = contract.contractId;
    expect((await api(client.token, `/api/v1/contracts/${id}/deliveries`)).status).toBe(200);
    expect((await api(client.token, `/api/v1/contracts/${id}/reviews/${reviewId}`)).status).toBe(200);
    expect((await api(vendorB.token, `/api/v1/contracts/${id}/ratings`)).status).toBe(200);
    expect((await page(`/contracts/${id}/rating`, await signIn(client))).status).toBe(200);
  });

  it("gets 404 on the contract, its deliveries, measurements, reviews and rating — API and pages — even the comparing buyer", async () => {
    const id = contract.contractId;
    const reads = [
      `/api/v1/contracts/${id}`,
      `/api/v1/contracts/${id}/deliveries`,
      `/api/v1/contracts/${id}/measurements`,
      `/api/v1/contracts/${id}/measurements/template.csv`,
      `/api/v1/contracts/${id}/change-requests`,
      `/api/v1/contracts/${id}/reviews`,
      `/api/v1/contracts/${id}/reviews/${reviewId}`,
      `/api/v1/contracts/${id}/reviews/${reviewId}/pdf`,
      `/api/v1/contracts/${id}/ratings`,
    ];
    const writes: [string, unknown][] = [
      [`/api/v1/deliveries/${deliveryId}/inspection`, { decision: "accept" }],
      [`/api/v1/measurements/${measurementId}/confirmation`, { decision: "dispute", reason: "x" }],
      [`/api/v1/measurements/${measurementId}/reply`, { body: "x" }],
      [`/api/v1/contracts/${id}/measurements`, { period: month, kpiKey: "accuracy", successes: 1, trials: 1 }],
      [`/api/v1/contracts/${id}/reviews/${reviewId}/comments`, { body: "x" }],
      [`/api/v1/contracts/${id}/ratings/${ratingId}/reply`, { reply: "x" }],
      [`/api/v1/contracts/${id}/versions`, { reason: "x" }],
      [`/api/v1/contracts/${id}/change-requests`, { description: "x" }],
    ];
    const pages = [
      `/contracts/${id}/deliveries`,
      `/contracts/${id}/measurements`,
      `/contracts/${id}/changes`,
      `/contracts/${id}/reviews`,
      `/contracts/${id}/reviews/${reviewId}`,
      `/contracts/${id}/reviews/${reviewId}/pdf`,
      `/contracts/${id}/rating`,
      `/rfqs/${contract.rfqId}/contract`,
      `/quotes/${contract.quoteId}/contract`,
    ];
    for (const who of [buyer, vendorA, outsiderBuyer, outsiderVendor]) {
      for (const path of reads) expect([who.email, path, (await api(who.token, path)).status]).toEqual([who.email, path, 404]);
      for (const [path, body] of writes)
        expect([who.email, path, (await api(who.token, path, { method: "POST", body })).status]).toEqual([who.email, path, 404]);
      const cookies = await signIn(who);
      for (const path of pages) expect([who.email, path, (await page(path, cookies)).status]).toEqual([who.email, path, 404]);
      // Their own contracts list does not show it.
      const list = await page("/contracts", cookies);
      expect(list.status).toBe(200);
      expect(await list.text()).not.toContain(id);
    }
    // Nothing was written by those attempts.
    expect(await facts()).toHaveLength(1);
    expect((await h.db.selectFrom("deliveries").select("status").where("id", "=", deliveryId).executeTakeFirstOrThrow()).status).not.toBe("accepted");
  });

  it("sees B's record and rating on the profile only as the vendor's, never the customer's name", async () => {
    const ratings = await api(outsiderBuyer.token, `/api/v1/vendors/${vendorB.org.id}/ratings`);
    expect(ratings.status).toBe(200);
    const body = await ratings.text();
    expect(JSON.parse(body)).toMatchObject({ summary: { count: 1 } });
    expect(body).not.toContain(CLIENT);
    expect(body).not.toContain(contract.contractId);
    const html = await (await page(`/vendors/${vendorB.org.id}`, await signIn(outsiderBuyer))).text();
    expect(html).toContain("実績（Kurabeでの契約の実測値）");
    expect(html).not.toContain(CLIENT);
    expect(html).not.toContain(contract.contractId);
  });
});
