import { describe, expect, it } from "vitest";
import type { ComparisonColumn, DisqualifiedColumn } from "./comparison-view";
import { DEFAULT_PER_PAGE, DEFAULT_TOP, MAX_SHORTLIST, foldName, hrefWith, parseListParams, selectForPage, toggledShortlist } from "./ranked-list";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const column = (n: number, extra: Partial<ComparisonColumn> = {}): ComparisonColumn =>
  ({
    id: id(n),
    vendorName: `業者${n}株式会社`,
    rank: n,
    score: 100 - n / 10,
    tco: 1_000_000 + n * 1_000,
    mandatoryMet: true,
    cells: {},
    ...extra,
  }) as ComparisonColumn;

const failedQuote = (n: number): DisqualifiedColumn => ({
  id: id(n),
  vendorName: `失格${n}株式会社`,
  tco: 900_000,
  reasons: [{ criterion: "privacy_mark", message: { ja: "必須認証なし", en: "No mandatory certification" } }],
  expiringCertifications: [],
});

// 300 quotes: 290 ranked (every 29th flagged abnormally low), 10 that failed a gate.
const ranked = Array.from({ length: 290 }, (_, i) => column(i + 1, (i + 1) % 29 === 0 ? { abnormallyLow: { reasons: [] } } : {}));
const disqualified = Array.from({ length: 10 }, (_, i) => failedQuote(1000 + i));
const view = { columns: ranked, disqualified };
const params = (query: string) => parseListParams(new URLSearchParams(query));

describe("parseListParams", () => {
  it("defaults to the top 5 and 20 a page, the whole list and no shortlist", () => {
    expect(params("")).toEqual({
      params: { top: DEFAULT_TOP, perPage: DEFAULT_PER_PAGE, page: 1, gate: "all", low: false, q: "", shortlist: [], compare: "top" },
      problems: [],
    });
  });

  it("reads every choice", () => {
    const { params: p, problems } = params(`top=10&perPage=50&page=3&gate=failed&low=1&q=%20データ%20&shortlist=${id(4)},${id(2)}&compare=shortlist`);
    expect(problems).toEqual([]);
    expect(p).toEqual({ top: 10, perPage: 50, page: 3, gate: "failed", low: true, q: "データ", shortlist: [id(4), id(2)], compare: "shortlist" });
  });

  it("falls back, naming each param it could not use, for hand-edited values", () => {
    const { params: p, problems } = params(`top=7&perPage=-1&page=abc&gate=maybe&shortlist=${id(1)},nonsense,${id(1)}`);
    expect(p).toMatchObject({ top: DEFAULT_TOP, perPage: DEFAULT_PER_PAGE, page: 1, gate: "all", shortlist: [id(1)] });
    expect(problems).toEqual(["top", "perPage", "page", "gate", "shortlist"]);
    expect(params("page=0").problems).toEqual(["page"]);
    expect(params("page=1.5").problems).toEqual(["page"]);
  });

  it("keeps the first MAX_SHORTLIST picks and says the shortlist is full", () => {
    const ids = Array.from({ length: MAX_SHORTLIST + 2 }, (_, i) => id(i + 1));
    const { params: p, problems } = params(`shortlist=${ids.join(",")}`);
    expect(p.shortlist).toEqual(ids.slice(0, MAX_SHORTLIST));
    expect(problems).toEqual(["shortlistFull"]);
  });
});

