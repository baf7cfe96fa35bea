import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main, USAGE, type CliIo } from "./score";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixturePath = (name: string) => `${root}tests/fixtures/scoring/${name}`;
const round4 = (value: number) => Number(value.toFixed(4));

async function run(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readFile: (path) => readFile(path, "utf8"),
    readStdin: async () => stdin,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe("score CLI — agreement (Krippendorff's alpha), the published example to 3 decimals", () => {
  // Krippendorff (2011), cited in the fixture: 0.743 nominal, 0.815 ordinal, 0.849 interval, 0.797 ratio.
  const fixture = JSON.parse(readFileSync(fixturePath("agreement-krippendorff-2011.json"), "utf8")) as { ratings: unknown };
  it.each([
    ["nominal", "0.743"],
    ["ordinal", "0.815"],
    ["interval", "0.849"],
    ["ratio", "0.797"],
  ])("%s: %s", async (level, alpha) => {
    const result = await run(["agreement", "-"], JSON.stringify({ level, ratings: fixture.ratings }));
    expect(result.status).toBe(0);
    const output = result.json();
    expect(Object.keys(output)).toEqual(["alpha", "level", "units", "pairableValues", "observedDisagreement", "expectedDisagreement"]);
    expect(output.alpha.toFixed(3)).toBe(alpha);
    expect([output.level, output.units, output.pairableValues]).toEqual([level, 11, 40]);
  });

  it("reads the fixture file itself (interval), and refuses bad input with exit 2 naming the field", async () => {
    expect((await run(["agreement", fixturePath("agreement-krippendorff-2011.json")])).json().alpha.toFixed(3)).toBe("0.849");
    const bad = await run(["agreement", "-", "--lang", "ja"], JSON.stringify({ level: "ordinal", ratings: { a: { x: "3" } } }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("ratings.a.x は数値または null");
    expect((await run(["agreement"])).status).toBe(2);
  });
});

describe("score CLI — published examples to 4 decimals", () => {
  it("TOPSIS, Hwang & Yoon (1981) fighter aircraft", async () => {
    // Source cited in the fixture; expected closeness recomputed independently with NumPy.
    const result = await run([fixturePath("topsis-hwang-yoon-1981.json")]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const output = result.json();
    expect(output.method).toBe("topsis");
    expect(output.ranking.map((r: { id: string; rank: number; score: number }) => [r.id, r.rank, round4(r.score)])).toEqual([
      ["A1", 1, 0.6433],
      ["A3", 2, 0.6135],
      ["A4", 3, 0.3123],
      ["A2", 4, 0.2684],
    ]);
    expect(output.disqualified).toEqual([]);
    expect(output.robustness.winner).toBe("A1");
  });

  it("TOPSIS, R package MCDA help example (cars): the published ideal solutions", async () => {
    const output = (await run([fixturePath("topsis-mcda-r-cars.json")])).json();
    const price = output.ranking[0].contributions.find((c: { criterion: string }) => c.criterion === "purchasePrice");
    expect(round4(price.ideal)).toBe(0.1796);
    expect(round4(price.antiIdeal)).toBe(0.2126);
    expect(output.ranking.map((r: { id: string; score: number }) => [r.id, round4(r.score)])).toEqual([
      ["Clio", 0.5182],
      ["Corsa", 0.4817],
      ["Fiesta", 0.178],
    ]);
  });

  it("AHP, Wikipedia leader example", async () => {
    const result = await run(["ahp", fixturePath("ahp-wikipedia-leader.json")]);
    expect(result.status).toBe(0);
    const output = result.json();
    expect(Object.keys(output)).toEqual(["weights", "lambdaMax", "consistencyIndex", "consistencyRatio", "consistent"]);
    expect(Object.fromEntries(Object.entries(output.weights).map(([k, v]) => [k, round4(v as number)]))).toEqual({
      experience: 0.5476,
      education: 0.1266,
      charisma: 0.2699,
      age: 0.0559,
    });
    expect(round4(output.lambdaMax)).toBe(4.1184);
    expect(round4(output.consistencyIndex)).toBe(0.0395);
    expect(round4(output.consistencyRatio)).toBe(0.0439);
    expect(output.consistent).toBe(true);
  });

  it("matches the expected-result files kept beside the fixtures", async () => {
    for (const name of ["topsis-hwang-yoon-1981", "topsis-mcda-r-cars", "bpo-accounting-quotes"]) {
      const expected = JSON.parse(readFileSync(fixturePath(`${name}.expected.json`), "utf8"));
      const output = (await run([fixturePath(`${name}.json`)])).json();
      expect(output.ranking.map((r: { id: string; rank: number; score: number }) => ({ id: r.id, rank: r.rank, score: round4(r.score) }))).toEqual(
        expected.ranking,
      );
      expect(output.disqualified.map((d: { id: string }) => d.id)).toEqual(expected.disqualified);
    }
    const ahpExpected = JSON.parse(readFileSync(fixturePath("ahp-wikipedia-leader.expected.json"), "utf8"));
    const ahp = (await run(["ahp", fixturePath("ahp-wikipedia-leader.json")])).json();
    expect(Object.fromEntries(Object.entries(ahp.weights).map(([k, v]) => [k, round4(v as number)]))).toEqual(ahpExpected.weights);
    expect(round4(ahp.consistencyRatio)).toBe(ahpExpected.consistencyRatio);
  });
});

describe("score CLI — input and output plumbing", () => {
  it("reads the input from stdin with -", async () => {
    const input = readFileSync(fixturePath("topsis-mcda-r-cars.json"), "utf8");
    const result = await run(["-"], input);
    expect(result.status).toBe(0);
    expect(result.json().ranking[0].id).toBe("Clio");
  });

  it("prints unrounded scores", async () => {
    const output = (await run([fixturePath("topsis-hwang-yoon-1981.json")])).json();
    expect(String(output.ranking[0].score).length).toBeGreaterThan(10);
  });

  it("prints the usage for --help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(USAGE);
    expect(result.stdout).toContain("npm run --silent score -- ahp <file.json | ->");
  });
});

describe("score CLI — risk of a missed KPI", () => {
  // The BPO fixture with a target on its rate criteria; expected P from tests/fixtures/scoring/kpi-risk.json
  // (computed independently by scripts/fixtures/kpi-risk-table.py) where the row matches, else from the domain function.
  const withTargets = (targets: Record<string, unknown>) => {
    const input = JSON.parse(readFileSync(fixturePath("bpo-accounting-quotes.json"), "utf8"));
    for (const criterion of input.criteria) if (criterion.key in targets) criterion.target = targets[criterion.key];
    return input;
  };

  it("prints risk beside the score of each alternative with evidence on a criterion with a target", async () => {
    const input = withTargets({ onTime: 0.95 });
    input.criteria.find((c: { key: string }) => c.key === "onTime").priorStrength = 10;
    input.alternatives[0].values.onTime = 0.95;
    input.alternatives[0].evidence = { onTime: { successes: 40, trials: 50 } };
    const result = await run(["-"], JSON.stringify(input));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const first = result.json().ranking.find((r: { id: string }) => r.id === input.alternatives[0].id);
    expect(Object.keys(first).slice(0, 4)).toEqual(["id", "rank", "score", "risk"]);
    expect(Object.keys(first.risk)).toEqual(["onTime"]);
    // Row "evidence below the claim": claim 0.95, k 10, 40 of 50, target 0.95.
    expect(Math.abs(first.risk.onTime - 0.9996886709929658) / 0.9996886709929658).toBeLessThan(1e-9);
  });

  it("prints no risk without a target, and the ranking is unchanged by targets", async () => {
    const plain = (await run([fixturePath("bpo-accounting-quotes.json")])).json();
    expect(plain.ranking.every((r: Record<string, unknown>) => !("risk" in r))).toBe(true);
    const targeted = (await run(["-"], JSON.stringify(withTargets({ onTime: 0.95 })))).json();
    expect(targeted.ranking.map((r: { id: string; score: number }) => [r.id, r.score])).toEqual(
      plain.ranking.map((r: { id: string; score: number }) => [r.id, r.score]),
    );
    const withEvidence = targeted.ranking.filter((r: Record<string, unknown>) => "risk" in r);
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const r of withEvidence) expect(r.risk.onTime).toBeGreaterThanOrEqual(0);
  });

  it("rejects a target outside 0–1 and a target on a criterion that is not a rate", async () => {
    const out = await run(["-"], JSON.stringify(withTargets({ onTime: 95 })));
    expect(out.status).toBe(2);
    expect(out.stderr).toBe("error: criteria[1].target must be a rate between 0 and 1 (got 95).\n");
    const notRate = await run(["-"], JSON.stringify(withTargets({ tco: 0.5 })));
    expect(notRate.status).toBe(2);
    expect(notRate.stderr).toBe('error: criteria[0].target is only for a rate criterion ("kind": "rate").\n');
  });
});

describe("score CLI — bad input exits 2 with a message naming the field", () => {
  const rankWith = async (
    patch: (input: Record<string, unknown> & { criteria: Record<string, unknown>[]; alternatives: Record<string, unknown>[] }) => void,
    lang?: string,
  ) => {
    const input = JSON.parse(readFileSync(fixturePath("topsis-mcda-r-cars.json"), "utf8"));
    patch(input);
    return run(lang ? ["--lang", lang, "-"] : ["-"], JSON.stringify(input));
  };

  it("invalid JSON", async () => {
    const result = await run(["-"], "{ not json");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: The input is not valid JSON: /);
  });

  it("unknown method", async () => {
    const result = await rankWith((input) => (input.method = "best-guess"));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: method must be one of "weighted-sum-target", "weighted-sum-minmax", "topsis" (got "best-guess").\n');
  });

  it("negative weight", async () => {
    const result = await rankWith((input) => (input.criteria[2].weight = -0.25));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: criteria[2].weight must be a positive number (got -0.25).\n");
  });

  it("non-numeric value", async () => {
    const result = await rankWith((input) => ((input.alternatives[1].values as Record<string, unknown>).economy = "70.6 mpg"));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: alternatives[1].values.economy must be a number or null (got "70.6 mpg").\n');
  });

  it("in Japanese with --lang ja", async () => {
    const result = await rankWith((input) => (input.criteria[2].weight = -0.25), "ja");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: criteria[2].weight は正の数で指定してください（指定値: -0.25）。\n");
  });

  it("matrix errors: not reciprocal, not square, not positive", async () => {
    const ahp = (matrix: unknown) => run(["ahp", "-"], JSON.stringify({ criteria: ["a", "b", "c"], matrix }));
    const reciprocal = await ahp([
      [1, 2, 3],
      [0.5, 1, 4],
      [0.5, 0.25, 1],
    ]);
    expect(reciprocal.status).toBe(2);
    expect(reciprocal.stderr).toBe("error: matrix[2][0] must be the reciprocal of matrix[0][2] (expected 0.3333, got 0.5).\n");
    const square = await ahp([
      [1, 2, 3],
      [0.5, 1],
      ["1/3", 1, 1],
    ]);
    expect(square.stderr).toBe("error: matrix[1] has 2 entries; a 3 × 3 matrix needs 3 in every row.\n");
    const positive = await ahp([
      [1, -2, 3],
      [0.5, 1, 1],
      ["1/3", 1, 1],
    ]);
    expect(positive.stderr).toBe("error: matrix[0][1] must be a positive number (got -2).\n");
  });

  it("usage errors: no input, unknown option, unreadable file", async () => {
    expect((await run([])).status).toBe(2);
    const option = await run(["--fast", "x.json"]);
    expect(option.status).toBe(2);
    expect(option.stderr).toBe("error: Unknown option --fast.\nRun with --help for usage.\n");
    const missing = await run(["does-not-exist.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("error: Cannot read does-not-exist.json (ENOENT).\nRun with --help for usage.\n");
  });
});

describe("score CLI — the real process", () => {
  // One end-to-end run through tsx, to check the thin process wrapper: exit status, streams, no stack trace.
  it("exits 2 on bad input with the message on stderr and nothing else", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/score.ts", "-"], {
      cwd: root,
      input: JSON.stringify({ method: "topsis", criteria: [], alternatives: [] }),
      encoding: "utf8",
    });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe("");
    expect(child.stderr).toBe("error: criteria must list at least one criterion.\n");
  });

  it("exits 0 and prints JSON for a fixture", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/score.ts", "tests/fixtures/scoring/topsis-mcda-r-cars.json"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).method).toBe("topsis");
  });
});
