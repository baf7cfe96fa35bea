import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import type { Actor } from "../../app/domain/permissions";
import { assignAdvisor } from "../../app/services/advisors.server";
import { comparisonForBuyer, exportTables } from "../../app/services/comparison-export.server";
import { actorFor, createAccount, createPublishedRfq, mustSucceed, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { apiRequest, createHarness, type Harness } from "./harness";

// The comparison API in pages (issue 21, decision 0057) on real PostgreSQL: for every ranking method the pages
// cover the whole ranking exactly once and in rank order, with the same ranks, scores and sentences as the
// page-less body; `fields` never opens what the caller could not read before (vendors, other buyers, a sealed
// RFQ: 404 whatever is asked; an assigned advisor: the buyer's page); the downloads hold the full ranking in the
// pages' order with the same figures; a refused parameter is named, in ja and in en.

const CERT = { type: "isms_iso27001", number: "ISMS-1", issuer: "JIPDEC", validFrom: "2020-01-01", validUntil: "2099-12-31" };
const QUOTES = 13;

let h: Harness;
let buyer: Account;
let otherBuyer: Account;
let advisor: Account;
let strangerAdvisor: Account;
let buyerActor: Actor;
const vendors: Account[] = [];
let rfqId: string;
let sealedRfqId: string;

const api = (token: string, path: string, lang = "ja") => apiRequest(h, token, path, { lang });

interface Item {
  id: string;
  vendorName: string;
  gate: "passed" | "failed";
  rank: number | null;
  score: number | null;
  tco: number;
  explanation?: string;
  scores?: Record<string, { value: unknown; score: number | null }>;
  contributions?: unknown[];
  reasons?: { criterion: string; message: string }[];
  dominatedBy?: string[];
}
interface Page {
  method: string;
  lang: string;
  criteria: { key: string; label: string }[];
  totals: { quotes: number; ranked: number; disqualified: number; matching: number };
  facets: Record<string, unknown>;
  page: { page: number; perPage: number; totalPages: number; items: number };
  items: Item[];
}
interface Full {
  method: string;
  ranking: { id: string; rank: number; score: number; explanation: { ja: string; en: string }; dominatedBy: string[] }[];
  disqualified: { id: string }[];
  quotes: { id: string; vendorName: string }[];
}

async function page(token: string, query: string, lang = "ja"): Promise<Page> {
  const res = await api(token, `/api/v1/rfqs/${rfqId}/comparison?${query}`, lang);
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
}

/** Every page of `query` at `perPage`, put back together. */
async function allPages(token: string, query: string, perPage: number, lang = "ja") {
  const first = await page(token, `${query}&perPage=${perPage}&page=1`, lang);
  const pages = [first];
  for (let p = 2; p <= first.page.totalPages; p++) pages.push(await page(token, `${query}&perPage=${perPage}&page=${p}`, lang));
  return { pages, items: pages.flatMap((p) => p.items) };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "ページ検証市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別テナント市" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "ページ検証アドバイザリー" });
  strangerAdvisor = await createAccount(h.db, { kind: "advisory", org: "無関係アドバイザリー" });
  for (let i = 0; i < QUOTES; i++)
    vendors.push(
      await createAccount(h.db, {
        kind: "vendor",
        vendor: { name: `ページ業者${String(i + 1).padStart(2, "0")}株式会社`, categories: ["municipal"], certifications: i % 3 === 0 ? [CERT] : [] },
      }),
    );
  buyerActor = await actorFor(h.db, buyer.email);
  const base = rfqInput(h, { sealed: true, invitedVendorIds: vendors.map((v) => v.org.id), requiredCertifications: [], dataSensitivity: "none" });
  rfqId = await createPublishedRfq(h, buyerActor, base);
  // A second RFQ whose deadline is later: still sealed when the first one opens.
  sealedRfqId = await createPublishedRfq(h, buyerActor, { ...base, quoteDeadline: new Date(h.clock.now().getTime() + 40 * 86_400_000).toISOString() });
  for (const [i, v] of vendors.entries()) {
    const actor = await actorFor(h.db, v.email);
    // Every fifth quote misses the accuracy gate (0.995): disqualified. Quotes 10 and 11 are the same offer: a tie.
    const k = i === 11 ? 10 : i;
    const quote = quoteA({
      unitPrices: { INIT: 200_000 + (k % 4) * 10_000, OPS: 380_000 + ((k * 7) % 11) * 5_000, DOC: 300 },
      kpiCommitments: { accuracy: k % 5 === 4 ? 0.99 : 0.995 + (k % 4) * 0.001, processing_lead_time_days: 1 + (k % 5) },
    });
    await submitQuote(h, actor, rfqId, quote);
    if (i < 3) await submitQuote(h, actor, sealedRfqId, quote);
  }
  await openRfq(h, rfqId);
  mustSucceed(await assignAdvisor(h.ctx, buyerActor, rfqId, { advisorOrgId: advisor.org.id }), "assigning the advisor");
  mustSucceed(await assignAdvisor(h.ctx, buyerActor, sealedRfqId, { advisorOrgId: advisor.org.id }), "assigning the advisor");
});
afterAll(() => h?.close());

