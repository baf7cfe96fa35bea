import { certificationTypeLabel } from "~/domain/vendor/catalog";
import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type CertificationView = { type: string; valid_until: string; status: "unverified" | "verified" | "rejected" };

/** Certification badges with validity: expired and rejected ones are shown as such, never as if they counted. */
export function CertificationBadges({ certifications, today }: { certifications: CertificationView[]; today: string }) {
  const { t, locale } = useI18n();
  if (certifications.length === 0) return <span className="muted">{t("common.none")}</span>;
  return (
    <ul className="badges">
      {certifications.map((c) => {
        const expired = c.valid_until < today;
        const state = c.status === "rejected" ? "rejected" : expired ? "expired" : c.status;
        return (
          <li key={`${c.type}-${c.valid_until}`} className={`badge cert cert-${state}`}>
            <strong>{certificationTypeLabel(c.type, locale)}</strong>{" "}
            <span>
              {state === "expired"
                ? t("vendors.expired")
                : state === "rejected"
                  ? t("vendors.rejected")
                  : `${t("vendors.validUntil", { date: formatDate(c.valid_until, locale) })} · ${t(state === "verified" ? "vendors.verified" : "vendors.unverified")}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
