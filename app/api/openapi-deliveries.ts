import { z } from "zod";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from "~/domain/attachments/files";
import { DELIVERY_FILES_MAX, DeliveryInput, InspectionInput } from "~/domain/deliveries/deliveries";
import { idParameter, inputSchema, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The delivery endpoints of the OpenAPI document (issue 17 item 1; decision 0039), spread into its `paths` by
// openapi.ts: the deliveries of a contract, a delivery (JSON or multipart with files), the buyer's inspection.

const DeliveryFile = z.object({ id: z.string().uuid(), name: z.string(), mime: z.string(), size: z.number().int(), url: z.string() });
const Round = z.object({
  id: z.string().uuid(),
  round: z.number().int().describe("1, 2, … per milestone; each rejection adds a round"),
  status: z.enum(["pending", "accepted", "rejected"]),
  note: z.string(),
  links: z.array(z.string()),
  submittedOn: z.string(),
  submittedAt: z.string(),
  submittedByName: z.string().nullable(),
  windowEndsOn: z.string().describe("The inspection window's last day, fixed when the delivery was submitted"),
  decidedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  deemed: z.boolean().describe("Accepted by the contract's deemed-acceptance clause (みなし検収), not by a person"),
  rejectionReason: z.string().nullable(),
  files: z.array(DeliveryFile),
});
const State = z
  .object({ kind: z.enum(["not_delivered", "awaiting_inspection", "rejected", "accepted"]) })
  .loose()
  .describe(
    "not_delivered {overdue}, awaiting_inspection {deliveryId, windowEndsOn, windowPassed}, rejected {deliveryId, reason, overdue}, accepted {deliveryId, acceptedOn, deemed, revisionRounds, onTime}",
  );
const DeliveryList = z.object({
  contractId: z.string().uuid(),
  side: z.enum(["buyer", "vendor"]),
  active: z.boolean(),
  terms: z.object({ inspectionDays: z.number().int(), deemedAcceptance: z.boolean() }),
  milestones: z.array(z.object({ index: z.number().int(), name: z.string(), dueDate: z.string(), state: State, rounds: z.array(Round) })),
});
const Created = z.object({ id: z.string().uuid(), round: z.number().int(), windowEndsOn: z.string(), milestoneIndex: z.number().int() });
const Inspected = z.object({ deliveryId: z.string().uuid(), decision: z.enum(["accept", "reject"]), acceptedOn: z.string().nullable(), deemed: z.boolean() });

const fieldErrors = problem("`errors` names each field in the caller's language; nothing was written");

export function deliveryPaths() {
  return {
    "/api/v1/contracts/{id}/deliveries": {
      parameters: idParameter("Contract id"),
      get: {
        operationId: "listDeliveries",
        summary: "Every milestone of the contract with its delivery state and rounds, for either party",
        responses: {
          "200": ok("OK", DeliveryList),
          "401": unauthorized,
          "404": problem("No such contract of the caller's organisation"),
          "405": methodNotAllowed,
        },
      },
      post: {
        operationId: "submitDelivery",
        summary: "The vendor delivers a milestone of an active contract (a new round; its inspection window starts)",
        description: `JSON, or multipart/form-data with the same fields (links one per line or repeated) and up to ${DELIVERY_FILES_MAX} \`files\`: PDF, Word, Excel, PowerPoint, PNG or JPEG of at most ${MAX_ATTACHMENT_BYTES} bytes each whose content must match its type. Nothing is stored when anything is refused.`,
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: inputSchema(DeliveryInput) },
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["milestoneIndex", "note"],
                properties: {
                  milestoneIndex: { type: "integer", minimum: 0 },
                  note: { type: "string" },
                  links: { type: "string", description: "http(s) URLs, one per line (or the field repeated)" },
                  files: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } },
                },
              },
              encoding: { files: { contentType: ATTACHMENT_TYPES.join(", ") } },
            },
          },
        },
        responses: {
          "201": ok("Delivered", Created),
          "400": fieldErrors,
          "401": unauthorized,
          "403": problem("The caller is the contract's buyer: only the vendor delivers"),
          "404": problem("No such contract of the caller's organisation"),
          "405": methodNotAllowed,
          "409": problem("The contract is not active, a delivery of the milestone awaits inspection, or the milestone is accepted"),
          "413": problem("The files are far larger than allowed"),
        },
      },
    },
    "/api/v1/contracts/{id}/deliveries/files/{fileId}": {
      parameters: [
        ...idParameter("Contract id"),
        { name: "fileId", in: "path", required: true, description: "Delivery file id", schema: { type: "string", format: "uuid" } },
      ],
      get: {
        operationId: "downloadDeliveryFile",
        summary: "Download one file of a delivery (either party; every download audited)",
        responses: {
          "200": {
            description: "The file, as an attachment",
            content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
          },
          "401": unauthorized,
          "404": problem("No such file, or not a party to the contract"),
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/deliveries/{id}/inspection": {
      parameters: idParameter("Delivery id"),
      post: {
        operationId: "inspectDelivery",
        summary: "検収: the buyer accepts the delivery (the milestone can then be invoiced) or rejects it with a reason",
        description:
          "Accepting writes the milestone's acceptance and the vendor's track-record facts (on-time delivery, revision rounds). With the contract's deemed-acceptance clause, a delivery past its window is accepted as deemed (on the window's last day) and can no longer be rejected.",
        requestBody: { required: true, content: { "application/json": { schema: inputSchema(InspectionInput) } } },
        responses: {
          "201": ok("Decided", Inspected),
          "400": fieldErrors,
          "401": unauthorized,
          "403": problem("The caller is the contract's vendor: only the buyer inspects"),
          "404": problem("No such delivery, or not a party to its contract"),
          "405": methodNotAllowed,
          "409": problem("The delivery is no longer awaiting inspection, the contract is not active, or a rejection after a deemed-acceptance window"),
        },
      },
    },
  };
}
