// The command line of `npm run serve:cluster` and the restart budget of its supervisor (scripts/serve-cluster.ts).
// Pure (no process, no clock of its own), so both are unit-tested without starting anything.

export interface ClusterOptions {
  /** How many app processes (workers) serve the one port. */
  processes: number;
  /** How many times dead workers are replaced within `restartWindowMs` before the cluster gives up. */
  maxRestarts: number;
  restartWindowMs: number;
}

export const CLUSTER_USAGE = `Usage: npm run serve:cluster -- [--processes N] [--max-restarts N]

  --processes N      app processes serving one PORT (default: the number of CPU cores, at most 64)
  --max-restarts N   dead workers replaced per minute before the cluster stops (default: 5)

Needs an external PostgreSQL in DATABASE_URL (the embedded database belongs to one process). See docs/deploy.md.`;

export const MAX_PROCESSES = 64;

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number | string {
  if (raw === undefined || raw === "") return `${flag} needs a number`;
  if (!/^\d+$/.test(raw)) return `${flag} must be a whole number, got "${raw}"`;
  const n = Number(raw);
  if (n < min || n > max) return `${flag} must be between ${min} and ${max}, got ${n}`;
  return n;
}

/**
 * Reads `--processes N` / `--processes=N` and `--max-restarts N`; anything else is refused (a typo such as
 * `--process 4` must not silently start the default). `help: true` for `--help` / `-h`.
 */
export function parseClusterArgs(
  argv: readonly string[],
  defaults: { cpus: number },
): { ok: true; options: ClusterOptions; help: boolean } | { ok: false; error: string } {
  const options: ClusterOptions = { processes: Math.max(1, Math.min(MAX_PROCESSES, defaults.cpus)), maxRestarts: 5, restartWindowMs: 60_000 };
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag !== "--processes" && flag !== "--max-restarts") return { ok: false, error: `Unknown argument "${arg}"` };
    const raw = inline ?? argv[++i];
    const value = flag === "--processes" ? wholeNumber(flag, raw, 1, MAX_PROCESSES) : wholeNumber(flag, raw, 0, 1000);
    if (typeof value === "string") return { ok: false, error: value };
    if (flag === "--processes") options.processes = value;
    else options.maxRestarts = value;
  }
  return { ok: true, options, help };
}

/**
 * Replacing a dead worker is right for a one-off crash and wrong for a crash loop (a bad deploy, a database that
 * refuses every connection): at most `max` replacements within any `windowMs`, after which `allow` says no.
 */
export class RestartBudget {
  private restarts: number[] = [];
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Whether one more replacement is allowed at `now` (ms); an allowed one is counted. */
  allow(now: number): boolean {
    this.restarts = this.restarts.filter((t) => now - t < this.windowMs);
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(now);
    return true;
  }
}
