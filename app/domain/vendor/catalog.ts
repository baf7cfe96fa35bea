import {
  CERTIFICATION_TYPES,
  RFQ_CATEGORIES,
  certificationTypeLabels,
  rfqCategoryLabels,
  type BuiltInCertificationType,
  type RfqCategory,
} from "~/domain/rfq/categories";

// Vendors describe themselves with the same vocabulary RFQs use, so a buyer's RFQ
// category finds vendors of that category without any mapping.
export const VENDOR_CATEGORIES = RFQ_CATEGORIES;
export type VendorCategory = RfqCategory;

export function categoryLabel(key: string, locale: "ja" | "en"): string {
  return (rfqCategoryLabels as Record<string, { ja: string; en: string }>)[key]?.[locale] ?? key;
}

export { CERTIFICATION_TYPES };
export function certificationTypeLabel(key: string, locale: "ja" | "en"): string {
  return certificationTypeLabels[key as BuiltInCertificationType]?.[locale] ?? key.replace(/^custom:/, "");
}

/** Labels for certification types: the platform's own types (rows with label_ja / label_en) first, then the built-in ones. */
export function certificationTypeLabeler(customTypes: readonly { key: string; label_ja: string; label_en: string }[], locale: "ja" | "en") {
  const custom = new Map(customTypes.map((type) => [type.key, type[`label_${locale}` as const]]));
  return (key: string) => custom.get(key) ?? certificationTypeLabel(key, locale);
}
