import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import type { CertificateRecord } from "~/domain/certifications/validity";
import { rankAlternatives } from "~/domain/scoring";
import { buildRankingInput, mandatoryCertificationKey, type QuoteForRanking } from "./ranking-input";

const rfq = fixtureRfq();
const valid = { verificationStatus: "verified" as const, validFrom: "2025-01-01", validUntil: "2028-12-31" };
const both = [
  { type: "isms_iso27001" as const, ...valid },
  { type: "privacy_mark" as const, ...valid },
];

function quote(id: string, input: ReturnType<typeof quoteA>, certifications: CertificateRecord[] = both): QuoteForRanking {
  const content = quoteBaseSchema.parse(input);
  return { id, vendorName: id, content, normalized: normalizeQuoteToTco(rfq, content), certifications };
}

describe("buildRankingInput", () => {
  it("takes TCO from the normalized quote and KPIs from the commitments", () => {
    const a = quote("a", quoteA());
    const input = buildRankingInput(rfq, [a], "2026-11-20");
    expect(input.method).toBe(rfq.scoringMethod);
    expect(input.alternatives[0].values.tco).toBe(a.normalized.tco);
    expect(input.alternatives[0].values.accuracy).toBe(a.content.kpiCommitments.accuracy);
  });

  it("turns each mandatory certification into a gate: without it the quote is disqualified, not ranked", () => {
    const withCerts = quote("with", quoteA());
    const without = quote("without", quoteB(), [{ type: "isms_iso27001", ...valid }]);
    const input = buildRankingInput(rfq, [withCerts, without], "2026-11-20");
    const gate = input.criteria.find((c) => c.key === mandatoryCertificationKey("privacy_mark"));
    expect(gate).toMatchObject({ weight: 0, gate: { required: true } });
    const result = rankAlternatives(input);
    expect(result.ranking.map((r) => r.id)).toEqual(["with"]);
    expect(result.disqualified.map((d) => d.id)).toEqual(["without"]);
  });

  it("does not count an expired or unverified certificate", () => {
    const expired = quote("expired", quoteA(), [
      { type: "isms_iso27001", verificationStatus: "verified", validFrom: "2020-01-01", validUntil: "2025-12-31" },
      { type: "privacy_mark", verificationStatus: "unverified", validFrom: "2025-01-01", validUntil: "2028-12-31" },
    ]);
    const result = rankAlternatives(buildRankingInput(rfq, [expired], "2026-11-20"));
    expect(result.disqualified[0]?.reasons.map((r) => r.criterion).sort()).toEqual([mandatoryCertificationKey("isms_iso27001"), mandatoryCertificationKey("privacy_mark")]);
  });

  it("applies what-if weights and method without touching the RFQ", () => {
    const input = buildRankingInput(rfq, [quote("a", quoteA()), quote("b", quoteB())], "2026-11-20", { method: "topsis", weights: { tco: 1 } });
    expect(input.method).toBe("topsis");
    expect(input.criteria.find((c) => c.key === "tco")?.weight).toBe(1);
    expect(rfq.criteria.find((c) => c.key === "tco")?.weight).toBe(40);
  });
});
