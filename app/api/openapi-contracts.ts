import { z } from "zod";
import { MilestonePlan } from "~/domain/contracts/milestone-plan";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The contract endpoints of the OpenAPI document (issue 15, items 5 and 6; docs/contracts.md), spread into
// its `paths` by openapi.ts.

const LegalDate = z.object({
  rule: z.enum(["municipality.inspection", "municipality.payment", "company.payment"]),
  obligation: z.enum(["inspection", "payment"]),
  agreed: z.string().describe("YYYY-MM-DD: the date the milestone's day count gives"),
  legalLatest: z.string().nullable().describe("The latest date the law allows; null when recorded outside the law's scope"),
  actBy: z.string().describe("The business day on or before `agreed`"),
});

const Milestone = z.object({
  name: z.string(),
  amountYen: z.number().int().describe("Integer yen, tax included (percentages resolved, remainder on the last)"),
  percent: z.number().nullable(),
  dueDate: z.string().describe("YYYY-MM-DD: completion / receipt of the milestone's work; the legal deadlines count from it"),
  acceptance: z.string(),
  inspectionDays: z.number().int().nullable(),
  paymentDueDays: z.number().int().nullable(),
  legalDates: z.array(LegalDate),
});

export const ContractResponse = z
  .object({
    side: z.enum(["buyer", "vendor"]).describe("buyer: the full record; vendor: the allow-listed view of the winning vendor"),
    id: z.string(),
    rfqId: z.string(),
    status: z.enum(["draft", "active"]),
    currentVersion: z.number().int(),
    outsideScope: z.boolean(),
    milestones: z.array(Milestone),
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.string() }).loose()),
  })
  .loose();

const RevisionBody = z.object({
  milestones: MilestonePlan.optional().describe("The new milestone plan; the current one is kept when absent"),
  reason: z.string().describe("Why the contract changes (required)"),
});

const notFound = problem("Not found — unknown contract, or the caller is neither a member of its buyer organisation nor its vendor");
const buyerOnly = problem("Not found — unknown contract, or the caller is not a member of its buyer organisation (vendors and other tenants)");
const fieldErrors = problem(
  "`errors` names each field in the caller's language: a percentage sum other than 100, amounts not adding up to the total, a due date in the past, a day count over a legal limit (the message names the law), an outside-scope record without a reason; nothing was written",
);

export function contractPaths() {
  return {
    "/api/v1/rfqs/{id}/contract": {
      parameters: idParameter("RFQ id"),
      post: {
        operationId: "createContract",
        summary: "Create the contract (draft, version 1) from the RFQ's accepted award",
        description:
          "Version 1 is drawn from the accepted quote version and the RFQ version it answered: parties, lines (tax-exclusive unit prices, tax per rate), term, KPI commitments as SLA targets, assumptions, change-request and escalation rules, milestones from the quote's payment schedule (or one 100 % milestone at the end of the term). Audited.",
        responses: {
          "201": ok("Created", z.object({ id: z.string() })),
          "401": unauthorized,
          "404": problem("Not found — unknown RFQ, or the caller is not a member of its buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("No accepted award; the award already has its contract; the standstill still runs (the message names the date it ends)"),
        },
      },
    },
    "/api/v1/contracts": {
      get: {
        operationId: "listContracts",
        summary: "The caller's organisation's contracts (its side), each with its open to-dos after the award",
        responses: {
          "200": ok(
            "OK",
            z.object({
              contracts: z.array(
                z.object({
                  id: z.string().uuid(),
                  title: z.string(),
                  counterparty: z.string(),
                  status: z.enum(["draft", "active"]),
                  version: z.number().int(),
                  total: z.number().int().describe("Tax included, yen"),
                  term: z.object({ months: z.number().int(), from: z.string(), to: z.string() }),
                  milestones: z.number().int(),
                  todos: z.array(
                    z.object({
                      kind: z
                        .string()
                        .describe(
                          "delivery_due, delivery_rejected, inspection_pending, measurement_missing, measurement_disputed, measurement_pending, change_pending, review_due, review_comment, rating_due",
                        ),
                      count: z.number().int(),
                      page: z.string().describe("The contract tab where it is done"),
                    }),
                  ),
                }),
              ),
            }),
          ),
          "401": unauthorized,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/contracts/{id}": {
      parameters: idParameter("Contract id"),
      get: {
        operationId: "getContract",
        summary: "One contract: the buyer's full record, or the winning vendor's allow-listed view",
        responses: { "200": ok("OK", ContractResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/contracts/{id}/milestones": {
      parameters: idParameter("Contract id"),
      put: {
        operationId: "putContractMilestones",
        summary: "Replace the milestone plan of a draft contract",
        description:
          "`basis` amount: each milestone's `amountYen` (tax included), adding up to the contract total; percent: each `percent` (up to two decimals), adding up to 100. Due dates not before today (Japan). Day counts checked against the buyer's legal deadlines (municipality: inspection ≤ 10 days after the completion notice, payment ≤ 30 days after a proper invoice; company: payment ≤ 60 days from receipt). A company may record `outsideScope: {reason}` (audited).",
        requestBody: body(MilestonePlan),
        responses: {
          "200": ok("Saved; the contract as the caller reads it", ContractResponse),
          "400": fieldErrors,
          "401": unauthorized,
          "404": buyerOnly,
          "405": methodNotAllowed,
          "409": problem("The contract is active: revise it with a new version"),
        },
      },
    },
    "/api/v1/contracts/{id}/activate": {
      parameters: idParameter("Contract id"),
      post: {
        operationId: "activateContract",
        summary: "締結: make a draft contract active (an active one is left as it is: one effect)",
        responses: {
          "200": ok("Active", z.object({ status: z.literal("active"), alreadyActive: z.boolean() })),
          "400": fieldErrors,
          "401": unauthorized,
          "404": buyerOnly,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/contracts/{id}/versions": {
      parameters: idParameter("Contract id"),
      post: {
        operationId: "reviseContract",
        summary: "Create version n+1 of an active contract, with a reason and optionally a new milestone plan",
        requestBody: body(RevisionBody),
        responses: {
          "201": ok("Created", z.object({ version: z.number().int() })),
          "400": fieldErrors,
          "401": unauthorized,
          "404": buyerOnly,
          "405": methodNotAllowed,
          "409": problem("The contract is a draft: edit its milestones instead"),
        },
      },
    },
    "/api/v1/contracts/{id}/documents/purchase-order.pdf": {
      parameters: [
        ...idParameter("Contract id"),
        { name: "lang", in: "query", required: false, description: "ja (default) or en", schema: { type: "string", enum: ["ja", "en"] } },
      ],
      get: {
        operationId: "getContractPurchaseOrder",
        summary: "The 発注書 (purchase order) PDF of the active contract's current version, stored once and served unchanged",
        responses: {
          "200": {
            description: "The PDF; its SHA-256 in X-Content-SHA256",
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The contract is still a draft"),
        },
      },
    },
  };
}
