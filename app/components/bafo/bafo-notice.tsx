import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { vendorBafo } from "~/services/bafo.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// On the vendor's quote page: the BAFO invitation with its deadline and a link to the form, the
// "submitted" note, or the "out of this round" notice. Nothing when the RFQ has no round.

export type VendorBafo = SerializeFrom<NonNullable<Awaited<ReturnType<typeof vendorBafo>>>>;

export function BafoNotice({ bafo }: { bafo: VendorBafo | null }) {
  const { t, locale } = useI18n();
  if (!bafo || bafo.state === "none") return null;
  if (bafo.state === "out") {
    return bafo.phase === "cancelled" ? null : (
      <p className="notice" data-testid="bafo-out">
        {t("bafo.vendor.out")}
      </p>
    );
  }
  return (
    <div className="notice" data-testid="bafo-invited">
      {bafo.phase === "cancelled" ? (
        <p>{t("bafo.round.cancelled")}</p>
      ) : bafo.submittedVersion !== null ? (
        <p>{t("bafo.vendor.submittedNotice", { version: bafo.submittedVersion })}</p>
      ) : bafo.phase === "closed" ? (
        <p>{t("bafo.round.closed")}</p>
      ) : (
        <p>
          {t("bafo.vendor.invited", { deadline: formatDateTime(bafo.deadline, locale) })}{" "}
          <Link to={`/quotes/${bafo.quoteId}/bafo`}>{t("bafo.vendor.form")}</Link>
        </p>
      )}
    </div>
  );
}
