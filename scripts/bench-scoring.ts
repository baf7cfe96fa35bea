// Benchmark of the scoring module: 1,000 alternatives × 20 criteria, every method, 1,000-sample
// robustness; and the winner's exact single-weight stability (winnerStability) at 300 quotes × 12
// criteria, the size of a large real RFQ. Prints median and p95 wall time per measurement over repeated runs. A benchmark, not
// a test: it never fails, it reports. Target (issue 3): TOPSIS + robustness under 50 ms on one core.
import { buildDecisionMatrix } from "../app/domain/scoring/decision-matrix";
import { dominatorsOf } from "../app/domain/scoring/dominance";
import { minMaxScores, normalizeWeights } from "../app/domain/scoring/normalize";
import { mulberry32 } from "../app/domain/scoring/prng";
import { rankAlternatives } from "../app/domain/scoring/rank";
import { rankCore, rankedEntries } from "../app/domain/scoring/ranking-core";
import { winnerStability } from "../app/domain/scoring/stability";
import { topsisStability, weightedSumStability } from "../app/domain/scoring/robustness";
import { topsis } from "../app/domain/scoring/topsis";
import type { Alternative, Criterion, Method, RankingInput } from "../app/domain/scoring/types";
import { weightedSums } from "../app/domain/scoring/weighted-sum";

const ALTERNATIVES = 1000;
const CRITERIA = 20;
const STABILITY_ALTERNATIVES = 300;
const STABILITY_CRITERIA = 12;
const SAMPLES = 1000;
/** The compact comparison API's default page size. */
const PAGE = 30;
const WARMUP_RUNS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 31);

/**
 * A deterministic data set shaped like a large RFQ: numbers in their own units (half of them
 * costs), rate KPIs with a track record for half of the vendors, a boolean certification.
 * `spread` < 1 squeezes every vendor toward the same profile: a close race, where few challengers
 * can be ruled out up front and the robustness loop does the most work.
 */
function dataset(
  seed: number,
  spread: number,
  alternativeCount = ALTERNATIVES,
  criterionCount = CRITERIA,
): { criteria: Criterion[]; alternatives: Alternative[] } {
  const random = mulberry32(seed);
  const criteria: Criterion[] = Array.from({ length: criterionCount }, (_, j) => {
    const kind = j < criterionCount * 0.7 ? "number" : j < criterionCount - 1 ? "rate" : "boolean";
    const direction = kind === "number" && j % 2 === 1 ? "cost" : "benefit";
    const scale =
      kind === "rate" ? { worst: 0.8, best: 1 } : kind === "number" ? (direction === "benefit" ? { worst: 0, best: 100 } : { worst: 100, best: 0 }) : undefined;
    return {
      key: `c${j}`,
      label: { ja: `基準${j}`, en: `Criterion ${j}` },
      perspective: (["financial", "customer", "internalProcess", "learningGrowth"] as const)[j % 4],
      direction,
      weight: 1 + Math.floor(random() * 10),
      kind,
      ...(scale ? { scale } : {}),
    };
  });
  const alternatives: Alternative[] = Array.from({ length: alternativeCount }, (_, i) => {
    const values: Alternative["values"] = {};
    const evidence: NonNullable<Alternative["evidence"]> = {};
    for (const criterion of criteria) {
      const u = 0.5 + (random() - 0.5) * spread;
      if (criterion.kind === "boolean") values[criterion.key] = u > 0.3;
      else if (criterion.kind === "rate") {
        values[criterion.key] = 0.8 + 0.2 * u;
        if (i % 2 === 0) {
          const trials = 20 + Math.floor(random() * 200);
          evidence[criterion.key] = { successes: Math.floor(trials * (0.75 + 0.25 * random())), trials };
        }
      } else values[criterion.key] = 1 + 99 * u;
    }
    return { id: `q${String(i).padStart(4, "0")}`, values, evidence };
  });
  return { criteria, alternatives };
}

interface Timing {
  median: number;
  p95: number;
  /** Median CPU time of the process (all threads, so garbage-collector helpers count too): on a
   * busy shared machine wall time includes waiting for a core, CPU time does not. */
  cpuMedian: number;
}

function time(run: () => unknown): Timing {
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
  return { median: at(wall, 0.5), p95: at(wall, 0.95), cpuMedian: at(cpu, 0.5) };
}

