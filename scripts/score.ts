// The scoring CLI: JSON in (a file or stdin), JSON out. All parsing, validation and scoring is the
// domain module's; this file only moves text between the terminal and it.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import {
  ahpWeightsFor,
  krippendorffAlpha,
  missedTargetRisks,
  parseAgreementInput,
  parseAhpInput,
  parseJsonText,
  parseRankingInput,
  rankAlternatives,
  ScoringInputError,
  takeRiskTargets,
} from "../app/domain/scoring/index";

export const USAGE = `Kurabe scoring CLI — rank quotes on shared criteria, or derive weights with AHP.

Usage:
  npm run --silent score -- <file.json | ->        rank the alternatives in the file (- reads stdin)
  npm run --silent score -- ahp <file.json | ->    AHP weights from a pairwise comparison matrix
  npm run --silent score -- agreement <file.json | ->
                                                   Krippendorff's alpha: how far evaluators agree

Options:
  --lang en|ja   language of error messages (default: en)
  -h, --help     show this help

Rank input:
  { "method": "topsis" | "weighted-sum-target" | "weighted-sum-minmax",
    "criteria": [ { "key", "label": { "ja", "en" }, "perspective", "direction": "benefit" | "cost",
                    "weight", "kind"?: "number" | "rate" | "boolean", "gate"?, "scale"?, "priorStrength"?,
                    "target"?: rate in 0–1 (a rate criterion's KPI target, for the risk below) } ],
    "alternatives": [ { "id", "values": { "<criterion key>": number | boolean | null },
                        "evidence"?: { "<rate criterion key>": { "successes", "trials" } } } ],
    "robustness"?: { "samples": 1000, "perturbation": 0.2, "seed": 42 } }
Rank output:
  { "method", "ranking": [ { "id", "rank", "score", "risk"?: { "<criterion key>": P(true rate < target) },
                             "contributions", "explanation": { "ja", "en" }, "dominatedBy", "flags" } ],
    "disqualified": [ { "id", "reasons" } ], "robustness": { "winner", "stability" } }

AHP input:   { "criteria": ["a", "b", …], "matrix": [[1, 3, "1/5"], …] }
AHP output:  { "weights": { "a": …, … }, "lambdaMax", "consistencyIndex", "consistencyRatio", "consistent" }

Agreement input:  { "level": "interval" | "ordinal" | "nominal" | "ratio",
                    "ratings": { "<evaluator>": { "<unit>": number | null } } }
Agreement output: { "alpha" (null when no value varies), "level", "units", "pairableValues",
                    "observedDisagreement", "expectedDisagreement" }
                  Units with fewer than two values are ignored. Reading: α ≥ 0.8 good agreement;
                  0.667–0.8 tentative; below, discuss.

Exit status: 0 success; 2 invalid input (the reason, naming the field, is on stderr); 1 unexpected failure.
Full reference: docs/scoring.md
`;

export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

type Language = "en" | "ja";

class UsageError extends Error {}

interface Command {
  kind: "help" | "rank" | "ahp" | "agreement";
  source?: string;
  language: Language;
}

function parseArguments(argv: readonly string[]): Command {
  let language: Language = "en";
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "-h" || argument === "--help") return { kind: "help", language };
    if (argument === "--lang" || argument.startsWith("--lang=")) {
      const value = argument === "--lang" ? argv[++i] : argument.slice("--lang=".length);
      if (value !== "en" && value !== "ja") throw new UsageError(`--lang must be "en" or "ja" (got ${JSON.stringify(value ?? "")}).`);
      language = value;
    } else if (argument.startsWith("-") && argument !== "-") {
      throw new UsageError(`Unknown option ${argument}.`);
    } else positional.push(argument);
  }
  if (positional[0] === "ahp" || positional[0] === "agreement") {
    const kind = positional[0];
    if (positional.length !== 2) throw new UsageError(`${kind} needs exactly one input: a file path or - for stdin.`);
    return { kind, source: positional[1], language };
  }
  if (positional.length !== 1) throw new UsageError("Give exactly one input: a file path or - for stdin.");
  return { kind: "rank", source: positional[0], language };
}

async function readSource(source: string, io: CliIo): Promise<string> {
  if (source === "-") return io.readStdin();
  try {
    return await io.readFile(source);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`Cannot read ${source} (${reason}).`);
  }
}

/**
 * Ranks, then puts `risk: { "<criterion>": P(true rate < target) }` beside the score of each ranked
 * alternative that has evidence on a rate criterion with a `target` (docs/scoring.md, "Risk of a missed KPI").
 */
function rankWithRisk(data: unknown) {
  const { data: rest, targets } = takeRiskTargets(data);
  const input = parseRankingInput(rest);
  const risks = missedTargetRisks(input, targets);
  const result = rankAlternatives(input);
  return {
    ...result,
    ranking: result.ranking.map(({ id, rank, score, ...others }) =>
      risks[id] ? { id, rank, score, risk: risks[id], ...others } : { id, rank, score, ...others },
    ),
  };
}

/** Runs the CLI and returns its exit status; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let language: Language = "en";
  try {
    const command = parseArguments(argv);
    language = command.language;
    if (command.kind === "help") {
      io.stdout(USAGE);
      return 0;
    }
    const data = parseJsonText(await readSource(command.source as string, io));
    const result =
      command.kind === "ahp"
        ? (() => {
            const input = parseAhpInput(data);
            return ahpWeightsFor(input.criteria, input.matrix);
          })()
        : command.kind === "agreement"
          ? krippendorffAlpha(parseAgreementInput(data))
          : rankWithRisk(data);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScoringInputError) {
      for (const problem of error.issues) io.stderr(`error: ${problem.message[language]}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    // A bug, not bad input: still one line, no stack trace in the user's terminal.
    io.stderr(`error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const status = await main(process.argv.slice(2), {
    readFile: (path) => readFile(path, "utf8"),
    readStdin: readAllStdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  process.exitCode = status;
}
