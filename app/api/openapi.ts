import { z } from "zod";
import { MeResponse, Problem, VendorListQuery, VendorListResponse } from "./schemas";

// The OpenAPI 3.1 document, generated from the zod schemas the handlers use.
type Schema = z.ZodType;

const jsonSchema = (s: Schema) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "output" });

function queryParameters(s: z.ZodObject) {
  const schema = z.toJSONSchema(s, { io: "input" }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: prop,
  }));
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

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
    },
  };
}
