import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/field";
import { WithdrawalExplanation, WithdrawForm } from "~/components/quote/withdraw-quote";
import { translateOrPassThrough } from "~/i18n";
import { withdrawalPreview, withdrawQuote } from "~/services/quotes.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { invariantResponse } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// GET asks the vendor to confirm the withdrawal of its quote (what it does, that it can submit again
// until the deadline); POST withdraws and goes back to the quote. The quote page's dialog posts here
// too. Anyone but the quote's vendor gets 404, as for an unknown id.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const preview = await withdrawalPreview(context, user.actor, params.id ?? "");
  invariantResponse(preview);
  return preview;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const preview = await withdrawalPreview(context, user.actor, params.id ?? "");
  invariantResponse(preview);
  const done = await withdrawQuote(context, user.actor, preview.quoteId);
  if (!done.ok) return json({ formErrors: [translateOrPassThrough(locale, done.key)] }, { status: done.status });
  return redirect(`/rfqs/${preview.rfqId}/quote`, { headers: { "Set-Cookie": await toastHeader(context, { key: "quotes.form.withdrawn" }) } });
}

export default function WithdrawQuotePage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, translateOrPassThrough } = useI18n();
  const back = `/rfqs/${d.rfqId}/quote`;
  return (
    <section className="narrow card stack">
      <h1>{t("quoteForm.withdraw.title")}</h1>
      <FormErrors errors={answer?.formErrors} />
      {d.refusal ? (
        <p className="notice" role="status">
          {translateOrPassThrough(d.refusal)}
        </p>
      ) : (
        <>
          <WithdrawalExplanation rfqTitle={d.rfqTitle} version={d.version} deadline={d.deadline} />
          <WithdrawForm quoteId={d.quoteId}>
            <Link to={back} className="button">
              {t("quoteForm.withdraw.cancel")}
            </Link>
          </WithdrawForm>
        </>
      )}
      <p>
        <Link to={back}>← {t("quoteForm.withdraw.back")}</Link>
      </p>
    </section>
  );
}
