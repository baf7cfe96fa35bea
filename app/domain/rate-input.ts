import { z } from "zod";

// Rates at the form boundary (issue 14). People type rates as percentages (97.5, "0〜100%"); the domain,
// the database and the JSON API keep fractions (0.975), so arithmetic never has to guess which one a number
// is. The forms convert with these two helpers, in their decoders (typed → stored) and their defaults
// (stored → shown), and word range errors in percent with `withFormMessages`.

/** A typed percentage → the stored fraction, without binary noise (97.5 → 0.975, 95 → 0.95). */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/** A stored fraction → the percentage a person reads and types (0.975 → 97.5). */
export function fractionToPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/** Catalog keys look like `rfq.criteria.rateOutOfRange`; zod's own fallback texts contain spaces. */
const CATALOG_KEY = /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/;

/**
 * The same schema, with some of its message keys replaced by the form's own (the API says "a fraction
 * 0–1", the form "0–100%"). Issues keep their paths; an issue without a catalog key keeps no message, so
 * the caller's error map words it in the reader's language as before.
 */
export function withFormMessages<S extends z.ZodType>(schema: S, formKeys: Readonly<Record<string, string>>) {
  return z.unknown().transform((payload, ctx): z.output<S> => {
    const result = schema.safeParse(payload, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const keyed = CATALOG_KEY.test(issue.message);
      const message = keyed ? (Object.hasOwn(formKeys, issue.message) ? formKeys[issue.message] : issue.message) : undefined;
      ctx.addIssue({ ...issue, message } as Parameters<typeof ctx.addIssue>[0] & object);
    }
    return z.NEVER;
  });
}
