import { describe, expect, it } from "vitest";
import { requiredRationales, type ProposalSnapshot } from "./proposal";
import { t } from "~/i18n";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const quote = (id: string, lowBidInvestigation?: boolean) => ({
  id,
  version: 1,
  rfqVersion: 1,
  vendorOrgId: `org-${id}`,
  vendorName: `Vendor ${id}`,
  status: "submitted",
  contractValueExcludingTaxYen: 1_000_000,
  contractValueIncludingTaxYen: 1_100_000,
  tcoYen: 1_000_000,
  roi: null,
  expiringCertifications: [],
  ...(lowBidInvestigation === undefined ? {} : { lowBidInvestigation }),
});

const ranked = (id: string, rank: number) => ({ id, rank, score: 100 - rank, contributions: [], explanation: { ja: "", en: "" }, dominatedBy: [], flags: [] });

function snapshot(quotes: ProposalSnapshot["quotes"]): ProposalSnapshot {
  return {
    schema: 2,
    takenAt: "2026-12-07T00:00:00.000Z",
    rfq: { id: "rfq", version: 1, title: "庁舎清掃" },
    input: { method: "weighted-sum-minmax", criteria: [], alternatives: [] },
    result: { method: "weighted-sum-minmax", ranking: [ranked(A, 1), ranked(B, 2)], disqualified: [], robustness: { winner: A, stability: 1 } },
    stability: { winner: A, tiedWith: [], flips: [], nearest: null, stableWithin: null, sentence: { ja: "", en: "" } },
    awaitingRatings: [],
    quotes,
    advisorNotes: [],
  };
}

describe("a quote below the 低入札価格調査基準価格 in an award proposal", () => {
  it("needs the investigation's result as the specific reason, even when ranked first", () => {
    const r = requiredRationales(snapshot([quote(A, true), quote(B)]), A);
    expect(r.specific).toEqual(["lowBidInvestigation"]);
  });

  it("needs nothing more for a quote at or above it, nor in a snapshot taken before the rule existed", () => {
    expect(requiredRationales(snapshot([quote(A, false), quote(B)]), A).specific).toEqual([]);
    expect(requiredRationales(snapshot([quote(A), quote(B)]), A).specific).toEqual([]);
  });

  it("asks for the investigation in both languages", () => {
    expect(t("ja", "awardProposal.trigger.lowBidInvestigation")).toContain("低入札価格調査基準価格");
    expect(t("en", "awardProposal.trigger.lowBidInvestigation")).toContain("low-bid investigation");
  });
});
