import { z } from "zod";
import {
  AddendumBody,
  AddendumResponse,
  AnswerBody,
  AnswerResponse,
  AskedQuestionResponse,
  PublishResponse,
  QuestionBody,
  QuestionListResponse,
  RfqCreateBody,
  RfqListQuery,
  RfqListResponse,
  RfqPatchBody,
  RfqResponse,
} from "./rfq-schemas";
import { MeResponse, Problem, VendorListQuery, VendorListResponse } from "./schemas";
import { quotePaths } from "./openapi-quotes";
import { certificationPaths } from "./openapi-certifications";
import { attachmentPaths } from "./openapi-attachments";
import { comparisonPaths } from "./openapi-comparison";
import { comparisonPagePaths } from "./openapi-comparison-page";
import { searchPaths } from "./openapi-search";
import { invitationPaths } from "./openapi-invitations";
import { advisorPaths } from "./openapi-advisors";
import { annotationPaths } from "./openapi-annotations";
import { designReviewPaths } from "./openapi-design-review";
import { PublishBody } from "./design-review-schemas";
import { approvalRoutePaths } from "./openapi-approval-routes";
import { rfqCancelPaths } from "./openapi-rfq-cancel";
import { bafoPaths } from "./openapi-bafo";
import { awardProposalPaths } from "./openapi-award-proposals";
import { contractPaths } from "./openapi-contracts";
import { awardResultPaths } from "./openapi-award-result";
import { approvalPaths } from "./openapi-approvals";
import { cardPaymentPaths } from "./openapi-card-payments";
import { invoicePaths } from "./openapi-invoices";
import { deliveryPaths } from "./openapi-deliveries";
import { reviewPaths } from "./openapi-reviews";
import { recordPaths } from "./openapi-records";
import { measurementPaths } from "./openapi-measurements";
import { changeRequestPaths } from "./openapi-change-requests";
import { evaluationPaths } from "./openapi-evaluation";
import { memoPaths } from "./openapi-memos";
import { benchmarkPaths } from "./openapi-benchmarks";
import { lowQuotePaths } from "./openapi-low-quotes";
import {
  outputSchema as jsonSchema,
  idParameter,
  inputSchema,
  jsonBody,
  methodNotAllowed,
  ok,
  problem as problemResponse,
  unauthorized,
} from "./openapi-helpers";

// The OpenAPI 3.1 document, generated from the zod schemas the handlers use.

function queryParameters(s: z.ZodObject) {
  const schema = z.toJSONSchema(s, { io: "input" }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: prop,
  }));
}

const notFound = problemResponse("Not found — also for RFQs the caller may not see, so existence never leaks");
const invalidInput = problemResponse("Invalid JSON or fields; `errors` lists each field path with a message in the caller's language");

