import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { platformStats } from "~/services/vendors.server";
import { getCurrentUser } from "~/utils/auth.server";
import { formatNumber } from "~/utils/format";
import { useI18n, useRootData } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "Kurabe — 見積比較 / Quote comparison" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const stats = await platformStats(context);
  return { signedIn: Boolean(user), stats };
}

export default function Index() {
  const { signedIn, stats } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const root = useRootData();
  const user = root?.user;
  if (!signedIn || !user) {
    return (
      <section className="hero">
        <h1>{t("home.hero.title")}</h1>
        <p className="lead">{t("home.hero.body")}</p>
        <p className="actions">
          <Link to="/signup" className="button primary">
            {t("home.cta.signup")}
          </Link>
          <Link to="/login" className="button">
            {t("nav.login")}
          </Link>
        </p>
        <dl className="stats">
          <div>
            <dt>{t("home.stats.vendors")}</dt>
            <dd>{formatNumber(stats.vendors, locale)}</dd>
          </div>
          <div>
            <dt>{t("home.stats.certifications")}</dt>
            <dd>{formatNumber(stats.certifications, locale)}</dd>
          </div>
        </dl>
      </section>
    );
  }
  const kind = user.activeOrg?.kind ?? "buyer";
  return (
    <section>
      <h1>{t("home.welcome", { name: user.name })}</h1>
      {user.activeOrg ? <p className="lead">{t("home.youAreIn", { org: user.activeOrg.name, kind: t(`role.${kind}`) })}</p> : null}
      <div className="card">
        <p>{t(`home.next.${kind}`)}</p>
        <p className="actions">
          {kind === "vendor" ? (
            <>
              <Link to="/rfqs" className="button primary">
                {t("nav.marketplace")}
              </Link>
              <Link to="/vendor/profile" className="button">
                {t("nav.vendorProfile")}
              </Link>
            </>
          ) : kind === "buyer" ? (
            <>
              <Link to="/rfqs/new" className="button primary">
                {t("rfq.list.new")}
              </Link>
              <Link to="/rfqs" className="button">
                {t("nav.rfqs")}
              </Link>
              <Link to="/vendors" className="button">
                {t("nav.vendors")}
              </Link>
            </>
          ) : (
            <Link to="/vendors" className="button primary">
              {t("nav.vendors")}
            </Link>
          )}
        </p>
      </div>
      <dl className="stats">
        <div>
          <dt>{t("home.stats.vendors")}</dt>
          <dd>{formatNumber(stats.vendors, locale)}</dd>
        </div>
        <div>
          <dt>{t("home.stats.certifications")}</dt>
          <dd>{formatNumber(stats.certifications, locale)}</dd>
        </div>
      </dl>
    </section>
  );
}
