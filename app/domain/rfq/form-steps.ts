import { z } from "zod";
import { fractionToPercent, percentToFraction, withFormMessages } from "~/domain/rate-input";
import { rfqStepSchemas, type RfqDraft, type RfqDraftInput, type RfqStep } from "./schema";

// The guided RFQ form, step by step. A browser form sends strings (and nothing at all for an
// unticked box or an empty list), so each step's payload is decoded into the RFQ's JSON shape
// first and then validated by the domain's own step schema: error paths stay the domain's paths
// (`lineItems[0].quantity`), which are also the form's field names. Two fields differ in the form:
// a criterion's gate (a kind + a value) and the deadline (a Japan-time local date and time). And the
// values of a rate criterion (gate, scale, target) are typed as percentages (95) and stored as fractions (0.95).

type Payload = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" ? v : undefined);
/** "" and absent are "not given"; anything else becomes a number, or stays a string so zod reports it. */
const num = (v: unknown) => {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number") return v;
  const n = Number(
    String(v)
      .replace(/[,，\s]/g, "")
      .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
  );
  return Number.isNaN(n) ? v : n;
};
const bool = (v: unknown) => v === "on" || v === "true" || v === true;
const list = (v: unknown): Payload[] =>
  Array.isArray(v) ? (v as Payload[]) : v && typeof v === "object" ? Object.values(v as Payload).map((x) => x as Payload) : [];
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v !== "" ? [v] : []);

