import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

// The settings every member may use: the organisation's details (read-only unless an owner), the
// member's own account and language, and a way to its security settings.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const org = user.activeOrg;
  invariantResponse(org, 403);
  requirePermission(user.actor, "organization:read", { type: "organization", id: org.id });
  return { org, me: { name: user.name, email: user.email } };
}

export default function OrganizationSettings() {
  const { org, me } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const here = useLocation().pathname;
  return (
    <div className="stack">
      <h2>{t("settings.org.title")}</h2>
      <dl className="facts" data-testid="org-details">
        <dt>{t("settings.org.name")}</dt>
        <dd>{org.name}</dd>
        <dt>{t("settings.org.kind")}</dt>
        <dd>{t(`role.${org.kind}`)}</dd>
        <dt>{t("settings.org.yourRole")}</dt>
        <dd>{t(`member.${org.role}`)}</dd>
      </dl>
      {org.role !== "owner" ? <p className="muted">{t("settings.readOnly")}</p> : null}

      <h2>{t("settings.profile.title")}</h2>
      <dl className="facts">
        <dt>{t("signup.name")}</dt>
        <dd>{me.name}</dd>
        <dt>{t("signup.email")}</dt>
        <dd>{me.email}</dd>
      </dl>

      <h3>{t("settings.language")}</h3>
      <p className="muted">{t("settings.language.hint")}</p>
      <Form method="post" action="/set-language" className="inline-form">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={here} />
        <button type="submit" name="lang" value="ja" lang="ja" className={locale === "ja" ? "button primary" : "button"} aria-pressed={locale === "ja"}>
          日本語
        </button>
        <button type="submit" name="lang" value="en" lang="en" className={locale === "en" ? "button primary" : "button"} aria-pressed={locale === "en"}>
          English
        </button>
      </Form>

      <h3>{t("settings.tab.security")}</h3>
      <p>
        {t("settings.security.hint")} <Link to="/settings/security">{t("security.title")}</Link>
      </p>

      <h3>{t("mailSettings.title")}</h3>
      <p>
        <Link to="/settings/notifications">{t("mailSettings.link")}</Link>
      </p>
    </div>
  );
}
