import { Link } from "@remix-run/react";
import { useI18n } from "~/utils/use-i18n";

/**
 * The vendor's way to its own track record as buyers see it (issue 17 item 8): the public profile, and in two
 * sentences how its evidence is counted (only confirmed facts; recent ones weigh more).
 */
export function OwnTrackRecord({ vendorId }: { vendorId: string }) {
  const { t } = useI18n();
  return (
    <aside className="card stack" data-testid="own-track-record">
      <h2>{t("trackRecord.own.title")}</h2>
      <p>{t("trackRecord.own.body")}</p>
      <p>
        <Link to={`/vendors/${vendorId}`}>{t("trackRecord.own.link")}</Link>
      </p>
    </aside>
  );
}
