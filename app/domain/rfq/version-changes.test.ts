import { describe, expect, it } from "vitest";
import { changedPaths, versionHistory } from "./version-changes";
import { vendorVersionHistory } from "./vendor-view";
import { completeRfqInput } from "./test-fixtures";
import { rfqSchema } from "./schema";

const at = new Date("2026-03-01T00:00:00Z");

describe("what a version changed", () => {
  it("names fields one level deep and list items by position", () => {
    const before = rfqSchema.parse(completeRfqInput());
    const after = structuredClone(before);
    after.criteria[1].weight = 50;
    after.budget!.max = 16_000_000;
    after.purpose = "変更後の目的";
    after.lineItems.push({ code: "EXTRA", description: "追加", unit: "件", quantity: 1, recurrence: "one_off" });
    expect(changedPaths(before, after)).toEqual([["purpose"], ["lineItems"], ["budget", "max"], ["criteria", 1, "weight"]]);
  });

  it("shows vendors only what their projection shows: a baseline or hidden-cost change is not listed at all", () => {
    const v1 = rfqSchema.parse(completeRfqInput());
    const v2 = { ...v1, baselineCostMonthlyYen: 987_654_321, hiddenCosts: { managementOverheadPct: 9, transitionEffortYen: 7 } };
    const v3 = { ...v2, scopeIn: "範囲を追加" };
    const versions = [
      { version: 1, content: v1, changeSummary: "", publishedAt: at },
      { version: 2, content: v2, changeSummary: "補足", publishedAt: at },
      { version: 3, content: v3, changeSummary: "範囲", publishedAt: at },
    ];
    expect(vendorVersionHistory(versions).map((v) => v.changes)).toEqual([[], [], [["scopeIn"]]]);
    expect(JSON.stringify(vendorVersionHistory(versions))).not.toContain("987654321");
    expect(versionHistory(versions, (c) => c).map((v) => v.changes)).toEqual([
      [],
      [["hiddenCosts", "managementOverheadPct"], ["hiddenCosts", "transitionEffortYen"], ["baselineCostMonthlyYen"]],
      [["scopeIn"]],
    ]);
  });
});
