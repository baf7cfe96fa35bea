import { z } from "zod";

// The building blocks every openapi-*.ts file describes its endpoints with. Schemas are rendered from
// the zod schemas the handlers parse with: responses as the server writes them (output), request
// bodies as the client writes them (input: defaults optional, before transforms).

export const outputSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "output" });
export const inputSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "input" });

/** A schema inlined from zod, or a `$ref` to a named component of the document. */
const schemaOf = (s: z.ZodType | string, render: (s: z.ZodType) => unknown) => (typeof s === "string" ? { $ref: `#/components/schemas/${s}` } : render(s));

export const ok = (description: string, schema: z.ZodType | string) => ({
  description,
  content: { "application/json": { schema: schemaOf(schema, outputSchema) } },
});
export const jsonBody = (schema: z.ZodType | string) => ({ required: true, content: { "application/json": { schema: schemaOf(schema, inputSchema) } } });
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
export const idParameter = (description: string) => [{ name: "id", in: "path", required: true, description, schema: { type: "string", format: "uuid" } }];

export const unauthorized = problem("Missing or invalid token");
export const methodNotAllowed = problem("Method not allowed (see the Allow header)");
