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
import { buildComparisonView } from "~/domain/comparison/comparison-view";
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

// The side-by-side comparison of an RFQ's opened quotes, for its buyer and the advisors it assigned.
// All state is in GET params; the writes are "save as the RFQ's weights" (the buyer) and an advisor's note.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
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
  const view = buildComparisonView(ranking, applied, tokyoDateString(context.clock.now()), indexOrder);
  const advice = await advisorNotesFor(context, user.actor, id.data);
  const notes = {
    items: advice?.notes ?? [],
    canWrite: advice?.canWrite ?? false,
    quotes: ranking.quotes.map((q) => ({ id: q.id, vendorName: q.vendorName })),
  };
  return {
    priceHidden: false as const,
    ratingProgress: ranking.ratingProgress,
    ratedValues: ratedValueRows(ranking),
    view,
    params: applied,
    whatIfError,
    whatIfFields,
    rfqId: id.data,
    preparedAt: context.clock.now().toISOString(),
    notes,
    memos: await memosPanelFor(context, user.actor, id.data),
    canSaveWeights: advice?.canSaveWeights ?? false,
    award: await awardFormFor(context, user.actor, id.data),
    bafo: user.actor.org?.kind === "buyer" ? await bafoPanel(context, user.actor, id.data) : null,
    annotations: await annotationsFor(context, user.actor, id.data),
    benchmarks: await benchmarkHints(context, user.actor, ranking.rfq.category, ranking.rfq.phase ?? null),
    // Each quote's ranked unit prices per line (tax-excluded): only past the price-later check above.
    unitPrices: unitPriceRows(ranking.rfq, ranking.quotes),
  };
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
  const { view, params, whatIfError, whatIfFields, rfqId, preparedAt, notes, canSaveWeights, award, bafo, ratingProgress, ratedValues, annotations, memos } =
    data;
  const { t, locale } = useI18n();
  const cellCounts = annotations ? countsByCell(annotations.annotations) : {};
  const search = new URLSearchParams(useLocation().search);
  const whatIfParams = [...search.entries()].filter(([name]) => name === "method" || name.startsWith(WEIGHT_PARAM_PREFIX));
  const filterParams = [...search.entries()].filter(([name]) => FILTER_PARAMS.includes(name));
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

      <FiltersForm view={view} params={params} keep={whatIfParams} />
      <WhatIfForm view={view} keep={filterParams} canSave={canSaveWeights} fields={whatIfFields} />

      <section aria-labelledby="table-heading">
        <h2 id="table-heading">{t("compare.table")}</h2>
        <span hidden data-testid="ordered-by" data-ordered-by={view.orderedBy} />
        <ComparisonTable
          view={view}
          benchmarks={data.benchmarks}
          lineRows={<UnitPriceRows view={view} rows={data.unitPrices} hints={data.benchmarks?.unitPrice} />}
          cellExtra={annotations ? (q, k) => <CellNotes cell={cellKey(q, k)} counts={cellCounts[cellKey(q, k)]} /> : undefined}
        />
        <ComparisonCards view={view} />
      </section>

      <ChartsSection view={view} />

      <AdvisorNotes notes={notes.items} canWrite={notes.canWrite} quotes={notes.quotes} />
      <MemosPanel panel={memos} />

      {annotations ? <AnnotationsPanel data={annotations} rfqId={rfqId} back={`/rfqs/${rfqId}/compare`} /> : null}

      {bafo ? <BafoSection rfqId={rfqId} panel={bafo} /> : null}

      {award?.pendingId ? (
        <p className="notice no-print" data-testid="award-pending">
          {t("awardProposal.status.pending")}: <Link to={`/rfqs/${rfqId}/award`}>{t("awardProposal.open")}</Link>
        </p>
      ) : award && award.quotes.length > 0 ? (
        <ProposeAwardForm rfqId={rfqId} quotes={award.quotes} labels={award.labels} />
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
