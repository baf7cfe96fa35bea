import { fractionToPercent, percentToFraction } from "~/domain/rate-input";
import type { Criterion } from "~/domain/rfq/schema";
import { CRITERION_FIELDS, DESIGN_FIELDS, SUGGESTION_FOR_FIELD, type DesignCommentField, type DesignSuggestion } from "./design-suggestion";

// The advisor's comment form (one page form, no JavaScript needed) → the JSON shape the API takes, so the page
// and the API are checked by the same schema and service. The anchor is one select: `<criterionKey>:<field>` for
// a criterion's field, `design:<field>` for the design as a whole. Rates are typed in percent and stored as
// fractions (app/domain/rate-input.ts); a value that is not a number stays NaN and gets the schema's message.

type FormValues = Readonly<Record<string, string | undefined>>;

const num = (raw: string | undefined) => (raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw.trim()));

export function decodeAnchor(anchor: string | undefined): { field: string; criterionKey: string | null } {
  const [head = "", field = ""] = (anchor ?? "").split(":");
  return head === "design" ? { field, criterionKey: null } : { field, criterionKey: head || null };
}

/** The suggestion kinds the form offers for an anchor (none for a rating-scale comment). */
export const suggestionKindsFor = (field: DesignCommentField) => SUGGESTION_FOR_FIELD[field];

export function designCommentFromForm(form: FormValues, criteria: readonly Criterion[]) {
  const { field, criterionKey } = decodeAnchor(form.anchor);
  const criterion = criteria.find((c) => c.key === criterionKey);
  const isRate = criterion?.unit === "rate";
  const value = (raw: string | undefined) => {
    const n = num(raw);
    return isRate && Number.isFinite(n) ? percentToFraction(n) : n;
  };
  const kind = form.suggestionKind ?? "";
  let suggestion: DesignSuggestion | Record<string, unknown> | null = null;
  switch (kind) {
    case "":
      break;
    case "set_weight":
      suggestion = { kind, weight: num(form.value) };
      break;
    case "set_target":
      suggestion = { kind, target: form.value?.trim() === "" ? null : value(form.value) };
      break;
    case "set_scale":
      suggestion = { kind, scale: { worst: value(form.worst), best: value(form.best) } };
      break;
    case "set_gate":
      suggestion = {
        kind,
        gate:
          form.gateKind === "required"
            ? { required: true }
            : form.gateKind === "min" || form.gateKind === "max"
              ? { [form.gateKind]: value(form.value) }
              : null,
      };
      break;
    case "remove_criterion":
      suggestion = { kind };
      break;
    case "add_criterion": {
      const gateValue = num(form.value);
      suggestion = {
        kind,
        catalogKey: form.catalogKey ?? "",
        ...(form.gateKind === "min" || form.gateKind === "max" ? { gate: { [form.gateKind]: gateValue } } : {}),
        ...(form.weight?.trim() ? { weight: num(form.weight) } : {}),
      };
      break;
    }
    case "set_scoring_method":
      suggestion = { kind, scoringMethod: form.scoringMethod ?? "" };
      break;
    default:
      suggestion = { kind };
  }
  return { field, criterionKey, body: form.body ?? "", suggestion };
}

/** Every anchor the advisor can choose: each criterion's fields, then the design as a whole. */
export function anchorChoices(criteria: readonly Pick<Criterion, "key" | "label" | "source">[]) {
  return [
    ...criteria.flatMap((c) =>
      CRITERION_FIELDS.filter((f) => f !== "rating" || c.source === "advisor_rating").map((field) => ({ value: `${c.key}:${field}`, criterion: c, field })),
    ),
    ...DESIGN_FIELDS.map((field) => ({ value: `design:${field}`, criterion: null, field })),
  ];
}

/** A suggested value as a person reads it: rates in percent. */
export const shownValue = (unit: Criterion["unit"] | undefined, value: number) => (unit === "rate" ? `${fractionToPercent(value)}%` : String(value));
