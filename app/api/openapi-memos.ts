import { AgreementResponse, LeniencyResponse, Memo, MemoBody, MemoListResponse, PublishedMemoResponse } from "./memo-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The recommendation memo, agreement and leniency endpoints of the OpenAPI document (issue 18; decision 0047),
// spread into its `paths` by openapi.ts.

const notFound = problem(
  "Not found — also for what the caller may not use this way (vendors, other buyers, advisors not assigned to the RFQ), so existence never leaks",
);
const fieldErrors = problem(
  "`errors` lists each field (`quoteId`, `rationale`, `conditions`, `risks`) with a message in the caller's language — a quote that is not an opened, qualifying quote of the RFQ, a text over 8,000 characters, and to publish a missing quote or rationale; nothing was written",
);

export function memoPaths() {
  return {
    "/api/v1/rfqs/{id}/memos": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listRecommendationMemos",
        summary:
          "The RFQ's recommendation memos: an assigned advisory organisation's own versions (its draft included), or the published ones (current and superseded) for the buyer's members; never vendors",
        responses: { "200": ok("OK", MemoListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "draftRecommendationMemo",
        summary:
          "An assigned advisor's new memo: a draft version pre-filled, in the caller's language, from its organisation's submitted ratings (means and reasons per quote and criterion; the best-rated qualifying quote recommended) and its annotations",
        description: "Audited (`memo.draft`). No body.",
        responses: {
          "201": ok("Drafted", Memo),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The quotes are not opened yet, or the organisation already has a draft being edited"),
        },
      },
    },
    "/api/v1/memos/{id}": {
      parameters: idParameter("Memo version id"),
      patch: {
        operationId: "editRecommendationMemo",
        summary: "A member of the memo's advisory organisation edits its draft; fields left out keep their value",
        description: "Audited (`memo.edit`).",
        requestBody: body(MemoBody),
        responses: {
          "200": ok("Saved", Memo),
          "400": fieldErrors,
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not a draft"),
        },
      },
    },
    "/api/v1/memos/{id}/publish": {
      parameters: idParameter("Memo version id"),
      post: {
        operationId: "publishRecommendationMemo",
        summary:
          "Publishes the draft (the body's fields applied first; `{}` publishes it as saved): it becomes the organisation's one current memo and the previous published version is superseded (kept)",
        description:
          "Audited (`memo.publish`), one transaction. A buyer who then proposes another quote for award must give the specific reason (trigger `notRecommended`).",
        requestBody: body(MemoBody),
        responses: {
          "200": ok("Published", PublishedMemoResponse),
          "400": fieldErrors,
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not a draft, or the quotes are not opened"),
        },
      },
    },
    "/api/v1/rfqs/{id}/agreement": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "getEvaluationAgreement",
        summary:
          "Krippendorff's alpha over the RFQ's evaluator-rated criteria (units: quote × criterion; submitted ratings only), interval and — when every rated criterion is 1–5 — ordinal, with the pairable values and a plain reading",
        description:
          "Blind rule: until every named evaluator has submitted, `state` is `waiting` with the count only. Interval alpha is computed on each scale taken as 0–1, so 1–5 and 0–100 criteria pool. For the buyer's members and assigned advisors.",
        responses: { "200": ok("OK", AgreementResponse), "401": unauthorized, "404": notFound },
      },
    },
    "/api/v1/evaluators/leniency": {
      get: {
        operationId: "getEvaluatorLeniency",
        summary:
          "Each evaluator's leniency across the caller's buyer organisation's RFQs: mean (rating − consensus, or − the panel mean), each scale taken as 0–1; lenient above +0.1, strict below −0.1",
        responses: { "200": ok("OK", LeniencyResponse), "401": unauthorized, "404": problem("The caller does not act for a buyer organisation") },
      },
    },
  };
}