const rows: ({ name: string } & Timing)[] = [];
const report = (name: string, run: () => unknown) => rows.push({ name, ...time(run) });

for (const [label, spread] of [
  ["uniform data", 1],
  ["close race", 0.05],
] as const) {
  const { criteria, alternatives } = dataset(20261120, spread);
  const robustness = { samples: SAMPLES, perturbation: 0.2, seed: 42 };
  const input = (method: Method): RankingInput => ({ method, criteria, alternatives, robustness });

  // The hot path in isolation, as the comparison page pays it on every weight change: score the
  // already-built decision matrix, then re-rank under 1,000 perturbed weightings.
  const weights = normalizeWeights(criteria.map((c) => c.weight));
  const benefit = criteria.map((c) => c.direction === "benefit");
  const matrix = buildDecisionMatrix(criteria, alternatives, "worst-present");
  const { rows, cols } = matrix;
  const argmax = (scores: Float64Array) => scores.reduce((best, score, i) => (score > scores[best] ? i : best), 0);

  report(`[${label}] TOPSIS scoring only`, () => topsis(matrix.values, rows, cols, weights, benefit));
  report(`[${label}] TOPSIS + ${SAMPLES}-sample robustness`, () => {
    const result = topsis(matrix.values, rows, cols, weights, benefit);
    return topsisStability(result.normalized, rows, cols, weights, benefit, argmax(result.closeness), robustness);
  });
  report(`[${label}] min–max weighted sum + ${SAMPLES}-sample robustness`, () => {
    const scores = minMaxScores(matrix, benefit);
    const totals = weightedSums(scores, rows, cols, weights);
    return weightedSumStability(scores, rows, cols, weights, argmax(totals), robustness);
  });
  report(`[${label}] Pareto dominance only`, () => {
    const oriented = matrix.values.map((value, cell) => (benefit[cell % cols] ? value : -value));
    return dominatorsOf(oriented, rows, cols);
  });
  for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
    report(`[${label}] rankAlternatives ${method} (everything)`, () => rankAlternatives(input(method)));
  }
  // What a compact response pays (issue 21): the whole order, ranks and robustness of every quote, and the
  // detail (contributions, sentences, dominators) of the one page it shows — the first and a deep one.
  for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
    report(`[${label}] rankCore ${method} + page 1 of ${PAGE}`, () => rankedEntries(rankCore(input(method)), 0, PAGE));
  }
  report(`[${label}] rankCore weighted-sum-target + page 17 of ${PAGE}`, () => rankedEntries(rankCore(input("weighted-sum-target")), 16 * PAGE, 17 * PAGE));

  for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
    const { winner, stability } = rankAlternatives(input(method)).robustness;
    console.log(`${label}, ${method}: winner ${winner}, stability ${stability}`);
  }

  // The exact single-weight stability the award packet states (issue 15): everything it does, gates
  // and scoring included, on its own (it does not need the ranking's robustness or explanations).
  const small = dataset(20261206, spread, STABILITY_ALTERNATIVES, STABILITY_CRITERIA);
  for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
    const smallInput: RankingInput = { method, ...small, robustness };
    report(`[${label}] winnerStability ${method} (${STABILITY_ALTERNATIVES} × ${STABILITY_CRITERIA})`, () => winnerStability(smallInput));
    const result = winnerStability(smallInput);
    console.log(`${label}, ${method}, ${STABILITY_ALTERNATIVES} × ${STABILITY_CRITERIA}: ${result.sentence.en}`);
  }
}

const width = Math.max(...rows.map((row) => row.name.length));
console.log(
  `\n${ALTERNATIVES} alternatives × ${CRITERIA} criteria, ${SAMPLES} robustness samples; ${RUNS} runs after ${WARMUP_RUNS} warm-up runs (Node ${process.version}, one thread)`,
);
console.log(`"everything" = validation, gates, credibility, scoring, robustness, dominance, contributions and ja/en explanations.`);
console.log(`"rankCore + page" = the same for every quote's order, rank and robustness, and the detail of the ${PAGE} quotes shown (target < 10 ms median).\n`);
console.log(`${"measurement".padEnd(width)}  median ms     p95 ms  CPU median ms`);
for (const row of rows) {
  console.log(`${row.name.padEnd(width)}  ${row.median.toFixed(2).padStart(9)}  ${row.p95.toFixed(2).padStart(9)}  ${row.cpuMedian.toFixed(2).padStart(13)}`);
}
