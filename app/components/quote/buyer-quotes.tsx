import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { quotesOfRfqForBuyer } from "~/services/quotes.server";
import { formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

/** The buyer's quotes as the service returns them, after the loader's JSON. */
export type BuyerQuotes = SerializeFrom<NonNullable<Awaited<ReturnType<typeof quotesOfRfqForBuyer>>>>;

/** While sealed the buyer sees a count and the opening time; afterwards the offers, cheapest TCO first. */
export function BuyerQuotesSection({ data }: { data: BuyerQuotes }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" data-testid="buyer-quotes">
      <h2>{t("quotes.buyer.title")}</h2>
      {data.sealed ? (
        <p data-testid="sealed-count">
          {data.cancelled
            ? t("quotes.buyer.sealedCancelled", { n: data.counts.received })
            : t("quotes.buyer.sealed", { n: data.counts.received, date: data.opensAt ? formatDateTime(data.opensAt, locale) : "—" })}
        </p>
      ) : data.quotes.length === 0 ? (
        <p className="muted">{t("quotes.buyer.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("quotes.buyer.vendor")}</th>
              <th scope="col">{t("rfq.list.status")}</th>
              <th scope="col">TCO</th>
            </tr>
          </thead>
          <tbody>
            {data.quotes.map((q) => (
              <tr key={q.id} data-testid="buyer-quote-row">
                <td>
                  <Link to={`/quotes/${q.id}`}>{q.vendor_name}</Link>
                </td>
                <td>
                  {t(`quotes.status.${q.status}`)} · v{q.current_version}
                  {q.rfq_version < q.rfq_current_version ? <span className="badge warn">{t("quotes.needsReconfirmation")}</span> : null}
                </td>
                <td>{q.tco !== null ? formatYen(q.tco, locale) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
