import { z } from "zod";
import {
  CERTIFICATION_LEVELS,
  CERTIFICATION_TYPES,
  CRITERION_SOURCES,
  DATA_SENSITIVITIES,
  DIRECTIONS,
  PERSPECTIVES,
  RECURRENCES,
  RFQ_CATEGORIES,
  RFQ_PHASES,
  RFQ_VISIBILITIES,
  SCORING_METHODS,
} from "./categories";
import { rfqError, type RfqMessageKey } from "./messages";
import { CRITERION_UNITS, isWithinUnitRange } from "./units";
import { crossFieldProblems } from "./cross-field-rules";
import { publicPriceRulesSchema } from "./public-price-rules";

/**
 * The normalized RFQ as the API accepts it (camelCase JSON). Three layers:
 *  - `rfqDraftFields`: each field's own rules, nothing required — a draft is saved step by step;
 *  - `rfqDraftSchema` / `rfqStepSchemas`: drafts and the guided form's steps (title and category required);
 *  - `rfqSchema`: a complete RFQ, the shape that can be published. The time-dependent rule (deadline in the
 *    future) lives in `checkPublishable`, which also lists everything missing at once.
 * Money is integer minor units (JPY: 1 = ¥1), never floats.
 */

/** For fields that are required in the complete RFQ: "missing" and "wrong" get different messages. */
function requiredField(missingKey: RfqMessageKey, wrongKey?: RfqMessageKey) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? missingKey : wrongKey) };
}

/** A text that must be filled in the complete RFQ. */
function requiredText(key: RfqMessageKey) {
  return z.string(requiredField(key, "rfq.field.invalid")).trim().min(1, rfqError(key)).max(10_000, rfqError("rfq.text.tooLong"));
}

const shortText = z.string().trim().max(200, rfqError("rfq.text.tooLong"));
const longText = z.string().trim().max(10_000, rfqError("rfq.text.tooLong"));
const isoDate = z.iso.date(rfqError("rfq.date.invalid"));

export const yenAmountSchema = z
  .number(rfqError("rfq.money.invalid"))
  .int(rfqError("rfq.money.invalid"))
  .min(0, rfqError("rfq.money.invalid"))
  .max(Number.MAX_SAFE_INTEGER, rfqError("rfq.money.invalid"));

/** Adds a "duplicate" issue at `[index, field]` for every repeated key, so the form marks the exact row. */
function uniqueWithin<T>(keyOf: (item: T) => string, field: string | null, message: RfqMessageKey) {
  return (items: T[], ctx: z.RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) ctx.addIssue({ code: "custom", message, path: field === null ? [index] : [index, field] });
      seen.add(key);
    });
  };
}

export const rfqCategorySchema = z.enum(RFQ_CATEGORIES, rfqError("rfq.category.invalid"));
export const rfqPhaseSchema = z.enum(RFQ_PHASES, requiredField("rfq.phase.required", "rfq.phase.invalid"));
export const rfqTitleSchema = z
  .string(requiredField("rfq.title.required"))
  .trim()
  .min(1, rfqError("rfq.title.required"))
  .max(200, rfqError("rfq.text.tooLong"));

export const deliverableSchema = z.object({
  title: shortText.min(1, rfqError("rfq.deliverables.title.required")),
  dueDate: isoDate.optional(),
  qualityCriteria: longText.default(""),
});

export const volumesSchema = z.object({
  perMonth: z
    .number(rfqError("rfq.volumes.perMonth.invalid"))
    .int(rfqError("rfq.volumes.perMonth.invalid"))
    .min(0, rfqError("rfq.volumes.perMonth.invalid"))
    .optional(),
  peakMonths: z
    .array(
      z
        .number(rfqError("rfq.volumes.peakMonths.invalid"))
        .int(rfqError("rfq.volumes.peakMonths.invalid"))
        .min(1, rfqError("rfq.volumes.peakMonths.invalid"))
        .max(12, rfqError("rfq.volumes.peakMonths.invalid")),
    )
    .max(12)
    .superRefine(uniqueWithin((month: number) => String(month), null, "rfq.volumes.peakMonths.duplicate"))
    .default([]),
  notes: longText.default(""),
});

