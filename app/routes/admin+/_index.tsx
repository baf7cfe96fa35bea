import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recentAuditEntries } from "~/services/audit.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "auditLog:read", { type: "auditLog" });
  return { rows: await recentAuditEntries(context) };
}

export default function AdminPage() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <section className="stack">
      <h1>{t("admin.title")}</h1>
      <p>
        <Link to="/admin/certifications">{t("certAdmin.link")}</Link>
      </p>
      <h2>{t("admin.audit")}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.when")}</th>
              <th scope="col">{t("admin.actor")}</th>
              <th scope="col">{t("admin.action")}</th>
              <th scope="col">{t("admin.entity")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.created_at, locale)}</td>
                <td>{r.actor ?? "—"}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.entity_type} <code>{r.entity_id.slice(0, 8)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
