import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listQuotesOfVendor } from "../../db/queries/quotes";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (user.activeOrg?.kind !== "vendor") throw new Response("Forbidden", { status: 403 });
  const now = context.clock.now();
  const rows = await listQuotesOfVendor(context.db, user.activeOrg.id);
  return Response.json({
    rows: rows.map(({ tco: _tco, ...r }) => ({
      ...r,
      rfq_effective: effectiveStatus({ status: r.rfq_status, quoteDeadline: r.quote_deadline?.toISOString() }, now),
      needs_reconfirmation: r.status === "submitted" && r.rfq_version < r.rfq_current_version,
    })),
  });
}

type Row = { id: string; rfq_id: string; rfq_title: string; buyer_name: string; quote_deadline: string; rfq_effective: string; status: string; current_version: number; contract_value: number | null; needs_reconfirmation: boolean };

export default function VendorQuotes() {
  const { rows } = useLoaderData<{ rows: Row[] }>();
  const { t, locale } = useI18n();
  return (
    <section className="stack">
      <h1>{t("quotes.list.title")}</h1>
      {rows.length === 0 ? <p className="empty">{t("quotes.list.empty")}</p> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.title")}</th>
                <th scope="col">{t("rfq.market.buyer")}</th>
                <th scope="col">{t("rfq.list.deadline")}</th>
                <th scope="col">{t("rfq.list.status")}</th>
                <th scope="col">{t("quotes.totals.excl")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="vendor-quote-row">
                  <td>
                    <Link to={`/rfqs/${r.rfq_id}/quote`}>{r.rfq_title}</Link>
                  </td>
                  <td>{r.buyer_name}</td>
                  <td>
                    {formatDateTime(r.quote_deadline, locale)} <span className="muted small">{t(`rfq.status.${r.rfq_effective}`)}</span>
                  </td>
                  <td>
                    <span className={`status status-${r.status}`}>{t(`quotes.status.${r.status}`)}</span>
                    {r.current_version ? <span className="muted small"> v{r.current_version}</span> : null}
                    {r.needs_reconfirmation ? <span className="badge warn">{t("quotes.needsReconfirmation")}</span> : null}
                  </td>
                  <td>{r.contract_value !== null ? formatYen(r.contract_value, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
