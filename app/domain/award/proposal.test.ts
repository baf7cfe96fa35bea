import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AwardProposalInput, freezeSnapshot, requiredRationales, snapshotHash, type ProposalSnapshot } from "./proposal";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

function quote(id: string, expiringCertifications: string[] = []) {
  return {
    id,
    version: 1,
    rfqVersion: 1,
    vendorOrgId: `org-${id}`,
    vendorName: `Vendor ${id}`,
    status: "submitted",
    contractValueExcludingTaxYen: 1_000_000,
    contractValueIncludingTaxYen: 1_100_000,
    tcoYen: 1_200_000,
    roi: null,
    expiringCertifications,
  };
}

function ranked(id: string, rank: number, flags: { code: "missing-value" | "unverified" | "evidence-below-gate"; criterion: string }[] = []) {
  return { id, rank, score: 100 - rank, contributions: [], explanation: { ja: "", en: "" }, dominatedBy: [], flags };
}

function snapshot(over: Partial<ProposalSnapshot> = {}): ProposalSnapshot {
  return {
    schema: 1,
    takenAt: "2026-12-07T00:00:00.000Z",
    rfq: { id: "rfq", version: 2, title: "庁舎清掃" },
    input: { method: "weighted_sum", criteria: [], alternatives: [] } as unknown as ProposalSnapshot["input"],
    result: {
      method: "weighted_sum",
      ranking: [ranked(A, 1), ranked(B, 2)],
      disqualified: [],
      robustness: { winner: A, stability: 0.9 },
    } as unknown as ProposalSnapshot["result"],
    stability: { winner: A, tiedWith: [], flips: [], nearest: null, stableWithin: null, sentence: { ja: "安定", en: "stable" } },
    awaitingRatings: [],
    quotes: [quote(A), quote(B), quote(C)],
    advisorNotes: [],
    ...over,
  };
}

const note = (quoteId: string | null, over: Partial<ProposalSnapshot["advisorNotes"][number]> = {}) => ({
  id: `n-${quoteId}`,
  advisorOrgId: "adv",
  advisorName: "顧問",
  assigned: true,
  quoteId,
  recommends: true,
  body: "推薦",
  updatedAt: "2026-12-01T00:00:00.000Z",
  ...over,
});

