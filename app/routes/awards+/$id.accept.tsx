import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import { formatDeadlineDate } from "~/domain/award/answer";
import { acceptAward } from "~/services/award-result.server";
import { requireAwardWinner } from "~/utils/award-winner.server";
import { awardPageFailure } from "~/utils/award-page-failure";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 受諾 (issue 15, item 4): the quote page's button posts here; GET shows the same button on its own. A refusal
// (already answered, past 受諾期限 — named as a date) comes back on this page. Anyone but the winner: 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { rfqId, result } = await requireAwardWinner(request, context, params.id ?? "");
  return { rfqId, result };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const { user, rfqId } = await requireAwardWinner(request, context, params.id ?? "");
  const done = await acceptAward(context, user.actor, params.id ?? "");
  if (!done.ok) {
    if (done.status === 404) throw notFound();
    return json(awardPageFailure(done, await getLocale(request, context)), { status: done.status });
  }
  return redirect(`/rfqs/${rfqId}/quote`, { headers: { "Set-Cookie": await toastHeader(context, { key: "awardResult.accepted" }) } });
}

export default function AcceptAwardPage() {
  const { rfqId, result } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <section className="narrow card stack">
      <h1>{t("awardResult.title")}</h1>
      <FormErrors errors={answer?.formErrors} />
      {result.canRespond ? (
        <>
          <p>
            <strong>{t("awardResult.winner.headline", { date: formatDeadlineDate(result.respondBy, locale) })}</strong>
          </p>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button primary">
              {t("awardResult.accept")}
            </button>
          </Form>
        </>
      ) : null}
      <p>
        <Link to={`/rfqs/${rfqId}/quote`}>← {t("awardResult.decline.back")}</Link>
      </p>
    </section>
  );
}
