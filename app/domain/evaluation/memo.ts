import { z } from "zod";

// What an advisor types into a recommendation memo (issue 18 item 5), shared by the memo page (parseForm) and the
// API. Messages are keys of app/i18n/messages-memos.ts. A draft may be saved incomplete; publishing needs the
// recommended quote and a rationale (`MemoPublishSchema`). Whether the quote is an opened, qualifying offer of the RFQ
// needs the database: the service adds that error on the same `quoteId` field.

export const MEMO_TEXT_MAX = 8000;

const text = z
  .string()
  .trim()
  .max(MEMO_TEXT_MAX, { error: "memos.text.tooLong" })
  .optional()
  .transform((s) => s ?? "");

export const MemoInputSchema = z.object({
  // An empty choice in the form is "no quote yet".
  quoteId: z.preprocess((v) => (v === "" ? null : v), z.uuid({ error: "memos.quote.notOffered" }).nullish()).transform((v) => v ?? null),
  rationale: text,
  conditions: text,
  risks: text,
});
export type MemoInput = z.infer<typeof MemoInputSchema>;

/** What a memo needs to be published; checked on the draft as it will be published (after the edit sent along). */
export type MemoProblemKey = "memos.quote.required" | "memos.quote.notOffered" | "memos.rationale.required";

export function publishProblems(memo: { quoteId: string | null; rationale: string }): Record<string, MemoProblemKey[]> {
  const problems: Record<string, MemoProblemKey[]> = {};
  if (!memo.quoteId) problems.quoteId = ["memos.quote.required"];
  if (memo.rationale.trim().length === 0) problems.rationale = ["memos.rationale.required"];
  return problems;
}
