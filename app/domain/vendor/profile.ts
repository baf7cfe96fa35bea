import { z } from "zod";
import { LANGUAGE_KEYS, REGION_KEYS } from "~/domain/regions";
import { VENDOR_CATEGORIES } from "./catalog";

// Multi-selects arrive as repeated form fields; a single value arrives as a string.
const toArray = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const VendorProfileSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(4000).default(""),
  categories: z.preprocess(toArray, z.array(z.enum(VENDOR_CATEGORIES)).min(1)),
  regions: z.preprocess(toArray, z.array(z.enum(REGION_KEYS)).min(1)),
  languages: z.preprocess(toArray, z.array(z.enum(LANGUAGE_KEYS))),
  teamSize: z.coerce.number().int().min(1).max(100000).optional(),
});
export type VendorProfileInput = z.infer<typeof VendorProfileSchema>;