/** "2026-12-10T17:00" typed in Japan → "2026-12-10T17:00:00+09:00". */
export function jstLocalToIso(local: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+09:00` : local;
}

/** The inverse, for the datetime-local input's value. */
export function isoToJstLocal(iso: string | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Date(t + 9 * 3600_000).toISOString().slice(0, 16);
}

const decoders: Record<RfqStep, (p: Payload) => Payload> = {
  purposeAndScope: (p) => ({
    title: text(p.title),
    category: text(p.category) || undefined,
    phase: text(p.phase) || undefined,
    purpose: text(p.purpose),
    goal: text(p.goal),
    scopeIn: text(p.scopeIn),
    scopeOut: text(p.scopeOut),
    decisionsInHouse: text(p.decisionsInHouse),
  }),
  workAndVolumes: (p) => {
    const volumes = (p.volumes ?? {}) as Payload;
    return {
      deliverables: list(p.deliverables).map((d) => ({
        title: text(d.title) ?? "",
        dueDate: text(d.dueDate) || undefined,
        qualityCriteria: text(d.qualityCriteria) ?? "",
      })),
      volumes: { perMonth: num(volumes.perMonth), peakMonths: strings(volumes.peakMonths).map(num), notes: text(volumes.notes) ?? "" },
      judgementCriteria: text(p.judgementCriteria),
      escalationRules: text(p.escalationRules),
      changeRequestRule: text(p.changeRequestRule),
      reportingCadence: text(p.reportingCadence),
    };
  },
  lines: (p) => {
    const budget = (p.budget ?? {}) as Payload;
    const hasBudget = num(budget.min) !== undefined || num(budget.max) !== undefined;
    return {
      lineItems: list(p.lineItems).map((l) => ({
        code: text(l.code) ?? "",
        description: text(l.description) ?? "",
        unit: text(l.unit) ?? "",
        quantity: num(l.quantity),
        recurrence: text(l.recurrence),
        occurrences: num(l.occurrences),
      })),
      contractTermMonths: num(p.contractTermMonths),
      currency: text(p.currency) || "JPY",
      budget: hasBudget ? { min: num(budget.min), max: num(budget.max), showToVendors: bool(budget.showToVendors) } : undefined,
      publicPriceRules: priceRulesOf(p.publicPriceRules),
    };
  },
  requirementsAndCertifications: (p) => ({
    dataSensitivity: text(p.dataSensitivity) || undefined,
    requiredCertifications: list(p.requiredCertifications).map((c) => ({ type: text(c.type), level: text(c.level), reason: text(c.reason) || undefined })),
  }),
  evaluation: (p) => {
    const hidden = (p.hiddenCosts ?? {}) as Payload;
    return {
      scoringMethod: text(p.scoringMethod) || undefined,
      criteria: list(p.criteria).map((c) => {
        const label = (c.label ?? {}) as Payload;
        const scale = (c.scale ?? {}) as Payload;
        // A rate is typed in percent; anything that is not a number is left for zod to report.
        const value = (v: unknown) => {
          const n = num(v);
          return typeof n === "number" && c.unit === "rate" ? percentToFraction(n) : n;
        };
        const gateValue = value(c.gateValue);
        const gate =
          c.gateKind === "min" ? { min: gateValue } : c.gateKind === "max" ? { max: gateValue } : c.gateKind === "required" ? { required: true } : undefined;
        const hasScale = num(scale.worst) !== undefined || num(scale.best) !== undefined;
        const rating = text(c.source) === "advisor_rating" ? ratingOf(c.rating) : undefined;
        return {
          key: text(c.key) ?? "",
          label: { ja: text(label.ja) ?? "", en: text(label.en) ?? "" },
          perspective: text(c.perspective),
          direction: text(c.direction),
          weight: num(c.weight),
          source: text(c.source),
          // An evaluator-rated criterion's unit follows its rating scale: 1–5 is a score, 0–100 points.
          unit: rating && typeof rating.levels === "string" ? (rating.levels === "0-100" ? "points" : "score") : text(c.unit),
          rating,
          gate,
          scale: hasScale ? { worst: value(scale.worst), best: value(scale.best) } : undefined,
          target: value(c.target),
        };
      }),
      hiddenCosts: { managementOverheadPct: num(hidden.managementOverheadPct) ?? 0, transitionEffortYen: num(hidden.transitionEffortYen) ?? 0 },
      baselineCostMonthlyYen: num(p.baselineCostMonthlyYen),
    };
  },
  scheduleAndInvitations: (p) => ({
    quoteDeadline: text(p.quoteDeadline) ? jstLocalToIso(text(p.quoteDeadline)!) : undefined,
    sealed: bool(p.sealed),
    visibility: text(p.visibility) || undefined,
    invitedVendorIds: strings(p.invitedVendorIds),
  }),
};

/**
 * The rating scale of an evaluator-rated criterion as typed (issue 18 item 4): the levels ("" = not chosen → no
 * scale, rated 1–5 without anchors) and, for 1–5, the five anchors — all five or none (all blank); one typed and
 * another left blank is kept so the schema names the blank level.
 */
function ratingOf(raw: unknown): Payload | undefined {
  const r = (raw ?? {}) as Payload;
  const levels = text(r.levels);
  if (!levels) return undefined;
  if (levels !== "1-5") return { levels };
  const anchors = Array.from({ length: 5 }, (_, i) => {
    const a = (list(r.anchors)[i] ?? {}) as Payload;
    return { ja: text(a.ja) ?? "", en: text(a.en) ?? "" };
  });
  const typed = anchors.some((a) => a.ja.trim() !== "" || a.en.trim() !== "");
  return typed ? { levels, anchors } : { levels };
}

/**
 * A municipality's 予定価格 and floor as typed (decision 0049): nothing typed → not given; a floor kind of "none"
 * (or blank) → no floor. Tax bases default to excluded, the floor's to the ceiling's, so the usual case is two numbers.
 */
function priceRulesOf(raw: unknown): Payload | undefined {
  const r = (raw ?? {}) as Payload;
  const floor = (r.floor ?? {}) as Payload;
  const kind = text(floor.kind);
  const hasFloor = kind !== undefined && kind !== "" && kind !== "none";
  if (num(r.ceilingYen) === undefined && !hasFloor) return undefined;
  const ceilingTaxBasis = text(r.ceilingTaxBasis) || "excluded";
  return {
    ceilingYen: num(r.ceilingYen),
    ceilingTaxBasis,
    floor: hasFloor ? { kind, yen: num(floor.yen), taxBasis: text(floor.taxBasis) || ceilingTaxBasis } : undefined,
  };
}

/** Drops keys whose value is undefined so a partial step never blanks a field it did not send. */
function compact(o: Payload): Payload {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The form's words where they differ from the API's: rates are typed as percentages here. */
const FORM_MESSAGES = { "rfq.criteria.rateOutOfRange": "rate.outOfRange" } as const;

export function stepFormSchema<S extends RfqStep>(step: S) {
  return withFormMessages(
    z.preprocess((payload) => compact(decoders[step]((payload ?? {}) as Payload)), rfqStepSchemas[step] as (typeof rfqStepSchemas)[S]),
    FORM_MESSAGES,
  );
}

type CriterionInput = NonNullable<RfqDraftInput["criteria"]>[number];
type VolumesInput = NonNullable<RfqDraftInput["volumes"]>;

/** A criterion as the form edits it: its gate also as a kind and a value (what the inputs hold). */
export type CriterionFormValues = CriterionInput & { gateKind?: "none" | "min" | "max" | "required"; gateValue?: number };

/**
 * The guided form's values, all steps together: the draft's input shape, except the deadline (a
 * Japan-time local date and time), peak months (checkbox values) and criteria (gate kind + value).
 * (The step schemas' own input type is `unknown`: they decode whatever the browser sent.)
 */
export type RfqFormValues = Omit<Partial<RfqDraftInput>, "volumes" | "criteria"> & {
  volumes?: Omit<VolumesInput, "peakMonths"> & { peakMonths?: string[] };
  criteria?: CriterionFormValues[];
};

/** The draft as the form's default values (the inverse of the decoders where the shapes differ). */
export function stepFormDefaults(draft: Partial<RfqDraft>): RfqFormValues {
  return {
    ...draft,
    quoteDeadline: isoToJstLocal(draft.quoteDeadline),
    volumes: draft.volumes ? { ...draft.volumes, peakMonths: draft.volumes.peakMonths.map(String) } : undefined,
    criteria: (draft.criteria ?? []).map((c) => {
      // Rates are shown as the percentages the buyer types (the inverse of the decoder).
      const shown = (v: number | undefined) => (v !== undefined && c.unit === "rate" ? fractionToPercent(v) : v);
      return {
        ...c,
        gateKind: c.gate ? ("min" in c.gate ? "min" : "max" in c.gate ? "max" : "required") : "none",
        gateValue: shown(c.gate && "min" in c.gate ? c.gate.min : c.gate && "max" in c.gate ? c.gate.max : undefined),
        scale: c.scale ? { worst: shown(c.scale.worst)!, best: shown(c.scale.best)! } : undefined,
        target: shown(c.target),
      };
    }),
  };
}

export const STEP_ORDER: RfqStep[] = ["purposeAndScope", "workAndVolumes", "lines", "requirementsAndCertifications", "evaluation", "scheduleAndInvitations"];

/** Which step edits a top-level RFQ field (to link a publishing problem to the form that fixes it). */
export function stepOfField(field: string | number | undefined): RfqStep | null {
  if (typeof field !== "string") return null;
  return STEP_ORDER.find((s) => field in rfqStepSchemas[s].shape) ?? null;
}
