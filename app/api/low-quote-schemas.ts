import { z } from "zod";
import { EXPLANATION_TOPICS, ExplanationAssessmentSchema } from "~/domain/insight/explanation-requests";

// Request and response shapes of the explanation-request endpoints (issue 19 item 2; decision 0051). Handlers let
// the service validate the bodies (a caller who may not see the quote gets 404 before any field error; the rules
// depend on today and on the topics requested) and serialize responses through these; openapi-low-quotes.ts
// renders the same schemas. The vendor's shape has no trigger, no assessment and no figure.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const topic = z.enum(EXPLANATION_TOPICS);
const answers = z.object({ costs: z.string(), assumptions: z.string(), staffing: z.string() }).partial();

export const ExplanationRequestBody = z.object({
  topics: z.array(topic).min(1).describe("What the vendor must explain: costs, assumptions, staffing (at least one)"),
  message: z.string().max(2000).optional().describe("A message to the vendor (up to 2,000 characters)"),
  replyBy: date.optional().describe("Reply-by date (today in Japan or later, at most 60 days ahead); default five Japanese business days"),
});
export const ExplanationAnswerBody = z.object({
  answers: answers.describe("One text per requested topic (each required, up to 4,000 characters); no other topic"),
});
export const ExplanationAssessmentBody = ExplanationAssessmentSchema;

export const VendorExplanation = z.object({
  id,
  quoteId: id,
  quoteVersion: z.number().int().describe("The quote version the request is about (one request per version)"),
  topics: z.array(topic),
  message: z.string(),
  replyBy: date,
  requestedAt: instant,
  answer: answers.nullable().describe("The vendor's answer per topic, written once"),
  answeredAt: instant.nullable(),
  answererName: z.string().nullable(),
  late: z.boolean().describe("Answered after the reply-by date (accepted, shown as late)"),
});

export const BuyerExplanation = VendorExplanation.extend({
  rfqId: id,
  vendorName: z.string(),
  trigger: z.enum(["abnormally_low", "low_bid_investigation"]).describe("Why it was asked: abnormally low, or below the 低入札価格調査基準価格"),
  requesterName: z.string(),
  assessment: z.enum(["satisfactory", "unsatisfactory"]).nullable(),
  assessmentNote: z.string().nullable(),
  assessedAt: instant.nullable(),
  assessorName: z.string().nullable(),
});

const Reason = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("belowPeerMedian"), peerMedianYen: z.number(), peers: z.number().int(), thresholdYen: z.number().int() }),
  z.object({ kind: z.literal("belowBenchmarkQ1"), q1PerMonthYen: z.number(), thresholdYen: z.number().int(), contractTermMonths: z.number().int() }),
]);

export const FlaggedQuote = z.object({
  quoteId: id,
  vendorName: z.string(),
  tcoYen: z.number().int(),
  trigger: z.enum(["abnormally_low", "low_bid_investigation"]),
  reasons: z.array(Reason).describe("Why it is abnormally low, with the peers' median, the threshold or the market quartile (buyer side only)"),
  lowBidInvestigation: z.boolean().describe("Below the RFQ's 低入札価格調査基準価格: the investigation must be assessed satisfactory before award"),
  investigationPriceYen: z.number().int().nullable(),
});

export const BuyerExplanationList = z.object({
  seesPrice: z.boolean().describe("False while sealed or for an evaluator rating under price later: no standings then"),
  canWrite: z.boolean().describe("The caller may request and assess (buyer members; advisors read only)"),
  flagged: z.array(FlaggedQuote),
  data: z.array(BuyerExplanation),
});

export const QuoteExplanationList = z.object({
  data: z.array(z.union([BuyerExplanation, VendorExplanation])).describe("The vendor reads its own requests without trigger or assessment"),
  flagged: z.array(FlaggedQuote).optional().describe("The quote's standing — buyer side only, never for the vendor"),
});
