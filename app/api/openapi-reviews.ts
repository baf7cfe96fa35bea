import { z } from "zod";
import { RatingSchema, ReplySchema } from "~/domain/reviews/ratings";
import { CommentSchema, CreateReviewSchema, ProposalsSchema, UpdateReviewSchema } from "~/domain/reviews/schema";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The periodic review and rating endpoints of the OpenAPI document (issue 17 items 4, 6 and 10; decision 0042),
// spread into its `paths` by openapi.ts.

const Rag = z.enum(["green", "amber", "red", "grey"]).nullable();
const Figures = z.object({
  successes: z.number(),
  trials: z.number(),
  values: z.array(z.number()),
  actual: z.number().nullable().describe("successes / trials for a rate (0–1), the mean of the values otherwise; null without data"),
  rag: Rag.describe("A committed rate's status from the Beta posterior's 90 % interval; grey with no trials; null for non-rates"),
  met: z.boolean().nullable().describe("A committed non-rate KPI: whether the mean meets it"),
});
const KpiRow = z.object({
  key: z.string(),
  label: z.object({ ja: z.string(), en: z.string() }),
  unit: z.string(),
  direction: z.enum(["benefit", "cost"]),
  target: z.number().nullable(),
  isRate: z.boolean(),
  period: Figures,
  toDate: Figures,
});
const Trend = z.object({
  key: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  points: z.array(z.object({ periodStart: z.string(), periodEnd: z.string(), actual: z.number().nullable(), rag: Rag, met: z.boolean().nullable() })),
});
const Status = z.enum(["draft", "awaiting_vendor", "finalized"]);
const Review = z.object({
  id: z.string(),
  cadence: z.enum(["monthly", "quarterly"]),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: Status,
  notes: z.string(),
  proposals: z.string(),
  actions: z.array(
    z.object({ description: z.string(), ownerUserId: z.string(), ownerName: z.string(), ownerSide: z.enum(["buyer", "vendor"]), dueDate: z.string() }),
  ),
  sharedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
});
const ReviewDetail = z
  .object({
    side: z.enum(["buyer", "vendor"]),
    review: Review,
    table: z.array(KpiRow).describe("Frozen at finalization; computed from the contract's confirmed facts before"),
    trends: z.array(Trend),
    comments: z.array(z.object({ id: z.string(), side: z.enum(["buyer", "vendor"]), body: z.string(), authorName: z.string(), createdAt: z.string() })),
  })
  .loose();