describe("selectForPage", () => {
  it("pages cover every quote exactly once: the ranked ones in the view's order, then those that failed a gate", () => {
    for (const perPage of [20, 50, 100]) {
      const seen: string[] = [];
      const first = selectForPage(view, ranked, params(`perPage=${perPage}`).params);
      for (let page = 1; page <= first.list.pageCount; page++) {
        const s = selectForPage(view, ranked, params(`perPage=${perPage}&page=${page}`).params);
        expect(s.problems).toEqual([]);
        expect(s.list.rows.length).toBeLessThanOrEqual(perPage);
        seen.push(...s.list.rows.map((r) => r.id));
      }
      expect(first.list.pageCount).toBe(Math.ceil(300 / perPage));
      expect(seen).toEqual([...ranked.map((c) => c.id), ...disqualified.map((d) => d.id)]);
    }
  });

  it("makes the first N of the view's order the columns, and marks them in the list", () => {
    const s = selectForPage(view, ranked, params("top=8").params);
    expect(s.mode).toBe("top");
    expect(s.columns.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.list.rows.filter((r) => r.inColumns).map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A view sorted by something else (the page's `sort`) gives its own first N.
    const byPrice = { columns: [...ranked].reverse(), disqualified };
    expect(selectForPage(byPrice, ranked, params("top=3").params).columns.map((c) => c.rank)).toEqual([290, 289, 288]);
  });

  it("filters the list on the gate, the low-price flag and the vendor's name, counting over the whole list", () => {
    const failedOnly = selectForPage(view, ranked, params("gate=failed").params);
    expect(failedOnly.list.total).toBe(10);
    expect(failedOnly.list.rows.every((r) => r.gate === "failed" && r.rank === null && r.reasons.length === 1)).toBe(true);
    expect(selectForPage(view, ranked, params("gate=passed").params).list.total).toBe(290);
    const low = selectForPage(view, ranked, params("low=1").params);
    expect(low.list.rows.map((r) => r.rank)).toEqual([29, 58, 87, 116, 145, 174, 203, 232, 261, 290]);
    // Full-width digits and spaces fold: "業者 １２" finds 業者12, 業者120–129.
    const named = selectForPage(view, ranked, params("q=業者%20１２").params);
    expect(named.list.rows.map((r) => r.vendorName)).toEqual(["業者12株式会社", ...Array.from({ length: 10 }, (_, i) => `業者${120 + i}株式会社`)]);
    for (const s of [failedOnly, low, named]) expect(s.list.counts).toEqual({ all: 300, passed: 290, failed: 10, low: 10 });
    // The list's filters never change the columns.
    expect(named.columns.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("puts a page past the end on the last page and says so; an empty list is one empty page", () => {
    const s = selectForPage(view, ranked, params("page=99").params);
    expect(s.list.page).toBe(15);
    expect(s.list.rows.map((r) => r.id)).toEqual([...ranked.slice(280).map((c) => c.id), ...disqualified.map((d) => d.id)]);
    expect(s.problems).toEqual(["page"]);
    const none = selectForPage(view, ranked, params("q=存在しない").params);
    expect(none.list).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
    expect(none.problems).toEqual([]);
  });

  it("compares the shortlist side by side in rank order, even a quote the page's filters hide; charts show the top N and the shortlist", () => {
    const picks = [id(150), id(7), id(42), id(299)];
    const hidden = { columns: ranked.slice(0, 100), disqualified }; // a filter left only the first 100 in the view
    const query = `shortlist=${picks.join(",")}`;
    const top = selectForPage(hidden, ranked, params(query).params);
    expect(top.mode).toBe("top");
    expect(top.problems).toEqual(["shortlist"]); // 299 is not a ranked quote
    expect(top.shortlist.map((s) => s.rank)).toEqual([150, 7, 42]);
    expect(top.chartColumns.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 7, 42, 150]);
    expect(top.list.rows.filter((r) => r.shortlisted).map((r) => r.rank)).toEqual([7]);

    const side = selectForPage(hidden, ranked, params(`${query}&compare=shortlist`).params);
    expect(side.mode).toBe("shortlist");
    expect(side.columns.map((c) => c.rank)).toEqual([7, 42, 150]);
    expect(side.chartColumns).toEqual(side.columns);
    expect(side.list.rows.filter((r) => r.inColumns).map((r) => r.rank)).toEqual([7]);
  });

  it("falls back to the top N when the shortlist to compare is empty", () => {
    const s = selectForPage(view, ranked, params("compare=shortlist").params);
    expect(s.mode).toBe("top");
    expect(s.columns).toHaveLength(DEFAULT_TOP);
    expect(s.problems).toEqual(["shortlistEmpty"]);
  });
});

describe("URLs", () => {
  it("changes params and sends the list back to page 1 unless the page itself changes", () => {
    const search = new URLSearchParams("top=8&page=4&q=abc");
    expect(hrefWith(search, { gate: "failed" })).toBe("?top=8&q=abc&gate=failed");
    expect(hrefWith(search, { page: "5" })).toBe("?top=8&page=5&q=abc");
    expect(hrefWith(search, { q: null, top: null })).toBe("?");
  });

  it("adds a pick at the end and removes it again", () => {
    expect(toggledShortlist([], id(1))).toBe(id(1));
    expect(toggledShortlist([id(1)], id(2))).toBe(`${id(1)},${id(2)}`);
    expect(toggledShortlist([id(1), id(2)], id(1))).toBe(id(2));
    expect(toggledShortlist([id(1)], id(1))).toBeNull();
    const full = Array.from({ length: MAX_SHORTLIST }, (_, i) => id(i + 1));
    expect(toggledShortlist(full, id(99))!.split(",")).toEqual(full);
  });

  it("folds width and case in names", () => {
    expect(foldName("ＡＢＣ ﾃﾞｰﾀ")).toBe("abcデータ");
  });
});
