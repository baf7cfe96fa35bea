import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChangeThresholdForm } from "~/components/contracts/change-threshold-form";
import { FormErrors } from "~/components/field";
import { changeThreshold, saveChangeThreshold } from "~/services/change-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The 稟議 threshold of change requests (decision 0041): the form on /settings/approvals posts here; GET shows it
// alone. A refused value comes back here at its field, in the reader's language, and nothing is saved.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const r = await changeThreshold(context, user.actor);
  if (!r.ok) throw notFound();
  return { value: r.thresholdYen, canManage: r.canManage };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const value = String(form.get("thresholdYen") ?? "");
  const saved = await saveChangeThreshold(context, user.actor, { thresholdYen: value });
  if (!saved.ok) {
    if (saved.status === 404) throw notFound();
    if (saved.status === 403) throw forbidden();
    return json({ value, ...pageFailure(saved, await getLocale(request, context)) }, { status: saved.status });
  }
  return redirect("/settings/approvals", { headers: { "Set-Cookie": await toastHeader(context, { key: "changes.threshold.saved" }) } });
}

export default function ChangeThresholdPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="stack">
      <FormErrors errors={answer?.formErrors} />
      <ChangeThresholdForm value={answer?.value ?? d.value} canManage={d.canManage} errors={answer?.fieldErrors.thresholdYen} />
      <p>
        <Link to="/settings/approvals">← {t("settings.tab.approvals")}</Link>
      </p>
    </div>
  );
}
