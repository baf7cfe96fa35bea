import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { fixtureRfq as completeRfq } from "./test-fixtures";
import { quoteFormDefaults, quoteFormSchema } from "./form";
import type { Quote } from "./schema";

const fd = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** The field errors of a submission that failed ({} when it did not). */
const errorsOf = (s: { status?: string }) => ("error" in s && s.error ? (s.error as Record<string, string[] | null>) : {});

describe("quote form", () => {
  const rfq = completeRfq();
  const commitment = rfq.criteria.find((c) => c.source === "kpi_commitment" && c.unit === "rate")!;

  it("reads yen with separators and rates as percentages", () => {
    const entries: [string, string][] = rfq.lineItems.map((l) => [`unitPrices.${l.code}`, "１２，３４５"]);
    for (const c of rfq.criteria.filter((x) => x.source === "kpi_commitment")) entries.push([`kpiCommitments.${c.key}`, c.unit === "rate" ? "99.5" : "1"]);
    entries.push(["taxBasis", "included"], ["taxRate", "8"], ["leadTimeDays", "30"], ["oneOffFees.setup", "¥200,000"]);
    const s = parseWithZod(fd(entries), { schema: quoteFormSchema(rfq, "submit"), disableAutoCoercion: true });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    const value = s.value as Quote;
    expect(Object.values(value.unitPrices)).toEqual(rfq.lineItems.map(() => 12345));
    expect(value.kpiCommitments[commitment.key]).toBe(0.995);
    expect(value.oneOffFees.setup).toBe(200000);
    expect(value.taxRate).toBe(8);
    expect(quoteFormDefaults(rfq, value).kpiCommitments).toMatchObject({ [commitment.key]: 99.5 });
  });

  it("names the missing line price and the out-of-range commitment by field", () => {
    const s = parseWithZod(
      fd([
        ["taxBasis", "excluded"],
        ["leadTimeDays", "10"],
        [`kpiCommitments.${commitment.key}`, "120"],
      ]),
      {
        schema: quoteFormSchema(rfq, "submit"),
        disableAutoCoercion: true,
      },
    );
    expect(s.status).toBe("error");
    const keys = Object.keys((s.status === "error" && s.error) || {});
    expect(keys).toEqual(expect.arrayContaining([`unitPrices.${rfq.lineItems[0].code}`, `kpiCommitments.${commitment.key}`]));
  });

  it("words a rate above 100% in percent, in the reader's language (the API keeps its 0–1 wording)", () => {
    for (const [locale, text] of [
      ["ja", "コミット値が範囲外です（率は0〜100%、評点は0〜5、回数・時間・日数は0以上）。"],
      ["en", "The commitment is out of range (rates 0–100%, scores 0–5, counts, hours and days at least 0)."],
    ] as const) {
      const s = parseForm(
        fd([
          ["taxBasis", "excluded"],
          [`kpiCommitments.${commitment.key}`, "120"],
        ]),
        quoteFormSchema(rfq, "submit"),
        locale,
        { decoded: true },
      );
      expect(s.status).toBe("error");
      expect(errorsOf(s)[`kpiCommitments.${commitment.key}`]).toEqual([text]);
      // Other fields keep their own words, in the same language.
      expect(errorsOf(s)[`unitPrices.${rfq.lineItems[0].code}`]?.[0]).toBe(
        errorsOf(parseForm(fd([]), quoteFormSchema(rfq, "submit"), locale, { decoded: true }))[`unitPrices.${rfq.lineItems[0].code}`]?.[0],
      );
    }
  });

  it("saves an incomplete draft", () => {
    const s = parseWithZod(fd([["taxBasis", "excluded"]]), { schema: quoteFormSchema(rfq, "draft"), disableAutoCoercion: true });
    expect(s.status).toBe("success");
  });
});
