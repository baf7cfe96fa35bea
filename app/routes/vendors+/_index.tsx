import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Highlight } from "~/components/highlight";
import { CertificationBadges } from "~/components/vendor/certification-badges";
import { InviteForm } from "~/components/vendor/invite-form";
import { regionLabel } from "~/domain/regions";
import { CERTIFICATION_TYPES, VENDOR_CATEGORIES, categoryLabel, certificationTypeLabel } from "~/domain/vendor/catalog";
import { parseVendorSearchParams } from "~/domain/vendor/search-params";
import { searchVendors, vendorSearchSuggestions } from "~/services/vendors.server";
import { invitableRfqsFor } from "~/services/rfq-invitations.server";
import { can } from "~/domain/permissions";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatNumber, tokyoDateString } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "ベンダーを探す / Find vendors — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "vendorDirectory:search", { type: "vendorDirectory" });
  const url = new URL(request.url);
  const query = parseVendorSearchParams(url.searchParams);
  const [result, rfqs] = await Promise.all([searchVendors(context, query), invitableRfqsFor(context, user.actor)]);
  // Buyers invite from a result; vendors never reach this page, advisors search without the form.
  const invite = can(user.actor, "rfq:create", { type: "rfqs" }) ? { rfqs, returnTo: url.pathname + url.search } : null;
  const suggestions = result.hits.length === 0 ? vendorSearchSuggestions(query.q) : null;
  return { query, result, today: tokyoDateString(context.clock.now()), invite, suggestions };
}

export default function VendorSearchPage() {
  const { query, result, today, invite, suggestions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const facets = result.mode === "search" ? result.facets : null;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const hasNext = result.mode === "search" ? query.page * query.perPage < result.total : result.hasMore;
  const facetGroup = (
    name: string,
    label: string,
    values: readonly string[],
    selected: string[],
    text: (v: string) => string,
    counts?: Record<string, number>,
  ) => (
    <fieldset className="facet">
      <legend>{label}</legend>
      {values
        .filter((v) => !counts || counts[v] || selected.includes(v))
        .map((v) => (
          <label key={v}>
            <input type="checkbox" name={name} value={v} defaultChecked={selected.includes(v)} />
            {text(v)}
            {counts ? <span className="count">{counts[v] ?? 0}</span> : null}
          </label>
        ))}
    </fieldset>
  );
  return (
    <section className="stack">
      <h1>{t("vendors.title")}</h1>
      {/* The results sit outside the GET form: each carries its own "invite to RFQ" POST form, and forms cannot nest. */}
      <div className="search-layout">
        <Form method="get" className="search-form" role="search">
          <div className="search-bar">
            <label htmlFor="q" className="visually-hidden">
              {t("vendors.query")}
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q} placeholder={t("vendors.queryPlaceholder")} />
            <select name="sort" defaultValue={query.sort} aria-label="sort">
              <option value="relevance">{t("vendorSearch.sort.relevance")}</option>
              <option value="track_record">{t("vendorSearch.sort.trackRecord")}</option>
            </select>
            <button type="submit" className="button primary">
              {t("vendors.search")}
            </button>
          </div>
          <aside className="facets" aria-label="filters">
            {facetGroup("category", t("vendors.filterCategory"), VENDOR_CATEGORIES, query.categories, (v) => categoryLabel(v, locale), facets?.categories)}
            {facetGroup(
              "cert",
              t("vendors.filterCertification"),
              CERTIFICATION_TYPES,
              query.certifications,
              (v) => certificationTypeLabel(v, locale),
              facets?.certifications,
            )}
            {facetGroup(
              "region",
              t("vendors.filterRegion"),
              facets ? Object.keys(facets.regions) : query.regions,
              query.regions,
              (v) => regionLabel(v, locale),
              facets?.regions,
            )}
            <button type="submit" className="button">
              {t("vendors.search")}
            </button>
          </aside>
        </Form>
        <div className="results">
          {result.mode === "degraded" ? (
            <p className="banner banner-warning" role="status" data-testid="vendor-search-degraded">
              {t("vendors.degraded")}
            </p>
          ) : (
            <p className="muted" aria-live="polite">
              {t("vendors.results", { count: result.total })}
            </p>
          )}
          {result.hits.length === 0 ? <EmptyHelp params={params} q={query.q} otherLanguageQuery={suggestions?.otherLanguageQuery ?? null} /> : null}
          <ol className="result-list">
            {result.hits.map((v) => {
              const formatted = (v as { _formatted?: { name?: string; description?: string } })._formatted;
              return (
                <li key={v.id} className="card result" data-testid="vendor-result">
                  <h2>
                    <Link to={`/vendors/${v.id}`}>
                      <Highlight text={formatted?.name ?? v.name} />
                    </Link>
                  </h2>
                  <p className="tags">
                    {v.categories.map((c) => (
                      <span key={c} className="tag">
                        {categoryLabel(c, locale)}
                      </span>
                    ))}
                    {v.regions.slice(0, 4).map((r) => (
                      <span key={r} className="tag tag-region">
                        {regionLabel(r, locale)}
                      </span>
                    ))}
                    {v.team_size ? <span className="tag">{t("vendors.teamSize", { n: v.team_size })}</span> : null}
                    {v.track_record_count > 0 ? <span className="tag tag-record">{t("vendorResult.trackRecord", { n: v.track_record_count })}</span> : null}
                    {v.track_record_summary?.on_time_rate != null ? (
                      <span className="tag tag-record">
                        {t("vendorResult.onTime", { pct: `${formatNumber(v.track_record_summary.on_time_rate * 100, locale, 1)}%` })}
                      </span>
                    ) : null}
                  </p>
                  <p>
                    <Highlight text={formatted?.description ?? v.description.slice(0, 200)} />
                  </p>
                  <CertificationBadges certifications={v.certification_details} today={today} />
                  {invite ? <InviteForm vendorId={v.id} rfqs={invite.rfqs} returnTo={invite.returnTo} /> : null}
                </li>
              );
            })}
          </ol>
          <nav className="pager" aria-label="pagination">
            {query.page > 1 ? <Link to={pageHref(query.page - 1)}>{t("vendors.prev")}</Link> : <span />}
            {hasNext ? <Link to={pageHref(query.page + 1)}>{t("vendors.next")}</Link> : null}
          </nav>
        </div>
      </div>
    </section>
  );
}

