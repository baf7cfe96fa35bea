import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Highlight } from "~/components/highlight";
import { label } from "~/components/rfq/labels";
import { CERTIFICATION_TYPES, RFQ_CATEGORIES } from "~/domain/rfq/categories";
import { CERT_FITS, DEADLINE_WINDOWS, hasRfqSearchFilters, parseRfqSearchParams, rfqSearchHref } from "~/domain/rfq/search-params";
import { searchRfqs } from "~/services/rfq-search.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "案件を検索 / Search RFQs — Kurabe" }];

// The whole search lives in the query string (a GET form), so a search can be bookmarked and shared.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "rfq:search", { type: "rfqs" });
  const query = parseRfqSearchParams(new URL(request.url).searchParams);
  const result = await searchRfqs(context, user.actor, query);
  if (!result) throw new Response("Forbidden", { status: 403 });
  return { query, result };
}

function Facet({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

function Count({ n }: { n: number | undefined }) {
  return n === undefined ? null : <span className="count">{n}</span>;
}

export default function RfqSearchPage() {
  const { query, result } = useLoaderData<typeof loader>();
  const { t, translateOrPassThrough, locale } = useI18n();
  const facets = result.mode === "search" ? result.facets : null;
  const vendor = result.reader === "vendor";
  const lastPage = result.mode === "search" ? Math.max(1, Math.ceil(result.total / query.perPage)) : null;
  const hasNext = result.mode === "search" ? query.page < (lastPage ?? 1) : result.hasMore;
  const filtered = hasRfqSearchFilters(query);
  // With counts, a value nobody could pick (0) is left out unless it is selected.
  const shown = <T extends string>(values: readonly T[], selected: readonly string[], counts: Record<string, number> | undefined) =>
    values.filter((v) => !counts || counts[v] || selected.includes(v));

  return (
    <section className="stack">
      <h1>{t(vendor ? "rfqSearch.title" : "rfqSearch.titleBuyer")}</h1>
      <p className="lead">{t(vendor ? "rfqSearch.intro" : "rfqSearch.introBuyer")}</p>
      <Form method="get" className="search-layout" role="search">
        <div className="search-bar">
          <label htmlFor="q" className="visually-hidden">
            {t("rfqSearch.query")}
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q} placeholder={t("rfqSearch.queryPlaceholder")} maxLength={200} />
          <select name="sort" defaultValue={query.sort} aria-label={t("rfqSearch.sort")}>
            <option value="relevance">{t("rfqSearch.sort.relevance")}</option>
            <option value="deadline">{t("rfqSearch.sort.deadline")}</option>
            <option value="newest">{t("rfqSearch.sort.newest")}</option>
          </select>
          <button type="submit" className="button primary">
            {t("rfqSearch.submit")}
          </button>
        </div>
        <aside className="facets" aria-label="filters">
          <Facet legend={t("rfqSearch.filterCategory")}>
            {shown(RFQ_CATEGORIES, query.categories, facets?.category).map((c) => (
              <label key={c}>
                <input type="checkbox" name="category" value={c} defaultChecked={query.categories.includes(c)} />
                {label("category", c, locale)}
                <Count n={facets ? (facets.category[c] ?? 0) : undefined} />
              </label>
            ))}
          </Facet>
          {facets ? (
            <>
              <Facet legend={t("rfqSearch.filterCertification")}>
                {shown(CERTIFICATION_TYPES, query.certifications, facets.required_certifications).map((c) => (
                  <label key={c}>
                    <input type="checkbox" name="cert" value={c} defaultChecked={query.certifications.includes(c)} />
                    {label("certification", c, locale)}
                    <Count n={facets.required_certifications[c] ?? 0} />
                  </label>
                ))}
              </Facet>
              <Facet legend={t("rfqSearch.filterDeadline")}>
                <label>
                  <input type="radio" name="deadline" value="" defaultChecked={query.deadline === null} />
                  {t("rfqSearch.deadlineAny")}
                </label>
                {DEADLINE_WINDOWS.map((d) => (
                  <label key={d}>
                    <input type="radio" name="deadline" value={d} defaultChecked={query.deadline === d} />
                    {t("rfqSearch.deadlineWithin", { days: d })}
                    <Count n={facets.deadline[d] ?? 0} />
                  </label>
                ))}
              </Facet>
              {facets.fit ? (
                <Facet legend={t("rfqSearch.filterFit")}>
                  <label>
                    <input type="radio" name="fit" value="" defaultChecked={query.fit === null} />
                    {t("rfqSearch.fitAny")}
                  </label>
                  {CERT_FITS.map((f) => (
                    <label key={f}>
                      <input type="radio" name="fit" value={f} defaultChecked={query.fit === f} />
                      {t(`rfqSearch.fit.${f}`)}
                      <Count n={facets.fit?.[f]} />
                    </label>
                  ))}
                  <p className="muted small">{t("rfqSearch.fitHint")}</p>
                </Facet>
              ) : null}
            </>
          ) : null}
          <button type="submit" className="button">
            {t("rfqSearch.submit")}
          </button>
        </aside>
        <div className="results">
          {result.mode === "degraded" ? (
            <p className="banner banner-warning" role="status" data-testid="rfq-search-degraded">
              {t("rfqSearch.degraded")}
            </p>
          ) : (
            <p className="muted" aria-live="polite" data-testid="rfq-search-total">
              {t("rfqSearch.results", { count: result.total })}
            </p>
          )}
          {result.hits.length === 0 ? (
            <div className="empty" data-testid="rfq-search-empty">
              <p>{t("rfqSearch.empty")}</p>
              {filtered ? (
                <p>
                  {t("rfqSearch.emptyFilters")}{" "}
                  <Link to={rfqSearchHref(query, { categories: [], certifications: [], deadline: null, fit: null, page: 1 })}>
                    {t("rfqSearch.clearFilters")}
                  </Link>
                </p>
              ) : null}
              {query.q ? <p>{t("rfqSearch.emptyQuery")}</p> : null}
            </div>
          ) : null}
          <ol className="result-list">
            {result.hits.map((r) => (
              <li key={r.id} className="card result" data-testid="rfq-search-result">
                <h2>
                  <Link to={`/rfqs/${r.id}`}>
                    <Highlight text={r.titleHighlighted} />
                  </Link>
                </h2>
                <p className="tags">
                  <span className="tag">{label("category", r.category, locale)}</span>
                  {vendor && r.invited ? <span className="tag tag-region">{t("rfq.market.invited")}</span> : null}
                  {!vendor ? <span className={`status status-${r.status}`}>{translateOrPassThrough(`rfq.status.${r.status}`)}</span> : null}
                </p>
                <p className="muted">
                  {t("rfq.market.buyer")}: {r.buyerName} ·{" "}
                  {r.quoteDeadline ? t("rfqSearch.deadline", { date: formatDateTime(r.quoteDeadline, locale) }) : t("rfqSearch.noDeadline")}
                </p>
                {r.purposeHighlighted ? (
                  <p>
                    <Highlight text={r.purposeHighlighted} />
                  </p>
                ) : null}
                {r.requiredCertifications.length ? (
                  <p className="tags">
                    <span className="muted small">{t("rfqSearch.requires")}:</span>
                    {r.requiredCertifications.map((c) => (
                      <span key={c} className="tag">
                        {label("certification", c, locale)}
                      </span>
                    ))}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <nav className="pager" aria-label="pagination">
            {query.page > 1 ? <Link to={rfqSearchHref(query, { page: query.page - 1 })}>{t("rfqSearch.prev")}</Link> : <span />}
            {query.page > 1 || hasNext ? <span className="muted">{t("rfqSearch.page", { page: query.page })}</span> : null}
            {hasNext ? <Link to={rfqSearchHref(query, { page: query.page + 1 })}>{t("rfqSearch.next")}</Link> : <span />}
          </nav>
        </div>
      </Form>
    </section>
  );
}
