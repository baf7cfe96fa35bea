import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVendor } from "../factories";
import { startAppJobs } from "../../app/jobs";
import { createHarness, type Harness } from "./harness";

let h: Harness;
// Each vendor states one side of a pair only, in its description (category "creative" so the
// bilingual category labels cannot match for it).
const ONE_SIDED: Record<string, string> = {
  "Alpha Works": "経理の代行をお引き受けします。",
  "Bravo Works": "Accounting outsourcing for small firms.",
  "Charlie Works": "給与計算の代行。",
  "Delta Works": "Payroll processing and year-end adjustment.",
  "Echo Works": "コールセンターの運営。",
  "Foxtrot Works": "We run a contact centre for retailers.",
  "Golf Works": "Pマーク取得済みです。",
  "Hotel Works": "Privacy Mark certified since 2019.",
  "India Works": "ISMS認証を取得しています。",
  "Juliet Works": "ISO 27001 certified operations.",
};

beforeAll(async () => {
  h = await createHarness();
  for (const [name, description] of Object.entries(ONE_SIDED)) await createVendor(h.db, { name, description, categories: ["creative"], regions: ["okinawa"] });
  await h.index();
});
afterAll(async () => h?.close());

const names = async (q: string) => (await h.search.searchVendors({ q, page: 1, perPage: 20 })).hits.map((x) => x.name);

describe("vendor search: synonyms, typos, Japanese partial terms", () => {
  it.each([
    ["accounting", "Alpha Works"],
    ["経理", "Bravo Works"],
    ["会計", "Bravo Works"],
    ["payroll", "Charlie Works"],
    ["給与計算", "Delta Works"],
    ["contact centre", "Echo Works"],
    ["contact center", "Echo Works"],
    ["コールセンター", "Foxtrot Works"],
    ["Privacy Mark", "Golf Works"],
    ["プライバシーマーク", "Golf Works"],
    ["Pマーク", "Hotel Works"],
    ["ISO 27001", "India Works"],
    ["ISMS", "Juliet Works"],
  ])("%s finds %s (the other side of the pair)", async (q, expected) => {
    expect(await names(q)).toContain(expected);
  });

  it.each([
    ["acounting", "Bravo Works"],
    ["payrol", "Delta Works"],
    ["Acccounting", "Bravo Works"],
  ])("an English query with a typo (%s) still finds %s", async (q, expected) => {
    expect(await names(q)).toContain(expected);
  });

  it("a Japanese partial term finds the longer word (給与 → 給与計算)", async () => {
    expect(await names("給与")).toContain("Charlie Works");
  });

  it("a query that matches nothing finds nothing (the assertions above can fail)", async () => {
    expect(await names("ラーメン")).toEqual([]);
  });
});

describe("certificates that lapse or begin overnight", () => {
  it("the indexer's daily sweep re-projects the vendor, so 'has valid Privacy Mark' follows the calendar", async () => {
    const cert = { number: "第1号", issuer: "JIPDEC" };
    await createVendor(h.db, {
      name: "Lapsing Co",
      categories: ["creative"],
      certifications: [{ ...cert, type: "privacy_mark", validFrom: "2024-11-21", validUntil: "2026-11-20" }],
    });
    await createVendor(h.db, {
      name: "Starting Co",
      categories: ["creative"],
      certifications: [{ ...cert, type: "privacy_mark", validFrom: "2026-11-21", validUntil: "2028-11-20" }],
    });
    await h.index();
    const holders = async () => (await h.search.searchVendors({ q: "", certifications: ["privacy_mark"], page: 1, perPage: 50 })).hits.map((x) => x.name);
    expect(await holders()).toContain("Lapsing Co");
    expect(await holders()).not.toContain("Starting Co");

    const indexer = startAppJobs({ db: h.db, search: h.search, now: h.clock.now, intervalMs: 50 });
    try {
      await indexer.drain();
      h.clock.set("2026-11-21T00:05:00+09:00");
      indexer.kick();
      await expect.poll(holders, { timeout: 10_000, interval: 100 }).not.toContain("Lapsing Co");
      expect(await holders()).toContain("Starting Co");
    } finally {
      await indexer.stop();
    }
  });
});
