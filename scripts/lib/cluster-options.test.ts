import { describe, expect, it } from "vitest";
import { parseClusterArgs, RestartBudget } from "./cluster-options";

describe("parseClusterArgs", () => {
  const cpus = { cpus: 4 };

  it("defaults to one process per core, five restarts a minute", () => {
    expect(parseClusterArgs([], cpus)).toEqual({ ok: true, help: false, options: { processes: 4, maxRestarts: 5, restartWindowMs: 60_000 } });
    expect(parseClusterArgs([], { cpus: 200 })).toMatchObject({ ok: true, options: { processes: 64 } });
  });

  it("reads --processes N and --processes=N, and --max-restarts", () => {
    expect(parseClusterArgs(["--processes", "2"], cpus)).toMatchObject({ ok: true, options: { processes: 2 } });
    expect(parseClusterArgs(["--processes=3", "--max-restarts", "0"], cpus)).toMatchObject({ ok: true, options: { processes: 3, maxRestarts: 0 } });
  });

  it.each([
    [["--processes"], "--processes needs a number"],
    [["--processes", "0"], "--processes must be between 1 and 64, got 0"],
    [["--processes", "65"], "--processes must be between 1 and 64, got 65"],
    [["--processes", "2.5"], '--processes must be a whole number, got "2.5"'],
    [["--processes=-1"], '--processes must be a whole number, got "-1"'],
    [["--processes", "two"], '--processes must be a whole number, got "two"'],
    [["--process", "4"], 'Unknown argument "--process"'],
    [["4"], 'Unknown argument "4"'],
  ])("refuses %j: %s", (argv, error) => {
    expect(parseClusterArgs(argv, cpus)).toEqual({ ok: false, error });
  });

  it("recognises --help", () => {
    expect(parseClusterArgs(["--help"], cpus)).toMatchObject({ ok: true, help: true });
  });
});

describe("RestartBudget", () => {
  it("allows max replacements within the window, then again once the oldest has left it", () => {
    const budget = new RestartBudget(2, 60_000);
    expect(budget.allow(0)).toBe(true);
    expect(budget.allow(1_000)).toBe(true);
    expect(budget.allow(2_000)).toBe(false);
    expect(budget.allow(59_999)).toBe(false);
    expect(budget.allow(60_000)).toBe(true); // the one at 0 has left the window
    expect(budget.allow(60_500)).toBe(false);
  });

  it("with a budget of zero never replaces a worker", () => {
    expect(new RestartBudget(0, 60_000).allow(0)).toBe(false);
  });
});
