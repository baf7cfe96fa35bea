import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { useI18n } from "~/utils/use-i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "organization:manageMembers", { type: "organization", id: user.activeOrg?.id ?? "" });
  return null;
}

export default function SettingsLayout() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("nav.settings")}</h1>
      <nav className="tabs" aria-label={t("nav.settings")}>
        <NavLink to="/settings/members">{t("nav.members")}</NavLink>
        <NavLink to="/settings/tokens">{t("nav.tokens")}</NavLink>
      </nav>
      <Outlet />
    </section>
  );
}
