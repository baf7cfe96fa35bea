import type { BuiltInCertificationType } from "./categories";
import type { RfqMessageKey } from "./messages";
import type { RfqDraft } from "./schema";

export interface PublishProblem {
  /** Zod-style path, e.g. ["criteria", 2, "weight"], so the form can put the message beside the field. */
  path: (string | number)[];
  key: RfqMessageKey;
  /** Errors block publishing; warnings are shown on the review step and do not. */
  severity: "error" | "warning";
}

/** Certifications that answer "who may hold personal data" (seed 002: Pマーク, ISMS). */
const PERSONAL_DATA_CERTIFICATIONS: readonly string[] = ["privacy_mark", "isms_iso27001"] satisfies BuiltInCertificationType[];

type CrossFieldInput = Pick<
  RfqDraft,
  "criteria" | "scoringMethod" | "dataSensitivity" | "requiredCertifications" | "baselineCostMonthlyYen" | "visibility" | "invitedVendorIds"
>;

/**
 * Rules that involve more than one field. Shared by the complete-RFQ schema and `checkPublishable`,
 * so the API and the publish button can never disagree.
 */
export function crossFieldProblems(rfq: CrossFieldInput): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const error = (path: (string | number)[], key: RfqMessageKey) => problems.push({ path, key, severity: "error" });
  const criteria = rfq.criteria ?? [];

  criteria.forEach((criterion, index) => {
    if (!(criterion.weight > 0)) error(["criteria", index, "weight"], "rfq.criteria.weight.positive");
    // Only the absolute method needs a scale per criterion; min–max and TOPSIS derive theirs from the quotes.
    if (rfq.scoringMethod === "weighted-sum-target" && !criterion.scale) error(["criteria", index, "scale"], "rfq.criteria.scale.required");
  });

  if (rfq.dataSensitivity === "personal" || rfq.dataSensitivity === "my_number_bank") {
    const securityCerts = (rfq.requiredCertifications ?? []).filter((cert) => PERSONAL_DATA_CERTIFICATIONS.includes(cert.type));
    // The buyer may downgrade the pre-selected certification, but only on the record (a stated reason).
    const satisfied = securityCerts.some((cert) => cert.level === "mandatory" || (cert.reason ?? "").trim().length > 0);
    if (!satisfied) error(["requiredCertifications"], "rfq.requiredCertifications.securityCertNeeded");
  }

  // ROI compares TCO against the in-house cost; without a baseline every quote's ROI is unknown.
  const scoresRoi = criteria.some((criterion) => criterion.source === "price" && criterion.unit === "ratio");
  if (scoresRoi && rfq.baselineCostMonthlyYen === undefined) error(["baselineCostMonthlyYen"], "rfq.baselineCostMonthlyYen.requiredForRoi");

  if ((rfq.visibility ?? "invited") === "invited" && (rfq.invitedVendorIds ?? []).length === 0) {
    error(["invitedVendorIds"], "rfq.invitedVendorIds.required");
  }

  if (criteria.length > 0 && !criteria.some((criterion) => criterion.source === "price")) {
    problems.push({ path: ["criteria"], key: "rfq.criteria.priceMissing", severity: "warning" });
  }
  return problems;
}
