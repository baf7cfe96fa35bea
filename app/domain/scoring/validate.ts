import { formatPath, issue, type ScoringIssue } from "./errors";
import type { Criterion, RankingInput } from "./types";

export const DEFAULT_SAMPLES = 1000;
export const DEFAULT_PERTURBATION = 0.2;
export const DEFAULT_SEED = 42;
/** Keeps one request from pinning a server core: 100,000 samples of 1,000 quotes take seconds. */
export const MAX_SAMPLES = 100_000;

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

/**
 * Every rule a well-typed RankingInput must still satisfy before it can be scored. Returns all
 * problems at once so a buyer fixing a spreadsheet sees the whole list, not one error per run.
 */
export function checkRankingInput(input: RankingInput): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const criteriaByKey = new Map<string, Criterion>();

  if (input.criteria.length === 0) {
    issues.push(issue("too-small", "criteria", "criteria must list at least one criterion.", "criteria には 1 つ以上の評価基準が必要です。"));
  }
  input.criteria.forEach((criterion, index) => {
    issues.push(...checkCriterion(criterion, `criteria[${index}]`, input.method));
    if (criteriaByKey.has(criterion.key)) {
      const path = `criteria[${index}].key`;
      issues.push(issue("duplicate", path, `${path} repeats the key ${show(criterion.key)}.`, `${path} のキー ${show(criterion.key)} が重複しています。`));
    } else criteriaByKey.set(criterion.key, criterion);
  });
  if (input.criteria.length > 0 && input.criteria.every((criterion) => criterion.weight === 0)) {
    issues.push(
      issue("weights-all-zero", "criteria", "At least one criterion must have a positive weight.", "少なくとも 1 つの評価基準に正の重みが必要です。"),
    );
  }

  const ids = new Set<string>();
  input.alternatives.forEach((alternative, index) => {
    const base = `alternatives[${index}]`;
    if (alternative.id.trim() === "") {
      issues.push(issue("required", `${base}.id`, `${base}.id must not be empty.`, `${base}.id は空にできません。`));
    } else if (ids.has(alternative.id)) {
      issues.push(
        issue("duplicate", `${base}.id`, `${base}.id repeats the id ${show(alternative.id)}.`, `${base}.id の ID ${show(alternative.id)} が重複しています。`),
      );
    }
    ids.add(alternative.id);
    for (const key in alternative.values) {
      // Paths are only formatted when something is wrong: this loop runs once per cell.
      const criterion = criteriaByKey.get(key);
      if (!criterion) {
        const path = formatPath(["alternatives", index, "values", key]);
        issues.push(issue("unknown-criterion", path, `${path} does not match any criterion key.`, `${path} はどの評価基準のキーとも一致しません。`));
        continue;
      }
      const problem = checkValue(criterion, alternative.values[key]);
      if (problem) issues.push(problem(formatPath(["alternatives", index, "values", key])));
    }
    for (const [key, evidence] of Object.entries(alternative.evidence ?? {})) {
      const path = formatPath(["alternatives", index, "evidence", key]);
      const criterion = criteriaByKey.get(key);
      if (!criterion) {
        issues.push(issue("unknown-criterion", path, `${path} does not match any criterion key.`, `${path} はどの評価基準のキーとも一致しません。`));
      } else if ((criterion.kind ?? "number") !== "rate") {
        issues.push(
          issue(
            "evidence-not-rate",
            path,
            `${path}: evidence applies only to rate criteria (kind "rate").`,
            `${path}: 実績（evidence）は率の評価基準（kind "rate"）にのみ指定できます。`,
          ),
        );
      } else if (evidence) {
        const { successes, trials } = evidence;
        // Recency-weighted counts are fractional (decision 0038): any finite non-negative real is a Beta pseudo-count.
        if (!Number.isFinite(trials) || trials < 0 || !Number.isFinite(successes) || successes < 0 || successes > trials) {
          issues.push(
            issue(
              "evidence-invalid",
              path,
              `${path} must have non-negative numbers with 0 ≤ successes ≤ trials (got ${successes} of ${trials}).`,
              `${path} は 0 ≤ successes ≤ trials の 0 以上の数で指定してください（指定値: ${trials} 件中 ${successes} 件）。`,
            ),
          );
        }
      }
    }
  });

  issues.push(...checkRobustness(input));
  return issues;
}

