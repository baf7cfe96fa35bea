import { describe, expect, it } from "vitest";
import { clarificationForVendor, countByKind, countsByCell } from "./views";

describe("countByKind", () => {
  it("counts current annotations per kind and leaves withdrawn ones out", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    expect(
      countByKind([
        { kind: "risk", withdrawnAt: null },
        { kind: "risk", withdrawnAt: null },
        { kind: "question", withdrawnAt: at },
        { kind: "strength", withdrawnAt: null },
      ]),
    ).toEqual({ strength: 1, risk: 2, question: 0 });
  });
});

describe("countsByCell", () => {
  it("counts per quote and criterion (the quote as a whole apart), leaving withdrawn ones out", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    expect(
      countsByCell([
        { quoteId: "q1", criterionKey: "tco", kind: "risk", withdrawnAt: null },
        { quoteId: "q1", criterionKey: "tco", kind: "question", withdrawnAt: null },
        { quoteId: "q1", criterionKey: null, kind: "strength", withdrawnAt: null },
        { quoteId: "q2", criterionKey: "tco", kind: "risk", withdrawnAt: at },
      ]),
    ).toEqual({ "q1:tco": { strength: 0, risk: 1, question: 1 }, "q1:": { strength: 1, risk: 0, question: 0 } });
  });
});

describe("clarificationForVendor", () => {
  it("passes the question and the answer only, never who asked or the annotation behind it", () => {
    const row = {
      id: "c1",
      quote_id: "q1",
      question: "体制の詳細は？",
      asked_at: new Date("2026-12-01T01:00:00Z"),
      answer: null,
      answered_at: null,
      // What the row also has; the projection must drop it.
      annotation_id: "a1",
      asked_by: "u1",
      asker_org_id: "o1",
      asker_org_name: "比較アドバイザリー",
      kind: "question",
    };
    const seen = clarificationForVendor(row);
    expect(seen).toEqual({ id: "c1", quoteId: "q1", question: "体制の詳細は？", askedAt: "2026-12-01T01:00:00.000Z", answer: null, answeredAt: null });
    expect(JSON.stringify(seen)).not.toMatch(/a1|u1|o1|比較アドバイザリー|kind/);
  });
});
