import { z } from "zod";

// Q&A and addendum inputs (shared by the pages and the API).
export const QuestionSchema = z.object({
  question: z.string().trim().min(1).max(4000),
});

export const AnswerSchema = z.object({
  answer: z.string().trim().min(1).max(8000),
});

export const AddendumSchema = z.object({
  changeSummary: z.string().trim().min(1).max(2000),
});
