import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DeclineForm } from "~/components/award/award-result-section";
import { FormErrors } from "~/components/field";
import { formatDeadlineDate } from "~/domain/award/answer";
import { declineAward } from "~/services/award-result.server";
import { requireAwardWinner } from "~/utils/award-winner.server";
import { awardPageFailure } from "~/utils/award-page-failure";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 辞退 asks first (issue 15, item 4): without JavaScript the quote page's button is a link here (GET: what
// declining does, and the reason); the dialog posts here too. A missing reason comes back at its field;
// a refusal (answered, past 受諾期限 — named as a date) at the top. Anyone but the winner: 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { rfqId, result } = await requireAwardWinner(request, context, params.id ?? "");
  return { rfqId, result };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user, rfqId } = await requireAwardWinner(request, context, params.id ?? "");
  const reason = String(form.get("reason") ?? "");
  const done = await declineAward(context, user.actor, params.id ?? "", { reason });
  if (!done.ok) {
    if (done.status === 404) throw notFound();
    return json({ reason, ...awardPageFailure(done, await getLocale(request, context)) }, { status: done.status });
  }
  return redirect(`/rfqs/${rfqId}/quote`, { headers: { "Set-Cookie": await toastHeader(context, { key: "awardResult.declined" }) } });
}

export default function DeclineAwardPage() {
  const { rfqId, result } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const back = `/rfqs/${rfqId}/quote`;
  return (
    <section className="narrow card stack">
      <h1>{t("awardResult.decline.title")}</h1>
      <FormErrors errors={answer?.fieldErrors?.reason ? [] : answer?.formErrors} />
      {result.canRespond ? (
        <>
          <p>{t("awardResult.winner.headline", { date: formatDeadlineDate(result.respondBy, locale) })}</p>
          <p>{t("awardResult.decline.effect")}</p>
          <DeclineForm awardId={result.awardId} errors={answer?.fieldErrors?.reason} reason={answer?.reason}>
            <Link to={back} className="button">
              {t("awardResult.decline.cancel")}
            </Link>
          </DeclineForm>
        </>
      ) : null}
      <p>
        <Link to={back}>← {t("awardResult.decline.back")}</Link>
      </p>
    </section>
  );
}
