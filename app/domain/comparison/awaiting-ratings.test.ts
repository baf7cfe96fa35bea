import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import type { Rfq } from "~/domain/rfq/schema";
import { rankAlternatives } from "~/domain/scoring";
import { buildComparisonView } from "./comparison-view";
import { buildComparisonExport } from "./export-table";
import { awaitingRatings, buildRankingInput, type QuoteForRanking } from "./ranking-input";
import { workUnderstanding } from "./test-fixtures";

// A criterion only evaluators can score (業務理解度, source "advisor rating") while nobody has rated:
// the page marks it 評価待ち with a share of 0, the others' shares add up to 100 %, and the export's
// criteria sheet lists it as awaiting ratings (not ranked).

const base = fixtureRfq();
const rfq: Rfq = {
  ...base,
  criteria: [...base.criteria, workUnderstanding(20)],
};
const valid = { verificationStatus: "verified" as const, validFrom: "2025-01-01", validUntil: "2028-12-31" };
const certs = [
  { type: "isms_iso27001" as const, ...valid },
  { type: "privacy_mark" as const, ...valid },
];
function quote(id: string, input: ReturnType<typeof quoteA>): QuoteForRanking {
  const content = quoteBaseSchema.parse(input);
  return { id, vendorName: id, content, normalized: normalizeQuoteToTco(rfq, content), certifications: certs };
}
const quotes = [quote("a", quoteA()), quote("b", quoteB())];
const input = buildRankingInput(rfq, quotes, "2026-11-20");
const result = rankAlternatives(input);
const waiting = awaitingRatings(rfq, quotes);

describe("awaiting ratings on the page and in the export", () => {
  it("marks the criterion 評価待ち with no share; the scorable criteria share the whole", () => {
    const view = buildComparisonView(
      {
        rfq,
        rfqVersion: 1,
        quotes: quotes.map((q) => ({ ...q, status: "submitted", expiringCertifications: [] })),
        awaitingReconfirmation: [],
        result,
        awaitingRatings: waiting,
      },
      { hideDisqualified: false, mandatoryMet: false, sort: "score" },
      "2026-11-20",
    );
    expect(view.awaitingRatings).toEqual([{ key: "work_understanding", label: { ja: "業務理解度", en: "Understanding of the work" } }]);
    const row = view.rows.find((r) => r.key === "work_understanding")!;
    expect(row).toMatchObject({ awaitingRatings: true, share: 0 });
    expect(view.rows.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 12);
  });

  it("lists it on the export's criteria sheet as awaiting ratings, in the reader's language", () => {
    const x = { rfq, rfqVersion: 1, input, result, quotes, date: "2026-11-20", awaitingRatings: waiting };
    const ja = buildComparisonExport(x, "ja").criteria.rows.find((r) => r[0].value === "業務理解度");
    expect(ja?.at(-1)?.value).toBe("評価待ち（順位に含めず）");
    const en = buildComparisonExport(x, "en").criteria.rows.find((r) => r[0].value === "Understanding of the work");
    expect(en?.at(-1)?.value).toBe("Awaiting ratings (not ranked)");
  });
});
