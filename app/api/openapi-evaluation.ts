import {
  ConsensusBody,
  ConsensusResponse,
  PanelBody,
  PanelResponse,
  RatingsBody,
  RatingsResponse,
  SavedRatingsResponse,
  SubmittedRatingsResponse,
} from "./evaluation-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The evaluation endpoints (issue 18 item 3; decision 0046): the panel, an evaluator's ratings, submission and the
// chair's consensus. Spread into the document's `paths` by openapi.ts.

const parameters = idParameter("RFQ id");
const notFound = problem("Not found — also for vendors, other buyers and advisors not assigned to the RFQ, so existence never leaks");
const notEvaluator = problem("The caller reads the RFQ but is not one of its evaluators");

export function evaluationPaths() {
  return {
    "/api/v1/rfqs/{id}/evaluation": {
      parameters,
      get: {
        operationId: "getEvaluationPanel",
        summary: "The RFQ's evaluation panel: chair, price later (two envelopes), evaluators and who has submitted",
        responses: { "200": ok("OK", PanelResponse), "401": unauthorized, "404": notFound },
      },
      put: {
        operationId: "setEvaluationPanel",
        summary: "The buyer names the evaluators (its members, users of its assigned advisors), the chair and price later",
        description:
          "`evaluatorUserIds` is the whole list: those left out are removed with their draft ratings, but only before they submit. The chair and price later change only before any rating exists. Audited; new evaluators are notified.",
        requestBody: body(PanelBody),
        responses: {
          "200": ok("Saved", PanelResponse),
          "400": problem("`errors` names each refused field (a chair who is not a buyer member, an evaluator who may not be named); nothing was written"),
          "401": unauthorized,
          "403": problem("The caller may read but not edit the RFQ (an advisor)"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Rating has begun (chair, price later), or an evaluator who submitted would be removed"),
        },
      },
    },
    "/api/v1/rfqs/{id}/ratings": {
      parameters,
      get: {
        operationId: "listRatings",
        summary: "The caller's own ratings; everyone's submitted ratings only once the caller may see them (blind until it has submitted)",
        responses: { "200": ok("OK", RatingsResponse), "401": unauthorized, "404": notFound },
      },
      put: {
        operationId: "saveRatings",
        summary: "An evaluator saves draft ratings: each (quote, criterion) given replaces its earlier draft",
        requestBody: body(RatingsBody),
        responses: {
          "200": ok("Saved", SavedRatingsResponse),
          "400": problem(
            "`errors` lists `ratings.<i>.<field>`: a quote that is not rated, a criterion not rated by evaluators, a score off the scale, a missing reason; nothing was written",
          ),
          "401": unauthorized,
          "403": notEvaluator,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The quotes are not opened yet, or the caller has already submitted (its ratings are locked)"),
        },
      },
    },
    "/api/v1/rfqs/{id}/ratings/submit": {
      parameters,
      post: {
        operationId: "submitRatings",
        summary: "An evaluator submits: every qualifying quote × evaluator-rated criterion must have a rating with a reason",
        description:
          "Locks the evaluator's ratings and ends its blind phase. Once every evaluator has submitted, the rated criteria get values in the ranking.",
        responses: {
          "200": ok("Submitted", SubmittedRatingsResponse),
          "401": unauthorized,
          "403": notEvaluator,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Incomplete, already submitted, or the quotes are not opened yet"),
        },
      },
    },
    "/api/v1/rfqs/{id}/consensus": {
      parameters,
      put: {
        operationId: "recordConsensus",
        summary: "The chair records a consensus score (on the scale; halves on 1–5) with a required comment for one quote and criterion",
        description: "The consensus replaces the mean as the criterion's value in the ranking. Audited.",
        requestBody: body(ConsensusBody),
        responses: {
          "200": ok("Recorded", ConsensusResponse),
          "400": problem("`errors` names each refused field (score off the scale or step, empty comment); nothing was written"),
          "401": unauthorized,
          "403": problem("The caller is not the chair"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not every evaluator has submitted yet"),
        },
      },
    },
  };
}
