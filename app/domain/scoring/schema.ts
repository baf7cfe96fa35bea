import { z } from "zod";
import { formatPath, issue, ScoringInputError, type ScoringIssue } from "./errors";
import { CRITERION_KINDS, DIRECTIONS, METHODS, PERSPECTIVES, type RankingInput } from "./types";
import { checkRankingInput } from "./validate";

// The zod schemas check shape only (types, required fields, enums, no unknown fields). Ranges and
// cross-field rules live in validate.ts, because the web app builds RankingInput in code and must
// get exactly the same checks and messages without going through JSON.

const localizedTextSchema = z.strictObject({ ja: z.string(), en: z.string() });

const gateSchema = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  required: z.literal(true).optional(),
});

export const criterionSchema = z.strictObject({
  key: z.string(),
  label: localizedTextSchema,
  perspective: z.enum(PERSPECTIVES),
  direction: z.enum(DIRECTIONS),
  weight: z.number(),
  kind: z.enum(CRITERION_KINDS).optional(),
  gate: gateSchema.optional(),
  gateMessage: localizedTextSchema.optional(),
  scale: z.strictObject({ worst: z.number(), best: z.number() }).optional(),
  priorStrength: z.number().optional(),
});

export const alternativeSchema = z.strictObject({
  id: z.string(),
  // Value types depend on the criterion's kind, so they are checked in validate.ts where the
  // message can say "must be a number" or "must be true or false" as appropriate.
  values: z.record(z.string(), z.unknown()),
  evidence: z.record(z.string(), z.strictObject({ successes: z.number(), trials: z.number() })).optional(),
});

export const rankingInputSchema = z.strictObject({
  method: z.enum(METHODS),
  criteria: z.array(criterionSchema),
  alternatives: z.array(alternativeSchema),
  robustness: z.strictObject({ samples: z.number().optional(), perturbation: z.number().optional(), seed: z.number().optional() }).optional(),
  // Free text for people reading an input file (where the numbers come from); ignored by scoring.
  source: z.string().optional(),
  description: z.string().optional(),
});

export const ahpInputSchema = z.strictObject({
  criteria: z.array(z.string()),
  // Cells are numbers or fractions written as text ("1/3"), because JSON cannot hold 1/3 exactly.
  matrix: z.array(z.array(z.union([z.number(), z.string()]))),
  source: z.string().optional(),
  description: z.string().optional(),
});

export interface AhpInput {
  criteria: string[];
  matrix: number[][];
}

/** Parses untrusted JSON-like data into a RankingInput, or throws ScoringInputError. */
export function parseRankingInput(data: unknown): RankingInput {
  const parsed = rankingInputSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new ScoringInputError(parsed.error.issues.flatMap(toScoringIssues));
  const { source: _source, description: _description, ...input } = parsed.data;
  const result = input as RankingInput;
  const issues = checkRankingInput(result);
  if (issues.length > 0) throw new ScoringInputError(issues);
  return result;
}

/**
 * Parses the `ahp` command's input. Cells may be numbers or fractions written as text ("1/3");
 * the matrix's own rules (square, positive, reciprocal) are checked by ahp.ts.
 */
export function parseAhpInput(data: unknown): AhpInput {
  const parsed = ahpInputSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new ScoringInputError(parsed.error.issues.flatMap(toScoringIssues));
  const issues: ScoringIssue[] = [];
  const matrix = parsed.data.matrix.map((row, i) =>
    row.map((cell, j) => {
      const value = typeof cell === "number" ? cell : parseFraction(cell);
      if (Number.isNaN(value)) {
        const path = `matrix[${i}][${j}]`;
        issues.push(
          issue(
            "not-a-number",
            path,
            `${path} must be a positive number or a fraction such as "1/3" (got ${describeReceived(cell)}).`,
            `${path} は正の数または "1/3" のような分数で指定してください（指定値: ${describeReceived(cell)}）。`,
          ),
        );
      }
      return value;
    }),
  );
  if (issues.length > 0) throw new ScoringInputError(issues);
  return { criteria: parsed.data.criteria, matrix };
}

/** "3", "0.5", "1/3" → number; anything else → NaN. */
function parseFraction(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/.exec(text);
  if (!match) return Number.NaN;
  const numerator = Number(match[1]);
  const denominator = match[2] === undefined ? 1 : Number(match[2]);
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/** Parses JSON text, reporting a syntax error as an input issue rather than a crash. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ScoringInputError([issue("invalid-json", "(input)", `The input is not valid JSON: ${detail}`, `入力が正しい JSON ではありません: ${detail}`)]);
  }
}

const TYPE_NAMES: Record<string, { en: string; ja: string }> = {
  number: { en: "a number", ja: "数値" },
  string: { en: "text (a string)", ja: "文字列" },
  boolean: { en: "true or false", ja: "true または false" },
  object: { en: "an object", ja: "オブジェクト" },
  array: { en: "an array", ja: "配列" },
  record: { en: "an object", ja: "オブジェクト" },
};

function describeReceived(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  return typeof input === "object" ? "an object" : typeof input;
}

function toScoringIssues(zodIssue: z.core.$ZodIssue): ScoringIssue[] {
  const path = formatPath(zodIssue.path);
  switch (zodIssue.code) {
    case "invalid_type": {
      if (zodIssue.input === undefined) return [issue("required", path, `${path} is required.`, `${path} は必須です。`)];
      const type = TYPE_NAMES[zodIssue.expected] ?? { en: zodIssue.expected, ja: zodIssue.expected };
      const got = describeReceived(zodIssue.input);
      const code = zodIssue.expected === "number" ? "not-a-number" : "invalid-type";
      return [issue(code, path, `${path} must be ${type.en} (got ${got}).`, `${path} は${type.ja}で指定してください（指定値: ${got}）。`)];
    }
    case "invalid_value": {
      if (zodIssue.input === undefined) return [issue("required", path, `${path} is required.`, `${path} は必須です。`)];
      const options = zodIssue.values.map((value) => JSON.stringify(value)).join(", ");
      const got = describeReceived(zodIssue.input);
      const code = path === "method" ? "unknown-method" : "invalid-value";
      return [issue(code, path, `${path} must be one of ${options} (got ${got}).`, `${path} は ${options} のいずれかで指定してください（指定値: ${got}）。`)];
    }
    case "unrecognized_keys":
      return zodIssue.keys.map((key) => {
        const keyPath = formatPath([...zodIssue.path, key]);
        return issue("unknown-field", keyPath, `${keyPath} is not a recognised field.`, `${keyPath} は認識できない項目です。`);
      });
    case "invalid_union": {
      const got = describeReceived(zodIssue.input);
      return [issue("invalid-type", path, `${path} has an invalid value (got ${got}).`, `${path} の値が不正です（指定値: ${got}）。`)];
    }
    default:
      return [issue("invalid-value", path, `${path}: ${zodIssue.message}`, `${path}: 値が不正です（${zodIssue.message}）。`)];
  }
}
