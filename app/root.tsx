import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Header } from "~/components/header";
import { ToastMessage } from "~/components/toast";
import { t } from "~/i18n";
import { countUnreadNotifications } from "../db/queries/notifications";
import { countPendingApprovals } from "~/services/approval-decisions.server";
import { enforceTwoFactorSetup, getCurrentUser } from "~/utils/auth.server";
import { ensureCsrfToken } from "~/utils/csrf.server";
import { getLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, user, csrf, toast, searchHealthy] = await Promise.all([
    getLocale(request, context),
    getCurrentUser(request, context),
    ensureCsrfToken(request, context),
    readToast(request, context),
    context.searchHealthy(),
  ]);
  // Every page, also those that do not require a user (the home page): a member who must set up two-factor
  // sign-in sees nothing else first (decision 0052).
  enforceTwoFactorSetup(request, user);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  if (toast.clear) headers.append("Set-Cookie", toast.clear);
  return Response.json(
    {
      locale,
      csrf: csrf.token,
      searchDegraded: !searchHealthy,
      toast: toast.toast ? { text: t(locale, toast.toast.key, toast.toast.params), kind: toast.toast.kind ?? "success", id: String(Date.now()) } : null,
      user: user
        ? {
            name: user.name,
            email: user.email,
            isPlatformAdmin: user.isPlatformAdmin,
            activeOrg: user.activeOrg,
            memberships: user.memberships,
            unread: await countUnreadNotifications(context.db, user.id),
            // 承認待ち: proposals waiting for this member's decision (buyer organisations only).
            approvals: user.actor.org?.kind === "buyer" ? await countPendingApprovals(context, user.actor) : 0,
          }
        : null,
    },
    { headers },
  );
}

export type RootData = {
  locale: "ja" | "en";
  csrf: string;
  searchDegraded: boolean;
  toast: { text: string; kind: string; id: string } | null;
  user: {
    name: string;
    email: string;
    isPlatformAdmin: boolean;
    activeOrg: { id: string; name: string; kind: "buyer" | "vendor" | "advisory" | "platform"; role: "owner" | "member" } | null;
    memberships: { orgId: string; orgName: string; orgKind: string; role: string }[];
    unread: number;
    approvals: number;
  } | null;
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const locale = data?.locale ?? "ja";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        {data?.searchDegraded && data.user ? (
          <div className="banner banner-warning" role="status" data-testid="search-degraded">
            {t(locale, "health.degraded")}
          </div>
        ) : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Kurabe — {t(locale, "app.tagline")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<RootData>();
  return (
    <>
      <ToastMessage toast={data.toast} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
