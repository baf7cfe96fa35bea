import { z } from "zod";
import { AwardQuestionAnswerInput, AwardQuestionInput, AwardSettingsInput, DeclineAwardInput } from "~/domain/award/answer";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// After the award (issue 15, item 4): the winner's answer, the vendor's result (winner view or debrief), the
// standstill question and its answer, the buyer's view of the award, and the award settings. Spread into the
// document's `paths` by openapi.ts.

const Localized = z.object({ ja: z.string(), en: z.string() });
const AwardStatus = z.enum(["offered", "accepted", "declined"]);

const WinnerView = z.object({
  view: z.literal("winner"),
  awardId: z.string(),
  quoteId: z.string(),
  title: z.string(),
  status: AwardStatus,
  amountYen: z.number().int(),
  respondBy: z.string().describe("受諾期限: accept or decline before this instant"),
  canRespond: z.boolean(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
});

const DebriefView = z.object({
  view: z.literal("debrief"),
  awardId: z.string(),
  debrief: z
    .object({
      view: z.literal("debrief"),
      quoteId: z.string(),
      title: z.string(),
      method: z.string(),
      outcome: z.enum(["ranked", "disqualified"]),
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      criteria: z.array(
        z.object({
          key: z.string(),
          label: Localized,
          share: z.number(),
          value: z.union([z.number(), z.boolean()]).nullable().describe("The caller's own value; null when missing or withheld"),
          withheld: z.boolean().describe("A value the buyer computed (TCO, ROI): its score stays, the value is not shown"),
          score: z.number().nullable(),
          contribution: z.number(),
        }),
      ),
      requirements: z.array(z.object({ criterion: z.string(), label: Localized, message: Localized.nullable() })),
      winner: z.object({ name: z.string(), score: z.number() }),
      reason: z.string().describe("The buyer's reason, written for the vendors"),
    })
    .describe(
      "From the proposal's frozen snapshot: the caller's own rank and scores, the winner's name and total, the reason — never another vendor's prices or KPI values",
    ),
  standstillEndsAt: z.string().nullable(),
  canAsk: z.boolean(),
  question: z.object({ body: z.string(), askedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() }).nullable(),
});

export const AwardResultResponse = z.discriminatedUnion("view", [WinnerView, DebriefView]);
export const AwardAnswerResponse = z.object({ id: z.string(), status: z.enum(["accepted", "declined"]), respondedAt: z.string() });
export const AwardQuestionResponse = z.object({ id: z.string(), askedAt: z.string() });
export const AwardQuestionAnsweredResponse = z.object({ id: z.string(), answeredAt: z.string() });
export const AwardSettingsResponse = z.object({
  acceptBusinessDays: z.number().int().describe("受諾期限 in Japanese business days (1–30)"),
  standstillBusinessDays: z.number().int().describe("Standstill in Japanese business days (0–20; 0 = none)"),
  buyerKind: z.enum(["company", "municipality"]).describe("Sets the legal deadlines (60 days; or 10-day inspection and 30-day payment) and the calendar"),
  canManage: z.boolean(),
});
export const BuyerAwardResponse = z.object({
  rfqId: z.string(),
  award: z
    .object({
      id: z.string(),
      quoteId: z.string(),
      vendorName: z.string(),
      amountYen: z.number().int(),
      status: AwardStatus,
      respondBy: z.string(),
      respondedAt: z.string().nullable(),
      declineReason: z.string().nullable(),
      debriefReason: z.string(),
      standstillEndsAt: z.string().nullable(),
      standstillRunning: z.boolean(),
      createdAt: z.string(),
      questions: z.array(
        z.object({
          id: z.string(),
          vendorName: z.string(),
          body: z.string(),
          askedAt: z.string(),
          answer: z.string().nullable(),
          answeredAt: z.string().nullable(),
        }),
      ),
    })
    .nullable()
    .describe("The live award, or the last declined one; null before any award"),
  history: z.array(z.object({ id: z.string(), status: AwardStatus, createdAt: z.string(), respondedAt: z.string().nullable() })),
});

const winnerOnly = problem("Not found — unknown award, or the caller is not a member of the vendor organisation it was made to (the buyer included)");

export function awardResultPaths() {
  return {
    "/api/v1/quotes/{id}/award-result": {
      parameters: idParameter("Quote id (the caller's own)"),
      get: {
        operationId: "getAwardResult",
        summary: "The result of the caller's own quote: the winner's view (受諾期限) or the debrief",
        responses: {
          "200": ok("The winner's view or the debrief", AwardResultResponse),
          "401": unauthorized,
          "404": problem("Not found — not the caller's quote, no award yet, or the quote was not among the opened offers the award was decided on"),
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/awards/{id}/accept": {
      parameters: idParameter("Award id"),
      post: {
        operationId: "acceptAward",
        summary: "Accept the award (受諾) before its deadline",
        description: "Audited; the buyer's proposer and owners are notified in-app and by e-mail. A second answer has no effect (409).",
        responses: {
          "200": ok("Accepted", AwardAnswerResponse),
          "401": unauthorized,
          "404": winnerOnly,
          "405": methodNotAllowed,
          "409": problem("Already answered, or the deadline has passed (`errors[0].field` names it, e.g. 2026年12月14日(月))"),
        },
      },
    },
    "/api/v1/awards/{id}/decline": {
      parameters: idParameter("Award id"),
      post: {
        operationId: "declineAward",
        summary: "Decline the award (辞退) with a reason, before its deadline",
        description:
          "The quote becomes declined and the RFQ closed again, so the buyer may propose another quote through the approval route. Audited; the buyer is notified in-app and by e-mail.",
        requestBody: body(DeclineAwardInput),
        responses: {
          "200": ok("Declined", AwardAnswerResponse),
          "400": problem("`errors` has `reason` in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": winnerOnly,
          "405": methodNotAllowed,
          "409": problem("Already answered, or the deadline has passed"),
        },
      },
    },
    "/api/v1/awards/{id}/questions": {
      parameters: idParameter("Award id"),
      post: {
        operationId: "askAwardQuestion",
        summary: "Ask the buyer one question about the decision during the standstill",
        description: "Only a vendor whose opened offer was not selected; once per award and vendor organisation. The buyer's proposer and owners are notified.",
        requestBody: body(AwardQuestionInput),
        responses: {
          "201": ok("Asked", AwardQuestionResponse),
          "400": problem("`errors` has `body` (1–2,000 characters) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": problem("Not found — unknown award, or the caller had no opened, not-selected offer on it"),
          "405": methodNotAllowed,
          "409": problem("No standstill, the standstill has ended (its end is named), or the one question was already asked"),
        },
      },
    },
    "/api/v1/award-questions/{id}/answer": {
      parameters: idParameter("Question id"),
      post: {
        operationId: "answerAwardQuestion",
        summary: "The buyer answers a standstill question, once",
        requestBody: body(AwardQuestionAnswerInput),
        responses: {
          "200": ok("Answered", AwardQuestionAnsweredResponse),
          "400": problem("`errors` has `body` in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": problem("Not found — unknown question, or the caller is not a member of the award's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("Already answered"),
        },
      },
    },
    "/api/v1/rfqs/{id}/award": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "getRfqAward",
        summary: "The RFQ's award for its buyer: status, 受諾期限, standstill, questions",
        responses: {
          "200": ok("The award", BuyerAwardResponse),
          "401": unauthorized,
          "404": problem("Not found — no such RFQ in the caller's buyer organisation"),
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/award-settings": {
      get: {
        operationId: "getAwardSettings",
        summary: "The buyer organisation's 受諾期限 and standstill in business days",
        responses: { "200": ok("Settings", AwardSettingsResponse), "401": unauthorized, "404": problem("Not a buyer organisation"), "405": methodNotAllowed },
      },
      put: {
        operationId: "putAwardSettings",
        summary: "An owner changes them (audited)",
        requestBody: body(AwardSettingsInput),
        responses: {
          "200": ok("Saved", AwardSettingsResponse),
          "400": problem("`errors` names each field (accept 1–30, standstill 0–20 whole business days) in the caller's language; nothing was written"),
          "401": unauthorized,
          "403": problem("Only the organisation's owners change them"),
          "404": problem("Not a buyer organisation"),
          "405": methodNotAllowed,
        },
      },
    },
  };
}
