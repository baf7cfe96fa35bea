import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { probabilityBelowTarget, shrinkClaim } from "./credibility";

const evidence = fc
  .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }))
  .map(([a, b]) => ({ successes: Math.min(a, b), trials: Math.max(a, b) }));

describe("credibility properties", () => {
  it("the effective value lies between the claim and the observed rate", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), evidence, (claim, k, record) => {
        fc.pre(record.trials > 0);
        const effective = shrinkClaim(claim, k, record);
        const observed = record.successes / record.trials;
        expect(effective).toBeGreaterThanOrEqual(Math.min(claim, observed) - 1e-12);
        expect(effective).toBeLessThanOrEqual(Math.max(claim, observed) + 1e-12);
      }),
    );
  });

  it("the risk of falling below a target is a probability and grows with the target", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        evidence,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (claim, k, record, t1, t2) => {
          const low = probabilityBelowTarget(claim, k, record.successes, record.trials, Math.min(t1, t2));
          const high = probabilityBelowTarget(claim, k, record.successes, record.trials, Math.max(t1, t2));
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1 + 1e-12);
          expect(high).toBeGreaterThanOrEqual(low - 1e-9);
        },
      ),
    );
  });
});
