import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("ignores key order at every depth but not array order", () => {
    expect(sameJson({ a: 1, b: { y: [1, { q: 1, p: 2 }], x: null } }, { b: { x: null, y: [1, { p: 2, q: 1 }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
