import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { InviteForm } from "~/components/vendor/invite-form";
import { safeRedirect } from "~/domain/accounts";
import { InviteVendorFormSchema } from "~/domain/rfq/invitation";
import { invitableRfqsFor, inviteVendorToRfq } from "~/services/rfq-invitations.server";
import { vendorProfile } from "~/services/vendors.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";

// "Invite to RFQ" (buyers) at /vendors/:id/invite (`$id_`: not nested in the profile page). The
// search results and the profile page post here; this page itself is what a browser without
// JavaScript sees when the form needs correcting. Vendors and advisors get 404.

export const meta: MetaFunction = () => [{ title: "案件に招待 / Invite to RFQ — Kurabe" }];

async function loadVendorForBuyer(request: Request, context: LoaderFunctionArgs["context"], vendorId: string | undefined) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "rfq:create", { type: "rfqs" }, { hide: true });
  const id = z.string().uuid().safeParse(vendorId);
  const vendor = id.success ? await vendorProfile(context, id.data) : undefined;
  invariantResponse(vendor);
  return { user, vendor };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, vendor } = await loadVendorForBuyer(request, context, params.id);
  const rfqs = await invitableRfqsFor(context, user.actor);
  const returnTo = safeRedirect(new URL(request.url).searchParams.get("returnTo"), `/vendors/${vendor.id}`);
  return { vendor: { id: vendor.id, name: vendor.name }, rfqs, returnTo };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, vendor } = await loadVendorForBuyer(request, context, params.id);
  const locale = await getLocale(request, context);
  const returnTo = safeRedirect(formData.get("returnTo"), `/vendors/${vendor.id}`);
  const submission = parseForm(formData, InviteVendorFormSchema, locale);
  if (submission.status !== "success") return json({ fieldErrors: submission.error ?? null }, { status: 400 });

  const r = await inviteVendorToRfq(context, user.actor, { rfqId: submission.value.rfqId, vendorOrgId: vendor.id });
  if (!r.ok) {
    if (r.status === 404) throw notFound();
    return json({ fieldErrors: pageFailure(r, locale).fieldErrors }, { status: r.status });
  }
  const names = { vendor: r.vendor.name, title: r.rfq.title };
  const toast = r.alreadyInvited
    ? { key: "rfqInvite.already" as const, params: names, kind: "info" as const }
    : { key: r.notified ? ("rfqInvite.done" as const) : ("rfqInvite.doneDraft" as const), params: names };
  return redirect(returnTo, { headers: { "Set-Cookie": await toastHeader(context, toast) } });
}

export default function InviteVendor() {
  const { vendor, rfqs, returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="stack">
      <p>
        <Link to={returnTo}>← {t("common.back")}</Link>
      </p>
      <h1>{t("rfqInvite.pageTitle", { vendor: vendor.name })}</h1>
      <InviteForm vendorId={vendor.id} rfqs={rfqs} returnTo={returnTo} errors={result?.fieldErrors} open />
    </section>
  );
}
