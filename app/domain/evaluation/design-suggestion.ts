import { z } from "zod";
import { SCORING_METHODS } from "~/domain/rfq/categories";
import { KPI_CATALOG, type KpiKey } from "~/domain/rfq/kpi-templates";
import { criterionGateSchema, criterionSchema, criterionScaleSchema, CRITERION_KEY_PATTERN, type Criterion, type RfqDraft } from "~/domain/rfq/schema";

// An advisor's comment on a draft RFQ's evaluation design (issue 18 item 1; decision 0044): where it is
// anchored, what it says, and the concrete change it may suggest. Applying a suggestion is a pure
// draft → changes function the service hands to the same save path the RFQ form uses; it refuses, at the
// suggestion's own field, a suggestion that no longer fits the draft (the criterion was removed or
// renamed, the value is outside the criterion's unit, the catalog KPI is already there).

/** The fields of one criterion a comment may be about, and the design-wide anchors (no criterion). */
export const CRITERION_FIELDS = ["criterion", "weight", "scale", "target", "gate", "rating"] as const;
export const DESIGN_FIELDS = ["missing_kpi", "scoring_method"] as const;
export const DESIGN_COMMENT_FIELDS = [...CRITERION_FIELDS, ...DESIGN_FIELDS] as const;
export type DesignCommentField = (typeof DESIGN_COMMENT_FIELDS)[number];

export const DESIGN_COMMENT_MAX_LENGTH = 4000;

const catalogKeys = Object.keys(KPI_CATALOG) as [KpiKey, ...KpiKey[]];
const finite = z.number({ error: "designReview.suggestion.valueInvalid" }).finite({ error: "designReview.suggestion.valueInvalid" });

/** The change a comment proposes. `criterionKey` is the comment's anchor, so a suggestion never names another criterion. */
export const DesignSuggestionSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("set_weight"), weight: finite.min(0, { error: "rfq.criteria.weight.invalid" }) }),
    z.strictObject({ kind: z.literal("set_target"), target: finite.nullable() }),
    z.strictObject({ kind: z.literal("set_scale"), scale: criterionScaleSchema }),
    z.strictObject({ kind: z.literal("set_gate"), gate: criterionGateSchema.nullable() }),
    z.strictObject({ kind: z.literal("remove_criterion") }),
    z.strictObject({
      kind: z.literal("add_criterion"),
      catalogKey: z.enum(catalogKeys, { error: "designReview.suggestion.catalogUnknown" }),
      weight: finite.min(0, { error: "rfq.criteria.weight.invalid" }).optional(),
      target: finite.optional(),
      gate: criterionGateSchema.optional(),
    }),
    z.strictObject({ kind: z.literal("set_scoring_method"), scoringMethod: z.enum(SCORING_METHODS, { error: "rfq.scoringMethod.invalid" }) }),
  ],
  { error: "designReview.suggestion.kindInvalid" },
);
export type DesignSuggestion = z.infer<typeof DesignSuggestionSchema>;
export type DesignSuggestionKind = DesignSuggestion["kind"];

/** Which suggestion fits which anchor: a weight comment suggests a weight, a missing-KPI comment adds a criterion. */
export const SUGGESTION_FOR_FIELD: Record<DesignCommentField, readonly DesignSuggestionKind[]> = {
  criterion: ["remove_criterion"],
  weight: ["set_weight"],
  scale: ["set_scale"],
  target: ["set_target"],
  gate: ["set_gate"],
  rating: [],
  missing_kpi: ["add_criterion"],
  scoring_method: ["set_scoring_method"],
};

export const isCriterionField = (field: DesignCommentField) => (CRITERION_FIELDS as readonly string[]).includes(field);

/** A comment as the advisor writes it (page and API). Whether the criterion exists is checked against the draft. */
export const DesignCommentInput = z
  .object({
    field: z.enum(DESIGN_COMMENT_FIELDS, { error: "designReview.field.invalid" }),
    criterionKey: z.string({ error: "designReview.criterion.required" }).regex(CRITERION_KEY_PATTERN, { error: "designReview.criterion.required" }).nullish(),
    body: z
      .string({ error: "designReview.body.required" })
      .trim()
      .min(1, { error: "designReview.body.required" })
      .max(DESIGN_COMMENT_MAX_LENGTH, { error: "designReview.body.tooLong" }),
    suggestion: DesignSuggestionSchema.nullish(),
  })
  .superRefine((c, ctx) => {
    if (isCriterionField(c.field) && !c.criterionKey) ctx.addIssue({ code: "custom", message: "designReview.criterion.required", path: ["criterionKey"] });
    if (!isCriterionField(c.field) && c.criterionKey) ctx.addIssue({ code: "custom", message: "designReview.criterion.notForField", path: ["criterionKey"] });
    if (c.suggestion && !SUGGESTION_FOR_FIELD[c.field].includes(c.suggestion.kind))
      ctx.addIssue({ code: "custom", message: "designReview.suggestion.notForField", path: ["suggestion", "kind"] });
  });
export type DesignCommentInput = z.infer<typeof DesignCommentInput>;

