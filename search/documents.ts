import { z } from "zod";
import { categoryLabel } from "~/domain/vendor/catalog";
import { certificationTypeLabel } from "~/domain/vendor/catalog";
import { regionLabel } from "~/domain/regions";

// The vendors index document. Labels are stored in both languages so "経理" and
// "accounting" both find an accounting vendor, whatever language the profile is in.
export const VendorDocumentSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  category_labels_ja: z.array(z.string()),
  category_labels_en: z.array(z.string()),
  regions: z.array(z.string()),
  region_labels_ja: z.array(z.string()),
  region_labels_en: z.array(z.string()),
  languages: z.array(z.string()),
  team_size: z.number().int().nullable(),
  // Types of certifications that are valid today and not rejected: what "has valid X" filters on.
  certifications: z.array(z.string()),
  certification_labels: z.array(z.string()),
  certification_details: z.array(
    z.object({ type: z.string(), valid_until: z.string(), status: z.enum(["unverified", "verified", "rejected"]) }),
  ),
  track_record_count: z.number().int(),
  updated_at: z.number().int(),
});
export type VendorDocument = z.infer<typeof VendorDocumentSchema>;

export interface VendorIndexRow {
  id: string;
  name: string;
  description: string;
  categories: string[];
  regions: string[];
  languages: string[];
  team_size: number | null;
  updated_at: Date;
  certifications: { type: string; valid_from: string; valid_until: string; status: "unverified" | "verified" | "rejected" }[];
  track_record_count: number;
}

/** Maps the database row to the index document. `today` is YYYY-MM-DD in Japan. */
export function toVendorDocument(row: VendorIndexRow, today: string): VendorDocument {
  const valid = row.certifications.filter((c) => c.status !== "rejected" && c.valid_from <= today && today <= c.valid_until);
  const validTypes = [...new Set(valid.map((c) => c.type))];
  return VendorDocumentSchema.parse({
    id: row.id,
    name: row.name,
    description: row.description,
    categories: row.categories,
    category_labels_ja: row.categories.map((c) => categoryLabel(c, "ja")),
    category_labels_en: row.categories.map((c) => categoryLabel(c, "en")),
    regions: row.regions,
    region_labels_ja: row.regions.map((r) => regionLabel(r, "ja")),
    region_labels_en: row.regions.map((r) => regionLabel(r, "en")),
    languages: row.languages,
    team_size: row.team_size,
    certifications: validTypes,
    certification_labels: validTypes.flatMap((t) => [certificationTypeLabel(t, "ja"), certificationTypeLabel(t, "en")]),
    certification_details: row.certifications.map((c) => ({ type: c.type, valid_until: c.valid_until, status: c.status })),
    track_record_count: row.track_record_count,
    updated_at: Math.floor(row.updated_at.getTime() / 1000),
  });
}
