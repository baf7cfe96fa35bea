import { describe, expect, it } from "vitest";
import { allocateProportionally, divRoundHalfUp, toBigInt, toSafeNumber } from "./money";

describe("money helpers", () => {
  it("rounds halves up and everything else to the nearest integer", () => {
    expect(divRoundHalfUp(21n, 2n)).toBe(11n);
    expect(divRoundHalfUp(20n, 3n)).toBe(7n);
    expect(divRoundHalfUp(19n, 3n)).toBe(6n);
    expect(divRoundHalfUp(0n, 7n)).toBe(0n);
    expect(() => divRoundHalfUp(-1n, 2n)).toThrow(RangeError);
  });

  it("splits a total proportionally into integers that add up exactly", () => {
    expect(allocateProportionally(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateProportionally(0n, [5n, 5n])).toEqual([0n, 0n]);
    expect(allocateProportionally(10n, [0n, 0n])).toEqual([0n, 0n]);
  });

  it("fails loudly outside the safe integer range instead of losing yen", () => {
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toBigInt(1.5)).toThrow(RangeError);
    expect(toSafeNumber(123n)).toBe(123);
  });
});
