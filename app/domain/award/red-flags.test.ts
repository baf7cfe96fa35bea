import { describe, expect, it } from "vitest";
import type { ProposalSnapshot } from "./proposal";
import { awardRedFlags, unacknowledgedRedFlags } from "./red-flags";

function snapshot(quotes: { id: string; tco: number }[], disqualified: { id: string; criteria: string[] }[] = []): ProposalSnapshot {
  const out = new Set(disqualified.map((d) => d.id));
  return {
    schema: 2,
    takenAt: "2026-12-01T00:00:00.000Z",
    rfq: { id: "r", version: 1, title: "t" },
    input: {
      method: "weighted_sum",
      criteria: [
        { key: "price", label: { ja: "価格", en: "Price" }, perspective: "financial", direction: "cost", weight: 1, kind: "number" },
        { key: "isms", label: { ja: "ISMS", en: "ISMS" }, perspective: "process", direction: "benefit", weight: 0, kind: "boolean" },
      ],
      alternatives: [],
    } as unknown as ProposalSnapshot["input"],
    result: {
      method: "weighted_sum",
      ranking: quotes.filter((x) => !out.has(x.id)).map((x, i) => ({ id: x.id, rank: i + 1, flags: [] })),
      disqualified: disqualified.map((d) => ({
        id: d.id,
        reasons: d.criteria.map((c) => ({ criterion: c, code: "below-min", value: 0, message: { ja: "", en: "" } })),
      })),
      robustness: { winner: null, stability: null },
    } as unknown as ProposalSnapshot["result"],
    stability: {} as ProposalSnapshot["stability"],
    awaitingRatings: [],
    quotes: quotes.map((x) => ({
      id: x.id,
      version: 1,
      rfqVersion: 1,
      vendorOrgId: `v-${x.id}`,
      vendorName: x.id,
      status: "submitted",
      contractValueExcludingTaxYen: x.tco,
      contractValueIncludingTaxYen: x.tco,
      tcoYen: x.tco,
      roi: null,
      expiringCertifications: [],
    })),
    advisorNotes: [],
  };
}

describe("awardRedFlags — the winner far below the second", () => {
  it("flags under 75 % of the next-lowest qualifying quote, not exactly 75 %", () => {
    expect(
      awardRedFlags(
        snapshot([
          { id: "a", tco: 750 },
          { id: "b", tco: 1000 },
          { id: "c", tco: 2000 },
        ]),
        "a",
      ),
    ).toEqual([]);
    const flags = awardRedFlags(
      snapshot([
        { id: "a", tco: 749 },
        { id: "b", tco: 1000 },
        { id: "c", tco: 2000 },
      ]),
      "a",
    );
    expect(flags).toEqual([
      { key: "winnerFarBelowSecond:a:b", code: "winnerFarBelowSecond", quoteId: "a", tcoYen: 749, secondQuoteId: "b", secondTcoYen: 1000 },
    ]);
  });

  it("ignores disqualified quotes as the second", () => {
    const s = snapshot(
      [
        { id: "a", tco: 700 },
        { id: "b", tco: 800 },
        { id: "c", tco: 2000 },
      ],
      [{ id: "b", criteria: ["isms"] }],
    );
    expect(awardRedFlags(s, "a").map((f) => f.key)).toEqual(["winnerFarBelowSecond:a:c"]);
  });
});

describe("awardRedFlags — the lowest quote disqualified on price alone", () => {
  it("flags a lowest quote knocked out only by price gates", () => {
    const s = snapshot(
      [
        { id: "low", tco: 500 },
        { id: "a", tco: 900 },
        { id: "b", tco: 1000 },
      ],
      [{ id: "low", criteria: ["public_price:minimum"] }],
    );
    expect(awardRedFlags(s, "a")).toEqual([
      {
        key: "lowestDisqualifiedOnPrice:a:low",
        code: "lowestDisqualifiedOnPrice",
        quoteId: "a",
        tcoYen: 900,
        disqualifiedQuoteId: "low",
        disqualifiedTcoYen: 500,
        criteria: ["public_price:minimum"],
      },
    ]);
    const financial = snapshot(
      [
        { id: "low", tco: 500 },
        { id: "a", tco: 900 },
      ],
      [{ id: "low", criteria: ["price"] }],
    );
    expect(awardRedFlags(financial, "a").map((f) => f.code)).toEqual(["lowestDisqualifiedOnPrice"]);
  });

  it("does not flag when a non-price gate also failed, or when the lowest was not disqualified", () => {
    const mixed = snapshot(
      [
        { id: "low", tco: 500 },
        { id: "a", tco: 900 },
      ],
      [{ id: "low", criteria: ["public_price:minimum", "isms"] }],
    );
    expect(awardRedFlags(mixed, "a")).toEqual([]);
    expect(
      awardRedFlags(
        snapshot([
          { id: "a", tco: 900 },
          { id: "b", tco: 1000 },
        ]),
        "a",
      ),
    ).toEqual([]);
  });
});

describe("unacknowledgedRedFlags", () => {
  it("lists the keys not acknowledged", () => {
    const flags = awardRedFlags(
      snapshot([
        { id: "a", tco: 100 },
        { id: "b", tco: 1000 },
      ]),
      "a",
    );
    expect(unacknowledgedRedFlags(flags, [])).toEqual(["winnerFarBelowSecond:a:b"]);
    expect(unacknowledgedRedFlags(flags, ["winnerFarBelowSecond:a:b"])).toEqual([]);
  });
});
