import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { ProposeAwardForm } from "~/components/award/propose-award-form";
import { BafoSection } from "~/components/bafo/bafo-section";
import { AdvisorNotes } from "~/components/comparison/advisor-notes";
import { AnnotationsPanel, CellNotes } from "~/components/comparison/annotations";
import { cellKey, countsByCell } from "~/domain/annotations/views";
import { MemosPanel } from "~/components/evaluation/memos-panel";
import { memosPanelFor } from "~/services/recommendation-memos.server";
import { ownNoteAction } from "~/components/comparison/advisor-notes.server";
import { ChartsSection } from "~/components/comparison/charts-section";
import { ComparisonCards } from "~/components/comparison/comparison-cards";
import { ComparisonTable } from "~/components/comparison/comparison-table";
import { UnitPriceRows } from "~/components/comparison/unit-price-rows";
import { unitPriceRows } from "~/domain/insight/unit-price-rows";
import { benchmarkHints } from "~/services/benchmarks.server";
import { ExportActions } from "~/components/comparison/export-actions";
import { FiltersForm } from "~/components/comparison/filters-form";
import { formatScore } from "~/components/comparison/format";
import { WhatIfForm } from "~/components/comparison/what-if-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { label } from "~/components/rfq/labels";
import {
  allWeightsZero,
  MAX_WEIGHT,
  parseCompareParams,
  readWhatIfWeights,
  WEIGHT_PARAM_PREFIX,
  whatIfProblem,
  type CompareParams,
} from "~/domain/comparison/compare-params";
import { buildComparisonView, type ComparisonView } from "~/domain/comparison/comparison-view";
import { rankOrderAtScale } from "~/domain/comparison/section-focus";
import {
  DEFAULT_PER_PAGE,
  DEFAULT_TOP,
  LIST_PARAMS,
  MAX_SHORTLIST,
  hrefWith,
  parseListParams,
  selectForPage,
  type ListProblem,
} from "~/domain/comparison/ranked-list";
import { RankedList, ShortlistPanel, ShortlistToggle, TopChoice } from "~/components/comparison/ranked-list";
import { METHODS, ScoringInputError, type Method } from "~/domain/scoring";
import { t as translate, type AnyMessageKey } from "~/i18n";
import { addAdvisorNote, advisorNotesFor } from "~/services/advisors.server";
import { annotationsFor } from "~/services/annotations.server";
import { awardProposalForm } from "~/services/award-proposals.server";
import { bafoPanel } from "~/services/bafo.server";
import { readerVisibility } from "~/services/evaluation.server";
import { rankRfqForBuyer } from "~/services/ranking.server";
import { saveRfqWeights } from "~/services/rfq-weights.server";
import { expectedIndexState, orderFromIndex } from "~/services/comparison-order.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate, formatNumber, formatYen, tokyoDateString } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { notFound, pageFailure } from "~/utils/errors";
import styles from "~/styles/comparison.css";
import scaleStyles from "~/styles/compare-scale.css";

// The side-by-side comparison of an RFQ's opened quotes, for its buyer and the advisors it assigned.
// All state is in GET params; the writes are "save as the RFQ's weights" (the buyer) and an advisor's note.

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: scaleStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && !data.priceHidden ? `${data.view.title} — Kurabe` : "Kurabe" }];

