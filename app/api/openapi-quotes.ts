import { QuoteActionResponse, QuoteBody, QuoteResponse, RfqQuotesResponse, SavedQuoteResponse, VendorQuoteListResponse } from "./quote-schemas";
import { idParameter, jsonBody, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The quote endpoints of the OpenAPI document, spread into its `paths` by openapi.ts. Schemas are
// inlined (rendered from the zod schemas the handlers parse with) so this file needs no component
// registration; problem responses point at the shared Problem component.

const notFound = problem("Not found — also for quotes and RFQs the caller may not read (sealed bids, another vendor's quote), so existence never leaks");

export function quotePaths() {
  return {
    "/api/v1/rfqs/{id}/quotes": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listRfqQuotes",
        summary: "The buyer: counts only while bids are sealed, every offer once opened (deadline passed, or an open RFQ); a vendor: its own quote",
        responses: { "200": ok("OK", RfqQuotesResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "saveQuote",
        summary:
          "Create, revise or — after a withdrawal — submit again the caller's quote (vendors who may quote, until the deadline); each submission is a new version",
        description:
          "`mode: submit` (default) checks the quote against the RFQ: a unit price for every line (`unitPrices.<line code>`), a commitment for every KPI-commitment criterion within its range (`kpiCommitments.<key>`), and milestones adding up to the total (`paymentSchedule`). `mode: draft` saves without the completeness check. Amounts are integer yen in the quote's tax basis. After a withdrawal (`POST /quotes/{id}/withdraw`) a submission is accepted again until the deadline: a new version of kind `resubmitted` (200); the withdrawn version stays in `versions` with its `withdrawnAt`. A withdrawn quote cannot go back to a draft (409).",
        requestBody: jsonBody(QuoteBody),
        responses: {
          "200": ok(
            "Revised, submitted again after a withdrawal, or draft saved; `warnings` lists what would disqualify it at the opening",
            SavedQuoteResponse,
          ),
          "201": {
            ...ok("Created; Location points at the quote; `warnings` as for 200", SavedQuoteResponse),
            headers: { Location: { schema: { type: "string" } } },
          },
          "400": problem("Invalid or incomplete quote: `errors` lists each field path with a message in the caller's language; nothing was stored"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not accepted now: deadline passed, RFQ not open, not invited, a decided quote, or a draft of a quote already submitted or withdrawn"),
        },
      },
    },
    "/api/v1/quotes/{id}": {
      parameters: idParameter("Quote id"),
      get: {
        operationId: "getQuote",
        summary: "One quote with its versions and normalized figures: for its vendor at any time, for the RFQ's buyer once opened",
        responses: { "200": ok("OK", QuoteResponse), "401": unauthorized, "404": notFound },
      },
    },
    "/api/v1/quotes/{id}/withdraw": {
      parameters: idParameter("Quote id"),
      post: {
        operationId: "withdrawQuote",
        summary: "Withdraw a submitted quote (its vendor, until the deadline); it may be submitted again until the deadline as a new version",
        responses: {
          "200": ok("Withdrawn", QuoteActionResponse),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Not a submitted quote, or the deadline has passed"),
        },
      },
    },
    "/api/v1/quotes/{id}/reconfirm": {
      parameters: idParameter("Quote id"),
      post: {
        operationId: "reconfirmQuote",
        summary: "After an addendum, confirm the quote stands for the new RFQ version (a new version with the same figures)",
        responses: {
          "200": ok("Re-confirmed", QuoteActionResponse),
          "400": problem("The addendum changed lines or KPIs the quote does not answer: revise it instead (`errors` lists the fields)"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("No re-confirmation needed, or the deadline has passed"),
        },
      },
    },
    "/api/v1/vendor/quotes": {
      get: {
        operationId: "listVendorQuotes",
        summary: "The calling vendor's quotes on every RFQ, newest first",
        responses: { "200": ok("OK", VendorQuoteListResponse), "401": unauthorized, "404": problem("The caller is not a vendor organisation") },
      },
    },
  };
}
