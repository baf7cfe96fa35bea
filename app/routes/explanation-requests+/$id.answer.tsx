import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExplanationAnswerForm, VendorExplanationItem } from "~/components/quote/low-price-panel";
import { answerExplanation, explanationOfVendor } from "~/services/low-quote-explanations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The vendor answers a request to explain its price, one text per topic, once. The notice and the e-mail link
// here, and the quote page's forms post here; success goes back to the quote page, a refused answer (a topic left
// empty or too long) stays here with the message beside that topic. Anyone but the quote's vendor gets 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const found = await explanationOfVendor(context, user.actor, params.id ?? "");
  invariantResponse(found);
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const values: Record<string, string> = {};
  const answers: Record<string, string> = {};
  for (const [k, v] of formData) {
    if (!k.startsWith("answers.")) continue;
    values[k] = String(v);
    answers[k.slice("answers.".length)] = String(v);
  }
  const done = await answerExplanation(context, user.actor, params.id ?? "", { answers });
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && (done.status === 400 || done.status === 409)) {
    const refused = pageFailure(done, locale);
    return json({ values, fieldErrors: refused.fieldErrors, formErrors: refused.formErrors }, { status: done.status });
  }
  if (!done.ok) throw failureStatus(done);
  const found = await explanationOfVendor(context, user.actor, params.id ?? "");
  return redirect(found ? `/rfqs/${found.rfqId}/quote#price-explanation` : "/", {
    headers: { "Set-Cookie": await toastHeader(context, { key: "lowQuote.vendor.answered" }) },
  });
}

export default function AnswerExplanationPage() {
  const { rfqId, explanation } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfqId}/quote`}>{t("lowQuote.vendor.back")}</Link>
      </p>
      <h1>{t("lowQuote.vendor.title")}</h1>
      <p className="hint">{t("lowQuote.vendor.intro")}</p>
      <ol className="qa-list">
        <VendorExplanationItem r={explanation}>
          <ExplanationAnswerForm r={explanation} refused={refused} />
        </VendorExplanationItem>
      </ol>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
