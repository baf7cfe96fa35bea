import { z } from "zod";
import { MEMO_TEXT_MAX } from "~/domain/evaluation/memo";

// Request and response shapes of the recommendation memo, agreement and leniency endpoints (issue 18; decision
// 0047). Handlers serialize responses through these; openapi-memos.ts renders the same schemas. Request bodies are
// parsed by the services (MemoInputSchema with the database check of the quote), so every field's error comes back
// at once; MemoBody documents them.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const MemoBody = z.object({
  quoteId: id.nullable().optional().describe("The recommended quote: an opened, qualifying quote of the RFQ (required to publish)"),
  rationale: z.string().max(MEMO_TEXT_MAX).optional().describe("Required to publish"),
  conditions: z.string().max(MEMO_TEXT_MAX).optional(),
  risks: z.string().max(MEMO_TEXT_MAX).optional(),
});

export const Memo = z.object({
  id,
  rfqId: id,
  advisorOrgId: id,
  advisorName: z.string(),
  version: z.number().int().min(1),
  status: z.enum(["draft", "published", "superseded"]).describe("One draft and one published (current) version per organisation; earlier ones are superseded"),
  quoteId: id.nullable(),
  vendorName: z.string().nullable().describe("The recommended quote's vendor"),
  rationale: z.string(),
  conditions: z.string(),
  risks: z.string(),
  author: z.object({ id, name: z.string() }),
  createdAt: instant,
  updatedAt: instant,
  publishedAt: instant.nullable(),
});
export const MemoListResponse = z.object({ data: z.array(Memo) });
export const PublishedMemoResponse = Memo.extend({ supersededId: id.nullable().describe("The organisation's previous published version, now superseded") });

const Alpha = z.object({
  alpha: z.number().nullable().describe("Krippendorff's alpha; null when the ratings do not vary at all"),
  level: z.enum(["nominal", "ordinal", "interval", "ratio"]),
  units: z.number().int().describe("(quote, criterion) units with two ratings or more"),
  pairableValues: z.number().int(),
  observedDisagreement: z.number(),
  expectedDisagreement: z.number(),
  reading: z.enum(["good", "tentative", "discuss", "noVariation"]).describe("good ≥ 0.8; tentative 0.667–0.8; below that, discuss"),
  words: z.string().describe("The reading in the caller's language"),
});
export const AgreementResponse = z.object({
  state: z.enum(["waiting", "notPairable", "ready"]).describe("waiting: not every named evaluator has submitted (nothing else is shown)"),
  submitted: z.number().int(),
  evaluators: z.number().int(),
  interval: Alpha.nullable(),
  ordinal: Alpha.nullable().describe("Only when every evaluator-rated criterion is on the 1–5 scale"),
});

export const LeniencyResponse = z.object({
  data: z.array(
    z.object({
      evaluatorId: id,
      name: z.string(),
      orgName: z.string(),
      side: z.enum(["buyer", "advisor"]),
      count: z.number().int().describe("Submitted ratings that had a consensus or another evaluator's rating to compare with"),
      rfqs: z.number().int(),
      leniency: z.number().nullable().describe("Mean (rating − consensus, or − the panel mean), each scale taken as 0–1"),
      reading: z.enum(["lenient", "strict", "balanced"]).nullable(),
    }),
  ),
});