/** Every `w_<key>` param as a number; the scoring module ignores keys the RFQ does not have. */
function rawWeights(entries: Iterable<[string, FormDataEntryValue]>): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const [name, value] of entries) {
    if (!name.startsWith(WEIGHT_PARAM_PREFIX) || typeof value !== "string" || value.trim() === "") continue;
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0 && n <= 1000) weights[name.slice(WEIGHT_PARAM_PREFIX.length)] = n;
  }
  return weights;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw notFound();
  const url = new URL(request.url);
  const methodParam = url.searchParams.get("method");
  const method = (METHODS as readonly string[]).includes(methodParam ?? "") ? (methodParam as Method) : undefined;
  const locale = await getLocale(request, context);

  // The RFQ's own ranking first: it names the criteria the what-if weights are checked against.
  let ranking = await rankRfqForBuyer(context, user.actor, id.data);
  // Sealed before the deadline, someone else's RFQ, or a vendor: the page does not exist for them.
  if (!ranking || ranking.sealed) throw notFound();
  // Price later (two envelopes): an evaluator who has not submitted reads a notice and a link to its rating
  // page instead of the table — no price, TCO, ROI, ranking by price, index order or award form (decision 0046).
  const visibility = await readerVisibility(context, user.actor, id.data);
  if (!visibility.seesPrice) return { priceHidden: true as const, rfqId: id.data, title: ranking.rfq.title };
  const own = ranking.rfq.criteria;
  const typed = readWhatIfWeights(url.searchParams);
  // A refused weight or an all-zero set applies nothing (not even the method): each field says why.
  const weightErrors = Object.fromEntries(
    own.filter((c) => typed.errors[c.key]).map((c) => [c.key, translate(locale, typed.errors[c.key]!, { max: MAX_WEIGHT })]),
  );
  const weights = Object.fromEntries(own.filter((c) => c.key in typed.weights).map((c) => [c.key, typed.weights[c.key]!]));
  let whatIfError: string | null = null;
  if (Object.keys(weightErrors).length > 0) whatIfError = translate(locale, "weights.whatIf.notApplied");
  else if (Object.keys(weights).length > 0 && allWeightsZero(own, weights)) whatIfError = translate(locale, "weights.whatIf.allZero");
  else if (method || Object.keys(weights).length > 0) {
    try {
      const whatIf = await rankRfqForBuyer(context, user.actor, id.data, {
        ...(method ? { method } : {}),
        ...(Object.keys(weights).length > 0 ? { weights } : {}),
      });
      if (whatIf && !whatIf.sealed) ranking = whatIf;
    } catch (error) {
      if (!(error instanceof ScoringInputError)) throw error;
      // A what-if the module cannot score (e.g. a target method without scales), said in the reader's words.
      whatIfError = translate(locale, "compare.invalidWhatIf", { reason: whatIfProblem(error.issues, locale) });
    }
  }

  const compareParams = parseCompareParams(url.searchParams, ranking.rfq.criteria);
  const applied: CompareParams = whatIfError ? { ...compareParams, weights: undefined, method: undefined } : compareParams;
  const whatIfFields = { errors: weightErrors, typed: typed.typed };
  const indexOrder =
    applied.weights || applied.method
      ? undefined
      : await orderFromIndex(context, ranking.buyerOrgId, id.data, ranking.rfq, applied, expectedIndexState(ranking));
  const today = tokyoDateString(context.clock.now());
  const full = buildComparisonView(ranking, applied, today, indexOrder);
  // At marketplace scale (decision 0058) the page ships the chosen columns (top N or shortlist), the charts' columns
  // and one page of a slim ranked list — never every quote's cells, explanations or unit prices.
  const list = parseListParams(url.searchParams);
  const filtered = applied.mandatoryMet || applied.certType !== undefined || applied.tcoMin !== undefined || applied.tcoMax !== undefined;
  // A shortlisted quote stays comparable while a filter hides it from the list: look it up among every ranked column.
  const rankedColumns = filtered
    ? buildComparisonView(ranking, { hideDisqualified: applied.hideDisqualified, mandatoryMet: false, sort: "score" }, today).columns
    : full.columns;
  const selection = selectForPage(full, rankedColumns, list.params);
  const columnIds = new Set(selection.columns.map((c) => c.id));
  const chartIds = new Set(selection.chartColumns.map((c) => c.id));
  const columnNames = new Set(selection.columns.map((c) => c.vendorName));
  const view: ComparisonView = {
    ...full,
    columns: selection.columns,
    // The sentences about the shown columns (each says why a quote is above the next in rank).
    explanations: full.explanations.filter((e) => columnNames.has(e.upper)),
    disqualified: full.disqualified.slice(0, DISQUALIFIED_SHOWN),
  };
  const advice = await advisorNotesFor(context, user.actor, id.data);
  const noted = new Set((advice?.notes ?? []).map((n) => n.quote_id));
  const notes = {
    items: advice?.notes ?? [],
    canWrite: advice?.canWrite ?? false,
    // A note is about a quote being compared (columns, shortlist) or one a note already names.
    quotes: ranking.quotes.filter((q) => chartIds.has(q.id) || noted.has(q.id)).map((q) => ({ id: q.id, vendorName: q.vendorName })),
  };
  const allUnitPrices = unitPriceRows(ranking.rfq, ranking.quotes);
  return {
    priceHidden: false as const,
    ratingProgress: ranking.ratingProgress,
    ratedValues: ratedValueRows(ranking).filter((r) => columnIds.has(r.quoteId)),
    view,
    // The charts' columns beyond the table's (the compare list's quotes outside the top N), not the table's again.
    chartExtra: selection.chartColumns.filter((c) => !columnIds.has(c.id)),
    list: { params: list.params, mode: selection.mode, shortlist: selection.shortlist, page: selection.list },
    listNotices: [...new Set<ListProblem>([...list.problems, ...selection.problems])].map((p) => listNotice(locale, p, selection.list.page)),
    disqualifiedMore: full.disqualified.length - view.disqualified.length,
    params: applied,
    whatIfError,
    whatIfFields,
    rfqId: id.data,
    preparedAt: context.clock.now().toISOString(),
    notes,
    memos: await memosPanelFor(context, user.actor, id.data),
    canSaveWeights: advice?.canSaveWeights ?? false,
    award: await awardFormFor(context, user.actor, id.data),
    bafo: user.actor.org?.kind === "buyer" ? inRankOrder(await bafoPanel(context, user.actor, id.data), ranking.result.ranking) : null,
    // The quotes the buyer is comparing (columns and compare list): what the BAFO and award sections show first.
    sectionFocus: [...chartIds],
    annotations: comparedAnnotations(await annotationsFor(context, user.actor, id.data), chartIds),
    benchmarks: await benchmarkHints(context, user.actor, ranking.rfq.category, ranking.rfq.phase ?? null),
    // Each quote's ranked unit prices per line (tax-excluded): only past the price-later check above.
    unitPrices: { lines: allUnitPrices.lines, prices: Object.fromEntries(Object.entries(allUnitPrices.prices).filter(([q]) => columnIds.has(q))) },
  };
}

