import {
  BuyerExplanation,
  BuyerExplanationList,
  ExplanationAnswerBody,
  ExplanationAssessmentBody,
  ExplanationRequestBody,
  QuoteExplanationList,
  VendorExplanation,
} from "./low-quote-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The explanation-request endpoints of the OpenAPI document (issue 19 item 2; decision 0051), spread into its
// `paths` by openapi.ts. The buyer asks the vendor of an abnormally low quote to explain its price; the vendor
// answers per topic once; the buyer assesses once. The figures behind the flag are the buyer side's only.

const notFound = problem(
  "Not found — also for callers who may not use it (other buyers, vendors of other quotes, advisors writing, advisors not assigned to the RFQ), so existence never leaks",
);
const quoteIdParameter = {
  name: "quoteId",
  in: "path",
  required: true,
  description: "Quote id (an opened quote of the RFQ)",
  schema: { type: "string", format: "uuid" },
};

export function lowQuotePaths() {
  return {
    "/api/v1/rfqs/{id}/explanation-requests": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listExplanationRequests",
        summary: "The RFQ's abnormally low quotes with their standing and every explanation request (buyer members and assigned advisors)",
        responses: { "200": ok("OK", BuyerExplanationList), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/rfqs/{id}/quotes/{quoteId}/explanation-requests": {
      parameters: [...idParameter("RFQ id"), quoteIdParameter],
      post: {
        operationId: "requestExplanation",
        summary: "Ask the vendor of an abnormally low quote (or one below the 低入札価格調査基準価格) to explain its price",
        description:
          "Buyer members only. The vendor's members get an in-app notice and an e-mail naming the RFQ, the topics and the reply-by date — never a figure. Audited.",
        requestBody: body(ExplanationRequestBody),
        responses: {
          "201": ok("Requested", BuyerExplanation),
          "400": problem("`errors` lists `topics`, `message` or `replyBy` in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The quote is not flagged, this quote version was already asked, or the RFQ is cancelled or awarded"),
        },
      },
    },
    "/api/v1/quotes/{id}/explanation-requests": {
      parameters: idParameter("Quote id"),
      get: {
        operationId: "listQuoteExplanationRequests",
        summary:
          "The explanation requests on one quote: its vendor reads its own (no trigger, assessment or figure); the buyer side reads them with the quote's standing",
        responses: { "200": ok("OK", QuoteExplanationList), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/explanation-requests/{id}/answer": {
      parameters: idParameter("Explanation request id"),
      post: {
        operationId: "answerExplanation",
        summary: "The quote's vendor answers each requested topic, once (after the reply-by date it is accepted and shown as late)",
        requestBody: body(ExplanationAnswerBody),
        responses: {
          "201": ok("Answered", VendorExplanation),
          "400": problem("`errors` lists each topic (`answers.costs` …) that is missing, too long or not requested; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already answered"),
        },
      },
    },
    "/api/v1/explanation-requests/{id}/assessment": {
      parameters: idParameter("Explanation request id"),
      post: {
        operationId: "assessExplanation",
        summary: "A buyer member records whether the vendor's explanation is satisfactory, with its reasons, once",
        requestBody: body(ExplanationAssessmentBody),
        responses: {
          "201": ok("Assessed", BuyerExplanation),
          "400": problem("`errors` lists `assessment` or `note` in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not answered yet, or already assessed"),
        },
      },
    },
  };
}