function rfqPaths() {
  return {
    "/api/v1/rfqs": {
      get: {
        operationId: "listRfqs",
        summary: "The caller's RFQs: a buyer's own (filterable by status), or the open RFQs a vendor may quote on",
        parameters: queryParameters(RfqListQuery),
        responses: { "200": ok("OK", "RfqList"), "400": invalidInput, "401": unauthorized },
      },
      post: {
        operationId: "createRfqDraft",
        summary: "Create a draft RFQ (buyers); only title and category are required until publishing",
        requestBody: jsonBody("RfqDraftInput"),
        responses: {
          "201": { ...ok("Created; Location points at the new RFQ", "Rfq"), headers: { Location: { schema: { type: "string" } } } },
          "400": invalidInput,
          "401": unauthorized,
          "403": problemResponse("Only buyer organisations create RFQs"),
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/rfqs/{id}": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "getRfq",
        summary: "An RFQ as the caller may see it: the buyer's working copy, or the published version for vendors (budget only if shown)",
        responses: { "200": ok("OK", "Rfq"), "401": unauthorized, "404": notFound },
      },
      patch: {
        operationId: "updateRfq",
        summary: "Edit the draft, or the working copy of the next addendum of a published RFQ",
        description: "Top-level fields replace the stored value (arrays and objects whole); null removes an optional field.",
        requestBody: jsonBody("RfqPatch"),
        responses: {
          "200": ok("The updated RFQ", "Rfq"),
          "400": invalidInput,
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problemResponse("The RFQ is closed, awarded or cancelled and can no longer be edited"),
        },
      },
    },
    "/api/v1/rfqs/{id}/publish": {
      parameters: idParameter("RFQ id"),
      post: {
        operationId: "publishRfq",
        summary: "Publish a draft as version 1",
        description:
          'With advisors\' design comments still open it answers 409 with `code: designCommentsUnresolved` and `unresolvedComments`, nothing written, unless the body says `{ "confirmUnresolved": true }`. The body is optional.',
        requestBody: { required: false, content: { "application/json": { schema: inputSchema(PublishBody) } } },
        responses: {
          "200": ok("Published", "PublishResult"),
          "400": problemResponse("Incomplete: `errors` lists everything missing, field by field; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problemResponse("Not a draft"),
        },
      },
    },
    "/api/v1/rfqs/{id}/addenda": {
      parameters: idParameter("RFQ id"),
      post: {
        operationId: "issueRfqAddendum",
        summary: "Publish the next version of an open RFQ with a change summary and optional changes (all or nothing)",
        description: "The deadline may be extended, never brought forward. Bidders are notified.",
        requestBody: jsonBody("AddendumInput"),
        responses: {
          "201": ok("The new version", "AddendumResult"),
          "400": problemResponse("Invalid changes or an RFQ that would not be publishable; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problemResponse("The RFQ is not open for quotes (draft, closed, awarded or cancelled)"),
        },
      },
    },
    "/api/v1/rfqs/{id}/questions": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listRfqQuestions",
        summary: "Q&A: the buyer sees every question and who asked; vendors see answered questions anonymously and their own",
        responses: { "200": ok("OK", "QuestionList"), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "askRfqQuestion",
        summary: "Ask the buyer a question (vendors who may quote, until the deadline)",
        requestBody: jsonBody("QuestionInput"),
        responses: {
          "201": ok("Asked", "AskedQuestion"),
          "400": invalidInput,
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problemResponse("Questions are closed (deadline passed or RFQ no longer open)"),
        },
      },
    },
    "/api/v1/questions/{id}/answer": {
      parameters: idParameter("Question id"),
      post: {
        operationId: "answerRfqQuestion",
        summary: "Answer (or correct the answer to) a question; published to all bidders without naming the asker",
        requestBody: jsonBody("AnswerInput"),
        responses: { "200": ok("Answered", "Answer"), "400": invalidInput, "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
  };
}

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Kurabe API",
      version: "1.0.0",
      description: "Kurabe — vendor comparison and quote marketplace. Authenticate with an API token created in the organisation settings.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "kurabe_… API token" } },
      schemas: {
        Me: jsonSchema(MeResponse),
        VendorList: jsonSchema(VendorListResponse),
        Problem: jsonSchema(Problem),
        RfqList: jsonSchema(RfqListResponse),
        Rfq: jsonSchema(RfqResponse),
        PublishResult: jsonSchema(PublishResponse),
        AddendumResult: jsonSchema(AddendumResponse),
        QuestionList: jsonSchema(QuestionListResponse),
        AskedQuestion: jsonSchema(AskedQuestionResponse),
        Answer: jsonSchema(AnswerResponse),
        RfqDraftInput: inputSchema(RfqCreateBody),
        RfqPatch: inputSchema(RfqPatchBody),
        AddendumInput: inputSchema(AddendumBody),
        QuestionInput: inputSchema(QuestionBody),
        AnswerInput: inputSchema(AnswerBody),
      },
    },
    paths: {
      "/api/v1/me": {
        get: {
          operationId: "getMe",
          summary: "The calling user and organisation",
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Me" } } } },
            "401": problemResponse("Missing or invalid token"),
          },
        },
      },
      "/api/v1/vendors": {
        get: {
          operationId: "listVendors",
          summary: "Vendor directory (public profiles and certifications)",
          parameters: queryParameters(VendorListQuery),
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/VendorList" } } } },
            "400": problemResponse("Invalid query parameters"),
            "401": problemResponse("Missing or invalid token"),
          },
        },
      },
      ...rfqPaths(),
      ...quotePaths(),
      ...certificationPaths(),
      ...attachmentPaths(),
      ...comparisonPaths(),
      ...comparisonPagePaths(),
      ...searchPaths(),
      ...invitationPaths(),
      ...advisorPaths(),
      ...annotationPaths(),
      ...approvalRoutePaths(),
      ...rfqCancelPaths(),
      ...awardProposalPaths(),
      ...contractPaths(),
      ...bafoPaths(),
      ...awardResultPaths(),
      ...approvalPaths(),
      ...invoicePaths(),
      ...deliveryPaths(),
      ...recordPaths(),
      ...changeRequestPaths(),
      ...evaluationPaths(),
      ...cardPaymentPaths(),
      ...measurementPaths(),
      ...reviewPaths(),
      ...memoPaths(),
      ...designReviewPaths(),
      ...benchmarkPaths(),
      ...lowQuotePaths(),
    },
  };
}