/**
 * Line codes are restricted to characters that are safe as form field names and object keys
 * (a quote prices lines in `unitPrices[code]`), hence no dots or brackets.
 */
export const LINE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const lineItemSchema = z
  .object({
    code: z.string().regex(LINE_CODE_PATTERN, rfqError("rfq.lineItems.code.format")),
    description: z.string().trim().min(1, rfqError("rfq.lineItems.description.required")).max(1_000, rfqError("rfq.text.tooLong")),
    unit: z.string().trim().min(1, rfqError("rfq.lineItems.unit.required")).max(20, rfqError("rfq.text.tooLong")),
    // Integer so that unit price × quantity stays integer yen. For per-unit lines it is the monthly volume;
    // for quarterly, half-yearly, yearly and "n times" lines the quantity of one occurrence.
    quantity: z
      .number(rfqError("rfq.lineItems.quantity.invalid"))
      .int(rfqError("rfq.lineItems.quantity.invalid"))
      .min(1, rfqError("rfq.lineItems.quantity.invalid"))
      .max(10_000_000, rfqError("rfq.lineItems.quantity.invalid")),
    recurrence: z
      .enum(RECURRENCES, rfqError("rfq.lineItems.recurrence.invalid"))
      .describe(
        "How the line repeats over contractTermMonths. one_off: once. monthly, per_unit: every month (quantity per month). " +
          "quarterly, half_yearly, yearly: once in every period that begins within the term, i.e. ceil(term / 3, 6 or 12) times " +
          "(yearly over 36 months = 3, over 18 months = 2); quantity per occurrence. times_over_term: `occurrences` times.",
      ),
    /** Only with `times_over_term`: how many times over the whole term (the quantity is then per occurrence). */
    occurrences: z
      .number(rfqError("rfq.lineItems.occurrences.invalid"))
      .int(rfqError("rfq.lineItems.occurrences.invalid"))
      .min(1, rfqError("rfq.lineItems.occurrences.invalid"))
      .max(10_000, rfqError("rfq.lineItems.occurrences.invalid"))
      .optional()
      .describe("Required with recurrence times_over_term (how many times over the whole term), refused with any other recurrence."),
  })
  .superRefine((line, ctx) => {
    if (line.recurrence === "times_over_term" && line.occurrences === undefined) {
      ctx.addIssue({ code: "custom", message: "rfq.lineItems.occurrences.required", path: ["occurrences"] });
    }
    if (line.recurrence !== "times_over_term" && line.occurrences !== undefined) {
      ctx.addIssue({ code: "custom", message: "rfq.lineItems.occurrences.onlyForTimes", path: ["occurrences"] });
    }
  });

const lineItemsSchema = z
  .array(lineItemSchema)
  .max(200, rfqError("rfq.lineItems.tooMany"))
  .superRefine(uniqueWithin((line: { code: string }) => line.code, "code", "rfq.lineItems.code.duplicate"));

export const contractTermMonthsSchema = z
  .number(requiredField("rfq.contractTermMonths.required", "rfq.contractTermMonths.range"))
  .int(rfqError("rfq.contractTermMonths.range"))
  .min(1, rfqError("rfq.contractTermMonths.range"))
  .max(120, rfqError("rfq.contractTermMonths.range"));

export const budgetSchema = z
  .object({
    min: yenAmountSchema,
    max: yenAmountSchema,
    showToVendors: z.boolean().default(false),
  })
  .superRefine((budget, ctx) => {
    if (budget.min > budget.max) ctx.addIssue({ code: "custom", message: "rfq.budget.minAboveMax", path: ["min"] });
  });

export const CUSTOM_CERTIFICATION_PATTERN = /^custom:[a-z0-9][a-z0-9_]{0,39}$/;

export const certificationTypeSchema = z.union(
  [z.enum(CERTIFICATION_TYPES), z.custom<`custom:${string}`>((value) => typeof value === "string" && CUSTOM_CERTIFICATION_PATTERN.test(value))],
  rfqError("rfq.requiredCertifications.type.invalid"),
);

export const requiredCertificationSchema = z.object({
  type: certificationTypeSchema,
  level: z.enum(CERTIFICATION_LEVELS, rfqError("rfq.requiredCertifications.level.invalid")),
  reason: longText.optional(),
});

