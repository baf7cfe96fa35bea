import { Form, Link } from "@remix-run/react";
import {
  GATES,
  MAX_SHORTLIST,
  PER_PAGE_CHOICES,
  TOP_CHOICES,
  hrefWith,
  toggledShortlist,
  type ListParams,
  type RankedListPage,
} from "~/domain/comparison/ranked-list";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { formatScore } from "./format";

// The comparison page's controls at scale (decision 0058). Every control is a link or a GET form over the page's own
// URL (`search`), so it works without JavaScript and the URL is what a buyer shares with an approver.

/** "+ Shortlist" / "Remove" for one quote: a link to the same page with the quote added to (or taken off) the shortlist. */
export function ShortlistToggle({ search, shortlist, id, vendorName }: { search: URLSearchParams; shortlist: string[]; id: string; vendorName: string }) {
  const { t } = useI18n();
  const picked = shortlist.includes(id);
  if (!picked && shortlist.length >= MAX_SHORTLIST) return <span className="badge muted no-print">{t("compareScale.shortlist.full")}</span>;
  const next = toggledShortlist(shortlist, id);
  // Taking the last pick off while comparing the shortlist goes back to the top N.
  const changes: Record<string, string | null> = { shortlist: next, ...(next === null ? { compare: null } : {}) };
  return (
    <Link
      to={hrefWith(search, { ...changes, page: search.get("page") })}
      className={picked ? "button-link shortlist-toggle picked no-print" : "button-link shortlist-toggle no-print"}
      aria-label={t(picked ? "compareScale.shortlist.removeNamed" : "compareScale.shortlist.addNamed", { vendor: vendorName })}
      data-testid={picked ? "shortlist-remove" : "shortlist-add"}
      preventScrollReset
    >
      {picked ? t("compareScale.shortlist.remove") : t("compareScale.shortlist.add")}
    </Link>
  );
}

/** How many of the page's order become columns: 3, 5, 8 or 10. */
export function TopChoice({
  search,
  params,
  total,
  mode,
  shown,
}: {
  search: URLSearchParams;
  params: ListParams;
  total: number;
  mode: "top" | "shortlist";
  shown: number;
}) {
  const { t } = useI18n();
  return (
    <div className="top-choice no-print" data-testid="top-choice">
      <p className="muted" data-testid="columns-note">
        {mode === "shortlist" ? t("compareScale.shortlist.showing", { n: shown }) : t("compareScale.top.showing", { shown, total })}
      </p>
      <nav aria-label={t("compareScale.top.label")} className="choice-links">
        <span>{t("compareScale.top.label")}:</span>
        {TOP_CHOICES.map((n) => (
          <Link
            key={n}
            to={hrefWith(search, { top: String(n), compare: null, page: search.get("page") })}
            aria-current={mode === "top" && params.top === n ? "page" : undefined}
            preventScrollReset
          >
            {t("compareScale.top.choice", { n })}
          </Link>
        ))}
      </nav>
    </div>
  );
}

export function ShortlistPanel({
  search,
  params,
  mode,
  shortlist,
}: {
  search: URLSearchParams;
  params: ListParams;
  mode: "top" | "shortlist";
  shortlist: { id: string; vendorName: string; rank: number }[];
}) {
  const { t } = useI18n();
  const ids = shortlist.map((s) => s.id);
  return (
    <section className="card shortlist no-print" aria-labelledby="shortlist-heading" data-testid="shortlist">
      <h2 id="shortlist-heading">{t("compareScale.shortlist.title", { n: shortlist.length, max: MAX_SHORTLIST })}</h2>
      {shortlist.length === 0 ? (
        <p className="hint">{t("compareScale.shortlist.empty")}</p>
      ) : (
        <>
          <ol className="shortlist-items">
            {shortlist.map((s) => (
              <li key={s.id} data-testid="shortlist-item">
                {t("compare.rank", { rank: s.rank })} {s.vendorName} <ShortlistToggle search={search} shortlist={ids} id={s.id} vendorName={s.vendorName} />
              </li>
            ))}
          </ol>
          <p className="actions">
            {mode === "shortlist" ? (
              <Link to={hrefWith(search, { compare: null })} className="button" data-testid="compare-top">
                {t("compareScale.shortlist.backToTop", { n: params.top })}
              </Link>
            ) : (
              <Link to={hrefWith(search, { compare: "shortlist" })} className="button" data-testid="compare-shortlist">
                {t("compareScale.shortlist.compare")}
              </Link>
            )}
            <Link to={hrefWith(search, { shortlist: null, compare: null })} className="button-link">
              {t("compareScale.shortlist.clear")}
            </Link>
          </p>
          <p className="hint">{t("compareScale.shortlist.share")}</p>
        </>
      )}
    </section>
  );
}

/** Params the list's own form sets; every other param of the page rides along as a hidden field. */
const LIST_FORM_PARAMS = new Set(["q", "gate", "low", "perPage", "page"]);

