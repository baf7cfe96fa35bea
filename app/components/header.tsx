import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { AnyMessageKey } from "~/i18n";
import { useI18n, useRootData } from "~/utils/use-i18n";
import { CsrfInput } from "./csrf-input";

type NavItem = { to: string; key: AnyMessageKey };

/** Navigation depends on what the active organisation is: buyers look for vendors, vendors keep their profile. */
function navFor(kind: string | undefined, isAdmin: boolean): NavItem[] {
  const items: NavItem[] = [{ to: "/", key: "nav.home" }];
  if (kind === "buyer" || kind === "advisory") items.push({ to: "/rfqs", key: "nav.rfqs" });
  if (kind === "buyer") items.push({ to: "/approvals", key: "approvals.nav" });
  // One way in to find work for a vendor: the list, which leads on to the keyword search.
  if (kind === "vendor") items.push({ to: "/rfqs", key: "nav.marketplace" }, { to: "/quotes", key: "nav.quotes" });
  if (kind === "buyer" || kind === "advisory" || isAdmin) items.push({ to: "/vendors", key: "nav.vendors" });
  if (kind === "vendor") items.push({ to: "/vendor/profile", key: "nav.vendorProfile" });
  if (kind === "vendor") items.push({ to: "/vendor/certifications", key: "profile.certifications" });
  // After the award: contracts, invoices (and the 取引書類) behind one entry, for both parties.
  if (kind === "buyer" || kind === "vendor") items.push({ to: "/contracts", key: "billing.nav" });
  if (kind === "buyer" || kind === "vendor" || kind === "advisory") items.push({ to: "/benchmarks", key: "benchmarks.nav" });
  if (kind) items.push({ to: "/settings", key: "nav.settings" });
  if (isAdmin) items.push({ to: "/admin", key: "nav.admin" });
  return items;
}

export function Header() {
  const data = useRootData();
  const { t, locale } = useI18n();
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  const nav = user ? navFor(user.activeOrg?.kind, user.isPlatformAdmin) : [];
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <div className="header-inner">
        <Link to="/" className="brand" aria-label="Kurabe">
          <span className="brand-mark" aria-hidden="true">
            比
          </span>
          <span>Kurabe</span>
        </Link>
        <nav aria-label={t("nav.menu")} className="main-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <Form method="post" action="/set-language" className="lang-switch" aria-label={t("nav.language")}>
            <CsrfInput />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" name="lang" value="ja" aria-pressed={locale === "ja"} lang="ja">
              日本語
            </button>
            <button type="submit" name="lang" value="en" aria-pressed={locale === "en"} lang="en">
              English
            </button>
          </Form>
          {user ? (
            <div className="user-box">
              {user.memberships.length > 1 ? (
                <Form method="post" action="/switch-org" className="org-switch">
                  <CsrfInput />
                  <label className="visually-hidden" htmlFor="org-switch">
                    {t("nav.switchOrg")}
                  </label>
                  <select id="org-switch" name="orgId" defaultValue={user.activeOrg?.id}>
                    {user.memberships.map((m) => (
                      <option key={m.orgId} value={m.orgId}>
                        {m.orgName}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t("nav.switchOrg")}</button>
                </Form>
              ) : (
                <span className="org-name">
                  {user.activeOrg?.name}
                  {user.activeOrg ? <span className="badge">{t(`role.${user.activeOrg.kind}`)}</span> : null}
                </span>
              )}
              {user.approvals > 0 ? (
                <Link to="/approvals" className="notif-link" data-testid="approvals-badge">
                  {t("approvals.title")}{" "}
                  <span className="badge warn" aria-label={t("approvals.badge", { count: user.approvals })}>
                    {user.approvals}
                  </span>
                </Link>
              ) : null}
              <Link to="/notifications" className="notif-link">
                {t("nav.notifications")}
                {user.unread > 0 ? (
                  <span className="badge warn" data-testid="unread-count">
                    {user.unread}
                  </span>
                ) : null}
              </Link>
              <Link to="/settings/security" className="user-name" title={t("security.title")}>
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <CsrfInput />
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </div>
          ) : (
            <div className="user-box">
              <Link to="/login">{t("nav.login")}</Link>
              <Link to="/signup" className="button small">
                {t("nav.signup")}
              </Link>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