const requiredCertificationsSchema = z
  .array(requiredCertificationSchema)
  .max(20)
  .superRefine(uniqueWithin((cert: { type: string }) => cert.type, "type", "rfq.requiredCertifications.duplicate"));

export const CRITERION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const criterionScaleSchema = z.object({ worst: z.number().finite(), best: z.number().finite() }).superRefine((scale, ctx) => {
  if (scale.worst === scale.best) ctx.addIssue({ code: "custom", message: "rfq.criteria.scale.equal", path: ["best"] });
});

/** Exactly one kind of gate; strict objects so `{min, max}` is refused rather than half-read. */
export const criterionGateSchema = z.union(
  [z.strictObject({ min: z.number().finite() }), z.strictObject({ max: z.number().finite() }), z.strictObject({ required: z.literal(true) })],
  rfqError("rfq.criteria.gate.invalid"),
);

/** How evaluators rate a criterion of source `advisor_rating`: 1–5 (optionally with a written anchor per level) or 0–100. */
export const RATING_LEVELS = ["1-5", "0-100"] as const;
export type RatingLevels = (typeof RATING_LEVELS)[number];

const anchorText = z.object({
  ja: z.string().trim().min(1, rfqError("rfq.criteria.rating.anchor.required")).max(300, rfqError("rfq.text.tooLong")),
  en: z.string().trim().max(300, rfqError("rfq.text.tooLong")).default(""),
});

export const criterionRatingSchema = z.object({
  levels: z.enum(RATING_LEVELS, rfqError("rfq.criteria.rating.levels.invalid")),
  /** Level 1 first: what a 1, 2 … 5 means, shown to every evaluator beside the choice. */
  anchors: z.array(anchorText).length(5).optional(),
});
export type CriterionRating = z.infer<typeof criterionRatingSchema>;

export const criterionSchema = z
  .object({
    key: z.string().regex(CRITERION_KEY_PATTERN, rfqError("rfq.criteria.key.format")),
    label: z.object({
      ja: z.string().trim().min(1, rfqError("rfq.criteria.label.required")).max(200, rfqError("rfq.text.tooLong")),
      en: z.string().trim().max(200, rfqError("rfq.text.tooLong")).default(""),
    }),
    perspective: z.enum(PERSPECTIVES),
    direction: z.enum(DIRECTIONS),
    // Zero is allowed while drafting (the buyer may be mid-edit); publishing demands > 0.
    weight: z.number(rfqError("rfq.criteria.weight.invalid")).finite(rfqError("rfq.criteria.weight.invalid")).min(0, rfqError("rfq.criteria.weight.invalid")),
    source: z.enum(CRITERION_SOURCES),
    unit: z
      .enum(CRITERION_UNITS)
      .describe("The unit of gate, scale and target. A rate is a fraction 0–1 in the API (95% is 0.95); the pages take and show percentages."),
    gate: criterionGateSchema.optional(),
    scale: criterionScaleSchema.optional(),
    /** The value the buyer aims for (shown to vendors beside their commitment); not used for scoring. */
    target: z.number().finite().optional(),
    /** Evaluator-rated criteria only: the rating scale (absent → 1–5 without anchors). */
    rating: criterionRatingSchema.optional(),
  })
  .superRefine((criterion, ctx) => {
    if (criterion.rating) {
      if (criterion.source !== "advisor_rating") ctx.addIssue({ code: "custom", message: "rfq.criteria.rating.sourceOnly", path: ["rating"] });
      else if (criterion.unit !== (criterion.rating.levels === "0-100" ? "points" : "score"))
        ctx.addIssue({ code: "custom", message: "rfq.criteria.rating.unit", path: ["unit"] });
      if (criterion.rating.anchors && criterion.rating.levels !== "1-5")
        ctx.addIssue({ code: "custom", message: "rfq.criteria.rating.anchorsFiveOnly", path: ["rating", "anchors"] });
    }
    const outOfRange = (value: number, path: (string | number)[]) => {
      if (isWithinUnitRange(criterion.unit, value)) return;
      ctx.addIssue({ code: "custom", message: criterion.unit === "rate" ? "rfq.criteria.rateOutOfRange" : "rfq.criteria.valueOutOfRange", path });
    };
    if (criterion.scale) {
      outOfRange(criterion.scale.worst, ["scale", "worst"]);
      outOfRange(criterion.scale.best, ["scale", "best"]);
      const { worst, best } = criterion.scale;
      const runsBackwards = criterion.direction === "benefit" ? best < worst : best > worst;
      if (runsBackwards) ctx.addIssue({ code: "custom", message: "rfq.criteria.scale.direction", path: ["scale", "best"] });
    }
    if (criterion.gate && "min" in criterion.gate) outOfRange(criterion.gate.min, ["gate", "min"]);
    if (criterion.gate && "max" in criterion.gate) outOfRange(criterion.gate.max, ["gate", "max"]);
    if (criterion.target !== undefined) outOfRange(criterion.target, ["target"]);
  });

