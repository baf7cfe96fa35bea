import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AskForm } from "~/components/award/award-result-section";
import { FormErrors } from "~/components/field";
import { askAwardQuestion, vendorResultOfAward } from "~/services/award-result.server";
import { requireUser } from "~/utils/auth.server";
import { awardPageFailure } from "~/utils/award-page-failure";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The standstill question (issue 15, item 4): the debrief's form posts here. A refused question comes back
// here with its messages (empty or too long at the field; after the standstill, its end named as a date).
// Only a vendor whose opened offer was not selected; anyone else 404.

async function bidder(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  const r = await vendorResultOfAward(context, user.actor, id);
  if (!r.ok || r.result.view !== "debrief") throw notFound();
  return { user, rfqId: r.rfqId, result: r.result };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { rfqId, result } = await bidder(request, context, params.id ?? "");
  return { rfqId, awardId: result.awardId, standstillEndsAt: result.standstillEndsAt, canAsk: result.canAsk };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user, rfqId } = await bidder(request, context, params.id ?? "");
  const body = String(form.get("body") ?? "");
  const done = await askAwardQuestion(context, user.actor, params.id ?? "", { body });
  if (!done.ok) {
    if (done.status === 404) throw notFound();
    return json({ body, ...awardPageFailure(done, await getLocale(request, context)) }, { status: done.status });
  }
  return redirect(`/rfqs/${rfqId}/quote`, { headers: { "Set-Cookie": await toastHeader(context, { key: "awardResult.question.sent" }) } });
}

export default function AskAwardQuestionPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="narrow card stack">
      <h1>{t("awardResult.question.title")}</h1>
      <FormErrors errors={answer?.fieldErrors?.body ? [] : answer?.formErrors} />
      {d.canAsk && d.standstillEndsAt ? (
        <AskForm awardId={d.awardId} standstillEndsAt={d.standstillEndsAt} errors={answer?.fieldErrors?.body} body={answer?.body} />
      ) : null}
      <p>
        <Link to={`/rfqs/${d.rfqId}/quote`}>← {t("awardResult.decline.back")}</Link>
      </p>
    </section>
  );
}
