import type { RfqReviewMessageKey } from "~/i18n/messages-rfq-review";
import type { BuiltInCertificationType } from "./categories";
import { certificationCriterionType } from "./draft-assist";
import { suggestRequiredCertifications } from "./kpi-templates";
import type { RfqMessageKey } from "./messages";
import type { RfqDraft } from "./schema";

export interface PublishProblem {
  /** Zod-style path, e.g. ["criteria", 2, "weight"], so the form can put the message beside the field. */
  path: (string | number)[];
  key: RfqMessageKey | RfqReviewMessageKey;
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
  const error = (path: (string | number)[], key: PublishProblem["key"]) => problems.push({ path, key, severity: "error" });
  const criteria = rfq.criteria ?? [];

  // All weights zero is one mistake (nothing would be ranked), named once for the list rather than per row.
  const allZero = criteria.length > 0 && criteria.every((criterion) => criterion.weight === 0);
  if (allZero) error(["criteria"], "rfqReview.criteria.weights.allZero");
  criteria.forEach((criterion, index) => {
    if (!allZero && !(criterion.weight > 0)) error(["criteria", index, "weight"], "rfq.criteria.weight.positive");
    // Only the absolute method needs a scale per criterion; min–max and TOPSIS derive theirs from the quotes.
    // An evaluator-rated criterion has one already: its rating scale (1–5 or 0–100; decision 0046).
    if (rfq.scoringMethod === "weighted-sum-target" && !criterion.scale && criterion.source !== "advisor_rating")
      error(["criteria", index, "scale"], "rfq.criteria.scale.required");
  });

  const certificationRows = certificationProblems(rfq);
  if (rfq.dataSensitivity === "personal" || rfq.dataSensitivity === "my_number_bank") {
    const securityCerts = (rfq.requiredCertifications ?? []).filter((cert) => PERSONAL_DATA_CERTIFICATIONS.includes(cert.type));
    // The buyer may downgrade the pre-selected certification, but only on the record (a stated reason).
    const satisfied = securityCerts.some((cert) => cert.level === "mandatory" || (cert.reason ?? "").trim().length > 0);
    // A relaxed row without its reason is named at that row's reason instead (more precise, same fix).
    const relaxedRowNamed = certificationRows.some((problem) => problem.key === "rfqReview.cert.downgradeReasonRequired");
    if (!satisfied && !relaxedRowNamed) error(["requiredCertifications"], "rfq.requiredCertifications.securityCertNeeded");
  }
  problems.push(...certificationRows);

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

/**
 * A certification the data requires (the template's 必須, e.g. プライバシーマーク for personal data) may be
 * relaxed to 推奨 only on the record: the row's reason, shown to buyer and vendors. And the evaluation
 * table must say what the ranking does: a certification criterion gates exactly when its requirement is
 * mandatory (the save keeps them in step, see `syncCertificationGates`; this catches API input that does not).
 */
function certificationProblems(rfq: Pick<CrossFieldInput, "dataSensitivity" | "requiredCertifications" | "criteria">): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const certifications = rfq.requiredCertifications ?? [];
  const mandatoryByTemplate = new Set(
    suggestRequiredCertifications(rfq.dataSensitivity ?? "none")
      .filter((requirement) => requirement.level === "mandatory")
      .map((requirement) => requirement.type as string),
  );
  certifications.forEach((certification, index) => {
    if (certification.level === "preferred" && mandatoryByTemplate.has(certification.type) && (certification.reason ?? "").trim() === "") {
      problems.push({ path: ["requiredCertifications", index, "reason"], key: "rfqReview.cert.downgradeReasonRequired", severity: "error" });
    }
  });
  (rfq.criteria ?? []).forEach((criterion, index) => {
    const type = certificationCriterionType(criterion);
    const requirement = type ? certifications.find((certification) => certification.type === type) : undefined;
    if (!requirement) return;
    const gated = criterion.gate !== undefined && "required" in criterion.gate;
    if (gated !== (requirement.level === "mandatory"))
      problems.push({ path: ["criteria", index, "gate"], key: "rfqReview.cert.gateMismatch", severity: "error" });
  });
  return problems;
}
