import { describe, expect, it } from "vitest";
import { answeredLate, defaultReplyBy, explanationAnswerSchema, ExplanationAssessmentSchema, explanationRequestSchema } from "./explanation-requests";

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}:${i.message}`);

describe("the explanation request's rules", () => {
  // From Friday 2026-12-25 the count skips the weekend and New Year's Day (元日; companies keep 12/29–12/31 open):
  // 12/28, 12/29, 12/30, 12/31, then 1/4.
  it("defaults the reply-by date to five Japanese business days, skipping weekends and holidays", () => {
    expect(defaultReplyBy("2026-12-25")).toBe("2027-01-04");
    expect(defaultReplyBy("2026-12-07")).toBe("2026-12-14");
    expect(explanationRequestSchema("2026-12-07").parse({ topics: ["costs"] }).replyBy).toBe("2026-12-14");
    expect(explanationRequestSchema("2026-12-07").parse({ topics: ["costs"], replyBy: "" }).replyBy).toBe("2026-12-14");
  });

  it("accepts today up to 60 days ahead, and refuses a day outside that or not a date", () => {
    const s = explanationRequestSchema("2026-12-07");
    expect(s.parse({ topics: ["costs"], replyBy: "2026-12-07" }).replyBy).toBe("2026-12-07");
    expect(s.parse({ topics: ["costs"], replyBy: "2027-02-05" }).replyBy).toBe("2027-02-05");
    expect(messages(s.safeParse({ topics: ["costs"], replyBy: "2027-02-06" }))).toEqual(["replyBy:lowQuote.replyBy.tooLate"]);
    expect(messages(s.safeParse({ topics: ["costs"], replyBy: "2026-12-06" }))).toEqual(["replyBy:lowQuote.replyBy.past"]);
    expect(messages(s.safeParse({ topics: ["costs"], replyBy: "2026-02-30" }))).toEqual(["replyBy:lowQuote.replyBy.invalid"]);
  });

  it("needs at least one known topic, keeps each once in the catalogue's order, and caps the message", () => {
    const s = explanationRequestSchema("2026-12-07");
    expect(s.parse({ topics: ["staffing", "costs", "staffing"] }).topics).toEqual(["costs", "staffing"]);
    expect(s.parse({ topics: "assumptions" }).topics).toEqual(["assumptions"]);
    expect(messages(s.safeParse({ topics: [] }))).toEqual(["topics:lowQuote.topics.required"]);
    expect(messages(s.safeParse({}))).toEqual(["topics:lowQuote.topics.required"]);
    expect(messages(s.safeParse({ topics: ["price"] }))).toEqual(["topics.0:lowQuote.topics.unknown"]);
    expect(s.parse({ topics: ["costs"], message: "x".repeat(2000) }).message).toHaveLength(2000);
    expect(messages(s.safeParse({ topics: ["costs"], message: "x".repeat(2001) }))).toEqual(["message:lowQuote.message.tooLong"]);
  });
});

describe("the answer and the assessment", () => {
  it("need a text for each requested topic and refuse any other", () => {
    const s = explanationAnswerSchema(["costs", "staffing"]);
    expect(s.parse({ answers: { costs: " a ", staffing: "b" } }).answers).toEqual({ costs: "a", staffing: "b" });
    expect(messages(s.safeParse({ answers: { costs: "a", staffing: " " } }))).toEqual(["answers.staffing:lowQuote.answer.required"]);
    expect(messages(s.safeParse({ answers: { costs: "a", staffing: "x".repeat(4001) } }))).toEqual(["answers.staffing:lowQuote.answer.tooLong"]);
    expect(messages(s.safeParse({ answers: { costs: "a", staffing: "b", assumptions: "c" } }))).toEqual(["answers:lowQuote.answer.notRequested"]);
  });

  it("an assessment is one of two words with its reasons", () => {
    expect(ExplanationAssessmentSchema.parse({ assessment: "satisfactory", note: " ok " })).toEqual({ assessment: "satisfactory", note: "ok" });
    expect(messages(ExplanationAssessmentSchema.safeParse({ assessment: "fine", note: "" }))).toEqual([
      "assessment:lowQuote.assessment.required",
      "note:lowQuote.assessmentNote.required",
    ]);
  });

  it("an answer is late only after the reply-by date", () => {
    expect(answeredLate("2026-12-14", "2026-12-14")).toBe(false);
    expect(answeredLate("2026-12-14", "2026-12-15")).toBe(true);
  });
});