const Rating = z.object({
  id: z.string(),
  buyerKind: z.enum(["municipality", "company"]).describe("The rater's kind only; never the organisation"),
  ratingYear: z.number().int().optional(),
  quality: z.number().int(),
  schedule: z.number().int(),
  cost: z.number().int(),
  communication: z.number().int(),
  wouldHireAgain: z.number().int(),
  comment: z.string(),
  createdAt: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
const Counts5 = z.array(z.number().int()).describe("How many ratings gave 1, 2, 3, 4, 5");

const notFound = problem(
  "Not found — unknown contract or review, or the caller is neither a member of its buyer organisation nor its vendor (a draft review is not found for the vendor)",
);
const fieldErrors = problem("`errors` names each field in the caller's language; nothing was written");
const reviewParams = [
  ...idParameter("Contract id"),
  { name: "reviewId", in: "path", required: true, description: "Review id", schema: { type: "string", format: "uuid" } },
];
const wrongSide = problem("The other party's step (e.g. a vendor finalizing)");
const state = problem("Not in a state that allows it: finalized (frozen), not yet shared, or not concluded");

const reviewStep = (operationId: string, summary: string, description: string) => ({
  parameters: reviewParams,
  post: {
    operationId,
    summary,
    description,
    responses: { "200": ok("The review", Review), "401": unauthorized, "403": wrongSide, "404": notFound, "405": methodNotAllowed, "409": state },
  },
});

export function reviewPaths() {
  return {
    "/api/v1/contracts/{id}/reviews": {
      parameters: idParameter("Contract id"),
      get: {
        operationId: "listContractReviews",
        summary: "The contract's periodic reviews, the cadence, the periods a buyer may open and each KPI's trend",
        responses: {
          "200": ok(
            "OK",
            z.object({
              side: z.enum(["buyer", "vendor"]),
              cadence: z.enum(["monthly", "quarterly"]).nullable().describe("Null until the first review sets it"),
              active: z.boolean(),
              openable: z.array(z.object({ start: z.string(), end: z.string() })),
              reviews: z.array(z.object({ id: z.string(), periodStart: z.string(), periodEnd: z.string(), status: Status, vendorComments: z.number().int() })),
              trends: z.array(Trend),
            }),
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
      post: {
        operationId: "createContractReview",
        summary: "Open the review of a period (buyer members of an active contract)",
        description:
          "Periods are calendar months or quarters clipped to the contract term; `periodStart` may be any day of the period. The cadence is set once, with the first review (default monthly). Audited.",
        requestBody: body(CreateReviewSchema),
        responses: {
          "201": ok("Created", z.object({ id: z.string() })),
          "400": fieldErrors,
          "401": unauthorized,
          "403": wrongSide,
          "404": notFound,
          "405": methodNotAllowed,
          "409": state,
        },
      },
    },
    "/api/v1/contracts/{id}/reviews/{reviewId}": {
      parameters: reviewParams,
      get: {
        operationId: "getContractReview",
        summary: "One periodic review: the KPI table with its RAG status, notes, proposals, actions, comments and trends",
        responses: { "200": ok("OK", ReviewDetail), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      patch: {
        operationId: "updateContractReview",
        summary: "The buyer's notes and agreed next actions (owner: a member of either party; due date)",
        requestBody: body(UpdateReviewSchema),
        responses: {
          "200": ok("The review", Review),
          "400": fieldErrors,
          "401": unauthorized,
          "403": wrongSide,
          "404": notFound,
          "405": methodNotAllowed,
          "409": state,
        },
      },
    },
    "/api/v1/contracts/{id}/reviews/{reviewId}/proposals": {
      parameters: reviewParams,
      put: {
        operationId: "putReviewProposals",
        summary: "The vendor's improvement proposals, while the review awaits its comment",
        requestBody: body(ProposalsSchema),
        responses: {
          "200": ok("The review", Review),
          "400": fieldErrors,
          "401": unauthorized,
          "403": wrongSide,
          "404": notFound,
          "405": methodNotAllowed,
          "409": state,
        },
      },
    },
    "/api/v1/contracts/{id}/reviews/{reviewId}/comments": {
      parameters: reviewParams,
      post: {
        operationId: "commentOnContractReview",
        summary: "A comment by either party before the review is finalized",
        requestBody: body(CommentSchema),
        responses: {
          "201": ok("Created", z.object({ id: z.string() })),
          "400": fieldErrors,
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": state,
        },
      },
    },
    "/api/v1/contracts/{id}/reviews/{reviewId}/share": reviewStep(
      "shareContractReview",
      "Share a draft review with the vendor",
      "The vendor is notified and may add proposals and comments. Audited.",
    ),
    "/api/v1/contracts/{id}/reviews/{reviewId}/finalize": reviewStep(
      "finalizeContractReview",
      "Finalize a shared review",
      "The KPI table is frozen as it stands; the review can no longer change (a database trigger refuses it). Audited.",
    ),
    "/api/v1/contracts/{id}/reviews/{reviewId}/pdf": {
      parameters: [...reviewParams, { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["ja", "en"] } }],
      get: {
        operationId: "getContractReviewPdf",
        summary: "The PDF of a finalized review (ja or en), rendered once and then always the same bytes",
        responses: {
          "200": {
            description: "application/pdf; X-Content-SHA256 carries the kept document's hash",
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The review is not finalized"),
        },
      },
    },
    "/api/v1/contracts/{id}/ratings": {
      parameters: idParameter("Contract id"),
      get: {
        operationId: "listContractRatings",
        summary: "The contract's ratings, and whether the buyer can rate now (for which contract year)",
        responses: {
          "200": ok(
            "OK",
            z.object({ side: z.enum(["buyer", "vendor"]), ratingYear: z.number().int().nullable(), canRate: z.boolean(), ratings: z.array(Rating) }),
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
      post: {
        operationId: "rateVendor",
        summary: "Rate the contract's vendor (buyer members only; verified by the contract)",
        description:
          "Quality, schedule, cost and communication 1–5 each, wouldHireAgain 0–10 (NPS-style), an optional comment. Once per contract and contract year: after the term ends, or once a whole contract year has passed. Audited.",
        requestBody: body(RatingSchema),
        responses: {
          "201": ok("Created", z.object({ id: z.string() })),
          "400": fieldErrors,
          "401": unauthorized,
          "403": wrongSide,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not yet ratable, or this contract year is already rated"),
        },
      },
    },
    "/api/v1/contracts/{id}/ratings/{ratingId}/reply": {
      parameters: [
        ...idParameter("Contract id"),
        { name: "ratingId", in: "path", required: true, description: "Rating id", schema: { type: "string", format: "uuid" } },
      ],
      post: {
        operationId: "replyToRating",
        summary: "The vendor's one reply to a rating",
        requestBody: body(ReplySchema),
        responses: {
          "201": ok("Created", z.object({ ok: z.boolean() })),
          "400": fieldErrors,
          "401": unauthorized,
          "403": wrongSide,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The rating already has the vendor's reply"),
        },
      },
    },
    "/api/v1/vendors/{id}/ratings": {
      parameters: idParameter("Vendor organisation id"),
      get: {
        operationId: "listVendorRatings",
        summary: "A vendor's verified ratings as its profile shows them",
        description:
          "The count, the distribution per dimension and the NPS buckets always; averages and the NPS score only from 3 ratings (null below). Each rating names the rater's kind only.",
        responses: {
          "200": ok(
            "OK",
            z.object({
              summary: z.object({
                count: z.number().int(),
                distribution: z.object({ quality: Counts5, schedule: Counts5, cost: Counts5, communication: Counts5 }),
                averages: z.object({ quality: z.number(), schedule: z.number(), cost: z.number(), communication: z.number() }).nullable(),
                nps: z.object({ detractors: z.number().int(), passives: z.number().int(), promoters: z.number().int(), score: z.number().int().nullable() }),
              }),
              ratings: z.array(Rating),
            }),
          ),
          "401": unauthorized,
          "404": problem("Not found — the caller may not read this vendor's profile"),
          "405": methodNotAllowed,
        },
      },
    },
  };
}
