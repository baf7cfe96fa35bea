import { describe, expect, it } from "vitest";
import { readJsonBody } from "./api.server";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./request-body.server";

// Found by the reliability suite's fuzz (decision 0056): `[[[[…]]]]` 100,000 deep is valid JSON under the size
// limit; JSON.parse builds it, then the recursive walks after it overflowed the stack — a 500. It is refused as
// a 400 problem for the whole body now, before anything walks it.

const post = (body: string) => new Request("http://localhost/api/v1/x", { method: "POST", body, headers: { "Content-Type": "application/json" } });
const deepArray = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

describe("nestsDeeperThan", () => {
  it("measures arrays and objects alike, and leaves scalars alone", () => {
    expect(nestsDeeperThan(JSON.parse(deepArray(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deepArray(4)), 3)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(deepObject(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deepObject(4)), 3)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: "x" }], c: [1, 2, 3] }, 3)).toBe(false);
    expect(nestsDeeperThan("text")).toBe(false);
    expect(nestsDeeperThan(null)).toBe(false);
  });

  it("walks 100,000 levels without a stack overflow", () => {
    expect(nestsDeeperThan(JSON.parse(deepArray(100_000)))).toBe(true);
  });
});

describe("readJsonBody", () => {
  it.each([
    ["arrays", deepArray(100_000)],
    ["objects", deepObject(50_000)],
  ])("refuses deeply nested %s as a 400 problem for the whole body, in the caller's language", async (_, body) => {
    const read = await readJsonBody(post(body), "en");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(400);
    expect(read.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const problem = (await read.response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "", message: "The JSON is nested too deeply (64 levels at most)." }]);
  });

  it("still reads a body nested as deep as allowed", async () => {
    const read = await readJsonBody(post(deepArray(MAX_JSON_DEPTH)), "ja");
    expect(read.ok).toBe(true);
  });
});