function checkCriterion(criterion: Criterion, base: string, method: RankingInput["method"]): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const kind = criterion.kind ?? "number";
  if (criterion.key.trim() === "") issues.push(issue("required", `${base}.key`, `${base}.key must not be empty.`, `${base}.key は空にできません。`));
  if (criterion.label.ja.trim() === "" || criterion.label.en.trim() === "") {
    issues.push(issue("required", `${base}.label`, `${base}.label needs both ja and en text.`, `${base}.label には ja と en の両方が必要です。`));
  }

  const weightPath = `${base}.weight`;
  if (!(Number.isFinite(criterion.weight) && criterion.weight >= 0)) {
    issues.push(
      issue(
        "weight-not-positive",
        weightPath,
        `${weightPath} must be a positive number (got ${criterion.weight}).`,
        `${weightPath} は正の数で指定してください（指定値: ${criterion.weight}）。`,
      ),
    );
  } else if (criterion.weight === 0 && !criterion.gate) {
    issues.push(
      issue(
        "weight-not-positive",
        weightPath,
        `${weightPath} must be positive; 0 is allowed only for a criterion that is just a gate.`,
        `${weightPath} は正の数で指定してください。0 はゲート専用の評価基準にのみ指定できます。`,
      ),
    );
  }

  const gate = criterion.gate;
  if (gate) {
    const gatePath = `${base}.gate`;
    const { min, max, required } = gate as { min?: number; max?: number; required?: true };
    if (required && (min !== undefined || max !== undefined)) {
      issues.push(
        issue("gate-kind", gatePath, `${gatePath} cannot combine required with min or max.`, `${gatePath} で required と min/max は同時に指定できません。`),
      );
    } else if (required && kind !== "boolean") {
      issues.push(
        issue(
          "gate-kind",
          gatePath,
          `${gatePath}: required applies only to a boolean criterion (kind "boolean").`,
          `${gatePath}: required は真偽値の評価基準（kind "boolean"）にのみ指定できます。`,
        ),
      );
    } else if (!required && kind === "boolean") {
      issues.push(
        issue(
          "gate-kind",
          gatePath,
          `${gatePath}: a boolean criterion takes { "required": true }, not min or max.`,
          `${gatePath}: 真偽値の評価基準には min/max ではなく { "required": true } を指定してください。`,
        ),
      );
    } else if (!required && min === undefined && max === undefined) {
      issues.push(issue("gate-kind", gatePath, `${gatePath} must set min, max or required.`, `${gatePath} には min、max、required のいずれかが必要です。`));
    } else if (min !== undefined && max !== undefined && min > max) {
      issues.push(
        issue("invalid-value", gatePath, `${gatePath}.min must not exceed ${gatePath}.max.`, `${gatePath}.min は ${gatePath}.max 以下にしてください。`),
      );
    }
    if (kind === "rate") {
      for (const [name, bound] of [
        ["min", min],
        ["max", max],
      ] as const) {
        if (bound !== undefined && (bound < 0 || bound > 1)) issues.push(rateRangeIssue(`${gatePath}.${name}`, bound));
      }
    }
  }

  const scalePath = `${base}.scale`;
  if (criterion.scale) {
    const { worst, best } = criterion.scale;
    if (!Number.isFinite(worst) || !Number.isFinite(best)) {
      issues.push(issue("not-a-number", scalePath, `${scalePath}.worst and .best must be numbers.`, `${scalePath}.worst と .best は数値で指定してください。`));
    } else if (kind === "boolean") {
      issues.push(
        issue(
          "invalid-value",
          scalePath,
          `${scalePath} does not apply to a boolean criterion (true scores 100, false 0).`,
          `${scalePath} は真偽値の評価基準には指定できません（true が 100 点、false が 0 点）。`,
        ),
      );
    } else if (worst === best) {
      issues.push(
        issue(
          "scale-direction",
          scalePath,
          `${scalePath}.best must differ from ${scalePath}.worst.`,
          `${scalePath}.best と ${scalePath}.worst は異なる値にしてください。`,
        ),
      );
    } else if ((criterion.direction === "benefit") !== best > worst) {
      const relation = criterion.direction === "benefit" ? { en: "greater", ja: "大きく" } : { en: "less", ja: "小さく" };
      issues.push(
        issue(
          "scale-direction",
          scalePath,
          `${scalePath}.best must be ${relation.en} than ${scalePath}.worst for a ${criterion.direction} criterion.`,
          `${criterion.direction === "benefit" ? "高いほど良い" : "低いほど良い"}評価基準なので、${scalePath}.best は ${scalePath}.worst より${relation.ja}してください。`,
        ),
      );
    } else if (kind === "rate") {
      for (const [name, bound] of [
        ["worst", worst],
        ["best", best],
      ] as const) {
        if (bound < 0 || bound > 1) issues.push(rateRangeIssue(`${scalePath}.${name}`, bound));
      }
    }
  } else if (method === "weighted-sum-target" && kind !== "boolean") {
    issues.push(
      issue(
        "scale-required",
        scalePath,
        `${scalePath} is required by weighted-sum-target: give { "worst": …, "best": … }, the values that earn 0 and 100.`,
        `weighted-sum-target では ${scalePath} が必須です。0 点と 100 点になる値を { "worst": …, "best": … } で指定してください。`,
      ),
    );
  }

  if (criterion.priorStrength !== undefined) {
    const path = `${base}.priorStrength`;
    if (kind !== "rate") {
      issues.push(
        issue(
          "prior-strength-not-rate",
          path,
          `${path} applies only to rate criteria (kind "rate").`,
          `${path} は率の評価基準（kind "rate"）にのみ指定できます。`,
        ),
      );
    } else if (!(criterion.priorStrength > 0)) {
      issues.push(
        issue(
          "too-small",
          path,
          `${path} must be a positive number (got ${criterion.priorStrength}).`,
          `${path} は正の数で指定してください（指定値: ${criterion.priorStrength}）。`,
        ),
      );
    }
  }
  return issues;
}