const criteriaSchema = z
  .array(criterionSchema)
  .max(50, rfqError("rfq.criteria.tooMany"))
  .superRefine(uniqueWithin((criterion: { key: string }) => criterion.key, "key", "rfq.criteria.key.duplicate"));

/** Percent with at most two decimals, so the TCO step can work in integer basis points. */
export const percentSchema = z
  .number(rfqError("rfq.hiddenCosts.overheadPct.invalid"))
  .min(0, rfqError("rfq.hiddenCosts.overheadPct.invalid"))
  .max(100, rfqError("rfq.hiddenCosts.overheadPct.invalid"))
  .refine((pct) => Math.abs(pct * 100 - Math.round(pct * 100)) < 1e-6, rfqError("rfq.hiddenCosts.overheadPct.invalid"));

export const hiddenCostsSchema = z.object({
  /** Buyer's own effort to manage the vendor, as % of the tax-excluded contract value. */
  managementOverheadPct: percentSchema.default(0),
  /** Buyer's one-off effort to hand the work over (引継ぎ工数), in yen. */
  transitionEffortYen: yenAmountSchema.default(0),
});

/** With an explicit offset (or Z): a deadline without a time zone is ambiguous between JST and the server's clock. */
export const quoteDeadlineSchema = z.iso.datetime({ offset: true, ...requiredField("rfq.quoteDeadline.required", "rfq.quoteDeadline.invalid") });

const invitedVendorIdsSchema = z
  .array(z.string().trim().min(1).max(100))
  .max(500)
  .superRefine(uniqueWithin((id: string) => id, null, "rfq.invitedVendorIds.duplicate"));

/** Every field with its own rules, none required. */
const rfqFieldSchemas = z.object({
  category: rfqCategorySchema,
  phase: rfqPhaseSchema,
  title: rfqTitleSchema,
  purpose: longText,
  goal: longText,
  scopeIn: longText,
  scopeOut: longText,
  decisionsInHouse: longText,
  deliverables: z.array(deliverableSchema).max(100),
  volumes: volumesSchema,
  judgementCriteria: longText,
  escalationRules: longText,
  changeRequestRule: longText,
  reportingCadence: longText,
  lineItems: lineItemsSchema,
  contractTermMonths: contractTermMonthsSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, rfqError("rfq.currency.invalid")),
  budget: budgetSchema,
  dataSensitivity: z.enum(DATA_SENSITIVITIES, requiredField("rfq.dataSensitivity.required", "rfq.dataSensitivity.invalid")),
  requiredCertifications: requiredCertificationsSchema,
  criteria: criteriaSchema,
  scoringMethod: z.enum(SCORING_METHODS, requiredField("rfq.scoringMethod.required", "rfq.scoringMethod.invalid")),
  hiddenCosts: hiddenCostsSchema,
  baselineCostMonthlyYen: yenAmountSchema,
  quoteDeadline: quoteDeadlineSchema,
  sealed: z.boolean(),
  visibility: z.enum(RFQ_VISIBILITIES),
  invitedVendorIds: invitedVendorIdsSchema,
  /** Municipality buyers only (the service refuses it for others): 予定価格 and a floor. Never shown to vendors. */
  publicPriceRules: publicPriceRulesSchema,
});

/** A draft: only title and category are needed to save; defaults are not injected so a draft stays as typed. */
export const rfqDraftSchema = rfqFieldSchemas.partial().extend({
  title: rfqTitleSchema,
  category: rfqCategorySchema,
});

