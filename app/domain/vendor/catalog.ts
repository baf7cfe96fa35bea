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
