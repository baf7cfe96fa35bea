import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { t } from "~/i18n";
import { myProposals, pendingApprovals } from "~/services/approval-decisions.server";
import { pendingChangeApprovals } from "~/services/change-requests.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { formatDateTime, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { useI18n } from "~/utils/use-i18n";

// 承認待ち (issue 15 item 3): the award proposals waiting for the signed-in member's decision (their own
// seat or a seat delegated to them, 代決), and 自分の起案 — their own proposals and where each stands.
// Members of buyer organisations only; anyone else gets the not-found page.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.pageTitle} — Kurabe` : "Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (user.actor.org?.kind !== "buyer") throw notFound();
  const [waiting, mine, waitingChanges, locale] = await Promise.all([
    pendingApprovals(context, user.actor),
    myProposals(context, user.actor),
    pendingChangeApprovals(context, user.actor),
    getLocale(request, context),
  ]);
  return { waiting, mine, waitingChanges, pageTitle: t(locale, "approvals.title") };
}

export default function ApprovalsPage() {
  const { waiting, mine, waitingChanges } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const progress = (s: { index: number; of: number; approvals: number; required: number }) =>
    `${t("approvals.step.progress", { step: s.index + 1, steps: s.of })}${s.required > 1 ? ` · ${t("approvals.step.nOfM", { approvals: s.approvals, required: s.required })}` : ""}`;
  return (
    <article className="stack">
      <h1>{t("approvals.title")}</h1>
      <section className="stack" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t("approvals.waiting.heading")}</h2>
        {waiting.length === 0 ? (
          <p className="empty">{t("approvals.waiting.none")}</p>
        ) : (
          <table className="table" data-testid="approvals-waiting">
            <thead>
              <tr>
                <th scope="col">{t("approvals.col.rfq")}</th>
                <th scope="col">{t("approvals.col.vendor")}</th>
                <th scope="col">{t("approvals.col.amount")}</th>
                <th scope="col">{t("approvals.col.proposer")}</th>
                <th scope="col">{t("approvals.col.since")}</th>
                <th scope="col">{t("approvals.col.step")}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w) => (
                <tr key={w.proposalId} data-testid="approval-waiting">
                  <td>
                    <Link to={`/rfqs/${w.rfqId}/award`}>{w.title}</Link>
                    {w.delegatedFrom ? <span className="badge">{t("approvals.forSeat", { name: w.delegatedFromName ?? "" })}</span> : null}
                  </td>
                  <td>{w.vendorName}</td>
                  <td>{formatYen(w.amountYen, locale)}</td>
                  <td>{w.proposer.name}</td>
                  <td>{formatDateTime(w.since, locale)}</td>
                  <td>{progress(w.step)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {waitingChanges.length > 0 ? (
        <section className="stack" aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t("changes.approvals.heading")}</h2>
          <ul className="stack" data-testid="approvals-waiting-changes">
            {waitingChanges.map((w) => (
              <li key={w.changeRequestId} data-testid="approval-waiting-change">
                <Link to={w.href}>
                  {t("changes.approvals.item", { contract: w.contractTitle, title: w.title, vendor: w.vendorName, price: formatYen(w.priceImpactYen, locale) })}
                </Link>{" "}
                {progress(w.step)} · {w.proposer.name} · {formatDateTime(w.since, locale)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("approvals.mine.heading")}</h2>
        {mine.length === 0 ? (
          <p className="empty">{t("approvals.mine.none")}</p>
        ) : (
          <table className="table" data-testid="approvals-mine">
            <thead>
              <tr>
                <th scope="col">{t("approvals.col.rfq")}</th>
                <th scope="col">{t("approvals.col.vendor")}</th>
                <th scope="col">{t("approvals.col.amount")}</th>
                <th scope="col">{t("approvals.col.status")}</th>
                <th scope="col">{t("approvals.col.step")}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((p) => (
                <tr key={p.proposalId}>
                  <td>
                    <Link to={`/rfqs/${p.rfqId}/award`}>{p.title}</Link>
                  </td>
                  <td>{p.vendorName}</td>
                  <td>{formatYen(p.amountYen, locale)}</td>
                  <td>{t(`awardProposal.status.${p.status}`)}</td>
                  <td>{p.step ? progress(p.step) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
