import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AnswerForm } from "~/components/award/award-status-section";
import { FormErrors } from "~/components/field";
import { answerAwardQuestion, awardQuestionForBuyer } from "~/services/award-result.server";
import { requireUser } from "~/utils/auth.server";
import { awardPageFailure } from "~/utils/award-page-failure";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The buyer answers a standstill question once (issue 15, item 4): the award page's form posts here; GET
// shows the question and the form, and a refused answer comes back here. Outside the buyer organisation: 404.

async function question(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  const r = await awardQuestionForBuyer(context, user.actor, id);
  if (!r.ok) throw notFound();
  return { user, ...r };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { rfqId, title, question: q } = await question(request, context, params.id ?? "");
  return { rfqId, title, question: q };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user, rfqId } = await question(request, context, params.id ?? "");
  const body = String(form.get("body") ?? "");
  const done = await answerAwardQuestion(context, user.actor, params.id ?? "", { body });
  if (!done.ok) {
    if (done.status === 404) throw notFound();
    return json({ body, ...awardPageFailure(done, await getLocale(request, context)) }, { status: done.status });
  }
  return redirect(`/rfqs/${rfqId}/award`, { headers: { "Set-Cookie": await toastHeader(context, { key: "awardResult.answer.sent" }) } });
}

export default function AnswerAwardQuestionPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="narrow card stack">
      <h1>{t("awardResult.buyer.questions")}</h1>
      <p className="muted">{d.title}</p>
      <FormErrors errors={answer?.fieldErrors?.body ? [] : answer?.formErrors} />
      <p className="prewrap">{d.question.body}</p>
      {d.question.answer ? (
        <p className="prewrap">{d.question.answer}</p>
      ) : (
        <AnswerForm questionId={d.question.id} errors={answer?.fieldErrors?.body} body={answer?.body} />
      )}
      <p>
        <Link to={`/rfqs/${d.rfqId}/award`}>← {t("awardProposal.title")}</Link>
      </p>
    </section>
  );
}
