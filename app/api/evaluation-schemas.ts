import { z } from "zod";
import { ConsensusSchema, PanelSchema, RatingsDraftSchema } from "~/domain/evaluation/schema";

// Request and response shapes of /api/v1/rfqs/{id}/evaluation, /ratings, /ratings/submit and /consensus (issue 18
// item 3). Handlers parse requests with these (through the service) and serialize responses through them;
// openapi-evaluation.ts renders the same schemas.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const PanelBody = PanelSchema;
export const RatingsBody = RatingsDraftSchema;
export const ConsensusBody = ConsensusSchema;

const Person = z.object({ userId: id, name: z.string(), orgName: z.string(), side: z.enum(["buyer", "advisor"]) });

export const PanelResponse = z.object({
  rfqId: id,
  chairUserId: id.nullable().describe("The buyer member who records consensus; null until the panel is set"),
  chairName: z.string().nullable(),
  priceLater: z.boolean().describe("Two envelopes: evaluators see no price, TCO or ROI until they have submitted"),
  ratingsExist: z.boolean().describe("Once true, the chair and price later cannot change"),
  evaluators: z.array(Person.extend({ submitted: z.boolean() })),
  eligible: z.array(Person).describe("Whom the caller may name (buyer members who can edit the RFQ only; empty for others)"),
});

const Rating = z.object({ quoteId: id, criterionKey: z.string(), score: z.number(), reason: z.string() });
export const RatingsResponse = z.object({
  evaluator: z.boolean().describe("The caller is a named evaluator of the RFQ"),
  submitted: z.boolean(),
  blind: z.boolean().describe("True while the caller rates blind: `submittedRatings` is then empty"),
  own: z.array(Rating).describe("The caller's own ratings (drafts until submitted)"),
  submittedRatings: z
    .array(Rating.extend({ evaluatorUserId: id, evaluatorName: z.string() }))
    .describe("Every submitted rating with its evaluator — never to an evaluator who has not submitted"),
});
export const SavedRatingsResponse = z.object({ saved: z.number().int() });
export const SubmittedRatingsResponse = z.object({ submittedAt: instant });
export const ConsensusResponse = z.object({ quoteId: id, criterionKey: z.string(), score: z.number(), comment: z.string() });
