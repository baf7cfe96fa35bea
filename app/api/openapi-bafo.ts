import { z } from "zod";
import { BafoRevisionInput } from "~/domain/bafo/round";
import { idParameter, jsonBody, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// Shortlist and BAFO round (issue 15 item 1, decision 0030), spread into the document's `paths` by openapi.ts.

const Deadline = z.string().describe("ISO 8601 date-time with its offset, e.g. 2026-12-10T17:00:00+09:00 (or 2026-12-10T17:00, read as Japan time)");

export const ShortlistBody = z.object({ quoteIds: z.array(z.uuid()).describe("The opened quotes to shortlist; every other offer is un-shortlisted") });
export const ShortlistResponse = z.object({ rfqId: z.uuid(), shortlisted: z.array(z.uuid()) });
export const RoundBody = z.object({ deadline: Deadline });
export const RoundResponse = z.object({
  id: z.uuid(),
  rfqId: z.uuid().optional(),
  deadline: z.string(),
  phase: z.enum(["accepting", "closed", "cancelled"]),
  invited: z.number().int().optional(),
  out: z.number().int().optional(),
});
export const BafoResponse = z.object({
  quoteId: z.uuid(),
  status: z.enum(["draft", "submitted"]),
  version: z.number().int().nullable().describe("The BAFO's quote version once submitted"),
  tco: z.number().int().nullable(),
});

const notFound = (what: string) => problem(`Not found — ${what}`);

export function bafoPaths() {
  return {
    "/api/v1/rfqs/{id}/shortlist": {
      parameters: idParameter("RFQ id"),
      put: {
        operationId: "setShortlist",
        summary: "Set the shortlist of a closed RFQ (quote status shortlisted), before a BAFO round opens",
        description:
          "Only on a closed RFQ whose quotes are opened, not awarded or cancelled, with no award proposal waiting, and before its BAFO round opens. Audited.",
        requestBody: jsonBody(ShortlistBody),
        responses: {
          "200": ok("The shortlist", ShortlistResponse),
          "400": problem("`errors` has `quoteIds` (not an opened offer of this RFQ) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound("no such RFQ in the caller's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The RFQ is not closed/opened, is awarded or cancelled, has a proposal waiting, or its BAFO round has opened"),
        },
      },
    },
    "/api/v1/rfqs/{id}/bafo-rounds": {
      parameters: idParameter("RFQ id"),
      post: {
        operationId: "openBafoRound",
        summary: "Open the RFQ's one BAFO (best and final offer) round with its own deadline",
        description:
          "Shortlisted vendors are invited (in-app and a bilingual e-mail with the deadline); the others are told they are out of this round. BAFOs are sealed until the round's deadline, like the first round; after it the comparison, exports, API, search and award snapshot rank the final versions. Audited.",
        requestBody: jsonBody(RoundBody),
        responses: {
          "201": ok("The round", RoundResponse),
          "400": problem("`errors` has `deadline` (missing, invalid, not in the future) or `shortlist` (no quote shortlisted); nothing was written"),
          "401": unauthorized,
          "404": notFound("no such RFQ in the caller's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("A round already exists, or the RFQ is not closed/opened, is decided, or has a proposal waiting"),
        },
      },
    },
    "/api/v1/bafo-rounds/{id}": {
      parameters: idParameter("BAFO round id"),
      get: {
        operationId: "getBafoRound",
        summary: "A BAFO round of the caller's buyer organisation",
        responses: { "200": ok("The round", RoundResponse), "401": unauthorized, "404": notFound("no such round"), "405": methodNotAllowed },
      },
      patch: {
        operationId: "extendBafoRound",
        summary: "Move the round's deadline later (never earlier), while it accepts BAFOs",
        requestBody: jsonBody(RoundBody),
        responses: {
          "200": ok("The round", RoundResponse),
          "400": problem("`errors` has `deadline` (invalid, in the past, or not after the current deadline); nothing was written"),
          "401": unauthorized,
          "404": notFound("no such round in the caller's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The round's deadline has passed or it was cancelled"),
        },
      },
      delete: {
        operationId: "cancelBafoRound",
        summary: "Cancel the round before its deadline: its BAFOs are discarded unopened",
        responses: {
          "200": ok("The round", RoundResponse),
          "401": unauthorized,
          "404": notFound("no such round in the caller's buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The round's deadline has passed (its BAFOs are opened) or it was already cancelled"),
        },
      },
    },
    "/api/v1/quotes/{id}/bafo": {
      parameters: idParameter("Quote id (the vendor's own)"),
      put: {
        operationId: "saveBafoDraft",
        summary: "Save the vendor's BAFO draft: prices, KPI commitments and assumptions (other fields stay the first round's)",
        requestBody: jsonBody(BafoRevisionInput),
        responses: {
          "200": ok("Saved", BafoResponse),
          "400": problem("Field errors in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound("not the caller's quote"),
          "405": methodNotAllowed,
          "409": problem("Not shortlisted into a round, the round's deadline passed or it was cancelled, or the BAFO was already submitted"),
        },
      },
    },
    "/api/v1/quotes/{id}/bafo/submit": {
      parameters: idParameter("Quote id (the vendor's own)"),
      post: {
        operationId: "submitBafo",
        summary: "Submit the BAFO (once, final): a new quote version marked with the round, sealed until the round's deadline",
        requestBody: jsonBody(BafoRevisionInput),
        responses: {
          "200": ok("Submitted", BafoResponse),
          "400": problem("Field errors (a price for every line, every KPI commitment, milestones adding up) in the caller's language; nothing was written"),
          "401": unauthorized,
          "404": notFound("not the caller's quote"),
          "405": methodNotAllowed,
          "409": problem("Not shortlisted into a round, the round's deadline passed or it was cancelled, or the BAFO was already submitted"),
        },
      },
    },
  };
}
