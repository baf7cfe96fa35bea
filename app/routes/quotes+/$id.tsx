import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuoteTotals } from "~/components/quote/quote-totals";
import { QuoteAttachmentsSection } from "~/components/attachments";
import { QuoteAnnotations } from "~/components/comparison/annotations";
import { annotationsFor } from "~/services/annotations.server";
import { LowPricePanel } from "~/components/quote/low-price-panel";
import { lowPricePanelData } from "~/services/low-quote-explanations.server";
import { formatCriterionValue } from "~/components/rfq/rfq-view";
import { quoteDetails, readQuote } from "~/services/quotes.server";
import { quoteAttachmentsFor } from "~/services/attachments.server";
import { readerVisibility } from "~/services/evaluation.server";
import { requireUser } from "~/utils/auth.server";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";

// One quote in full, for its buyer and the advisors it assigned to the RFQ, once the bids are opened. Its own
// vendor works on the quote page of the RFQ instead; anyone else gets the same 404 as for an id that does not exist.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const found = await readQuote(context, user.actor, params.id ?? "", "page");
  invariantResponse(found);
  if (found.as === "vendor") throw redirect(`/rfqs/${found.quote.rfq_id}/quote`);
  const { content, rfq, normalized } = await quoteDetails(context, found.quote);
  // Price later (two envelopes): an evaluator who has not submitted reads the proposal without its price lines,
  // totals, TCO or ROI (decision 0046) — they are left out of the data, not just the markup.
  const { seesPrice } = await readerVisibility(context, user.actor, found.quote.rfq_id);
  const { unitPrices: _prices, oneOffFees: _fees, paymentSchedule: _schedule, ...unpriced } = content;
  return {
    quote: {
      id: found.quote.id,
      rfqId: found.quote.rfq_id,
      vendorName: found.quote.vendor_name,
      status: found.quote.status,
      version: found.quote.current_version,
      content: seesPrice ? content : unpriced,
    },
    rfq,
    seesPrice,
    normalized: seesPrice ? normalized : null,
    attachments: (await quoteAttachmentsFor(context, user.actor, found.quote.id)) ?? [],
    // The buyer's and the advisors' annotations and clarifications on this quote (never on the vendor's page).
    annotations: await annotationsFor(context, user.actor, found.quote.rfq_id, found.quote.id),
    // The abnormally low price panel (anchor #low-price): buyer side only, figures withheld under price later.
    lowPrice: await lowPricePanelData(context, user.actor, found.quote.id),
  };
}

export default function QuoteDetail() {
  const { quote, rfq, normalized, attachments, seesPrice, annotations } = useLoaderData<typeof loader>();
  const { t, translateOrPassThrough, locale } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${quote.rfqId}`}>← {rfq?.title}</Link>
      </p>
      <div className="title-row">
        <h1>{t("quotes.detail.title", { vendor: quote.vendorName })}</h1>
        <span className={`status status-${quote.status}`}>
          {translateOrPassThrough(`quotes.status.${quote.status}`)} · v{quote.version}
        </span>
      </div>
      <LowPriceSection />
      <QuoteAttachmentsSection quoteId={quote.id} files={attachments} intro={t("attachments.quote.buyerIntro")} />
      {seesPrice ? (
        <section className="card">
          <h2>{t("quotes.totals.title")}</h2>
          <QuoteTotals totals={normalized} />
        </section>
      ) : (
        <p className="notice" data-testid="price-later-notice">
          {t("evaluation.priceLater.quoteHidden")} <Link to={`/rfqs/${quote.rfqId}/evaluation/rate`}>{t("evaluation.rate.link")}</Link>
        </p>
      )}
      <section className="card" hidden={!seesPrice}>
        <h2>{t("quotes.form.lines")}</h2>
        <table className="table">
          <tbody>
            {normalized?.lines.map((l) => (
              <tr key={l.code}>
                <td>
                  <code>{l.code}</code> {rfq?.lineItems.find((x) => x.code === l.code)?.description}
                </td>
                <td>{formatYen(l.unitPrice, locale)}</td>
                <td>
                  × {l.quantity} × {l.payments}
                </td>
                <td>{formatYen(l.amountAsEntered, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t("quotes.form.kpis")}</h2>
        <dl className="facts">
          {rfq?.criteria
            .filter((c) => c.source === "kpi_commitment")
            .map((c) => (
              <div key={c.key} className="contents">
                <dt>{(locale === "en" && c.label.en) || c.label.ja}</dt>
                <dd>{formatCriterionValue(c.unit, quote.content.kpiCommitments?.[c.key], locale)}</dd>
              </div>
            ))}
          <dt>{t("quotes.form.leadTime")}</dt>
          <dd>{quote.content.leadTimeDays}</dd>
        </dl>
      </section>
      <section className="card">
        <dl className="facts">
          {(["assumptions", "exceptions", "team"] as const).map((k) =>
            quote.content[k] ? (
              <div key={k} className="contents">
                <dt>{t(`quotes.form.${k}`)}</dt>
                <dd className="prewrap">{quote.content[k]}</dd>
              </div>
            ) : null,
          )}
          {quote.content.pastWork?.text ? (
            <>
              <dt>{t("quotes.form.pastWork")}</dt>
              <dd className="prewrap">
                {quote.content.pastWork.text}
                {quote.content.pastWork.links.map((l) => (
                  <div key={l}>
                    <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                      {l}
                    </a>
                  </div>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {annotations ? <QuoteAnnotations data={annotations} rfqId={quote.rfqId} quoteId={quote.id} back={`/quotes/${quote.id}`} /> : null}
    </article>
  );
}

/** The abnormally low price panel, when the quote is flagged or asked about (buyer side; anchor #low-price). */
function LowPriceSection() {
  const { lowPrice } = useLoaderData<typeof loader>();
  return lowPrice ? <LowPricePanel data={lowPrice} /> : null;
}
