import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { evaluatorLeniencyForBuyer } from "~/services/evaluation-figures.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /settings/evaluators — each evaluator's leniency across the buyer organisation's RFQs (issue 18 item 4; decision
// 0047): its members and the advisors who rated its RFQs, with how many submitted ratings count and the mean
// deviation from the consensus (or the panel mean) on a 0–1 scale. Members of a buyer organisation only.

export const meta: MetaFunction = () => [{ title: "Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const evaluators = await evaluatorLeniencyForBuyer(context, user.actor);
  if (!evaluators) throw notFound();
  return { evaluators };
}

export default function EvaluatorsPage() {
  const { evaluators } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <section className="stack" aria-labelledby="evaluators-heading">
      <h2 id="evaluators-heading">{t("evaluators.title")}</h2>
      <p className="hint">{t("evaluators.intro")}</p>
      {evaluators.length === 0 ? (
        <p className="muted" data-testid="evaluators-none">
          {t("evaluators.none")}
        </p>
      ) : (
        <table data-testid="evaluators-table">
          <thead>
            <tr>
              <th scope="col">{t("evaluators.col.name")}</th>
              <th scope="col">{t("evaluators.col.org")}</th>
              <th scope="col">{t("evaluators.col.count")}</th>
              <th scope="col">{t("evaluators.col.rfqs")}</th>
              <th scope="col">{t("evaluators.col.leniency")}</th>
              <th scope="col">{t("evaluators.col.reading")}</th>
            </tr>
          </thead>
          <tbody>
            {evaluators.map((e) => (
              <tr key={e.evaluatorId} data-testid="evaluator-row">
                <th scope="row">{e.name}</th>
                <td>{e.orgName}</td>
                <td className="num">{formatNumber(e.count, locale)}</td>
                <td className="num">{formatNumber(e.rfqs, locale)}</td>
                <td className="num">{e.leniency === null ? "—" : `${e.leniency > 0 ? "+" : ""}${formatNumber(e.leniency, locale, 2)}`}</td>
                <td>{t(e.reading ? `evaluators.reading.${e.reading}` : "evaluators.reading.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