/** Null when the value is fine; otherwise builds the issue for a path (formatted only then). */
function checkValue(criterion: Criterion, value: unknown): ((path: string) => ScoringIssue) | null {
  if (value === null || value === undefined) return null;
  const kind = criterion.kind ?? "number";
  if (kind === "boolean") {
    if (typeof value === "boolean") return null;
    return (path) =>
      issue(
        "not-a-boolean",
        path,
        `${path} must be true, false or null (got ${show(value)}).`,
        `${path} は true、false、null のいずれかで指定してください（指定値: ${show(value)}）。`,
      );
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return (path) =>
      issue(
        "not-a-number",
        path,
        `${path} must be a number or null (got ${show(value)}).`,
        `${path} は数値または null で指定してください（指定値: ${show(value)}）。`,
      );
  }
  if (kind === "rate" && (value < 0 || value > 1)) return (path) => rateRangeIssue(path, value);
  return null;
}

function rateRangeIssue(path: string, value: number): ScoringIssue {
  return issue(
    "rate-out-of-range",
    path,
    `${path} is a rate and must be between 0 and 1, e.g. 0.97 for 97 % (got ${value}).`,
    `${path} は率なので 0〜1 で指定してください（例: 97% は 0.97。指定値: ${value}）。`,
  );
}

function checkRobustness(input: RankingInput): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const { samples, perturbation, seed } = input.robustness ?? {};
  if (samples !== undefined && !(Number.isInteger(samples) && samples >= 1 && samples <= MAX_SAMPLES)) {
    issues.push(
      issue(
        "invalid-value",
        "robustness.samples",
        `robustness.samples must be a whole number from 1 to ${MAX_SAMPLES} (got ${samples}).`,
        `robustness.samples は 1〜${MAX_SAMPLES} の整数で指定してください（指定値: ${samples}）。`,
      ),
    );
  }
  if (perturbation !== undefined && !(perturbation >= 0 && perturbation < 1)) {
    issues.push(
      issue(
        "invalid-value",
        "robustness.perturbation",
        `robustness.perturbation must be at least 0 and below 1 (got ${perturbation}).`,
        `robustness.perturbation は 0 以上 1 未満で指定してください（指定値: ${perturbation}）。`,
      ),
    );
  }
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    issues.push(
      issue(
        "invalid-value",
        "robustness.seed",
        `robustness.seed must be a whole number from 0 to 4294967295 (got ${seed}).`,
        `robustness.seed は 0〜4294967295 の整数で指定してください（指定値: ${seed}）。`,
      ),
    );
  }
  return issues;
}
