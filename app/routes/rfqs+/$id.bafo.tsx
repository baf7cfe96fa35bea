import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BafoSection } from "~/components/bafo/bafo-section";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { AnyMessageKey } from "~/i18n";
import { bafoPanel, cancelBafoRound, moveBafoDeadline, openBafoRound, setShortlist } from "~/services/bafo.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /rfqs/:id/bafo — the buyer's shortlist and BAFO round (issue 15 item 1). The comparison page shows the
// same section; its forms post here, and a refused form comes back here with its field errors.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const panel = await bafoPanel(context, user.actor, params.id ?? "");
  invariantResponse(panel);
  return { rfqId: params.id!, panel };
}

const DONE: Record<string, AnyMessageKey> = {
  shortlist: "bafo.shortlist.saved",
  open: "bafo.round.opened",
  extend: "bafo.round.extended",
  cancel: "bafo.round.cancelledDone",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const rfqId = params.id ?? "";
  const intent = String(formData.get("intent") ?? "");
  const roundId = String(formData.get("roundId") ?? "");
  const deadline = String(formData.get("deadline") ?? "");
  const done =
    intent === "shortlist"
      ? await setShortlist(context, user.actor, rfqId, { quoteIds: formData.getAll("quoteIds").map(String) })
      : intent === "open"
        ? await openBafoRound(context, user.actor, rfqId, { deadline })
        : intent === "extend"
          ? await moveBafoDeadline(context, user.actor, roundId, { deadline })
          : intent === "cancel" && formData.get("confirm") === "yes"
            ? await cancelBafoRound(context, user.actor, roundId)
            : null;
  if (!done) throw new Response("Bad Request", { status: 400 });
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) {
    const shown = pageFailure(done, await getLocale(request, context));
    return json({ intent, formErrors: shown.formErrors, fieldErrors: shown.fieldErrors }, { status: done.status });
  }
  return redirect(`/rfqs/${rfqId}/compare`, { headers: { "Set-Cookie": await toastHeader(context, { key: DONE[intent]! }) } });
}

export default function BafoPage() {
  const { rfqId, panel } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfqId}/compare`}>← {t("compare.back")}</Link>
      </p>
      <h1>{t("bafo.title")}</h1>
      <BafoSection rfqId={rfqId} panel={panel} errors={errors} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
