import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { settingsTabs } from "~/domain/permissions";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { useI18n } from "~/utils/use-i18n";

// Every member of an organisation opens its settings; which tabs it sees (and whether it may change
// anything there) comes from the one permission table (settingsTabs in app/domain/permissions.ts).

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "organization:read", { type: "organization", id: user.activeOrg?.id ?? "" });
  return { tabs: settingsTabs(user.actor) };
}

const TAB_LABEL = {
  organization: "settings.tab.organization",
  members: "nav.members",
  approvals: "settings.tab.approvals",
  invoices: "settings.tab.invoices",
  payouts: "settings.tab.payouts",
  evaluators: "settings.tab.evaluators",
  tokens: "nav.tokens",
  security: "settings.tab.security",
} as const;

export default function SettingsLayout() {
  const { tabs } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("nav.settings")}</h1>
      <nav className="tabs" aria-label={t("nav.settings")}>
        {tabs.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end>
            {t(TAB_LABEL[tab.key])}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
