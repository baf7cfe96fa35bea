import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LowPricePanel } from "~/components/quote/low-price-panel";
import { lowPricePanelData, requestExplanation } from "~/services/low-quote-explanations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The buyer asks the vendor of an abnormally low quote to explain its price. The quote page's panel posts here;
// success goes back to the panel (`/quotes/:id#low-price`), a refused request (no topic, a past or too distant
// date, a quote no longer flagged, a second request) stays here with the messages beside the fields.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const data = await lowPricePanelData(context, user.actor, params.id ?? "");
  invariantResponse(data);
  return { data };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const quoteId = params.id ?? "";
  const values = {
    topics: formData.getAll("topics").map(String),
    message: String(formData.get("message") ?? ""),
    replyBy: String(formData.get("replyBy") ?? ""),
  };
  const done = await requestExplanation(context, user.actor, String(formData.get("rfqId") ?? ""), quoteId, values);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && (done.status === 400 || done.status === 409)) {
    const refused = pageFailure(done, locale);
    return json({ values, fieldErrors: refused.fieldErrors, formErrors: refused.formErrors }, { status: done.status });
  }
  if (!done.ok) throw failureStatus(done);
  return redirect(`/quotes/${quoteId}#low-price`, { headers: { "Set-Cookie": await toastHeader(context, { key: "lowQuote.request.sent" }) } });
}

export default function RequestExplanationPage() {
  const { data } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  const vendor = data.flagged.find((f) => f.quoteId === data.quoteId)?.vendorName;
  return (
    <article className="stack">
      <p>
        <Link to={`/quotes/${data.quoteId}#low-price`}>{t("lowQuote.buyer.back")}</Link>
      </p>
      {vendor ? <h1>{t("lowQuote.buyer.pageTitle", { vendor })}</h1> : null}
      <LowPricePanel data={data} refused={refused} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
