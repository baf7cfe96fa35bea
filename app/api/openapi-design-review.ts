import {
  DeclineBody,
  DesignCommentBody,
  DesignCommentCreated,
  DesignCommentListResponse,
  DesignCommentReplyCreated,
  DesignCommentResolved,
  ReplyBody,
} from "./design-review-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The KPI-design review endpoints (issue 18 item 1; decision 0044), spread into the document's `paths` by openapi.ts.

const notFound = problem(
  "Not found — also for RFQs and comments the caller may not use (vendors, other buyers, advisors not assigned to the RFQ), so existence never leaks",
);
const closed = problem("The RFQ is no longer a draft (comments are read-only after publication), or the comment is already resolved");

export function designReviewPaths() {
  return {
    "/api/v1/rfqs/{id}/design-comments": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listDesignComments",
        summary: "The advisors' comments on the RFQ's evaluation design, with replies: for its buyer and its assigned advisors, never vendors",
        responses: { "200": ok("OK", DesignCommentListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "addDesignComment",
        summary: "An assigned advisor comments on a draft's evaluation design, anchored to a criterion's field or to the design as a whole",
        description:
          "`field` is one of a criterion's fields (`criterion`, `weight`, `scale`, `target`, `gate`, `rating`; `criterionKey` required) or the design as a whole " +
          "(`missing_kpi`, `scoring_method`; no `criterionKey`). An optional `suggestion` must fit the field (`set_weight` for `weight`, `add_criterion` for " +
          "`missing_kpi` …) and apply to the draft as it is now; rates are fractions 0–1 as in the RFQ. Audited; the buyer's members are notified.",
        requestBody: body(DesignCommentBody),
        responses: {
          "201": ok("Added", DesignCommentCreated),
          "400": problem("Field errors (text, anchor, a suggestion that does not fit the draft); nothing was written"),
          "401": unauthorized,
          "403": problem("The RFQ's buyer: only its assigned advisors comment"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": closed,
        },
      },
    },
    "/api/v1/design-comments/{id}/apply": {
      parameters: idParameter("Design comment id"),
      post: {
        operationId: "applyDesignComment",
        summary: "The buyer applies the comment's suggestion to its draft",
        description:
          "Saved as the RFQ form saves a draft, in one transaction with the comment's status (`applied`) and one audit row `rfq.design.apply`. " +
          "A suggestion that no longer fits (criterion removed, value outside the unit's range) is refused with field errors.",
        responses: {
          "200": ok("Applied", DesignCommentResolved),
          "400": problem("The suggestion no longer fits the draft; nothing was written"),
          "401": unauthorized,
          "403": problem("A member of the buyer who may not edit the RFQ"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not a draft any more, already resolved, or the comment carries no suggestion"),
        },
      },
    },
    "/api/v1/design-comments/{id}/decline": {
      parameters: idParameter("Design comment id"),
      post: {
        operationId: "declineDesignComment",
        summary: "The buyer declines the comment with a reason (required); the advisor is notified",
        requestBody: body(DeclineBody),
        responses: {
          "200": ok("Declined", DesignCommentResolved),
          "400": problem("`reason` is missing; nothing was written"),
          "401": unauthorized,
          "403": problem("A member of the buyer who may not edit the RFQ"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": closed,
        },
      },
    },
    "/api/v1/design-comments/{id}/replies": {
      parameters: idParameter("Design comment id"),
      post: {
        operationId: "replyToDesignComment",
        summary: "A reply in the comment's discussion, by the buyer's members or an assigned advisor, while the RFQ is a draft",
        requestBody: body(ReplyBody),
        responses: {
          "201": ok("Added", DesignCommentReplyCreated),
          "400": problem("`body` is missing or too long; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": closed,
        },
      },
    },
  };
}
