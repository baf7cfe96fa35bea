import {
  Annotation,
  AnnotationBody,
  AnnotationEditBody,
  AnnotationListResponse,
  Clarification,
  ClarificationAnswerBody,
  ClarificationBody,
  ClarificationListResponse,
  VendorClarification,
} from "./annotation-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The annotation and clarification endpoints of the OpenAPI document (issue 18 item 2, decision 0045), spread
// into its `paths` by openapi.ts. Annotations are never shown to vendors; a vendor reads only the questions on
// its own quote and its answers.

const notFound = problem(
  "Not found — also for callers who may not use it (vendors for annotations, other buyers, advisors not assigned to the RFQ, anyone before a sealed RFQ opens), so existence never leaks",
);

export function annotationPaths() {
  return {
    "/api/v1/rfqs/{id}/annotations": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listAnnotations",
        summary:
          "Strength / risk / question annotations on the RFQ's opened quotes and comparison cells, with clarifications and answers (buyer and assigned advisors)",
        responses: { "200": ok("OK", AnnotationListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "addAnnotation",
        summary: "Annotate an opened quote, or one comparison cell (`criterionKey`), as strength, risk or question",
        description: "Audited. Readable by the buyer's members and the RFQ's assigned advisors, never by vendors.",
        requestBody: body(AnnotationBody),
        responses: {
          "201": ok("Added", Annotation),
          "400": problem(
            "`errors` lists each field (`quoteId`, `criterionKey`, `kind`, `body`) in the caller's language — a quote that is not an opened offer of this RFQ, a criterion it does not have, an empty or too long text; nothing was written",
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/annotations/{id}": {
      parameters: idParameter("Annotation id"),
      patch: {
        operationId: "editAnnotation",
        summary: "Its author changes an annotation's text or kind; the earlier state stays in `revisions`",
        requestBody: body(AnnotationEditBody),
        responses: {
          "200": ok("Edited", Annotation),
          "400": problem("`errors` lists `body` or `kind` in the caller's language; nothing was written"),
          "401": unauthorized,
          "403": problem("Another member's annotation: only its author changes it"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The annotation was withdrawn, or it is a question already sent to the vendor and would stop being a question"),
        },
      },
      delete: {
        operationId: "withdrawAnnotation",
        summary: "Its author withdraws an annotation; it stays readable as history with `withdrawnAt` set",
        responses: {
          "200": ok("Withdrawn", Annotation),
          "401": unauthorized,
          "403": problem("Another member's annotation: only its author withdraws it"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already withdrawn"),
        },
      },
    },
    "/api/v1/annotations/{id}/clarification": {
      parameters: idParameter("Annotation id (a question)"),
      post: {
        operationId: "sendClarification",
        summary: "Send a question annotation to the quote's vendor as a clarification request (its author or a member of the buyer organisation)",
        description:
          "Audited; the vendor's members get an in-app notice and an e-mail linking to their quote page. The vendor reads only the question text, as a clarification from the buyer.",
        responses: {
          "201": ok("Sent; the annotation with its clarification", Annotation),
          "401": unauthorized,
          "403": problem("An advisor sending another member's question"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already sent, withdrawn, not a question, or the quote left the comparison"),
        },
      },
    },
    "/api/v1/quotes/{id}/clarifications": {
      parameters: idParameter("Quote id"),
      get: {
        operationId: "listClarifications",
        summary:
          "The clarifications on one quote: its own vendor gets the questions and its answers only (VendorClarification); the buyer and assigned advisors get them all once the quote is opened",
        responses: { "200": ok("OK", ClarificationListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "askClarification",
        summary: "The buyer or an assigned advisor asks the quote's vendor a question directly, without an annotation",
        requestBody: body(ClarificationBody),
        responses: {
          "201": ok("Asked", Clarification),
          "400": problem("`errors` lists `question` (empty or too long) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/clarifications/{id}/answer": {
      parameters: idParameter("Clarification id"),
      post: {
        operationId: "answerClarification",
        summary: "The quote's vendor answers a clarification, once; text only — prices and commitments change through a BAFO, never here",
        requestBody: body(ClarificationAnswerBody),
        responses: {
          "201": ok("Answered", VendorClarification),
          "400": problem("`errors` lists `answer` (empty or too long) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": problem("Not found — for anyone but the quote's vendor"),
          "405": methodNotAllowed,
          "409": problem("Already answered (one answer only)"),
        },
      },
    },
  };
}
