import { describe, expect, it } from "vitest";
import { wrapLabel } from "./chart-label";

describe("wrapLabel", () => {
  it("keeps a short label on one line", () => {
    expect(wrapLabel("業務プロセス", 90, 10)).toEqual(["業務プロセス"]);
  });
  it("breaks at spaces first, then between characters of a long Japanese name", () => {
    expect(wrapLabel("1位 北海道データエントリー株式会社", 158, 11)).toEqual(["1位", "北海道データエントリー株式会", "社"]);
    expect(wrapLabel("Rank 1 Hokkaido Data Entry Co., Ltd.", 158, 11)).toEqual(["Rank 1 Hokkaido Data", "Entry Co., Ltd."]);
  });
  it("gives the same lines every time (server and browser)", () => {
    const name = "2位 行政サポートセンター株式会社";
    expect(wrapLabel(name, 158, 11)).toEqual(wrapLabel(name, 158, 11));
  });
});