const FILTER_PARAMS = ["category", "region", "cert"];

/** No results: say so, then offer the ways out (drop the filters, drop the words, the other language). */
function EmptyHelp({ params, q, otherLanguageQuery }: { params: URLSearchParams; q: string; otherLanguageQuery: string | null }) {
  const { t } = useI18n();
  const hasFilters = FILTER_PARAMS.some((name) => params.has(name));
  const href = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    change(next);
    return `?${next.toString()}`;
  };
  return (
    <div className="empty" data-testid="vendor-search-empty">
      <p>{t("vendors.empty")}</p>
      {hasFilters || q ? (
        <>
          <p>{t("vendorSearch.suggestTitle")}</p>
          <ul>
            {hasFilters ? (
              <li>
                <Link to={href((next) => FILTER_PARAMS.forEach((name) => next.delete(name)))}>{t("vendorSearch.removeFilters")}</Link>
              </li>
            ) : null}
            {hasFilters && q ? (
              <li>
                <Link to={href((next) => next.delete("q"))}>{t("vendorSearch.clearQuery")}</Link>
              </li>
            ) : null}
            {otherLanguageQuery ? (
              <li>
                <Link to={href((next) => next.set("q", otherLanguageQuery))}>
                  {t("vendorSearch.otherLanguage", {
                    term: otherLanguageQuery,
                  })}
                </Link>
              </li>
            ) : null}
            {q ? <li>{t("vendorSearch.otherLanguageHint")}</li> : null}
          </ul>
        </>
      ) : null}
    </div>
  );
}
