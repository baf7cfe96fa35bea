import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AwardSettingsForm } from "~/components/award/award-settings-form";
import { FormErrors } from "~/components/field";
import { awardSettingsOf, saveAwardSettings } from "~/services/award-result.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 受諾期限 and standstill (issue 15, item 4): the form on /settings/approvals posts here; GET shows it alone.
// A refused value comes back here at its field, in the reader's language, and nothing is saved.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const r = await awardSettingsOf(context, user.actor);
  if (!r.ok) throw notFound();
  return {
    values: { acceptBusinessDays: r.acceptBusinessDays, standstillBusinessDays: r.standstillBusinessDays, buyerKind: r.buyerKind },
    canManage: r.canManage,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const values = {
    acceptBusinessDays: String(form.get("acceptBusinessDays") ?? ""),
    standstillBusinessDays: String(form.get("standstillBusinessDays") ?? ""),
    buyerKind: String(form.get("buyerKind") ?? ""),
  };
  // No choice sent (a form without the radio group) keeps the organisation's kind as it is.
  const saved = await saveAwardSettings(context, user.actor, { ...values, buyerKind: form.get("buyerKind") === null ? undefined : values.buyerKind });
  if (!saved.ok) {
    if (saved.status === 404) throw notFound();
    if (saved.status === 403) throw forbidden();
    return json({ values, ...pageFailure(saved, await getLocale(request, context)) }, { status: saved.status });
  }
  return redirect("/settings/approvals", { headers: { "Set-Cookie": await toastHeader(context, { key: "awardResult.settings.saved" }) } });
}

export default function AwardSettingsPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="stack">
      <FormErrors errors={answer?.formErrors} />
      <AwardSettingsForm values={answer?.values ?? d.values} canManage={d.canManage} errors={answer?.fieldErrors} />
      <p>
        <Link to="/settings/approvals">← {t("settings.tab.approvals")}</Link>
      </p>
    </div>
  );
}
