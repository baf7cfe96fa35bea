import type { Criterion } from "~/domain/rfq/schema";

/** The catalog's 業務理解度: scored by evaluators (source "advisor rating"), so nobody can score it before they rate. */
export const workUnderstanding = (weight = 20): Criterion => ({
  key: "work_understanding",
  label: { ja: "業務理解度", en: "Understanding of the work" },
  perspective: "internalProcess",
  direction: "benefit",
  weight,
  source: "advisor_rating",
  unit: "score",
  scale: { worst: 0, best: 5 },
});
