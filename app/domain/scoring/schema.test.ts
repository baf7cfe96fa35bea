import { describe, expect, it } from "vitest";
import { ScoringInputError, type ScoringIssue } from "./errors";
import { parseJsonText, parseRankingInput } from "./schema";

// Inputs are mutated into every kind of invalid shape, so they are typed loosely on purpose.
const validInput = (): any => ({
  source: "a note for readers",
  method: "weighted-sum-target",
  criteria: [
    {
      key: "price",
      label: { ja: "価格", en: "Price" },
      perspective: "financial",
      direction: "cost",
      weight: 3,
      scale: { worst: 200, best: 100 },
    },
    {
      key: "onTime",
      label: { ja: "納期遵守率", en: "On-time rate" },
      perspective: "customer",
      direction: "benefit",
      weight: 1,
      kind: "rate",
      scale: { worst: 0.9, best: 1 },
      priorStrength: 20,
    },
  ],
  alternatives: [
    { id: "a", values: { price: 150, onTime: 0.97 }, evidence: { onTime: { successes: 9, trials: 10 } } },
    { id: "b", values: { price: 120, onTime: null } },
  ],
});

function issuesOf(data: unknown): ScoringIssue[] {
  try {
    parseRankingInput(data);
  } catch (error) {
    if (error instanceof ScoringInputError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a ScoringInputError");
}

const brief = (issues: ScoringIssue[]) => issues.map((i) => `${i.code} ${i.path}`);

describe("parseRankingInput", () => {
  it("accepts a valid input and drops the free-text fields", () => {
    const input = parseRankingInput(validInput());
    expect(input).not.toHaveProperty("source");
    expect(input.criteria[1].priorStrength).toBe(20);
  });

  it("names an unknown method and lists the valid ones", () => {
    const issues = issuesOf({ ...validInput(), method: "ahp-sum" });
    expect(issues).toEqual([
      {
        code: "unknown-method",
        path: "method",
        message: {
          en: 'method must be one of "weighted-sum-target", "weighted-sum-minmax", "topsis" (got "ahp-sum").',
          ja: 'method は "weighted-sum-target", "weighted-sum-minmax", "topsis" のいずれかで指定してください（指定値: "ahp-sum"）。',
        },
      },
    ]);
  });

  it("rejects a negative weight, naming the criterion's index", () => {
    const data = validInput();
    data.criteria[0].weight = -2;
    const issues = issuesOf(data);
    expect(issues).toEqual([
      {
        code: "weight-not-positive",
        path: "criteria[0].weight",
        message: { en: "criteria[0].weight must be a positive number (got -2).", ja: "criteria[0].weight は正の数で指定してください（指定値: -2）。" },
      },
    ]);
  });

  it("allows a zero weight only on a gate-only criterion, and never all zero", () => {
    const data = validInput();
    data.criteria[0].weight = 0;
    expect(brief(issuesOf(data))).toEqual(["weight-not-positive criteria[0].weight"]);
    data.criteria[1].weight = 0;
    data.criteria[0].gate = { max: 190 };
    data.criteria[1].gate = { min: 0.9 };
    expect(brief(issuesOf(data))).toEqual(["weights-all-zero criteria"]);
  });

  it("rejects a non-numeric value, naming the alternative and the criterion", () => {
    const data = validInput();
    data.alternatives[1].values.price = "120円";
    expect(issuesOf(data)).toEqual([
      {
        code: "not-a-number",
        path: "alternatives[1].values.price",
        message: {
          en: 'alternatives[1].values.price must be a number or null (got "120円").',
          ja: 'alternatives[1].values.price は数値または null で指定してください（指定値: "120円"）。',
        },
      },
    ]);
  });

  it("rejects a rate given as a percentage, with a hint", () => {
    const data = validInput();
    data.alternatives[0].values.onTime = 97;
    const [issue] = issuesOf(data);
    expect(issue.code).toBe("rate-out-of-range");
    expect(issue.message.en).toBe("alternatives[0].values.onTime is a rate and must be between 0 and 1, e.g. 0.97 for 97 % (got 97).");
  });

  it("requires a target scale on every non-boolean criterion for weighted-sum-target, and not otherwise", () => {
    const data = validInput();
    delete data.criteria[1].scale;
    const [issue] = issuesOf(data);
    expect(issue.code).toBe("scale-required");
    expect(issue.path).toBe("criteria[1].scale");
    expect(issue.message.en).toContain("criteria[1].scale is required by weighted-sum-target");
    expect(() => parseRankingInput({ ...data, method: "topsis" })).not.toThrow();
  });

  it("checks that the scale runs the criterion's way", () => {
    const data = validInput();
    data.criteria[0].scale = { worst: 100, best: 200 };
    expect(issuesOf(data)[0]).toMatchObject({
      code: "scale-direction",
      path: "criteria[0].scale",
      message: { en: "criteria[0].scale.best must be less than criteria[0].scale.worst for a cost criterion." },
    });
  });

  it("reports missing fields, wrong types and unknown fields by path", () => {
    const data = validInput();
    delete data.criteria[0].direction;
    data.criteria[1].wieght = 2;
    data.alternatives = "none";
    expect(brief(issuesOf(data))).toEqual(["required criteria[0].direction", "unknown-field criteria[1].wieght", "invalid-type alternatives"]);
  });

  it("collects cross-field problems in one pass", () => {
    const data = validInput();
    data.criteria[1].key = "price";
    data.alternatives[1].id = "a";
    data.alternatives[0].values = { price: 1, speed: 3 };
    data.alternatives[0].evidence = { price: { successes: 1, trials: 2 }, onTime: { successes: 5, trials: 4 } };
    expect(brief(issuesOf(data))).toEqual([
      "duplicate criteria[1].key",
      "unknown-criterion alternatives[0].values.speed",
      // "price" now names the first criterion (a number), and "onTime" no longer exists:
      "evidence-not-rate alternatives[0].evidence.price",
      "unknown-criterion alternatives[0].evidence.onTime",
      "duplicate alternatives[1].id",
      "unknown-criterion alternatives[1].values.onTime",
    ]);
  });

  it("checks evidence: only on rate criteria, non-negative, successes ≤ trials; fractional (weighted) counts pass", () => {
    const data = validInput();
    data.alternatives[0].evidence = { onTime: { successes: 11, trials: 10 } };
    expect(issuesOf(data)[0]).toMatchObject({ code: "evidence-invalid", path: "alternatives[0].evidence.onTime" });
    data.alternatives[0].evidence = { onTime: { successes: -0.5, trials: 10 } };
    expect(issuesOf(data)[0]).toMatchObject({ code: "evidence-invalid", path: "alternatives[0].evidence.onTime" });
    // Recency-weighted evidence (decision 0038): 8.7 of 9.35 is a valid record.
    data.alternatives[0].evidence = { onTime: { successes: 8.7, trials: 9.35 } };
    expect(parseRankingInput(data).alternatives[0]!.evidence).toEqual({ onTime: { successes: 8.7, trials: 9.35 } });
    data.alternatives[0].evidence = { price: { successes: 1, trials: 1 } };
    expect(issuesOf(data)[0]).toMatchObject({ code: "evidence-not-rate", path: "alternatives[0].evidence.price" });
  });

  it("checks gates against the criterion kind", () => {
    const data = validInput();
    data.criteria[0].gate = { required: true };
    data.criteria[1].gate = { min: 95 };
    expect(brief(issuesOf(data))).toEqual(["gate-kind criteria[0].gate", "rate-out-of-range criteria[1].gate.min"]);
  });

  it("checks robustness settings", () => {
    const data = { ...validInput(), robustness: { samples: 0, perturbation: 1, seed: -1 } };
    expect(brief(issuesOf(data))).toEqual(["invalid-value robustness.samples", "invalid-value robustness.perturbation", "invalid-value robustness.seed"]);
  });

  it("quotes keys that are not identifiers in paths", () => {
    const data = validInput();
    data.alternatives[0].values["on-time %"] = 1;
    expect(brief(issuesOf(data))).toEqual(['unknown-criterion alternatives[0].values["on-time %"]']);
  });
});

describe("parseJsonText", () => {
  it("turns a syntax error into an input issue", () => {
    try {
      parseJsonText("{ method: topsis }");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).issues[0].code).toBe("invalid-json");
      expect((error as ScoringInputError).issues[0].message.en).toMatch(/^The input is not valid JSON: /);
    }
  });
});
