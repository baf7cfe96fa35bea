import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { markAllNotificationsRead, notificationsOf } from "~/services/notifications.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// Reading the list changes nothing (a GET may be prefetched, replayed or triggered cross-site by an
// <img>); the reader marks what they have seen with the button, a POST with the CSRF token.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const items = await notificationsOf(context, user.id);
  // A platform admin acting for no buyer or vendor reads invoices on the admin's invoice page.
  const kind = user.actor.org?.kind;
  const invoiceBase = user.actor.isPlatformAdmin && kind !== "buyer" && kind !== "vendor" ? "/admin/invoices" : "/invoices";
  return { items, invoiceBase };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await readForm(request, context);
  await markAllNotificationsRead(context, user.id);
  return redirect("/notifications", { headers: { "Set-Cookie": await toastHeader(context, { key: "notifications.markedRead" }) } });
}

/**
 * Where a notice leads: the page it names (a contract's deliveries, measurements, change request, review, rating), else
 * the invoice it is about (both parties read it there; an admin on the admin page), else its RFQ.
 */
function hrefOf(payload: { rfqId?: string; invoiceId?: string; href?: string }, invoiceBase: string): string | null {
  if (payload.href?.startsWith("/")) return payload.href;
  if (payload.invoiceId) return `${invoiceBase}/${payload.invoiceId}`;
  if (payload.rfqId) return `/rfqs/${payload.rfqId}`;
  return null;
}

export default function Notifications() {
  const { items, invoiceBase } = useLoaderData<typeof loader>();
  const { t, translateOrPassThrough, locale } = useI18n();
  const unread = items.some((n) => !n.read_at);
  return (
    <section className="stack">
      <h1>{t("notifications.title")}</h1>
      {items.length === 0 ? <p className="empty">{t("notifications.none")}</p> : null}
      {unread ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      <ul className="result-list">
        {items.map((n) => (
          <li key={n.id} className={`card ${n.read_at ? "" : "unread"}`} data-testid="notification">
            {hrefOf(n.payload, invoiceBase) ? (
              <Link to={hrefOf(n.payload, invoiceBase)!}>
                {translateOrPassThrough(`notifications.${n.kind}`, { title: n.payload.title ?? "", reason: n.payload.reason ?? "" })}
              </Link>
            ) : (
              translateOrPassThrough(`notifications.${n.kind}`, { title: "" })
            )}
            <span className="muted small"> · {formatDateTime(n.created_at, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
