import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AnnotationsPanel, type AnnotationActionData } from "~/components/comparison/annotations";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/field";
import { cellKey } from "~/domain/annotations/views";
import type { AnyMessageKey } from "~/i18n";
import { addAnnotation, annotationsFor, askClarification, editAnnotation, sendClarification, withdrawAnnotation } from "~/services/annotations.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { failureStatus, invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The annotations and clarifications of an opened RFQ, for its buyer and assigned advisors (issue 18 item 2).
// GET shows them all (the comparison page shows the same panel inline); POST is where every annotation form of
// the comparison and the single quote page posts: add, edit, withdraw, send a question to the vendor, ask one
// directly. Success redirects back to the page the form was on; a refused input renders here with the field's
// message in the reader's language; anyone who may not see the RFQ's annotations gets 404.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.data.rfqTitle} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const data = await annotationsFor(context, user.actor, params.id ?? "");
  invariantResponse(data);
  return { data, rfqId: params.id! };
}

const INTENTS = ["annotation.add", "annotation.edit", "annotation.withdraw", "annotation.send", "annotation.ask"] as const;
type Intent = (typeof INTENTS)[number];

/** Only a path back into this RFQ's comparison or one of the app's quote pages: never another origin. */
function backTo(raw: FormDataEntryValue | null, rfqId: string): string {
  const back = typeof raw === "string" ? raw : "";
  const safe = back.startsWith(`/rfqs/${rfqId}/compare`) || back.startsWith(`/rfqs/${rfqId}/annotations`) || /^\/quotes\/[0-9a-f-]{36}$/.test(back);
  return safe && !back.startsWith("//") ? back : `/rfqs/${rfqId}/annotations`;
}

const TOAST: Record<Intent, AnyMessageKey> = {
  "annotation.add": "annotations.added",
  "annotation.edit": "annotations.edited",
  "annotation.withdraw": "annotations.withdrawn",
  "annotation.send": "clarifications.sent",
  "annotation.ask": "clarifications.sent",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const rfqId = params.id ?? "";
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Bad Request", { status: 400 });
  const back = backTo(formData.get("back"), rfqId);
  const text = (name: string) => String(formData.get(name) ?? "");
  const annotationId = text("annotationId");
  let target = "";
  let values: Record<string, string> = {};
  let done;
  switch (intent) {
    case "annotation.add":
      values = { quoteId: text("quoteId"), criterionKey: text("criterionKey"), kind: text("kind"), body: text("body") };
      target = cellKey(values.quoteId!, values.criterionKey || null);
      done = await addAnnotation(context, user.actor, rfqId, { ...values, criterionKey: values.criterionKey || null });
      break;
    case "annotation.edit":
      values = { kind: text("kind"), body: text("body") };
      target = annotationId;
      done = await editAnnotation(context, user.actor, annotationId, { kind: values.kind || undefined, body: values.body });
      break;
    case "annotation.withdraw":
      done = await withdrawAnnotation(context, user.actor, annotationId);
      break;
    case "annotation.send":
      done = await sendClarification(context, user.actor, annotationId);
      break;
    case "annotation.ask":
      values = { quoteId: text("quoteId"), question: text("question") };
      done = await askClarification(context, user.actor, values.quoteId!, { question: values.question });
      break;
  }
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && done.status === 400) {
    const refused = pageFailure(done, await getLocale(request, context));
    return json<AnnotationActionData>({ intent, target, values, fieldErrors: refused.fieldErrors, formErrors: refused.formErrors }, { status: 400 });
  }
  if (!done.ok && done.status === 409) {
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: done.key, kind: "error" }) } });
  }
  if (!done.ok) throw failureStatus(done);
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: TOAST[intent] }) } });
}

export default function AnnotationsPage() {
  const { data, rfqId } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p className="no-print">
        <Link to={`/rfqs/${rfqId}/compare`}>{t("annotations.backToCompare")}</Link>
      </p>
      <h1>{t("annotations.page.title", { title: data.rfqTitle })}</h1>
      <FormErrors errors={refused?.formErrors} />
      <AnnotationsPanel data={data} rfqId={rfqId} back={`/rfqs/${rfqId}/annotations`} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
