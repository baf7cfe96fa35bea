import { describe, expect, it } from "vitest";
import type { ProposalSnapshot } from "~/domain/award/proposal";
import { approvalPacketDocument, packetNumber } from "./approval-packet-document";

const snapshot = {
  rfq: { id: "r", version: 3, title: "清掃業務" },
  result: {
    method: "topsis",
    ranking: [
      { id: "qa", rank: 1, score: 0.8 },
      { id: "qb", rank: 2, score: 0.6 },
    ],
  },
  stability: { sentence: { ja: "qaは±10%のどの重み変更でも1位のままです。", en: "qa stays first under every ±10% weight change." } },
  quotes: [
    { id: "qa", version: 1, vendorName: "A社", tcoYen: 100 },
    { id: "qb", version: 2, vendorName: "B社", tcoYen: 90 },
  ],
  advisorNotes: [
    { advisorName: "顧問", assigned: true, quoteId: "qb", recommends: true, body: "B推奨" },
    { advisorName: "外部", assigned: false, quoteId: "qa", recommends: true, body: "未割当" },
  ],
} as unknown as ProposalSnapshot;

describe("approvalPacketDocument", () => {
  it("draws everything from the frozen snapshot: names for ids in the stability sentence, decisions with 代決", () => {
    const doc = approvalPacketDocument({
      proposal: {
        id: "0a1b2c3d-0000-4000-8000-000000000000",
        createdAt: "2026-12-04T01:00:00Z",
        quoteId: "qb",
        amountYen: 1_100_000,
        rationale: "品質",
        specificRationale: "1位ではない理由",
        snapshotSha256: "f".repeat(64),
        routeSteps: [
          { kind: "sequential", required: 1, approverIds: ["u1"] },
          { kind: "parallel", required: 2, approverIds: ["u2", "u3", "u4"] },
        ],
      },
      snapshot,
      buyer: { name: "発注市" },
      proposer: { name: "起案者" },
      userNames: { u1: "課長", u2: "委員1", u3: "委員2", u4: "委員3" },
      decisions: [
        { stepIndex: 0, approverName: "課長", decidedByName: "課長代理", decision: "approved", decidedAt: "2026-12-05T00:00:00Z" },
        { stepIndex: 1, approverName: "委員2", decidedByName: "委員2", decision: "approved", decidedAt: "2026-12-06T00:00:00Z" },
      ],
      locale: "ja",
    });
    expect(doc.documentNumber).toBe("RINGI-2026-0A1B2C3D");
    expect(doc.stability).toBe("A社は±10%のどの重み変更でも1位のままです。");
    expect(doc.proposed).toMatchObject({ vendorName: "B社", amount: 1_100_000, quoteReference: "v2" });
    expect(doc.rationales).toEqual(["品質", "1位ではない理由"]);
    expect(doc.ranking.map((r) => [r.vendorName, r.proposed])).toEqual([
      ["A社", false],
      ["B社", true],
    ]);
    expect(doc.advisors).toEqual([{ organisation: "顧問", recommendsVendor: "B社", note: "B推奨" }]);
    expect(doc.route[0]!.approvers).toEqual([{ name: "課長代理", decision: "approved", decidedAt: "2026-12-05T00:00:00Z", onBehalfOf: "課長" }]);
    expect(doc.route[1]).toMatchObject({ required: 2, label: "第2段（3名中2名）" });
    expect(doc.route[1]!.approvers.map((a) => a.decision ?? null)).toEqual([null, "approved", null]);
  });

  it("numbers the packet by the proposal's year in Japan", () => {
    expect(packetNumber("abcdef12-0000", "2026-12-31T16:00:00Z")).toBe("RINGI-2027-ABCDEF12");
  });
});