describe("requiredRationales", () => {
  it("asks only for the rationale when the rank-1 quote, unflagged and not against an advisor, is proposed", () => {
    expect(requiredRationales(snapshot(), A)).toEqual({
      rationale: true,
      specific: [],
      rank: 1,
      recommendedQuoteIds: [],
      againstMemos: [],
      flags: [],
      redFlags: [],
    });
  });

  it("asks for a second reason when the quote is not ranked first", () => {
    const r = requiredRationales(snapshot(), B);
    expect(r.specific).toEqual(["notRankedFirst"]);
    expect(r.rank).toBe(2);
  });

  it("counts a tie for first as first", () => {
    const s = snapshot({ result: { ...snapshot().result, ranking: [ranked(A, 1), ranked(B, 1)] } });
    expect(requiredRationales(s, B).specific).toEqual([]);
  });

  it("asks for a second reason when an assigned advisor recommends another quote", () => {
    const r = requiredRationales(snapshot({ advisorNotes: [note(B)] }), A);
    expect(r.specific).toEqual(["notRecommended"]);
    expect(r.recommendedQuoteIds).toEqual([B]);
    expect(requiredRationales(snapshot({ advisorNotes: [note(A)] }), A).specific).toEqual([]);
  });

  it("counts a published recommendation memo like a recommendation, naming the memo", () => {
    const memo = (quoteId: string | null, over: Partial<NonNullable<ProposalSnapshot["memos"]>[number]> = {}) => ({
      id: `m-${quoteId}`,
      advisorOrgId: "adv",
      advisorName: "顧問法人",
      version: 3,
      assigned: true,
      quoteId,
      rationale: "理由",
      conditions: "",
      risks: "",
      publishedAt: "2026-12-02T00:00:00.000Z",
      ...over,
    });
    const r = requiredRationales(snapshot({ schema: 2, memos: [memo(B)] }), A);
    expect(r.specific).toEqual(["notRecommended"]);
    expect(r.recommendedQuoteIds).toEqual([B]);
    expect(r.againstMemos).toEqual([{ advisorName: "顧問法人", version: 3, quoteId: B }]);
    // Proposing the memo's quote needs no second reason; nor does a memo of an advisor no longer assigned.
    expect(requiredRationales(snapshot({ schema: 2, memos: [memo(B)] }), B).specific).toEqual(["notRankedFirst"]);
    expect(requiredRationales(snapshot({ schema: 2, memos: [memo(B, { assigned: false })] }), A).specific).toEqual([]);
    // A schema-1 snapshot (no memos recorded) still reads.
    expect(requiredRationales(snapshot({ advisorNotes: [note(A)] }), A).againstMemos).toEqual([]);
  });

  it("ignores notes that do not recommend and advisors no longer assigned", () => {
    const notes = [note(B, { recommends: false }), note(B, { assigned: false }), note(null)];
    expect(requiredRationales(snapshot({ advisorNotes: notes }), A).specific).toEqual([]);
  });

  it("asks for a second reason when the quote's track record is below a gate or a value is missing", () => {
    const s = snapshot({ result: { ...snapshot().result, ranking: [ranked(A, 1, [{ code: "evidence-below-gate", criterion: "uptime" }]), ranked(B, 2)] } });
    const r = requiredRationales(s, A);
    expect(r.specific).toEqual(["flagged"]);
    expect(r.flags).toEqual(["evidence-below-gate:uptime"]);
    const missing = snapshot({ result: { ...snapshot().result, ranking: [ranked(A, 1, [{ code: "missing-value", criterion: "x" }]), ranked(B, 2)] } });
    expect(requiredRationales(missing, A).specific).toEqual(["flagged"]);
  });

  it("does not treat an unverified claim (no track record yet) as a warning", () => {
    const s = snapshot({ result: { ...snapshot().result, ranking: [ranked(A, 1, [{ code: "unverified", criterion: "uptime" }]), ranked(B, 2)] } });
    expect(requiredRationales(s, A).specific).toEqual([]);
  });

  it("asks for a second reason when a certificate expires during the term", () => {
    const r = requiredRationales(snapshot({ quotes: [quote(A, ["ISMS"]), quote(B)] }), A);
    expect(r.specific).toEqual(["flagged"]);
  });

  it("treats a disqualified (gate-failing) quote as not first and flagged", () => {
    const s = snapshot({
      result: {
        ...snapshot().result,
        disqualified: [{ id: C, reasons: [{ criterion: "price", code: "above-max", value: 9, message: { ja: "", en: "" } }] }],
      },
    });
    const r = requiredRationales(s, C);
    expect(r.rank).toBeNull();
    expect(r.specific).toEqual(["notRankedFirst", "flagged"]);
    expect(r.flags).toEqual(["gate:price:above-max"]);
  });

  it("lists every trigger at once", () => {
    const s = snapshot({
      advisorNotes: [note(A)],
      result: { ...snapshot().result, ranking: [ranked(A, 1), ranked(B, 2, [{ code: "missing-value", criterion: "x" }])] },
    });
    expect(requiredRationales(s, B).specific).toEqual(["notRankedFirst", "notRecommended", "flagged"]);
  });
});

describe("snapshotHash", () => {
  it("is the SHA-256 of the canonical JSON: key order and a storage round trip do not change it", () => {
    const s = snapshot();
    const h = snapshotHash(s, sha256);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(s).reverse());
    expect(snapshotHash(reordered, sha256)).toBe(h);
    expect(snapshotHash(freezeSnapshot(s), sha256)).toBe(h);
    expect(snapshotHash(JSON.parse(JSON.stringify(freezeSnapshot(s))), sha256)).toBe(h);
  });

  it("changes when anything in the snapshot changes", () => {
    const s = snapshot();
    const changed = snapshot({ quotes: [{ ...quote(A), tcoYen: 1_200_001 }, quote(B), quote(C)] });
    expect(snapshotHash(changed, sha256)).not.toBe(snapshotHash(s, sha256));
  });

  it("drops undefined members when frozen, so the stored document hashes like the one proposed", () => {
    const s = { ...snapshot(), extra: undefined } as unknown as ProposalSnapshot;
    expect(Object.keys(freezeSnapshot(s))).not.toContain("extra");
  });
});

describe("AwardProposalInput", () => {
  it("requires a quote, a rationale and the debrief reason, trims, and drops an empty second reason", () => {
    expect(AwardProposalInput.safeParse({ quoteId: A, rationale: "  価格と実績  ", specificRationale: " ", debriefReason: " 価格 " }).data).toEqual({
      quoteId: A,
      rationale: "価格と実績",
      debriefReason: "価格",
      // No red flag acknowledged (decision 0051): an empty list, not absent.
      acknowledgedRedFlags: [],
    });
    const bad = AwardProposalInput.safeParse({ quoteId: "x", rationale: " ", debriefReason: "" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["quoteId", "awardProposal.quoteId.required"],
      ["rationale", "awardProposal.rationale.required"],
      ["debriefReason", "awardProposal.debriefReason.required"],
    ]);
    expect(AwardProposalInput.safeParse({ quoteId: A, rationale: "r", debriefReason: "あ".repeat(2001) }).error?.issues[0]?.message).toBe(
      "awardProposal.debriefReason.tooLong",
    );
  });
});
