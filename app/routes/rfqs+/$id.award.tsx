import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApprovalRoute, DecisionConfirmation, DecisionForm, DecisionHistory, EditProposalForm } from "~/components/award/approval-panel";
import { ProposeAwardForm } from "~/components/award/propose-award-form";
import { ProposalLowFlags } from "~/components/award/red-flags-section";
import { AwardStatusSection } from "~/components/award/award-status-section";
import { SnapshotEvaluation } from "~/components/evaluation/snapshot-evaluation";
import { awardForBuyer } from "~/services/award-result.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { replaceIds } from "~/domain/comparison/comparison-view";
import { decideProposal, editProposal, proposalRoute } from "~/services/approval-decisions.server";
import { awardProposalForm, listProposals, proposeAward, readProposal, verifyProposal } from "~/services/award-proposals.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatNumber, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { isRowId } from "~/utils/row-id";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 決裁起案 (issue 15, item 2): the RFQ's award proposal — the frozen snapshot in summary, its SHA-256 (checked
// again on every view), the frozen approval route — and the form to propose when none is waiting.
// Members of the RFQ's buyer organisation only; everyone else gets the not-found page.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const rfqId = params.id;
  if (!isRowId(rfqId)) throw notFound();
  const listed = await listProposals(context, user.actor, rfqId);
  // An evaluator still rating under price later may not see the proposals' amounts: to the rating sheet, saying why.
  if (!listed.ok && listed.status === 409)
    throw redirect(`/rfqs/${rfqId}/evaluation/rate`, {
      headers: { "Set-Cookie": await toastHeader(context, { key: "evaluation.priceLater.compareNotice" }) },
    });
  if (!listed.ok) throw notFound();
  const title = listed.title;
  const latest = listed.proposals[0];
  let current = null;
  if (latest) {
    const [read, check, route] = await Promise.all([
      readProposal(context, user.actor, latest.id),
      verifyProposal(context, user.actor, latest.id),
      proposalRoute(context, user.actor, latest.id),
    ]);
    if (read.ok && check.ok && route.ok) {
      const s = read.snapshot;
      current = {
        proposal: read.proposal,
        verified: check.verified,
        route: { round: route.round, steps: route.steps, decisions: route.decisions },
        you: route.you,
        snapshot: {
          takenAt: s.takenAt,
          method: s.result.method,
          rfqVersion: s.rfq.version,
          weights: s.input.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
          ranking: s.result.ranking.map((r) => ({
            id: r.id,
            rank: r.rank,
            score: r.score,
            vendorName: s.quotes.find((q) => q.id === r.id)?.vendorName ?? r.id,
          })),
          stability: replaceIds(s.stability.sentence, new Map(s.quotes.map((q) => [q.id, q.vendorName]))),
          recommendations: s.advisorNotes
            .filter((n) => n.recommends && n.assigned)
            .map((n) => ({ advisorName: n.advisorName, quoteId: n.quoteId, body: n.body })),
          // Schema 2 (issue 18): the published memos of assigned advisors and the annotations; null on older snapshots.
          memos: s.memos ? s.memos.filter((m) => m.assigned) : null,
          annotations: s.annotations ?? null,
          vendorNames: Object.fromEntries(s.quotes.map((q) => [q.id, q.vendorName])),
          // Decision 0051: the abnormally low quotes and the explanation requests as frozen (null/[] on older snapshots).
          abnormallyLow: s.quotes.flatMap((q) => (q.abnormallyLow ? [{ id: q.id, vendorName: q.vendorName, reasons: q.abnormallyLow.reasons }] : [])),
          explanations: s.explanations ?? null,
          criterionLabels: Object.fromEntries(s.input.criteria.map((c) => [c.key, c.label])),
        },
      };
    }
  }
  const canPropose = !listed.proposals.some((p) => p.status === "pending");
  const form = canPropose ? await awardProposalForm(context, user.actor, rfqId) : null;
  const award = await awardForBuyer(context, user.actor, rfqId).then((a) => (a.ok ? a.award : null));
  return {
    rfqId,
    title,
    current,
    history: listed.proposals.slice(1),
    quotes: form && form.ok ? form.quotes : [],
    labels: form && form.ok ? { vendorNames: form.vendorNames, criterionLabels: form.criterionLabels } : undefined,
    canPropose,
    award,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const rfqId = params.id;
  if (!isRowId(rfqId)) throw notFound();
  const locale = await getLocale(request, context);
  const intent = String(formData.get("intent") ?? "propose");
  const proposalId = String(formData.get("proposalId") ?? "");
  const back = async (
    key: "approvals.decided.approve" | "approvals.decided.approved" | "approvals.decided.reject" | "approvals.decided.return" | "approvals.edit.done",
  ) => redirect(`/rfqs/${rfqId}/award`, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
  if (intent === "decide") {
    const decision = String(formData.get("decision") ?? "");
    const comment = String(formData.get("comment") ?? "");
    // Rejecting or returning cannot be undone: without the dialog (no JavaScript) ask on the page first.
    if ((decision === "reject" || decision === "return") && formData.get("confirmed") !== "1" && comment.trim() !== "")
      return json({ intent: "confirm" as const, confirm: { proposalId, decision: decision as "reject" | "return", comment } });
    const done = await decideProposal(context, user.actor, proposalId, { decision, comment });
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ intent: "decide" as const, values: { decision, comment }, ...pageFailure(done, locale) }, { status: done.status });
    return back(
      done.outcome === "approved"
        ? "approvals.decided.approved"
        : done.outcome === "pending"
          ? "approvals.decided.approve"
          : `approvals.decided.${done.outcome === "rejected" ? "reject" : "return"}`,
    );
  }
  if (intent === "edit") {
    const texts = {
      rationale: String(formData.get("rationale") ?? ""),
      specificRationale: String(formData.get("specificRationale") ?? ""),
      debriefReason: String(formData.get("debriefReason") ?? ""),
    };
    // The edit re-checks the red flags (decision 0051): those stored with the proposal count as acknowledged.
    const done = await editProposal(context, user.actor, proposalId, { ...texts, acknowledgedRedFlags: formData.getAll("acknowledgedRedFlags").map(String) });
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ intent: "edit" as const, values: texts, ...pageFailure(done, locale) }, { status: done.status });
    return back("approvals.edit.done");
  }
  const values = {
    quoteId: String(formData.get("quoteId") ?? ""),
    rationale: String(formData.get("rationale") ?? ""),
    specificRationale: String(formData.get("specificRationale") ?? ""),
    debriefReason: String(formData.get("debriefReason") ?? ""),
    acknowledgedRedFlags: formData.getAll("acknowledgedRedFlags").map(String),
  };
  const result = await proposeAward(context, user.actor, rfqId, values);
  if (!result.ok && result.status === 404) throw notFound();
  if (!result.ok) return json({ intent: "propose" as const, values, ...pageFailure(result, locale) }, { status: result.status });
  return redirect(`/rfqs/${rfqId}/award`, { headers: { "Set-Cookie": await toastHeader(context, { key: "awardProposal.proposed" }) } });
}

