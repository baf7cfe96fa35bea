import type { Recorder } from "./client";

// One row per scenario, printed as one table at the end.

export interface Row {
  name: string;
  requests: number;
  rps: number | null;
  p50: number | null;
  p99: number | null;
  serverErrors: number;
  lostWrites: number | null;
  partialRecords: number | null;
  /** Seconds to recover/converge, or null where the scenario has none. */
  convergence: number | null;
  pass: boolean;
  /** Each check's verdict and figures, printed under the table. */
  notes: string[];
}

export function rowFrom(name: string, rec: Recorder, extra: Partial<Row> & { pass: boolean; notes: string[] }): Row {
  return {
    name,
    requests: rec.requests,
    rps: rec.seconds > 0 ? rec.requests / rec.seconds : null,
    p50: rec.percentile(50),
    p99: rec.percentile(99),
    serverErrors: rec.serverErrors,
    lostWrites: null,
    partialRecords: null,
    convergence: null,
    ...extra,
  };
}

const fmt = (v: number | null, digits = 0) => (v === null ? "—" : v.toFixed(digits));

export function renderTable(rows: Row[]): string {
  const header = ["scenario", "requests", "req/s", "p50 ms", "p99 ms", "5xx", "lost writes", "partial records", "convergence s", "result"];
  const body = rows.map((r) => [
    r.name,
    String(r.requests),
    fmt(r.rps, 1),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    String(r.serverErrors),
    fmt(r.lostWrites),
    fmt(r.partialRecords),
    fmt(r.convergence, 1),
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  const notes = rows.flatMap((r) => r.notes.map((n) => `  ${r.name}: ${n}`));
  return [line(header), rule, ...body.map(line), "", ...notes].join("\n");
}
