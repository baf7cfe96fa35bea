import { z } from "zod";
import { DeclineInput, DESIGN_COMMENT_FIELDS, DesignCommentInput, DesignSuggestionSchema, ReplyInput } from "~/domain/evaluation/design-suggestion";

// Request and response shapes of the design-review endpoints (decision 0044). Handlers serialize through these;
// openapi-design-review.ts renders the same schemas.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const DesignCommentBody = DesignCommentInput;
export const DeclineBody = DeclineInput;
export const ReplyBody = ReplyInput;
export const PublishBody = z.object({
  confirmUnresolved: z
    .boolean()
    .optional()
    .describe("Publish although advisors' design comments are still open; without it such a publication answers 409 `designCommentsUnresolved`."),
});

const Author = z.object({ name: z.string(), org: z.string() });

export const DesignCommentReply = z.object({
  id,
  body: z.string(),
  author: Author.extend({ side: z.enum(["buyer", "advisor"]) }),
  createdAt: instant,
});

export const DesignComment = z.object({
  id,
  criterionKey: z.string().nullable().describe("The criterion the comment is anchored to; null for the design as a whole"),
  field: z.enum(DESIGN_COMMENT_FIELDS),
  body: z.string(),
  suggestion: DesignSuggestionSchema.nullable().describe("The concrete change the buyer can apply in one click"),
  status: z.enum(["open", "applied", "declined"]),
  resolutionReason: z.string().nullable().describe("Why the buyer declined it"),
  resolvedBy: z.string().nullable(),
  resolvedAt: instant.nullable(),
  author: Author,
  createdAt: instant,
  replies: z.array(DesignCommentReply),
});

export const DesignCommentListResponse = z.object({
  rfqId: id,
  status: z.string().describe("The RFQ's status: comments can be added and resolved only while it is a draft"),
  open: z.number().int().min(0).describe("Unresolved comments"),
  data: z.array(DesignComment),
});
export const DesignCommentCreated = z.object({ id, rfqId: id, createdAt: instant });
export const DesignCommentResolved = z.object({ id, rfqId: id, status: z.enum(["applied", "declined"]) });
export const DesignCommentReplyCreated = z.object({ id, commentId: id, createdAt: instant });
