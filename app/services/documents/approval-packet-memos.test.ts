import { describe, expect, it } from "vitest";
import type { ProposalSnapshot } from "~/domain/award/proposal";
import { sampleApprovalPacket } from "../../../tests/fixtures/documents";
import { pdfPages } from "../../../tests/support/pdf-text";
import { approvalPacketDocument } from "./approval-packet-document";
import { renderApprovalPacketPdf } from "./index";

// The award packet's recommendation memos and annotations (issue 18; decision 0047): drawn from the frozen
// snapshot's schema-2 fields, printed in ja and en, and left out of packets whose snapshot predates them.

const squash = (s: string) => s.replace(/\s+/g, "");

const base = {
  schema: 2,
  rfq: { id: "r", version: 1, title: "清掃業務" },
  input: { criteria: [{ key: "proposal", label: { ja: "改善提案の質", en: "Quality of proposals" } }] },
  result: { method: "weighted_sum", ranking: [{ id: "qa", rank: 1, score: 80 }] },
  stability: { sentence: { ja: "安定", en: "stable" } },
  quotes: [
    { id: "qa", version: 1, vendorName: "A社", tcoYen: 100 },
    { id: "qb", version: 1, vendorName: "B社", tcoYen: 90 },
  ],
  advisorNotes: [],
  memos: [
    {
      id: "m1",
      advisorOrgId: "adv",
      advisorName: "みなと調達アドバイザリー",
      version: 2,
      assigned: true,
      quoteId: "qb",
      rationale: "B社の体制が厚い",
      conditions: "夜間対応の確認",
      risks: "繁忙期の要員",
      publishedAt: "2026-12-05T01:00:00.000Z",
    },
    {
      id: "m2",
      advisorOrgId: "old",
      advisorName: "解任済み",
      version: 1,
      assigned: false,
      quoteId: "qa",
      rationale: "x",
      conditions: "",
      risks: "",
      publishedAt: "2026-12-01T00:00:00.000Z",
    },
  ],
  annotations: [
    {
      id: "n1",
      quoteId: "qa",
      criterionKey: "proposal",
      kind: "question",
      body: "夜間の連絡体制は？",
      authorName: "山田",
      authorOrgName: "みなと調達アドバイザリー",
      updatedAt: "2026-12-04T00:00:00.000Z",
      clarification: { question: "夜間の連絡体制を教えてください", answer: "24時間の当番制です", answeredAt: "2026-12-04T05:00:00.000Z" },
    },
    {
      id: "n2",
      quoteId: "qb",
      criterionKey: null,
      kind: "risk",
      body: "価格改定条項なし",
      authorName: "佐藤",
      authorOrgName: "発注市",
      updatedAt: "2026-12-04T00:00:00.000Z",
    },
  ],
} as unknown as ProposalSnapshot;

const proposal = {
  id: "0a1b2c3d-0000-4000-8000-000000000000",
  createdAt: "2026-12-06T01:00:00Z",
  quoteId: "qa",
  amountYen: 1_100_000,
  rationale: "品質",
  specificRationale: "推薦メモと異なる理由",
  snapshotSha256: "f".repeat(64),
  routeSteps: [],
};

const documentFor = (snapshot: ProposalSnapshot, locale: "ja" | "en") =>
  approvalPacketDocument({ proposal, snapshot, buyer: { name: "発注市" }, proposer: { name: "起案者" }, userNames: {}, decisions: [], locale });

describe("award packet: memos and annotations", () => {
  it("takes the assigned organisations' published memos and every annotation with its clarification from the snapshot", () => {
    const doc = documentFor(base, "en");
    expect(doc.memos).toEqual([
      {
        organisation: "みなと調達アドバイザリー",
        version: 2,
        publishedAt: "2026-12-05T01:00:00.000Z",
        recommendsVendor: "B社",
        rationale: "B社の体制が厚い",
        conditions: "夜間対応の確認",
        risks: "繁忙期の要員",
      },
    ]);
    expect(doc.annotations).toEqual([
      {
        vendorName: "A社",
        criterion: "Quality of proposals",
        kind: "question",
        body: "夜間の連絡体制は？",
        author: "山田 (みなと調達アドバイザリー)",
        clarification: { question: "夜間の連絡体制を教えてください", answer: "24時間の当番制です" },
      },
      { vendorName: "B社", kind: "risk", body: "価格改定条項なし", author: "佐藤 (発注市)" },
    ]);
  });

  it("prints a schema-1 snapshot without either section", () => {
    const { memos: _m, annotations: _a, ...old } = base;
    const doc = documentFor({ ...old, schema: 1 } as ProposalSnapshot, "ja");
    expect(doc.memos).toBeUndefined();
    expect(doc.annotations).toBeUndefined();
  });

  it.each([
    [
      "ja",
      [
        "推薦メモ",
        "みなと調達アドバイザリー（版2、2026年12月5日公開）",
        "推薦する見積:B社",
        "評価者の注記と確認事項",
        "質問·A社（改善提案の質）",
        "ベンダーの回答:24時間の当番制です",
      ],
    ],
    [
      "en",
      [
        "Recommendationmemos",
        "(version2,published",
        "Recommendedquote:B社",
        "Evaluators'annotationsandclarifications",
        "Question·A社(Qualityofproposals)",
        "Vendor'sanswer:24時間の当番制です",
      ],
    ],
  ] as const)("prints both sections in the PDF (%s)", async (locale, expected) => {
    const doc = documentFor(base, locale);
    const packet = { ...sampleApprovalPacket(locale), memos: doc.memos, annotations: doc.annotations };
    const all = squash((await pdfPages(await renderApprovalPacketPdf(packet, locale))).join(" "));
    for (const text of expected) expect(all).toContain(squash(text));
    expect(all).toContain(squash("繁忙期の要員"));
    expect(all).not.toContain("解任済み");
  });
});
