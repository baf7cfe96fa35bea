import { describe, expect, it } from "vitest";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S, highlightSegments, stripHighlight } from "./search-highlight";

describe("highlightSegments", () => {
  it("splits marked terms from plain text", () => {
    expect(highlightSegments(`給与${S}計算${E}と${S}年末調整${E}`)).toEqual([
      { text: "給与", match: false },
      { text: "計算", match: true },
      { text: "と", match: false },
      { text: "年末調整", match: true },
    ]);
  });

  it("keeps markup as text and tolerates an unclosed marker", () => {
    expect(highlightSegments(`<script>${S}x`)).toEqual([
      { text: "<script>", match: false },
      { text: "x", match: true },
    ]);
    expect(highlightSegments("")).toEqual([]);
  });

  it("strips markers", () => {
    expect(stripHighlight(`a${S}b${E}c`)).toBe("abc");
  });
});
