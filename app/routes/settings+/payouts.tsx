import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import { payoutSettings, startStripeOnboarding } from "~/services/payments/card-payments.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { useI18n } from "~/utils/use-i18n";

// /settings/payouts (decision 0035): a vendor's card payouts through Stripe Connect Express — the connected account's
// state (kept by Stripe's `account.updated` webhooks) and, for owners, a button that goes to Stripe's onboarding
// (an Account Link that returns here). When card payment is off on this server the page says so and offers nothing.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const s = await payoutSettings(context, user.actor);
  if (!s.ok) throw notFound();
  const link = new URL(request.url).searchParams.get("link");
  return {
    gatewayOn: s.gatewayOn,
    manage: s.manage,
    account: s.account,
    feePercent: s.feePercent,
    link: link === "returned" || link === "expired" ? link : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const user = await requireUser(request, context);
  const started = await startStripeOnboarding(context, user.actor);
  if (!started.ok) {
    if (started.status === 404) throw notFound();
    if (started.status === 403) throw forbidden();
    return json(pageFailure(started, await getLocale(request, context)), { status: started.status });
  }
  return redirect(started.url, 303);
}

export default function PayoutsPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const state = d.account ? t(`payouts.state.${d.account.state}`) : t("payouts.state.none");
  return (
    <div className="stack">
      <h2>{t("payouts.title")}</h2>
      {!d.gatewayOn ? (
        <p className="notice" data-testid="payouts-off">
          {t("payouts.off")}
        </p>
      ) : (
        <>
          <p>{t("payouts.intro", { fee: formatNumber(d.feePercent, locale, 2) })}</p>
          <p data-testid="payouts-state">{t("payouts.state", { state })}</p>
          {d.link === "returned" && d.account?.state !== "enabled" ? <p className="notice">{t("payouts.returned")}</p> : null}
          {d.link === "expired" ? <p className="notice">{t("payouts.expired")}</p> : null}
          <FormErrors errors={answer?.formErrors} />
          {d.manage ? (
            d.account?.state === "enabled" ? null : (
              <Form method="post" reloadDocument>
                <CsrfInput />
                <button type="submit" className="button primary">
                  {d.account ? t("payouts.continue") : t("payouts.setup")}
                </button>
              </Form>
            )
          ) : (
            <p className="hint">{t("payouts.ownerOnly")}</p>
          )}
        </>
      )}
    </div>
  );
}
