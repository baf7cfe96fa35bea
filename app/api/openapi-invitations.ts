import { methodNotAllowed, problem, unauthorized } from "./openapi-helpers";

// POST /api/v1/rfqs/{id}/invitations in the OpenAPI document, spread into its `paths` by openapi.ts.

const invitation = {
  type: "object",
  required: ["rfqId", "vendorOrgId", "alreadyInvited", "notified"],
  properties: {
    rfqId: { type: "string", format: "uuid" },
    vendorOrgId: { type: "string", format: "uuid" },
    alreadyInvited: { type: "boolean", description: "True when the vendor was invited before: nothing was written" },
    notified: {
      type: "boolean",
      description: "True when the vendor's members were notified now (published RFQs); a draft's invitees are notified when it is published",
    },
  },
};

export function invitationPaths() {
  return {
    "/api/v1/rfqs/{id}/invitations": {
      parameters: [{ name: "id", in: "path", required: true, description: "RFQ id", schema: { type: "string", format: "uuid" } }],
      post: {
        operationId: "inviteVendorToRfq",
        summary: "Invite a vendor to one of the caller's RFQs (buyers): drafts, or published RFQs before their deadline. Idempotent.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["vendorOrgId"],
                properties: { vendorOrgId: { type: "string", format: "uuid" } },
              },
            },
          },
        },
        responses: {
          "201": { description: "Invited", content: { "application/json": { schema: invitation } } },
          "200": { description: "Already invited; nothing changed", content: { "application/json": { schema: invitation } } },
          "400": problem("Invalid JSON or fields, or `vendorOrgId` is not a registered vendor; `errors` names the field in the caller's language"),
          "401": unauthorized,
          "404": problem("Not found — also for other organisations' RFQs and for callers that are not buyers, so existence never leaks"),
          "405": methodNotAllowed,
          "409": problem("The RFQ is closed (deadline passed, awarded or cancelled) and takes no more invitations"),
        },
      },
    },
  };
}
