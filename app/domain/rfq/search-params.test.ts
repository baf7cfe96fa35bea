import { describe, expect, it } from "vitest";
import { hasRfqSearchFilters, lackedCertificationTypes, parseRfqSearchParams, rfqSearchHref } from "./search-params";

const parse = (qs: string) => parseRfqSearchParams(new URLSearchParams(qs));

describe("parseRfqSearchParams", () => {
  it("reads every parameter of a shared URL", () => {
    expect(parse("q=給与計算&category=hr_payroll&category=accounting&cert=privacy_mark&deadline=14&fit=held&sort=deadline&page=2")).toEqual({
      q: "給与計算",
      categories: ["hr_payroll", "accounting"],
      certifications: ["privacy_mark"],
      deadline: "14",
      fit: "held",
      sort: "deadline",
      page: 2,
      perPage: 10,
    });
  });

  it("drops facet values that are not on the allow-lists, so none can reach a filter expression", () => {
    const q = parse(
      `category=${encodeURIComponent('x" OR visibility = "invited')}&category=accounting&cert=${encodeURIComponent("ISMS) OR (status = draft")}&deadline=9999&fit=all&sort=${encodeURIComponent("status:asc")}`,
    );
    expect(q.categories).toEqual(["accounting"]);
    expect(q.certifications).toEqual([]);
    expect(q.deadline).toBeNull();
    expect(q.fit).toBeNull();
    expect(q.sort).toBe("relevance");
  });

  it("clamps the page: negative, zero, text and beyond the index's 5,000 hits", () => {
    expect(parse("page=-1").page).toBe(1);
    expect(parse("page=0").page).toBe(1);
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=1.5").page).toBe(1);
    expect(parse("page=100000").page).toBe(500);
    expect(parseRfqSearchParams(new URLSearchParams("page=100000"), 20).page).toBe(250);
  });

  it("cuts the keywords at 200 characters and de-duplicates repeated facet values", () => {
    expect(parse(`q=${"あ".repeat(5000)}`).q).toHaveLength(200);
    expect(parse("category=accounting&category=accounting").categories).toEqual(["accounting"]);
  });
});

describe("rfqSearchHref", () => {
  it("round-trips a query through the URL, leaving defaults out", () => {
    const q = parse("q=経理&category=accounting&cert=isms_iso27001&deadline=7&fit=lacking&sort=newest&page=3");
    expect(parseRfqSearchParams(new URLSearchParams(rfqSearchHref(q).slice(1)))).toEqual(q);
    expect(rfqSearchHref(parse(""))).toBe("?");
    expect(rfqSearchHref(q, { categories: [], certifications: [], deadline: null, fit: null, page: 1 })).toBe("?q=%E7%B5%8C%E7%90%86&sort=newest");
  });

  it("knows when any filter is set", () => {
    expect(hasRfqSearchFilters(parse("q=経理&sort=deadline"))).toBe(false);
    expect(hasRfqSearchFilters(parse("deadline=30"))).toBe(true);
  });
});

describe("lackedCertificationTypes", () => {
  it("is every built-in type the vendor does not hold", () => {
    expect(lackedCertificationTypes(["isms_iso27001", "privacy_mark"])).toEqual(["iso9001", "iso27701", "soc2_type2"]);
    expect(lackedCertificationTypes(["isms_iso27001", "privacy_mark", "iso9001", "iso27701", "soc2_type2"])).toEqual([]);
  });
});
