import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type AgreementLevel } from "./agreement";

// The properties issue 18 asks of Krippendorff's alpha, over random rating tables (2–5 evaluators, up to 8 units,
// values 1–5 or 0–100, missing values allowed): evaluators who all give the same value to every unit agree perfectly
// (alpha 1 whenever the values vary at all), and alpha depends neither on the evaluators' names nor on the order or
// names of the units.

const LEVELS: AgreementLevel[] = ["nominal", "ordinal", "interval", "ratio"];

/** Rows of values per evaluator, all the same length (one column per unit). */
const table = (max: number) =>
  fc.integer({ min: 1, max: 8 }).chain((units) =>
    fc.array(fc.array(fc.option(fc.integer({ min: 1, max }), { nil: null, freq: 4 }), { minLength: units, maxLength: units }), {
      minLength: 2,
      maxLength: 5,
    }),
  );

const asRatings = (rows: (number | null)[][], evaluator: (i: number) => string, unit: (j: number) => string) =>
  Object.fromEntries(rows.map((values, i) => [evaluator(i), Object.fromEntries(values.map((v, j) => [unit(j), v]))]));

describe("krippendorffAlpha properties", () => {
  it("is 1 when every evaluator gives every unit the same value (and the values vary)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(...LEVELS),
        (truth, evaluators, level) => {
          fc.pre(new Set(truth).size > 1);
          const rows = Array.from({ length: evaluators }, () => truth);
          const a = krippendorffAlpha({
            level,
            ratings: asRatings(
              rows,
              (i) => `e${i}`,
              (j) => `u${j}`,
            ),
          });
          expect(a.alpha).toBeCloseTo(1, 12);
          expect(a.observedDisagreement).toBe(0);
          expect(a.pairableValues).toBe(truth.length * evaluators);
        },
      ),
    );
  });

  it("does not change when evaluators are relabelled and reordered", () => {
    fc.assert(
      fc.property(table(5), fc.constantFrom(...LEVELS), fc.integer({ min: 0, max: 1_000 }), (rows, level, seed) => {
        const base = krippendorffAlpha({
          level,
          ratings: asRatings(
            rows,
            (i) => `e${i}`,
            (j) => `u${j}`,
          ),
        });
        // A rotation of the rows under fresh names: who rated what is kept, only the labels and order change.
        const shift = seed % rows.length;
        const rotated = [...rows.slice(shift), ...rows.slice(0, shift)];
        const relabelled = krippendorffAlpha({
          level,
          ratings: asRatings(
            rotated,
            (i) => `reviewer-${seed}-${rows.length - i}`,
            (j) => `u${j}`,
          ),
        });
        expect(relabelled.units).toBe(base.units);
        expect(relabelled.pairableValues).toBe(base.pairableValues);
        if (base.alpha === null) expect(relabelled.alpha).toBeNull();
        else expect(relabelled.alpha).toBeCloseTo(base.alpha, 10);
      }),
    );
  });

  it("does not change when the units are reordered or renamed", () => {
    fc.assert(
      fc.property(table(100), fc.constantFrom(...LEVELS), fc.integer({ min: 0, max: 1_000 }), (rows, level, seed) => {
        const base = krippendorffAlpha({
          level,
          ratings: asRatings(
            rows,
            (i) => `e${i}`,
            (j) => `u${j}`,
          ),
        });
        const width = rows[0]!.length;
        const shift = seed % width;
        // Columns rotated and given new names, inserted in a different order into each evaluator's object.
        const moved = rows.map((values) => [...values.slice(shift), ...values.slice(0, shift)].reverse());
        const reordered = krippendorffAlpha({
          level,
          ratings: asRatings(
            moved,
            (i) => `e${i}`,
            (j) => `quote-${width - j}:criterion`,
          ),
        });
        expect(reordered.units).toBe(base.units);
        if (base.alpha === null) expect(reordered.alpha).toBeNull();
        else expect(reordered.alpha).toBeCloseTo(base.alpha, 10);
      }),
    );
  });

  it("interval alpha does not change under one affine change of every value (why 0–1 normalizing keeps it)", () => {
    fc.assert(
      fc.property(table(5), (rows) => {
        const base = krippendorffAlpha({
          level: "interval",
          ratings: asRatings(
            rows,
            (i) => `e${i}`,
            (j) => `u${j}`,
          ),
        });
        const scaled = rows.map((values) => values.map((v) => (v === null ? null : (v - 1) / 4)));
        const normalized = krippendorffAlpha({
          level: "interval",
          ratings: asRatings(
            scaled,
            (i) => `e${i}`,
            (j) => `u${j}`,
          ),
        });
        if (base.alpha === null) expect(normalized.alpha).toBeNull();
        else expect(normalized.alpha).toBeCloseTo(base.alpha, 10);
      }),
    );
  });
});