describe("pages cover the whole ranking exactly once, in rank order, for every method", () => {
  for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
    it(method, async () => {
      const fullRes = await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?view=full&method=${method}`);
      expect(fullRes.status).toBe(200);
      const full = (await fullRes.json()) as Full;
      expect(full.method).toBe(method);
      expect(full.disqualified.length).toBeGreaterThan(0);
      const expected = [...full.ranking.map((r) => r.id), ...full.disqualified.map((d) => d.id)];
      expect(expected).toHaveLength(QUOTES);

      for (const perPage of [1, 4, 30]) {
        const { pages, items } = await allPages(buyer.token, `method=${method}`, perPage);
        expect(items.map((i) => i.id)).toEqual(expected);
        expect(new Set(items.map((i) => i.id)).size).toBe(QUOTES);
        expect(pages[0]!.page.totalPages).toBe(Math.ceil(QUOTES / perPage));
        // The totals and facets are the whole ranking's on every page.
        for (const p of pages) {
          expect(p.method).toBe(method);
          expect(p.totals).toEqual({
            quotes: QUOTES,
            ranked: full.ranking.length,
            disqualified: full.disqualified.length,
            awaitingReconfirmation: 0,
            matching: QUOTES,
          });
          expect(p.facets).toEqual(pages[0]!.facets);
        }
        const names = new Map(full.quotes.map((q) => [q.id, q.vendorName]));
        const swap = (text: string) => text.replace(/[0-9a-f-]{36}/g, (id) => names.get(id) ?? id);
        full.ranking.forEach((r, i) => {
          const item = items[i]!;
          expect(item.rank).toBe(r.rank);
          // Rounded as the page reads it: 0.1 point, TOPSIS closeness 0.001.
          const decimals = method === "topsis" ? 3 : 1;
          expect(item.score).toBeCloseTo(r.score, decimals);
          expect(item.score).toBe(Number(r.score.toFixed(decimals)));
          // The sentence of a page cut anywhere is the page-less one (ids as vendor names, one language).
          expect(item.explanation).toBe(swap(r.explanation.ja));
          expect(item.dominatedBy).toEqual(r.dominatedBy);
        });
        for (const item of items.slice(full.ranking.length)) {
          expect(item.gate).toBe("failed");
          expect(item.rank).toBeNull();
          expect(item.reasons!.length).toBeGreaterThan(0);
        }
      }
      // Ranks never go down along the pages, and the tied pair shares one.
      const { items } = await allPages(buyer.token, `method=${method}&gate=passed`, 5);
      const ranks = items.map((i) => i.rank!);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const tied = items.filter((i) => i.vendorName.startsWith("ページ業者11") || i.vendorName.startsWith("ページ業者12"));
      expect(tied).toHaveLength(2);
      expect(tied[0]!.rank).toBe(tied[1]!.rank);
    });
  }

  it("filters and sorts over the whole ranking, with the facets unchanged", async () => {
    const all = await page(buyer.token, "");
    const certified = await allPages(buyer.token, "cert=isms_iso27001", 2);
    expect(certified.items.map((i) => i.vendorName)).toEqual(
      all.items.filter((i) => /0[147]株式会社|(10|13)株式会社/.test(i.vendorName)).map((i) => i.vendorName),
    );
    expect(certified.pages[0]!.totals.matching).toBe(5);
    expect(certified.pages[0]!.facets).toEqual(all.facets);
    const failed = await page(buyer.token, "gate=failed");
    expect(failed.items.every((i) => i.gate === "failed")).toBe(true);
    expect(failed.items).toHaveLength(all.totals.disqualified);
    const byTco = await page(buyer.token, "sort=tco&gate=passed");
    const tcos = byTco.items.map((i) => i.tco);
    expect(tcos).toEqual([...tcos].sort((a, b) => a - b));
  });
});

describe("the default page", () => {
  it("is compact, in the caller's language, rounded, with scores and sentences", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison`, "en");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe("en");
    const text = await res.text();
    const body = JSON.parse(text) as Page;
    expect(body.page).toEqual({ page: 1, perPage: 30, totalPages: 1, items: QUOTES });
    expect(body.lang).toBe("en");
    expect(body.criteria.find((c) => c.key === "tco")!.label).toBe("TCO");
    const ranked = body.items.find((i) => i.gate === "passed")!;
    expect(ranked.explanation).toMatch(/ranks (above|below)|ties with/);
    expect(Object.keys(ranked.scores!)).toEqual(body.criteria.map((c) => c.key));
    expect(ranked.contributions).toBeUndefined();
    // One language only: no Japanese sentence or label in an English page (vendor names aside).
    expect(text).not.toMatch(/点 対|上位|総保有コスト/);
    expect(Buffer.byteLength(text) / QUOTES).toBeLessThan(2048);
    const ja = await page(buyer.token, "lang=ja", "en");
    expect(ja.lang).toBe("ja");
    expect(ja.criteria.find((c) => c.key === "tco")!.label).toBe("総保有コスト");
  });

  it("gives unrounded numbers and contributions when asked", async () => {
    const fullRes = (await (await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).json()) as Full;
    const p = await page(buyer.token, "precision=full&fields=contributions");
    expect(p.items[0]!.score).toBe(fullRes.ranking[0]!.score);
    expect(p.items[0]!.contributions).toHaveLength(p.criteria.length);
    expect(p.items[0]!.scores).toBeUndefined();
    expect(p.items[0]!.explanation).toBeUndefined();
  });
});

