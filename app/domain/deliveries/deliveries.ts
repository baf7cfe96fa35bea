import { z } from "zod";
import {
  addCalendarDays,
  businessDaysBetween,
  COMPANY_CALENDAR,
  isCalendarDate,
  MUNICIPAL_CALENDAR,
  type CalendarDate,
} from "~/domain/calendar/japan-business-days";
import { deadlineAfter, ruleById, type BuyerKind } from "~/domain/contracts/legal-deadlines";

/**
 * Deliveries and 検収 (issue 17 item 1; decision 0039), pure: the inputs (messages are catalog keys), the inspection
 * window, the on-time rule, a milestone's state from its rounds, and which milestones are due for a delivery.
 */

export const DELIVERY_NOTE_MAX = 4000;
export const DELIVERY_LINKS_MAX = 10;
export const DELIVERY_LINK_MAX = 2000;
export const DELIVERY_FILES_MAX = 5;
export const REJECTION_REASON_MAX = 4000;
/** Contract default when a milestone sets no inspection days (decision 0039); the buyer may set 1–60 while a draft. */
export const DEFAULT_INSPECTION_DAYS = 10;
export const INSPECTION_DAYS_MAX = 60;
/** The vendor is reminded this many business days before a milestone's due date. */
export const DUE_SOON_BUSINESS_DAYS = 3;
/** The contracts list shows a delivery to make from this many calendar days before its due date. */
export const DUE_WITHIN_DAYS = 7;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const DeliveryLink = z
  .string({ error: "deliveries.link.invalid" })
  .trim()
  .max(DELIVERY_LINK_MAX, { error: "deliveries.link.invalid" })
  .refine(isHttpUrl, { error: "deliveries.link.invalid" });

export const DeliveryInput = z.object({
  milestoneIndex: z
    .number({ error: "deliveries.milestone.invalid" })
    .int({ error: "deliveries.milestone.invalid" })
    .min(0, { error: "deliveries.milestone.invalid" }),
  note: z
    .string({ error: "deliveries.note.required" })
    .trim()
    .min(1, { error: "deliveries.note.required" })
    .max(DELIVERY_NOTE_MAX, { error: "deliveries.note.tooLong" }),
  links: z.array(DeliveryLink, { error: "deliveries.links.invalid" }).max(DELIVERY_LINKS_MAX, { error: "deliveries.links.tooMany" }).default([]),
});
export type DeliveryInput = z.output<typeof DeliveryInput>;

export const InspectionInput = z.discriminatedUnion(
  "decision",
  [
    z.object({
      decision: z.literal("accept"),
      reason: z.string().optional().nullable(),
      acceptedOn: z.preprocess(
        blankToUndefined,
        z.string({ error: "deliveries.acceptedOn.invalid" }).refine(isCalendarDate, { error: "deliveries.acceptedOn.invalid" }).optional(),
      ),
    }),
    z.object({
      decision: z.literal("reject"),
      reason: z
        .string({ error: "deliveries.reason.required" })
        .trim()
        .min(1, { error: "deliveries.reason.required" })
        .max(REJECTION_REASON_MAX, { error: "deliveries.reason.tooLong" }),
    }),
  ],
  { error: "deliveries.decision.invalid" },
);
export type InspectionInput = z.output<typeof InspectionInput>;

export const InspectionTermsInput = z.object({
  inspectionDays: z
    .number({ error: "deliveries.terms.days.invalid" })
    .int({ error: "deliveries.terms.days.invalid" })
    .min(1, { error: "deliveries.terms.days.invalid" })
    .max(INSPECTION_DAYS_MAX, { error: "deliveries.terms.days.invalid" }),
  deemedAcceptance: z.boolean({ error: "deliveries.terms.deemed.invalid" }),
});
export type InspectionTermsInput = z.output<typeof InspectionTermsInput>;

/** Links typed one per line in a form (blank lines ignored). */
export const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/**
 * The last day of the inspection window of a delivery submitted (the completion notice received) on `submittedOn`.
 * A milestone's own `inspectionDays` counts as its rule counts: for a municipality the legal rule (初日不算入, so the
 * notice day + days, at most 10 — the contract plan check enforces the maximum); for a company the same calendar
 * counting. Without milestone days the contract's default applies — for a municipality never beyond the legal 10.
 */
