import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DelegationsSection } from "~/components/approvals/delegations";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createDelegation, listDelegations, revokeDelegationById } from "~/services/approval-delegations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 代決 (issue 15 item 3): the delegation section's own page. /settings/approvals shows the same section and
// posts here; a refusal is shown here, field by field, with what was typed. Buyer members only (else 404).

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const listed = await listDelegations(context, user.actor);
  if (!listed.ok) throw notFound();
  const { ok: _ok, ...data } = listed;
  return data;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  if (formData.get("intent") === "revoke") {
    const done = await revokeDelegationById(context, user.actor, String(formData.get("id") ?? ""));
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ ...pageFailure(done, locale), values: {} as Record<string, string> }, { status: done.status });
    return redirect("/settings/approvals", { headers: { "Set-Cookie": await toastHeader(context, { key: "approvals.delegation.revoked" }) } });
  }
  const values = Object.fromEntries(["fromUserId", "toUserId", "startsOn", "endsOn", "reason"].map((k) => [k, String(formData.get(k) ?? "")]));
  const done = await createDelegation(context, user.actor, values);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) return json({ ...pageFailure(done, locale), values }, { status: done.status });
  return redirect("/settings/approvals", { headers: { "Set-Cookie": await toastHeader(context, { key: "approvals.delegation.saved" }) } });
}

export default function DelegationsPage() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="stack">
      <p>
        <Link to="/settings/approvals">← {t("approvalRoutes.title")}</Link>
      </p>
      <DelegationsSection data={data} state={state} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
