import { NavLink } from "@remix-run/react";
import type { AnyMessageKey } from "~/i18n";
import { useI18n } from "~/utils/use-i18n";

/**
 * The tabs over one contract's pages after the award (issue 17), for both parties. The contract itself lives on
 * the side's own page (the buyer's /rfqs/:rfqId/contract, the vendor's /quotes/:quoteId/contract); every other
 * page is /contracts/:id/<tab> and decides itself what each side may see and do there.
 * A feature adds its tab to CONTRACT_TABS (one line) and its page at /contracts/:id/<path>.
 */
export const CONTRACT_TABS: readonly { path: string; label: AnyMessageKey }[] = [
  // One line per feature, in the order of the work after the award.
  { path: "deliveries", label: "afterAward.tabs.deliveries" },
  { path: "measurements", label: "afterAward.tabs.measurements" },
  { path: "changes", label: "afterAward.tabs.changes" },
  { path: "reviews", label: "afterAward.tabs.reviews" },
  { path: "rating", label: "afterAward.tabs.rating" },
];

export function ContractTabs({ contractId, contractHref }: { contractId: string; contractHref: string }) {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t("afterAward.tabs.label")}>
      <NavLink to={contractHref} end>
        {t("afterAward.tabs.contract")}
      </NavLink>
      {CONTRACT_TABS.map((tab) => (
        <NavLink key={tab.path} to={`/contracts/${contractId}/${tab.path}`}>
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}