/** The BAFO section's offers in rank order past a dozen (decision 0058), vendor-name order as before under it. */
function inRankOrder<T extends { offers: { id: string }[] }>(panel: T | null, ranked: readonly { id: string; rank: number }[]): T | null {
  if (!panel) return null;
  const rankOf = new Map(ranked.map((r) => [r.id, r.rank]));
  return { ...panel, offers: rankOrderAtScale(panel.offers, (o) => rankOf.get(o.id)) };
}

/**
 * The annotation matrix has the quotes as columns like the comparison table (and a form in every cell): at 300 quotes
 * that alone was 8 MB of HTML. It shows the compared quotes (columns and shortlist) and any quote already annotated
 * or asked about, so nothing written is ever hidden.
 */
function comparedAnnotations<T extends { quotes: { id: string }[]; annotations: { quoteId: string }[]; directClarifications: { quoteId: string }[] }>(
  data: T | null,
  compared: Set<string>,
): T | null {
  if (!data) return null;
  const written = new Set([...data.annotations.map((a) => a.quoteId), ...data.directClarifications.map((c) => c.quoteId)]);
  return { ...data, quotes: data.quotes.filter((q) => compared.has(q.id) || written.has(q.id)) };
}

/** "Reset" of the filters: back to the plain comparison, keeping the columns' count and the compare list. */
function resetKeepingPicks(search: URLSearchParams): string {
  const kept = new URLSearchParams([...search.entries()].filter(([name]) => name === "top" || name === "shortlist" || name === "compare"));
  return `?${kept.toString()}`;
}

/** The page lists this many quotes that failed a gate with their reasons; the ranked list (gate: failed) has them all. */
const DISQUALIFIED_SHOWN = 20;

/** Why a list param was not used as given, in the reader's words. */
function listNotice(locale: "ja" | "en", problem: ListProblem, page: number): string {
  if (problem === "top") return translate(locale, "compareScale.problem.top", { n: DEFAULT_TOP });
  if (problem === "perPage") return translate(locale, "compareScale.problem.perPage", { n: DEFAULT_PER_PAGE });
  if (problem === "page") return translate(locale, "compareScale.problem.page", { page });
  if (problem === "shortlistFull") return translate(locale, "compareScale.problem.shortlistFull", { max: MAX_SHORTLIST });
  return translate(locale, `compareScale.problem.${problem}`);
}

