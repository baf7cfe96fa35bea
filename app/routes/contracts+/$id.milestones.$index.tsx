import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { acceptMilestone, contractMilestoneBilling, issueMilestoneInvoice } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /contracts/:id/milestones/:index (issue 16): 検収 (the buyer) or issuing the invoice (the vendor) of one
// milestone. 検収 accepts the delivery awaiting inspection (decision 0039); without one it is refused (409). The contract pages post here; GET shows the form alone (and after a refusal, its field errors).
// Anyone but the contract's buyer members and its vendor: not found.

async function load(request: Request, params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const page = await contractMilestoneBilling(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const milestone = page.milestones[Number(params.index)];
  if (!/^\d{1,3}$/.test(params.index ?? "") || !milestone) throw notFound();
  return { user, page, milestone };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { page, milestone } = await load(request, params, context);
  const back = page.side === "buyer" ? `/rfqs/${page.rfqId}/contract` : `/quotes/${page.quoteId}/contract`;
  return {
    side: page.side,
    today: page.today,
    back,
    deliveries: `/contracts/${page.contractId}/deliveries`,
    milestone: { index: milestone.index, name: milestone.name, amountYen: milestone.amountYen },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user, page } = await load(request, params, context);
  const locale = await getLocale(request, context);
  const values = { acceptedOn: String(form.get("acceptedOn") ?? ""), invoiceDate: String(form.get("invoiceDate") ?? "") };
  if (page.side === "buyer") {
    const done = await acceptMilestone(context, user.actor, page.contractId, params.index ?? "", values.acceptedOn ? { acceptedOn: values.acceptedOn } : {});
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ values, ...pageFailure(done, locale) }, { status: done.status });
    return redirect(`/rfqs/${page.rfqId}/contract`, { headers: { "Set-Cookie": await toastHeader(context, { key: "invoices.page.saved" }) } });
  }
  const done = await issueMilestoneInvoice(
    context,
    user.actor,
    page.contractId,
    params.index ?? "",
    values.invoiceDate ? { invoiceDate: values.invoiceDate } : {},
  );
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) return json({ values, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(`/invoices/${done.invoiceId}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "invoices.page.saved" }) } });
}

export default function MilestoneActionPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const buyer = d.side === "buyer";
  return (
    <article className="stack">
      <p>
        <Link to={d.back}>← {t("invoices.milestones.title")}</Link>
      </p>
      <h1>{t(buyer ? "invoices.milestones.acceptTitle" : "invoices.milestones.issueTitle")}</h1>
      <p>
        {d.milestone.name} · {formatYen(d.milestone.amountYen, locale)}
      </p>
      {buyer ? (
        <p className="hint">
          {t("deliveries.milestonePage.hint")} <Link to={d.deliveries}>{t("afterAward.tabs.deliveries")}</Link>
        </p>
      ) : (
        <p className="hint">{t("invoices.milestones.issueHint")}</p>
      )}
      <FormErrors errors={answer?.formErrors} />
      <Form method="post" className="stack">
        <CsrfInput />
        {buyer ? (
          <Field id="acceptedOn" label={t("invoices.milestones.acceptedOnLabel")} errors={answer?.fieldErrors?.acceptedOn}>
            {(aria) => <input type="date" name="acceptedOn" defaultValue={answer?.values.acceptedOn || d.today} max={d.today} {...aria} />}
          </Field>
        ) : (
          <Field id="invoiceDate" label={t("invoices.page.invoiceDate")} errors={answer?.fieldErrors?.invoiceDate}>
            {(aria) => <input type="date" name="invoiceDate" defaultValue={answer?.values.invoiceDate || d.today} {...aria} />}
          </Field>
        )}
        <button type="submit" className="button primary">
          {t(buyer ? "invoices.milestones.accept" : "invoices.milestones.issue")}
        </button>
      </Form>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
