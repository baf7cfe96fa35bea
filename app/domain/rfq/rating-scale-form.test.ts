import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { stepFormDefaults, stepFormSchema } from "./form-steps";

// The criteria step's rating-scale fields (issue 18 item 4): an evaluator-rated criterion's scale (1–5 with five
// written anchors, or 0–100 points), decoded from the form into `criterion.rating`, with field-level errors in ja/en.

const base: [string, string][] = [
  ["criteria[0].key", "work_understanding"],
  ["criteria[0].label.ja", "業務理解度"],
  ["criteria[0].perspective", "customer"],
  ["criteria[0].direction", "benefit"],
  ["criteria[0].weight", "20"],
  ["criteria[0].source", "advisor_rating"],
  ["criteria[0].unit", "score"],
];
const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of [...base, ...entries]) fd.append(k, v);
  return fd;
};
const anchors = (texts: string[]): [string, string][] => texts.map((ja, i) => [`criteria[0].rating.anchors[${i}].ja`, ja] as [string, string]);
const parse = (entries: [string, string][], locale: "ja" | "en" = "ja") => parseForm(form(entries), stepFormSchema("evaluation"), locale, { decoded: true });
const criterion = (s: ReturnType<typeof parse>) => (s.status === "success" ? (s.value as { criteria: Record<string, unknown>[] }).criteria[0] : undefined);

describe("the rating scale of an evaluator-rated criterion in the criteria step", () => {
  it("1–5 with five anchors becomes the criterion's rating, unit score", () => {
    const s = parse([
      ["criteria[0].rating.levels", "1-5"],
      ...anchors(["不十分", "やや不足", "標準", "良い", "非常に良い"]),
      ["criteria[0].rating.anchors[4].en", "Excellent"],
    ]);
    expect(criterion(s)).toMatchObject({
      unit: "score",
      rating: {
        levels: "1-5",
        anchors: [
          { ja: "不十分", en: "" },
          { ja: "やや不足", en: "" },
          { ja: "標準", en: "" },
          { ja: "良い", en: "" },
          { ja: "非常に良い", en: "Excellent" },
        ],
      },
    });
  });

  it("0–100 sets the unit to points and keeps no anchors", () => {
    const s = parse([["criteria[0].rating.levels", "0-100"], ...anchors(["x", "", "", "", ""])]);
    expect(criterion(s)).toMatchObject({ unit: "points", rating: { levels: "0-100" } });
    expect(criterion(s)!.rating as object).not.toHaveProperty("anchors");
  });

  it("1–5 with every anchor blank is a 1–5 scale without anchors; no choice is no scale", () => {
    expect(criterion(parse([["criteria[0].rating.levels", "1-5"], ...anchors(["", "", "", "", ""])]))).toMatchObject({ rating: { levels: "1-5" } });
    expect(criterion(parse([["criteria[0].rating.levels", "1-5"]]))!.rating).toEqual({ levels: "1-5" });
    expect(criterion(parse([]))!.rating).toBeUndefined();
  });

  it("an anchor left blank among typed ones is refused at that level, in ja and en", () => {
    const typed = anchors(["不十分", "", "標準", "良い", "非常に良い"]);
    const ja = parse([["criteria[0].rating.levels", "1-5"], ...typed]);
    expect(ja.status).toBe("error");
    expect(ja.reply().error).toEqual({ "criteria[0].rating.anchors[1].ja": ["この段階の説明を入力してください。"] });
    const en = parse([["criteria[0].rating.levels", "1-5"], ...typed], "en");
    expect(en.reply().error).toEqual({ "criteria[0].rating.anchors[1].ja": ["Describe this level."] });
  });

  it("an unknown scale is refused at the levels field", () => {
    const s = parse([["criteria[0].rating.levels", "1-10"]], "en");
    expect(s.reply().error).toEqual({ "criteria[0].rating.levels": ["Choose a rating scale."] });
  });

  it("a criterion of another source carries no rating even if the fields were sent", () => {
    const fd = new FormData();
    for (const [k, v] of base) fd.append(k, k === "criteria[0].source" ? "kpi_commitment" : v);
    fd.append("criteria[0].rating.levels", "0-100");
    const s = parseForm(fd, stepFormSchema("evaluation"), "ja", { decoded: true });
    expect(criterion(s)!.rating).toBeUndefined();
    expect(criterion(s)).toMatchObject({ unit: "score", source: "kpi_commitment" });
  });

  it("the saved scale comes back as the form's defaults", () => {
    const rating = { levels: "1-5" as const, anchors: Array.from({ length: 5 }, (_, i) => ({ ja: `段階${i + 1}`, en: "" })) };
    const defaults = stepFormDefaults({
      criteria: [
        { key: "q", label: { ja: "質", en: "" }, perspective: "customer", direction: "benefit", weight: 1, source: "advisor_rating", unit: "score", rating },
      ],
    });
    expect(defaults.criteria![0]!.rating).toEqual(rating);
  });
});
