import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LowPricePanel } from "~/components/quote/low-price-panel";
import { assessExplanation, explanationOfBuyer, lowPricePanelData } from "~/services/low-quote-explanations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// A buyer member records the assessment of a vendor's explanation, once. The quote page's panel posts here;
// success goes back to the panel, a refused assessment (no choice, no reasons) stays here with the messages
// beside the fields. Advisors, vendors and other tenants get 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const row = await explanationOfBuyer(context, user.actor, params.id ?? "");
  invariantResponse(row);
  const data = await lowPricePanelData(context, user.actor, row.quoteId);
  invariantResponse(data);
  return { data, id: row.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const values = { assessment: String(formData.get("assessment") ?? ""), note: String(formData.get("note") ?? "") };
  const done = await assessExplanation(context, user.actor, params.id ?? "", { assessment: values.assessment || undefined, note: values.note });
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && (done.status === 400 || done.status === 409)) {
    const refused = pageFailure(done, locale);
    return json({ values, fieldErrors: refused.fieldErrors, formErrors: refused.formErrors }, { status: done.status });
  }
  if (!done.ok) throw failureStatus(done);
  return redirect(`/quotes/${done.explanation.quoteId}#low-price`, { headers: { "Set-Cookie": await toastHeader(context, { key: "lowQuote.assess.done" }) } });
}

export default function AssessExplanationPage() {
  const { data, id } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  const vendor = data.flagged.find((f) => f.quoteId === data.quoteId)?.vendorName;
  return (
    <article className="stack">
      <p>
        <Link to={`/quotes/${data.quoteId}#low-price`}>{t("lowQuote.buyer.back")}</Link>
      </p>
      {vendor ? <h1>{t("lowQuote.buyer.pageTitle", { vendor })}</h1> : null}
      <LowPricePanel data={data} assessRefused={refused ? { ...refused, id } : undefined} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