export default function AwardPage() {
  const { rfqId, title, current, history, quotes, labels, canPropose, award } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const confirm = state?.intent === "confirm" ? state.confirm : null;
  const { t, locale } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfqId}/compare`}>← {t("compare.title")}</Link>
      </p>
      <h1>
        {t("awardProposal.title")}: {title}
      </h1>
      {award ? <AwardStatusSection award={award} rfqId={rfqId} /> : null}
      {current ? (
        <section className="card stack" data-testid="award-proposal">
          <dl>
            <dt>{t("awardProposal.statusLabel")}</dt>
            <dd data-testid="award-status">{t(`awardProposal.status.${current.proposal.status}`)}</dd>
            <dt>{t("awardProposal.quote")}</dt>
            <dd>{current.proposal.vendorName}</dd>
            <dt>{t("awardProposal.amount")}</dt>
            <dd>{formatYen(current.proposal.amountYen, locale)}</dd>
            <dt>{t("awardProposal.proposer")}</dt>
            <dd>
              {current.proposal.proposedBy.name} · {formatDate(current.proposal.createdAt, locale)}
            </dd>
            <dt>{t("awardProposal.rationale")}</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{current.proposal.rationale}</dd>
            {current.proposal.specificRationale ? (
              <>
                <dt>{t("awardProposal.specificRationale")}</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>
                  {current.proposal.specificRationale}
                  <ul>
                    {current.proposal.specificTriggers.map((s) => (
                      <li key={s}>{t(`awardProposal.trigger.${s}`)}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            <dt>{t("awardProposal.hash")}</dt>
            <dd>
              <code data-testid="award-hash">{current.proposal.snapshotSha256}</code>{" "}
              <span className={current.verified ? "" : "notice error"} data-testid="award-verified">
                {t(current.verified ? "awardProposal.hash.verified" : "awardProposal.hash.mismatch")}
              </span>
            </dd>
          </dl>
          <p className="actions" data-testid="packet-links">
            <a className="button" href={`/rfqs/${rfqId}/proposals/${current.proposal.id}/packet.pdf`} download data-testid="packet-pdf">
              {t("awardProposal.packet.download")}
            </a>
            <a className="button" href={`/rfqs/${rfqId}/proposals/${current.proposal.id}/packet.pdf?lang=en`} download lang="en">
              {t("awardProposal.packet.downloadEn")}
            </a>
          </p>
          <p className="muted" data-testid="award-route">
            {t("awardProposal.route", { revision: current.proposal.route.revision })}
          </p>
          {current.proposal.debriefReason ? (
            <dl>
              <dt>{t("awardProposal.debriefReason")}</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{current.proposal.debriefReason}</dd>
            </dl>
          ) : null}
          <ApprovalRoute route={current.route} />
          {confirm ? <DecisionConfirmation proposalId={confirm.proposalId} decision={confirm.decision} comment={confirm.comment} /> : null}
          {!confirm && current.you.decide ? (
            <DecisionForm
              proposalId={current.proposal.id}
              forSeat={current.you.decide.delegated ? current.you.decide.approverName : null}
              state={state?.intent === "decide" ? state : undefined}
            />
          ) : null}
          {current.you.isProposer && current.proposal.status === "pending" ? (
            <p className="muted" data-testid="proposer-note">
              {t("approvals.proposerNote")}
            </p>
          ) : null}
          {state?.intent === "decide" && !current.you.decide ? (
            <p className="notice error" role="alert" data-testid="decision-error">
              {state.formErrors.join(" ")}
            </p>
          ) : null}
          {current.you.canEdit ? (
            <EditProposalForm proposalId={current.proposal.id} values={current.proposal} state={state?.intent === "edit" ? state : undefined} />
          ) : null}
          <DecisionHistory route={current.route} />
          <h2>{t("awardProposal.snapshot")}</h2>
          <p className="muted">{formatDate(current.snapshot.takenAt, locale)}</p>
          <p>
            {t("awardProposal.snapshot.method")}: {current.snapshot.method}
          </p>
          <p>
            {t("awardProposal.snapshot.weights")}: {current.snapshot.weights.map((w) => `${w.label[locale]} ${formatNumber(w.weight, locale, 0)}`).join(" / ")}
          </p>
          <ol data-testid="award-snapshot-ranking">
            {current.snapshot.ranking.map((r) => (
              <li key={r.id}>
                {r.rank}. {r.vendorName} — {formatNumber(r.score, locale, 1)}
              </li>
            ))}
          </ol>
          <p data-testid="award-stability">
            {t("awardProposal.snapshot.stability")}: {current.snapshot.stability[locale]}
          </p>
          {current.snapshot.recommendations.length > 0 ? (
            <>
              <h3>{t("awardProposal.snapshot.advisors")}</h3>
              <ul>
                {current.snapshot.recommendations.map((n, i) => (
                  <li key={i}>
                    {n.advisorName}: {n.body}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <ProposalLowFlags
            quotes={current.snapshot.abnormallyLow}
            explanations={current.snapshot.explanations}
            redFlags={current.proposal.redFlags}
            labels={{ vendorNames: current.snapshot.vendorNames, criterionLabels: current.snapshot.criterionLabels }}
          />
          <SnapshotEvaluation memos={current.snapshot.memos} annotations={current.snapshot.annotations} vendorNames={current.snapshot.vendorNames} />
        </section>
      ) : (
        <p data-testid="award-none">{t("awardProposal.none")}</p>
      )}
      {history.length > 0 ? (
        <ul className="muted">
          {history.map((p) => (
            <li key={p.id}>
              {formatDate(p.createdAt, locale)} {p.vendorName} — {t(`awardProposal.status.${p.status}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {canPropose && quotes.length > 0 ? (
        <ProposeAwardForm rfqId={rfqId} quotes={quotes} labels={labels} state={state?.intent === "propose" ? state : undefined} />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
