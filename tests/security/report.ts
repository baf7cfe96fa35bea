// One row of the final table. `partialWrites` is null where a check writes nothing (shown as "–").

export interface CheckResult {
  check: string;
  tried: number;
  failures: number;
  serverErrors: number;
  partialWrites: number | null;
  pass: boolean;
  /** Samples of what failed, printed under the table (a few per check). */
  details?: string[];
  /** Why a check could not run (its row then counts as not measured). */
  skipped?: string;
}

export function result(check: string, r: Partial<CheckResult> & { tried: number; failures: number }): CheckResult {
  const serverErrors = r.serverErrors ?? 0;
  return {
    check,
    tried: r.tried,
    failures: r.failures,
    serverErrors,
    partialWrites: r.partialWrites ?? null,
    pass: r.pass ?? (r.failures === 0 && serverErrors === 0 && !r.partialWrites),
    details: r.details,
    skipped: r.skipped,
  };
}

export function skipped(check: string, why: string): CheckResult {
  return { check, tried: 0, failures: 0, serverErrors: 0, partialWrites: null, pass: false, skipped: why };
}

export function printTable(rows: CheckResult[], seconds: number, verbose = false) {
  const header = ["check", "tried", "leaks/failures", "5xx", "partial writes", "result"];
  const cells = rows.map((r) => [
    r.check,
    String(r.tried),
    String(r.failures),
    String(r.serverErrors),
    r.partialWrites === null ? "–" : String(r.partialWrites),
    r.skipped ? "SKIP" : r.pass ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(" | ")} |`;
  console.log("");
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const c of cells) console.log(line(c));
  const shown = verbose ? Infinity : 6;
  const failed = rows.filter((r) => !r.pass && !r.skipped).length;
  console.log(
    `\n${rows.length} checks: ${rows.length - failed - rows.filter((r) => r.skipped).length} PASS, ${failed} FAIL, ${rows.filter((r) => r.skipped).length} SKIP — ${seconds.toFixed(0)} s`,
  );
  for (const r of rows) {
    if (r.skipped) console.log(`\n• ${r.check}: not run — ${r.skipped}`);
    else if (r.details?.length)
      console.log(
        `\n• ${r.check}:\n${r.details
          .slice(0, shown)
          .map((d) => `    ${d}`)
          .join("\n")}${r.details.length > shown ? `\n    … ${r.details.length - shown} more (--verbose lists all)` : ""}`,
      );
  }
}
