import { z } from "zod";
import { addBusinessDays, addCalendarDays, isCalendarDate, isCoveredDate } from "~/domain/calendar/japan-business-days";

// What the buyer types to ask the vendor of an abnormally low quote to explain its price, what the vendor types
// back (one text per requested topic) and the buyer's assessment (issue 19 item 2; decision 0051). Shared by the
// pages and the API; the messages are catalog keys (app/i18n/messages-low-quotes.ts). The reply-by rule needs
// today's Japanese date, so the request schema is built for a day. PURE.

export const EXPLANATION_TOPICS = ["costs", "assumptions", "staffing"] as const;
export type ExplanationTopic = (typeof EXPLANATION_TOPICS)[number];

export const EXPLANATION_MESSAGE_MAX = 2000;
export const EXPLANATION_ANSWER_MAX = 4000;
export const ASSESSMENT_NOTE_MAX = 2000;
/** The latest reply-by date the buyer may set, in calendar days from today. */
export const REPLY_BY_MAX_DAYS = 60;
/** The reply-by date when the buyer sets none: five Japanese business days from today. */
export const REPLY_BY_DEFAULT_BUSINESS_DAYS = 5;

/** The default reply-by date for a request made on `today` (YYYY-MM-DD, Tokyo). */
export function defaultReplyBy(today: string): string {
  return addBusinessDays(today, REPLY_BY_DEFAULT_BUSINESS_DAYS);
}

/** A form sends one checkbox as a string and several as an array; the API sends an array. */
const asArray = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The buyer's request, as of `today` (YYYY-MM-DD, Tokyo): topics, an optional message, an optional reply-by date. */
export function explanationRequestSchema(today: string) {
  const latest = addCalendarDays(today, REPLY_BY_MAX_DAYS);
  return z.object({
    topics: z.preprocess(
      asArray,
      z
        .array(z.enum(EXPLANATION_TOPICS, { error: "lowQuote.topics.unknown" }), { error: "lowQuote.topics.required" })
        .min(1, { error: "lowQuote.topics.required" })
        // One entry per topic, in the catalogue's order, however the caller listed them.
        .transform((ts) => EXPLANATION_TOPICS.filter((t) => ts.includes(t))),
    ),
    message: z
      .string({ error: "lowQuote.message.tooLong" })
      .trim()
      .max(EXPLANATION_MESSAGE_MAX, { error: "lowQuote.message.tooLong" })
      .nullish()
      .transform((m) => m ?? ""),
    replyBy: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: "lowQuote.replyBy.invalid" })
        .trim()
        .refine((d) => isCalendarDate(d) && isCoveredDate(d), { error: "lowQuote.replyBy.invalid", abort: true })
        .refine((d) => d >= today, { error: "lowQuote.replyBy.past", abort: true })
        .refine((d) => d <= latest, { error: "lowQuote.replyBy.tooLate" })
        .optional()
        .transform((d) => d ?? defaultReplyBy(today)),
    ),
  });
}
export type ExplanationRequestInput = z.output<ReturnType<typeof explanationRequestSchema>>;

const answerText = z
  .string({ error: "lowQuote.answer.required" })
  .trim()
  .min(1, { error: "lowQuote.answer.required" })
  .max(EXPLANATION_ANSWER_MAX, { error: "lowQuote.answer.tooLong" });

/** The vendor's answer: one text for each requested topic (each required); topics not requested are refused. */
export function explanationAnswerSchema(topics: readonly ExplanationTopic[]) {
  const shape = Object.fromEntries(topics.map((t) => [t, answerText])) as Record<ExplanationTopic, typeof answerText>;
  return z.object({
    answers: z.strictObject(shape, {
      error: (issue) => (issue.code === "unrecognized_keys" ? "lowQuote.answer.notRequested" : "lowQuote.answer.required"),
    }),
  });
}

/** The buyer's assessment of the answer: satisfactory or not, with its reasons (required). */
export const ExplanationAssessmentSchema = z.object({
  assessment: z.enum(["satisfactory", "unsatisfactory"], { error: "lowQuote.assessment.required" }),
  note: z
    .string({ error: "lowQuote.assessmentNote.required" })
    .trim()
    .min(1, { error: "lowQuote.assessmentNote.required" })
    .max(ASSESSMENT_NOTE_MAX, { error: "lowQuote.assessmentNote.tooLong" }),
});
export type ExplanationAssessmentInput = z.output<typeof ExplanationAssessmentSchema>;

/** Whether an answer given on `answeredOn` (YYYY-MM-DD, Tokyo) came after the reply-by date. */
export const answeredLate = (replyBy: string, answeredOn: string) => answeredOn > replyBy;
