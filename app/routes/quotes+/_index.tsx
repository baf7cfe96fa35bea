import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { vendorQuoteSummaries } from "~/services/quote-api.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The vendor's own quotes: the same vendor-facing projection as GET /api/v1/vendor/quotes.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const rows = await vendorQuoteSummaries(context, user.actor);
  if (!rows) throw new Response("Forbidden", { status: 403 });
  return { rows };
}

export default function VendorQuotes() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, translateOrPassThrough, locale } = useI18n();
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
                    <Link to={`/rfqs/${r.rfq.id}/quote`}>{r.rfq.title}</Link>
                  </td>
                  <td>{r.rfq.buyerName}</td>
                  <td>
                    {r.rfq.quoteDeadline ? formatDateTime(r.rfq.quoteDeadline, locale) : "—"}{" "}
                    <span className="muted small">{translateOrPassThrough(`rfq.status.${r.rfq.status}`)}</span>
                  </td>
                  <td>
                    <span className={`status status-${r.status}`}>{translateOrPassThrough(`quotes.status.${r.status}`)}</span>
                    {r.version ? <span className="muted small"> v{r.version}</span> : null}
                    {r.needsReconfirmation ? <span className="badge warn">{t("quotes.needsReconfirmation")}</span> : null}
                  </td>
                  <td>{r.contractValueExcludingTax !== null ? formatYen(r.contractValueExcludingTax, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