/** Each quote's value on each evaluator-rated criterion, with its basis: the chair's consensus or the mean of n. */
function ratedValueRows(ranking: Awaited<ReturnType<typeof rankRfqForBuyer>> & { sealed: false }) {
  const criteria = ranking.rfq.criteria.filter((c) => c.source === "advisor_rating");
  return ranking.quotes.flatMap((q) =>
    criteria.flatMap((c) => {
      const v = ranking.ratedValues[q.id]?.[c.key];
      return v ? [{ quoteId: q.id, vendorName: q.vendorName, criterionKey: c.key, label: c.label, ...v }] : [];
    }),
  );
}

/** 決裁起案 for members of the buyer organisation: the form, or a link to the proposal that is waiting. */
async function awardFormFor(context: LoaderFunctionArgs["context"], actor: Parameters<typeof awardProposalForm>[1], rfqId: string) {
  if (actor.org?.kind !== "buyer") return null;
  const form = await awardProposalForm(context, actor, rfqId);
  return form.ok ? { pendingId: form.pendingId, quotes: form.quotes, labels: { vendorNames: form.vendorNames, criterionLabels: form.criterionLabels } } : null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  const intent = formData.get("intent");
  if (!id.success || (intent !== "saveWeights" && intent !== "addNote" && intent !== "editNote" && intent !== "withdrawNote"))
    throw new Response("Bad Request", { status: 400 });
  const back = `/rfqs/${id.data}/compare${new URL(request.url).search}`;
  if (intent === "editNote" || intent === "withdrawNote") return ownNoteAction(context, request, user.actor, id.data, intent, formData, back);
  if (intent === "addNote") {
    const values = {
      body: String(formData.get("body") ?? ""),
      quoteId: String(formData.get("quoteId") ?? ""),
      recommends: formData.get("recommends") === "on" ? "on" : "",
    };
    const note = await addAdvisorNote(context, user.actor, id.data, {
      body: values.body,
      quoteId: values.quoteId || null,
      recommends: values.recommends === "on",
    });
    if (!note.ok && note.status === 404) throw notFound();
    if (!note.ok) return json({ intent, values, fieldErrors: pageFailure(note, await getLocale(request, context)).fieldErrors }, { status: note.status });
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "advisors.note.added" }) } });
  }
  const result = await saveRfqWeights(context, user.actor, id.data, rawWeights(formData.entries()));
  if (!result.ok && result.status === 404) throw notFound();
  const toast = result.ok
    ? { key: "compare.saved" as const }
    : { key: (result.status === 409 ? "compare.saveClosed" : result.key) as AnyMessageKey, kind: "error" as const };
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, toast) } });
}

const FILTER_PARAMS = ["hideDisqualified", "mandatoryMet", "cert", "tcoMin", "tcoMax", "sort"];
/** The list's and the shortlist's params ride along on the filter and what-if forms (a new filter starts at page 1). */
const KEPT_LIST_PARAMS: readonly string[] = LIST_PARAMS.filter((name) => name !== "page");

export default function ComparePage() {
  const data = useLoaderData<typeof loader>();
  if (data.priceHidden) return <PriceLaterNotice rfqId={data.rfqId} title={data.title} />;
  return <Comparison data={data} />;
}

function PriceLaterNotice({ rfqId, title }: { rfqId: string; title: string }) {
  const { t } = useI18n();
  return (
    <article className="stack">
      <h1>
        {t("compare.title")}: {title}
      </h1>
      <p className="notice" data-testid="price-later-notice">
        {t("evaluation.priceLater.compareNotice")}
      </p>
      <p>
        <Link to={`/rfqs/${rfqId}/evaluation/rate`}>{t("evaluation.rate.link")}</Link>
      </p>
    </article>
  );
}