/** The guided form's steps, in order; each step saves into the draft. */
export const rfqStepSchemas = {
  purposeAndScope: rfqDraftSchema.pick({
    title: true,
    category: true,
    phase: true,
    purpose: true,
    goal: true,
    scopeIn: true,
    scopeOut: true,
    decisionsInHouse: true,
  }),
  workAndVolumes: rfqDraftSchema.pick({
    deliverables: true,
    volumes: true,
    judgementCriteria: true,
    escalationRules: true,
    changeRequestRule: true,
    reportingCadence: true,
  }),
  lines: rfqDraftSchema.pick({ lineItems: true, contractTermMonths: true, currency: true, budget: true, publicPriceRules: true }),
  requirementsAndCertifications: rfqDraftSchema.pick({ dataSensitivity: true, requiredCertifications: true }),
  evaluation: rfqDraftSchema.pick({ criteria: true, scoringMethod: true, hiddenCosts: true, baselineCostMonthlyYen: true }),
  scheduleAndInvitations: rfqDraftSchema.pick({ quoteDeadline: true, sealed: true, visibility: true, invitedVendorIds: true }),
} as const;

export type RfqStep = keyof typeof rfqStepSchemas;
export const RFQ_STEPS = Object.keys(rfqStepSchemas) as RfqStep[];

/**
 * A complete RFQ (what publishing freezes). Cross-field rules are shared with `checkPublishable` via
 * `crossFieldProblems`; zod runs them only once every field is individually valid.
 */
export const rfqSchema = rfqFieldSchemas
  .extend({
    purpose: requiredText("rfq.purpose.required"),
    scopeIn: requiredText("rfq.scopeIn.required"),
    goal: longText.default(""),
    scopeOut: longText.default(""),
    decisionsInHouse: longText.default(""),
    deliverables: z.array(deliverableSchema).max(100).default([]),
    volumes: volumesSchema.optional(),
    judgementCriteria: longText.default(""),
    escalationRules: longText.default(""),
    changeRequestRule: longText.default(""),
    reportingCadence: longText.default(""),
    lineItems: z
      .array(lineItemSchema, requiredField("rfq.lineItems.required"))
      .min(1, rfqError("rfq.lineItems.required"))
      .max(200, rfqError("rfq.lineItems.tooMany"))
      .superRefine(uniqueWithin((line: { code: string }) => line.code, "code", "rfq.lineItems.code.duplicate")),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, rfqError("rfq.currency.invalid"))
      .default("JPY"),
    budget: budgetSchema.optional(),
    requiredCertifications: requiredCertificationsSchema.default([]),
    criteria: z
      .array(criterionSchema, requiredField("rfq.criteria.required"))
      .min(1, rfqError("rfq.criteria.required"))
      .max(50, rfqError("rfq.criteria.tooMany"))
      .superRefine(uniqueWithin((criterion: { key: string }) => criterion.key, "key", "rfq.criteria.key.duplicate")),
    hiddenCosts: hiddenCostsSchema.default({ managementOverheadPct: 0, transitionEffortYen: 0 }),
    baselineCostMonthlyYen: yenAmountSchema.optional(),
    sealed: z.boolean().default(true),
    visibility: z.enum(RFQ_VISIBILITIES).default("invited"),
    invitedVendorIds: invitedVendorIdsSchema.default([]),
    publicPriceRules: publicPriceRulesSchema.optional(),
  })
  .superRefine((rfq, ctx) => {
    for (const problem of crossFieldProblems(rfq)) {
      if (problem.severity === "error") ctx.addIssue({ code: "custom", message: problem.key, path: problem.path });
    }
  });

export type RfqInput = z.input<typeof rfqSchema>;
export type Rfq = z.output<typeof rfqSchema>;
export type RfqDraftInput = z.input<typeof rfqDraftSchema>;
export type RfqDraft = z.output<typeof rfqDraftSchema>;
export type LineItem = z.output<typeof lineItemSchema>;
export type Criterion = z.output<typeof criterionSchema>;
export type RequiredCertification = z.output<typeof requiredCertificationSchema>;

export { checkPublishable, isPublishable, type PublishProblem } from "./publishable";
