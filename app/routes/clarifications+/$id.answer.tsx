import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/field";
import { AnswerForm, ClarificationItem } from "~/components/quote/clarifications";
import { answerClarification, clarificationOfVendor } from "~/services/annotations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The vendor answers one clarification from the buyer, once. The quote page's answer forms post here; success
// goes back to the quote page, a refused answer (empty, too long) stays here with the field's message. Anyone
// but the quote's vendor gets 404; a second answer gets the "already answered" message (409).

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const found = await clarificationOfVendor(context, user.actor, params.id ?? "");
  invariantResponse(found);
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const answer = String(formData.get("answer") ?? "");
  const done = await answerClarification(context, user.actor, params.id ?? "", { answer });
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && (done.status === 400 || done.status === 409)) {
    const refused = pageFailure(done, locale);
    return json({ answer, fieldErrors: refused.fieldErrors, formErrors: done.status === 409 ? refused.formErrors : [] }, { status: done.status });
  }
  if (!done.ok) throw failureStatus(done);
  const found = await clarificationOfVendor(context, user.actor, params.id ?? "");
  return redirect(found ? `/rfqs/${found.rfqId}/quote` : "/", { headers: { "Set-Cookie": await toastHeader(context, { key: "clarifications.answered" }) } });
}

export default function AnswerClarificationPage() {
  const { rfqId, clarification } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfqId}/quote`}>{t("clarifications.vendor.back")}</Link>
      </p>
      <h1>{t("clarifications.vendor.pageTitle")}</h1>
      <p className="hint">{t("clarifications.vendor.intro")}</p>
      <FormErrors errors={refused?.formErrors} />
      <ol className="qa-list">
        <ClarificationItem c={clarification}>
          <AnswerForm c={clarification} errors={refused?.fieldErrors?.answer} value={refused?.answer} />
        </ClarificationItem>
      </ol>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
