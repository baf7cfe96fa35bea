import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listNotifications, markNotificationsRead } from "../../db/queries/notifications";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// Reading the list marks it read: the badge in the header counts what has not been seen yet.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const items = await listNotifications(context.db, user.id);
  await markNotificationsRead(context.db, user.id, context.clock.now());
  return Response.json({ items });
}

type Item = { id: number; kind: string; payload: { rfqId?: string; title?: string }; read_at: string | null; created_at: string };

export default function Notifications() {
  const { items } = useLoaderData<{ items: Item[] }>();
  const { t, locale } = useI18n();
  return (
    <section className="stack">
      <h1>{t("notifications.title")}</h1>
      {items.length === 0 ? <p className="empty">{t("notifications.none")}</p> : null}
      <ul className="result-list">
        {items.map((n) => (
          <li key={n.id} className={`card ${n.read_at ? "" : "unread"}`} data-testid="notification">
            {n.payload.rfqId ? <Link to={`/rfqs/${n.payload.rfqId}`}>{t(`notifications.${n.kind}`, { title: n.payload.title ?? "" })}</Link> : t(`notifications.${n.kind}`, { title: "" })}
            <span className="muted small"> · {formatDateTime(n.created_at, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