export function RankedList({ search, params, list, shortlist }: { search: URLSearchParams; params: ListParams; list: RankedListPage; shortlist: string[] }) {
  const { t, locale } = useI18n();
  const sort = search.get("sort") ?? "score";
  const from = list.total === 0 ? 0 : (list.page - 1) * list.perPage + 1;
  const to = Math.min(list.total, list.page * list.perPage);
  const sortLink = (by: "score" | "tco", label: string) => (
    <Link
      to={hrefWith(search, { sort: by === "score" ? null : by })}
      aria-label={t("compareScale.list.sortBy", { column: label })}
      aria-current={sort === by ? "true" : undefined}
      preventScrollReset
    >
      {label}
      {sort === by ? t("compareScale.list.sorted") : null}
    </Link>
  );
  return (
    <section className="card ranked-list" aria-labelledby="ranked-list-heading" data-testid="ranked-list">
      <h2 id="ranked-list-heading">{t("compareScale.list.title", { total: list.counts.all })}</h2>
      <Form method="get" className="list-filters no-print" preventScrollReset data-testid="list-filters">
        {[...search.entries()]
          .filter(([name]) => !LIST_FORM_PARAMS.has(name))
          .map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
        <div className="filter-grid">
          <label>
            {t("compareScale.list.q")}
            <input type="search" name="q" defaultValue={params.q} maxLength={100} />
          </label>
          <label>
            {t("compareScale.list.gate")}
            <select name="gate" defaultValue={params.gate}>
              {GATES.map((g) => (
                <option key={g} value={g}>
                  {t(`compareScale.list.gate.${g}`, { n: g === "all" ? list.counts.all : g === "passed" ? list.counts.passed : list.counts.failed })}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" name="low" value="1" defaultChecked={params.low} /> {t("compareScale.list.low", { n: list.counts.low })}
          </label>
          <label>
            {t("compareScale.list.perPage")}
            <select name="perPage" defaultValue={String(params.perPage)}>
              {PER_PAGE_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t("compareScale.list.apply")}
          </button>
          <Link to={hrefWith(search, { q: null, gate: null, low: null, perPage: null })} className="button-link">
            {t("compareScale.list.clear")}
          </Link>
        </div>
      </Form>
      {list.total === 0 ? (
        <p className="notice" data-testid="list-empty">
          {t("compareScale.list.empty")}
        </p>
      ) : (
        <>
          <p className="muted" data-testid="list-range">
            {t("compareScale.list.range", { from, to, total: list.total })}
          </p>
          <div className="list-scroll">
            <table className="table ranked-list-table" data-testid="ranked-list-table">
              <caption className="visually-hidden">{t("compareScale.list.caption", { page: list.page, pages: list.pageCount })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compareScale.list.rank")}</th>
                  <th scope="col">{t("compareScale.list.vendor")}</th>
                  <th scope="col">{sortLink("score", t("compareScale.list.score"))}</th>
                  <th scope="col">{sortLink("tco", t("compareScale.list.tco"))}</th>
                  <th scope="col">{t("compareScale.list.status")}</th>
                  <th scope="col" className="no-print">
                    {t("compareScale.list.pick")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr key={r.id} data-testid="list-row" data-quote-id={r.id}>
                    <td>{r.rank === null ? "—" : t("compare.rank", { rank: r.rank })}</td>
                    <th scope="row">{r.vendorName}</th>
                    <td>{r.score === null ? "—" : formatScore(r.score, locale)}</td>
                    <td>{formatYen(r.tco, locale)}</td>
                    <td>
                      {r.gate === "failed" ? (
                        <span className="badge warn" data-testid="list-failed" title={r.reasons.map((m) => m[locale]).join(" / ")}>
                          {t("compareScale.list.failed")}
                        </span>
                      ) : (
                        <span className="badge">{t("compareScale.list.passed")}</span>
                      )}
                      {r.abnormallyLow || r.lowBidInvestigation ? (
                        <span className="badge warn" data-testid="list-low">
                          {t("compareScale.list.lowPrice")}
                        </span>
                      ) : null}
                      {r.mandatoryMet === false ? <span className="badge warn">{t("compareScale.list.mandatoryMissing")}</span> : null}
                      {r.inColumns ? <span className="badge muted">{t("compareScale.list.inColumns")}</span> : null}
                      {r.reasons.length > 0 ? (
                        <ul className="muted small reasons">
                          {r.reasons.map((m, i) => (
                            <li key={i}>{m[locale]}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td className="no-print">
                      {r.gate === "passed" ? <ShortlistToggle search={search} shortlist={shortlist} id={r.id} vendorName={r.vendorName} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {list.pageCount > 1 ? (
        <nav className="pager no-print" aria-label={t("compareScale.pager")} data-testid="pager">
          {list.page > 1 ? (
            <Link to={hrefWith(search, { page: String(list.page - 1) })} rel="prev" preventScrollReset>
              ← {t("compareScale.pager.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span data-testid="pager-status">{t("compareScale.pager.of", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link to={hrefWith(search, { page: String(list.page + 1) })} rel="next" preventScrollReset>
              {t("compareScale.pager.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
