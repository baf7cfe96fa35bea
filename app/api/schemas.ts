import { z } from "zod";
import { VENDOR_CATEGORIES } from "~/domain/vendor/catalog";

// Response and query shapes of /api/v1, as zod schemas: the handlers parse with them and
// openapi.ts turns the same schemas into the OpenAPI document, so the two cannot drift.

export const MeResponse = z.object({
  user: z.object({ id: z.string().uuid(), email: z.string().email(), name: z.string(), locale: z.enum(["ja", "en"]) }),
  organization: z.object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(["buyer", "vendor", "advisory", "platform"]),
    role: z.enum(["owner", "member"]),
  }),
});

export const Certification = z.object({
  type: z.string(),
  number: z.string(),
  issuer: z.string(),
  validFrom: z.string().describe("YYYY-MM-DD"),
  validUntil: z.string().describe("YYYY-MM-DD"),
  status: z.enum(["unverified", "verified", "rejected"]),
  validToday: z.boolean(),
});

export const Vendor = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  regions: z.array(z.string()),
  languages: z.array(z.string()),
  teamSize: z.number().int().nullable(),
  certifications: z.array(Certification),
});

export const VendorListQuery = z.object({
  category: z.enum(VENDOR_CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

export const VendorListResponse = z.object({ data: z.array(Vendor), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        field: z.string().optional().describe("The field in words, in the caller's language (e.g. 評価基準1「TCO」の目標スケール), where known"),
        message: z.string(),
      }),
    )
    .optional(),
});