function Comparison({ data }: { data: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { priceHidden: true }> }) {
  const {
    view,
    params,
    whatIfError,
    whatIfFields,
    rfqId,
    preparedAt,
    notes,
    canSaveWeights,
    award,
    bafo,
    sectionFocus,
    ratingProgress,
    ratedValues,
    annotations,
    memos,
    list,
    listNotices,
    chartExtra,
    disqualifiedMore,
  } = data;
  const { t, locale } = useI18n();
  const cellCounts = annotations ? countsByCell(annotations.annotations) : {};
  const search = new URLSearchParams(useLocation().search);
  const whatIfParams = [...search.entries()].filter(([name]) => name === "method" || name.startsWith(WEIGHT_PARAM_PREFIX) || KEPT_LIST_PARAMS.includes(name));
  const filterParams = [...search.entries()].filter(([name]) => FILTER_PARAMS.includes(name) || KEPT_LIST_PARAMS.includes(name));
  const shortlistIds = list.shortlist.map((s) => s.id);
  const names = new Map(view.columns.map((c) => [c.id, c.vendorName]));
  const toggle = (quoteId: string) => <ShortlistToggle search={search} shortlist={shortlistIds} id={quoteId} vendorName={names.get(quoteId) ?? ""} />;
  const methodName = label("method", view.method, locale);
  const stability = view.robustness.stability;
  return (
    <article className="stack comparison-page">
      <p className="no-print">
        <Link to={`/rfqs/${rfqId}`}>← {t("compare.back")}</Link>
      </p>
      <header className="report-header">
        <h1>
          {t("compare.title")}: {view.title}
        </h1>
        <p className="muted" data-testid="report-meta">
          {t("compare.reportMeta", { date: formatDate(preparedAt, locale), version: view.rfqVersion, method: methodName })}
        </p>
      </header>
      <ExportActions rfqId={rfqId} params={params} />
      {whatIfError ? (
        <p className="notice error" role="alert" data-testid="what-if-error">
          {whatIfError}
        </p>
      ) : null}
      {view.whatIf ? (
        <p className="notice" data-testid="what-if-active">
          {t("compare.whatIfActive")}
        </p>
      ) : null}
      {view.awaitingRatings.length > 0 ? (
        <p className="notice" data-testid="awaiting-ratings">
          {t("weights.awaiting.note", {
            criteria: view.awaitingRatings.map((c) => t("weights.awaiting.item", { label: c.label[locale] })).join(t("weights.awaiting.separator")),
          })}{" "}
          {ratingProgress.total > 0 ? (
            <span data-testid="rating-progress">{t("evaluation.awaiting", { submitted: ratingProgress.submitted, total: ratingProgress.total })}</span>
          ) : null}{" "}
          <Link to={`/rfqs/${rfqId}/evaluation`}>{t("evaluation.title")}</Link>
        </p>
      ) : null}
      {ratedValues.length > 0 ? (
        <section className="card" aria-labelledby="rated-heading" data-testid="rated-values">
          <h2 id="rated-heading">
            {t("evaluation.results.title")} (<Link to={`/rfqs/${rfqId}/evaluation`}>{t("evaluation.title")}</Link>)
          </h2>
          <ul>
            {ratedValues.map((r) => (
              <li key={`${r.quoteId}-${r.criterionKey}`} data-testid="rated-value">
                {r.vendorName} · {r.label[locale] || r.label.ja}: {formatNumber(r.value, locale, 2)}{" "}
                <span className="badge">{r.basis === "consensus" ? t("evaluation.basis.consensus") : t("evaluation.basis.mean", { n: r.n })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {listNotices.map((notice) => (
        <p key={notice} className="notice warn" role="status" data-testid="list-notice">
          {notice}
        </p>
      ))}
      {view.relative ? (
        <p className="notice warn" data-testid="relative-warning">
          {t("compare.relativeWarning", { method: methodName })}
        </p>
      ) : null}

      <section aria-labelledby="ranking-heading" className="ranking-summary">
        <h2 id="ranking-heading">{t("compare.ranking")}</h2>
        <p data-testid="robustness">
          {view.robustness.winner && stability !== null
            ? t("compare.robustness", { winner: view.robustness.winner, pct: formatNumber(stability * 100, locale, 0) })
            : t("compare.robustness.none")}
        </p>
        {view.stability && view.stability.winner ? <p data-testid="stability">{view.stability.sentence[locale]}</p> : null}
        <ol className="ranking-list" data-testid="ranking">
          {[...view.columns]
            .sort((a, b) => a.rank - b.rank)
            .map((c) => (
              <li key={c.id} data-testid="ranking-item">
                <strong>{t("compare.rank", { rank: c.rank })}</strong> {c.vendorName} — {formatScore(c.score, locale)} · {formatYen(c.tco, locale)}
              </li>
            ))}
        </ol>
        {view.hidden > 0 ? <p className="muted">{t("compare.hidden", { n: view.hidden })}</p> : null}
        <h3>{t("compare.explanations")}</h3>
        <ol className="explanations" data-testid="explanations">
          {view.explanations.map((e) => (
            <li key={e.upper}>{e.text[locale]}</li>
          ))}
        </ol>
      </section>

      <FiltersForm view={view} params={params} keep={whatIfParams} resetTo={resetKeepingPicks(search)} />
      <WhatIfForm view={view} keep={filterParams} canSave={canSaveWeights} fields={whatIfFields} />

      <section aria-labelledby="table-heading">
        <h2 id="table-heading">{t("compare.table")}</h2>
        <span hidden data-testid="ordered-by" data-ordered-by={view.orderedBy} />
        <TopChoice search={search} params={list.params} total={list.page.counts.all} mode={list.mode} shown={view.columns.length} />
        <ComparisonTable
          view={view}
          benchmarks={data.benchmarks}
          lineRows={<UnitPriceRows view={view} rows={data.unitPrices} hints={data.benchmarks?.unitPrice} />}
          cellExtra={(q, k) => (
            <>
              {annotations ? <CellNotes cell={cellKey(q, k)} counts={cellCounts[cellKey(q, k)]} /> : null}
              {k === null ? toggle(q) : null}
            </>
          )}
        />
        <ComparisonCards view={view} headerExtra={toggle} />
      </section>

      <ShortlistPanel search={search} params={list.params} mode={list.mode} shortlist={list.shortlist} />
      <RankedList search={search} params={list.params} list={list.page} shortlist={shortlistIds} />

      <ChartsSection view={{ ...view, columns: [...view.columns, ...chartExtra] }} />

      <AdvisorNotes notes={notes.items} canWrite={notes.canWrite} quotes={notes.quotes} />
      <MemosPanel panel={memos} />

      {annotations ? <AnnotationsPanel data={annotations} rfqId={rfqId} back={`/rfqs/${rfqId}/compare`} /> : null}

      {bafo ? <BafoSection rfqId={rfqId} panel={bafo} focus={sectionFocus} /> : null}

      {award?.pendingId ? (
        <p className="notice no-print" data-testid="award-pending">
          {t("awardProposal.status.pending")}: <Link to={`/rfqs/${rfqId}/award`}>{t("awardProposal.open")}</Link>
        </p>
      ) : award && award.quotes.length > 0 ? (
        <ProposeAwardForm
          rfqId={rfqId}
          quotes={award.quotes}
          labels={award.labels}
          // After a BAFO round the award is usually among the shortlisted: they are shown with the compared quotes.
          focus={[...sectionFocus, ...(bafo?.offers.filter((o) => o.shortlisted).map((o) => o.id) ?? [])]}
        />
      ) : null}

      {view.disqualified.length > 0 ? (
        <section className="card" aria-labelledby="disqualified-heading" data-testid="disqualified">
          <h2 id="disqualified-heading">{t("compare.disqualified")}</h2>
          <p className="hint">{t("compare.disqualifiedIntro")}</p>
          <ul>
            {view.disqualified.map((d) => (
              <li key={d.id}>
                <strong>{d.vendorName}</strong>
                {d.round === "bafo" ? (
                  <span className="badge" data-testid="ranked-bafo">
                    {t("bafo.ranked.bafo")}
                  </span>
                ) : null}{" "}
                ({formatYen(d.tco, locale)})
                <ul>
                  {d.reasons.map((r, i) => (
                    <li key={i}>{r.message[locale]}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {disqualifiedMore > 0 ? (
            <p className="hint" data-testid="disqualified-more">
              {t("compareScale.disqualified.more", { n: disqualifiedMore })}{" "}
              <Link to={hrefWith(search, { gate: "failed" })}>{t("compareScale.disqualified.showAll")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {view.awaitingReconfirmation.length > 0 ? (
        <section className="card" aria-labelledby="awaiting-heading" data-testid="awaiting">
          <h2 id="awaiting-heading">{t("compare.awaiting")}</h2>
          <p className="hint">{t("compare.awaitingIntro")}</p>
          <ul>
            {view.awaitingReconfirmation.map((q) => (
              <li key={q.id}>{q.vendorName}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