export function inspectionWindowEnd(
  buyerKind: BuyerKind,
  submittedOn: CalendarDate,
  milestoneInspectionDays: number | null | undefined,
  contractInspectionDays: number,
): CalendarDate {
  const legal = ruleById("municipality.inspection");
  if (buyerKind === "municipality") {
    const days = milestoneInspectionDays ?? Math.min(contractInspectionDays, legal.maxDays);
    return deadlineAfter(legal, submittedOn, days);
  }
  return addCalendarDays(submittedOn, milestoneInspectionDays ?? contractInspectionDays);
}

/** On time: submitted on or before the milestone's due date (the accepted round counts, not the first). */
export const deliveredOnTime = (submittedOn: CalendarDate, dueDate: CalendarDate) => submittedOn <= dueDate;

/** Deemed acceptance happens the day after the window's last day, recorded on the last day. */
export const deemedAcceptanceDue = (windowEndsOn: CalendarDate, today: CalendarDate) => today > windowEndsOn;

export interface DeliveryRound {
  id: string;
  round: number;
  status: "pending" | "accepted" | "rejected";
  submittedOn: CalendarDate;
  windowEndsOn: CalendarDate;
  decidedOn: CalendarDate | null;
  deemed: boolean;
  rejectionReason: string | null;
}

export type MilestoneDeliveryState =
  | { kind: "not_delivered"; overdue: boolean }
  | { kind: "awaiting_inspection"; deliveryId: string; windowEndsOn: CalendarDate; windowPassed: boolean }
  | { kind: "rejected"; deliveryId: string; reason: string; overdue: boolean }
  | { kind: "accepted"; deliveryId: string; acceptedOn: CalendarDate; deemed: boolean; revisionRounds: number; onTime: boolean };

/** A milestone's state from its rounds (any order): the last round decides; rejections before it are revision rounds. */
export function milestoneDeliveryState(rounds: readonly DeliveryRound[], dueDate: CalendarDate, today: CalendarDate): MilestoneDeliveryState {
  const sorted = [...rounds].sort((a, b) => a.round - b.round);
  const last = sorted.at(-1);
  const overdue = today > dueDate;
  if (!last) return { kind: "not_delivered", overdue };
  if (last.status === "pending")
    return { kind: "awaiting_inspection", deliveryId: last.id, windowEndsOn: last.windowEndsOn, windowPassed: today > last.windowEndsOn };
  if (last.status === "rejected") return { kind: "rejected", deliveryId: last.id, reason: last.rejectionReason ?? "", overdue };
  return {
    kind: "accepted",
    deliveryId: last.id,
    acceptedOn: last.decidedOn ?? last.submittedOn,
    deemed: last.deemed,
    revisionRounds: sorted.filter((r) => r.status === "rejected").length,
    onTime: deliveredOnTime(last.submittedOn, dueDate),
  };
}

/** The two facts an accepted delivery yields for the track record (issue 17 item 1, evidence_events). */
export function acceptanceFacts(a: { submittedOn: CalendarDate; dueDate: CalendarDate; rejectionsBefore: number }) {
  return [
    { kpiKey: "on_time_rate", successes: deliveredOnTime(a.submittedOn, a.dueDate) ? 1 : 0, trials: 1 },
    { kpiKey: "revision_rounds", value: a.rejectionsBefore },
  ] as const;
}

/** Whether the vendor still owes a delivery for a milestone in this state (nothing pending, nothing accepted). */
export const owesDelivery = (state: MilestoneDeliveryState) => state.kind === "not_delivered" || state.kind === "rejected";

/**
 * The vendor's reminder for a milestone it still owes, if any today: "due_soon" within DUE_SOON_BUSINESS_DAYS
 * business days before the due date (inclusive of the due date itself), "overdue" after it.
 */
export function vendorReminderKind(dueDate: CalendarDate, today: CalendarDate, buyerKind: BuyerKind): "due_soon" | "overdue" | null {
  if (today > dueDate) return "overdue";
  const calendar = buyerKind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR;
  return businessDaysBetween(today, dueDate, calendar) <= DUE_SOON_BUSINESS_DAYS ? "due_soon" : null;
}

/** The buyer's reminder for a delivery awaiting inspection: the window's last day is tomorrow or today. */
export const windowClosingSoon = (windowEndsOn: CalendarDate, today: CalendarDate) => today <= windowEndsOn && addCalendarDays(today, 1) >= windowEndsOn;