export const DeclineInput = z.object({
  reason: z
    .string({ error: "designReview.decline.reasonRequired" })
    .trim()
    .min(1, { error: "designReview.decline.reasonRequired" })
    .max(DESIGN_COMMENT_MAX_LENGTH, { error: "designReview.body.tooLong" }),
});

export const ReplyInput = z.object({
  body: z
    .string({ error: "designReview.body.required" })
    .trim()
    .min(1, { error: "designReview.body.required" })
    .max(DESIGN_COMMENT_MAX_LENGTH, { error: "designReview.body.tooLong" }),
});

export interface SuggestionProblem {
  /** Relative to the comment: `["suggestion", …]` or `["criterionKey"]`. */
  path: (string | number)[];
  message: string;
}

export type AppliedSuggestion = { ok: true; changes: Pick<Partial<RfqDraft>, "criteria" | "scoringMethod"> } | { ok: false; problems: SuggestionProblem[] };

/** A catalog KPI as a criterion of this draft, with the suggested weight, target and gate over the catalog's. */
function catalogCriterion(s: Extract<DesignSuggestion, { kind: "add_criterion" }>): Criterion {
  const t: (typeof KPI_CATALOG)[KpiKey] & { scale?: { worst: number; best: number }; target?: number; gate?: Criterion["gate"] } = KPI_CATALOG[s.catalogKey];
  const gate = s.gate ?? t.gate;
  const target = s.target ?? t.target;
  return {
    key: t.key,
    label: { ja: t.label.ja, en: t.label.en },
    perspective: t.perspective,
    direction: t.direction,
    weight: s.weight ?? t.baseWeight,
    source: t.source,
    unit: t.unit,
    ...(gate ? { gate: { ...gate } } : {}),
    ...(t.scale ? { scale: { worst: t.scale.worst, best: t.scale.best } } : {}),
    ...(target !== undefined ? { target } : {}),
  };
}

/** Where in the suggestion a criterion's issue belongs (the value the advisor typed), for a field-level message. */
function suggestionPath(kind: DesignSuggestionKind, issuePath: readonly PropertyKey[]): (string | number)[] {
  const head = String(issuePath[0] ?? "");
  if (kind === "set_scale") return ["suggestion", "scale", ...(issuePath.slice(1) as (string | number)[])];
  if (kind === "add_criterion" && (head === "weight" || head === "target" || head === "gate")) return ["suggestion", head];
  if (kind === "set_weight") return ["suggestion", "weight"];
  if (kind === "set_target") return ["suggestion", "target"];
  if (kind === "set_gate") return ["suggestion", "gate"];
  return ["suggestion"];
}

/**
 * The draft's fields after the suggestion, or why it no longer fits. Nothing else of the draft changes: the
 * criterion keeps its place in the list, and only the suggested value is replaced.
 */
export function applySuggestion(draft: Pick<RfqDraft, "criteria">, criterionKey: string | null | undefined, suggestion: DesignSuggestion): AppliedSuggestion {
  if (suggestion.kind === "set_scoring_method") return { ok: true, changes: { scoringMethod: suggestion.scoringMethod } };
  const criteria = draft.criteria ?? [];
  if (suggestion.kind === "add_criterion") {
    const added = catalogCriterion(suggestion);
    if (criteria.some((c) => c.key === added.key))
      return { ok: false, problems: [{ path: ["suggestion", "catalogKey"], message: "designReview.suggestion.criterionExists" }] };
    return checked(suggestion.kind, [...criteria, added], criteria.length);
  }
  const index = criteria.findIndex((c) => c.key === criterionKey);
  if (index < 0) return { ok: false, problems: [{ path: ["criterionKey"], message: "designReview.suggestion.criterionGone" }] };
  if (suggestion.kind === "remove_criterion") return { ok: true, changes: { criteria: criteria.filter((_, i) => i !== index) } };
  const { target: _t, gate: _g, ...rest } = criteria[index];
  const current = criteria[index];
  let next: Criterion;
  switch (suggestion.kind) {
    case "set_weight":
      next = { ...current, weight: suggestion.weight };
      break;
    case "set_scale":
      next = { ...current, scale: { worst: suggestion.scale.worst, best: suggestion.scale.best } };
      break;
    case "set_target":
      next = suggestion.target === null ? { ...rest, ...(current.gate ? { gate: current.gate } : {}) } : { ...current, target: suggestion.target };
      break;
    case "set_gate":
      next =
        suggestion.gate === null ? { ...rest, ...(current.target !== undefined ? { target: current.target } : {}) } : { ...current, gate: suggestion.gate };
      break;
  }
  return checked(
    suggestion.kind,
    criteria.map((c, i) => (i === index ? next : c)),
    index,
  );
}

/** The changed criterion must still be a valid criterion (its unit's range, the scale's direction). */
function checked(kind: DesignSuggestionKind, criteria: Criterion[], index: number): AppliedSuggestion {
  const parsed = criterionSchema.safeParse(criteria[index]);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: suggestionPath(kind, i.path), message: i.message })) };
  return { ok: true, changes: { criteria: criteria.map((c, i) => (i === index ? parsed.data : c)) } };
}