describe("fields never open what the caller could not read", () => {
  const everything = "fields=scores,contributions,explanations&precision=full";
  it("vendors (even one that quoted), another tenant and an unassigned advisor get 404", async () => {
    for (const token of [vendors[0]!.token, otherBuyer.token, strangerAdvisor.token]) {
      for (const q of ["", everything, "view=full"]) {
        const res = await api(token, `/api/v1/rfqs/${rfqId}/comparison?${q}`);
        expect(res.status, q).toBe(404);
        expect(await res.text()).not.toContain("ページ業者");
      }
    }
  });

  it("the buyer and its advisor get 404 for a still-sealed RFQ, whatever fields are asked", async () => {
    for (const token of [buyer.token, advisor.token]) {
      for (const q of ["", everything, "view=full", "page=2&perPage=1"]) {
        const res = await api(token, `/api/v1/rfqs/${sealedRfqId}/comparison?${q}`);
        expect(res.status, q).toBe(404);
        expect(await res.text()).not.toContain("ページ業者");
      }
    }
  });

  it("the assigned advisor reads the buyer's page, no more and no less", async () => {
    const mine = await page(advisor.token, everything);
    const theirs = await page(buyer.token, everything);
    expect(mine).toEqual(theirs);
  });
});

describe("the downloads stay complete", () => {
  it("hold every quote in the pages' order with the same ranks and scores", async () => {
    const outcome = await comparisonForBuyer(h.ctx, buyerActor, rfqId);
    if (!outcome.ok) throw new Error("comparison refused");
    const { items } = await allPages(buyer.token, "precision=full&fields=", 4, "en");
    const tables = exportTables(outcome, "en");
    const header = tables.sideBySide.header as string[];
    // Three columns a quote (value, score, full score), named by the vendor.
    const exported = header
      .slice(2)
      .filter((_, k) => k % 3 === 0)
      .map((h) => h.replace(/ Value$/, ""));
    expect(exported).toEqual(items.map((i) => i.vendorName));
    const row = (label: string) => tables.sideBySide.rows.find((r) => r[0]!.value === label)!;
    const totals = row("Total score");
    const ranks = row("Rank");
    items.forEach((item, k) => {
      expect(totals[2 + k * 3 + 2]!.value).toBe(item.score);
      expect(ranks[2 + k * 3]!.value ?? null).toBe(item.rank);
    });
  });
});

describe("a refused parameter is named, in the caller's language", () => {
  const cases: [string, string][] = [
    ["perPage=500", "perPage"],
    ["page=0", "page"],
    ["fields=scores,secrets", "fields"],
    ["lang=fr", "lang"],
    ["precision=max", "precision"],
    ["sort=hidden_cost", "sort"],
    ["tcoMin=-1", "tcoMin"],
    ["tcoMin=9&tcoMax=1", "tcoMin"],
    ["gate=maybe", "gate"],
  ];
  for (const [query, name] of cases) {
    it(`${query} → 400 naming ${name}`, async () => {
      for (const lang of ["ja", "en"]) {
        const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?${query}`, lang);
        expect(res.status).toBe(400);
        expect(res.headers.get("Content-Type")).toContain("application/problem+json");
        const body = (await res.json()) as { errors: { path: string; message: string }[] };
        expect(body.errors.map((e) => e.path)).toEqual([name]);
        expect(body.errors[0]!.message).toMatch(lang === "ja" ? /[ぁ-んァ-ン一-龯]/ : /^[\x20-\x7e]+$/);
      }
    });
  }
});
