import { NavLink } from "@remix-run/react";
import { useI18n } from "~/utils/use-i18n";

/**
 * The tabs over the pages an accounting department (経理) works in after the award: contracts, invoices and the
 * 取引書類 (電子帳簿保存法 search and export, decision 0036).
 * One navigation entry ("契約・請求") leads here, so the header stays short.
 */
export function BillingTabs() {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t("billing.nav")}>
      <NavLink to="/contracts" end>
        {t("billing.tabs.contracts")}
      </NavLink>
      <NavLink to="/invoices" end>
        {t("billing.tabs.invoices")}
      </NavLink>
      <NavLink to="/records" end>
        {t("records.nav")}
      </NavLink>
    </nav>
  );
}
