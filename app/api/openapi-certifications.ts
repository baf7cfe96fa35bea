import { z } from "zod";
import { MAX_EVIDENCE_BYTES } from "~/domain/certifications/evidence-file";
import { CERTIFICATION_TYPES } from "~/domain/rfq/categories";
import { inputSchema, methodNotAllowed, outputSchema, problem, unauthorized } from "./openapi-helpers";

// GET/POST /api/v1/vendor/certifications: the response shapes the handler parses with, the request body
// as documented, and the OpenAPI paths (spread into openapi.ts). Schemas are inlined in the paths so this
// block stays self-contained beside other engineers' additions.

export const VendorCertificationResponse = z.object({
  id: z.string().uuid(),
  type: z.string().describe(`One of ${CERTIFICATION_TYPES.join(", ")}, or an admin-added custom:<slug>`),
  number: z.string(),
  issuer: z.string(),
  validFrom: z.string().describe("YYYY-MM-DD, inclusive"),
  validUntil: z.string().describe("YYYY-MM-DD, inclusive"),
  status: z.enum(["unverified", "verified", "rejected"]),
  reviewedAt: z.string().nullable().describe("When an admin verified or rejected it (ISO 8601)"),
  rejectedReason: z.string().nullable(),
  evidence: z
    .object({ name: z.string(), type: z.enum(["application/pdf", "image/png", "image/jpeg"]), size: z.number().int(), url: z.string() })
    .nullable()
    .describe("The evidence file; `url` downloads it in a signed-in browser session"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const VendorCertificationListResponse = z.object({
  data: z.array(VendorCertificationResponse),
  invoiceRegistrationNumber: z.string().nullable().describe("適格請求書発行事業者登録番号: T + 13 digits, or null"),
});

/** Documentation of the body; the handler validates with the same certificationFormSchema as the web form. */
const CertificationCreateBody = z
  .object({
    type: z.string().describe(`One of ${CERTIFICATION_TYPES.join(", ")}, or an admin-added custom:<slug>`),
    number: z.string().min(1).max(100),
    issuer: z.string().min(1).max(200),
    validFrom: z.string().describe("YYYY-MM-DD"),
    validUntil: z.string().describe("YYYY-MM-DD, on or after validFrom"),
  })
  .strict();

type Row = {
  id: string;
  type: string;
  number: string;
  issuer: string;
  valid_from: string;
  valid_until: string;
  status: "unverified" | "verified" | "rejected";
  verified_at: Date | null;
  rejected_reason: string | null;
  evidence_name: string | null;
  evidence_mime: string | null;
  evidence_size: number | null;
  created_at: Date;
  updated_at: Date;
};

export function toVendorCertificationResponse(row: Row) {
  return VendorCertificationResponse.parse({
    id: row.id,
    type: row.type,
    number: row.number,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    reviewedAt: row.verified_at?.toISOString() ?? null,
    rejectedReason: row.rejected_reason,
    evidence: row.evidence_name
      ? { name: row.evidence_name, type: row.evidence_mime, size: row.evidence_size, url: `/vendor/certifications/${row.id}/evidence` }
      : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  });
}

const jsonSchema = (s: z.ZodType, io: "input" | "output") => (io === "input" ? inputSchema(s) : outputSchema(s));

export function certificationPaths() {
  const body = jsonSchema(CertificationCreateBody, "input") as { properties: Record<string, object>; required: string[] };
  return {
    "/api/v1/vendor/certifications": {
      get: {
        operationId: "listVendorCertifications",
        summary: "The calling vendor organisation's certificates with their review status, and its invoice registration number",
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: jsonSchema(VendorCertificationListResponse, "output") } } },
          "401": unauthorized,
          "403": problem("Only vendor organisations have certificates"),
        },
      },
      post: {
        operationId: "createVendorCertification",
        summary: "Add a certificate (status unverified until an admin verifies it), optionally with an evidence file",
        description: `JSON without a file, or multipart/form-data with the same fields plus \`evidence\`: a PDF, PNG or JPEG of at most ${MAX_EVIDENCE_BYTES} bytes whose content must match its type. Nothing is stored when anything is refused.`,
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: body },
            "multipart/form-data": {
              schema: { ...body, properties: { ...body.properties, evidence: { type: "string", contentMediaType: "application/octet-stream" } } },
              encoding: { evidence: { contentType: "application/pdf, image/png, image/jpeg" } },
            },
          },
        },
        responses: {
          "201": { description: "Created", content: { "application/json": { schema: jsonSchema(VendorCertificationResponse, "output") } } },
          "400": problem("Invalid fields or evidence file; `errors` lists each field (including `evidence`) with a message in the caller's language"),
          "401": unauthorized,
          "403": problem("Only vendor organisations have certificates"),
          "405": methodNotAllowed,
          "413": problem("The request is far larger than any allowed evidence file"),
        },
      },
    },
  };
}
