import { japanDateOf, requirementStatus, type CertificateRecord, type RequirementStatus } from "~/domain/certifications/validity";
import { certificationGateTypes, holdsValidCertificate } from "~/domain/comparison/ranking-input";
import type { Rfq } from "~/domain/rfq/schema";
import { certificationTypeLabel } from "~/domain/vendor/catalog";
import { t, type Locale } from "~/i18n";

// What the quote form and the quote API tell a vendor before it submits (issue 14, item 14): the
// mandatory certifications it would fail at the opening. The list of gates and what passes one are the
// ranking's own (certificationGateTypes, holdsValidCertificate in app/domain/comparison/ranking-input.ts),
// so the warning and the disqualification cannot disagree.

export type CertificationWarningStatus = Exclude<RequirementStatus, "satisfied"> | "expiresBeforeOpening";

export interface CertificationWarning {
  code: "mandatoryCertification";
  /** The certification type, as in the RFQ's requirements (e.g. `privacy_mark`, `custom:…`). */
  certification: string;
  /** Why it fails: held by none, awaiting verification, rejected, expired, not yet valid — or valid today but lapsing before the deadline. */
  status: CertificationWarningStatus;
}

/**
 * The mandatory certifications the vendor's certificates do not satisfy on the day quotes open (the
 * deadline's date in Japan; today when there is none), each with the status it has today. Empty when
 * nothing stands in the way of the quote being ranked.
 */
export function mandatoryCertificationWarnings(
  rfq: Pick<Rfq, "criteria" | "requiredCertifications">,
  certs: readonly CertificateRecord[],
  now: Date,
  deadline: Date | null,
): CertificationWarning[] {
  const today = japanDateOf(now);
  const openingDay = deadline && deadline > now ? japanDateOf(deadline) : today;
  return certificationGateTypes(rfq).flatMap((type): CertificationWarning[] => {
    if (holdsValidCertificate(certs, type, openingDay)) return [];
    const status = requirementStatus({ type }, certs, today).status;
    return [{ code: "mandatoryCertification", certification: type, status: status === "satisfied" ? "expiresBeforeOpening" : status }];
  });
}

/** The warning in the reader's language, as the quote form shows it and the quote API answers it. */
export function certificationWarningMessage(w: CertificationWarning, locale: Locale): string {
  const status = w.status === "expiresBeforeOpening" ? t(locale, "quoteForm.warning.expiresBeforeOpening") : t(locale, `certifications.status.${w.status}`);
  return t(locale, "quoteForm.warning.mandatoryCertification", { cert: certificationTypeLabel(w.certification, locale), status });
}
