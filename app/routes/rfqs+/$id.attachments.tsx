import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttachmentTable, DeleteAttachmentButton, UploadForm } from "~/components/attachments";
import { RFQ_ATTACHMENT_KINDS, RfqAttachmentFields } from "~/domain/attachments/files";
import { t } from "~/i18n";
import { addRfqAttachment, removeRfqAttachment, rfqAttachmentsFor } from "~/services/attachments.server";
import { fileErrors, readAttachmentPost, type AttachmentPageErrors } from "~/utils/attachment-form.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { parseForm } from "~/utils/forms";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// An RFQ's attachments: every reader of the RFQ lists and downloads them (vendors: published versions
// only, old versions included); its buyer adds, replaces and deletes them. After publication a change
// waits for the next addendum, whose change summary lists it.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const found = await rfqAttachmentsFor(context, user.actor, params.id ?? "");
  invariantResponse(found);
  return found;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const rfqId = params.id ?? "";
  const post = await readAttachmentPost(request, context);
  if (!post.ok) return json(post.errors, { status: post.status });
  const { locale, intent, formData } = post;
  const back = `/rfqs/${rfqId}/attachments`;

  if (intent === "delete") {
    const removed = await removeRfqAttachment(context, user.actor, rfqId, String(formData.get("attachmentId") ?? ""));
    if (!removed.ok && removed.status === 404) throw notFound();
    if (!removed.ok)
      return json({ formErrors: pageFailure(removed, locale).formErrors, fieldErrors: {} } satisfies AttachmentPageErrors, { status: removed.status });
    const key = removed.pending ? "attachments.deletedPending" : "attachments.deleted";
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
  }

  const fields = parseForm(formData, RfqAttachmentFields, locale);
  const file = fileErrors(locale, post.upload);
  if (fields.status !== "success" || !file.checked) {
    const fieldErrors: Record<string, string[]> = {};
    if (fields.status !== "success") for (const [name, messages] of Object.entries(fields.error ?? {})) if (messages) fieldErrors[name] = messages;
    if (file.errors) fieldErrors.file = file.errors;
    return json({ formErrors: [t(locale, "common.formHasErrors")], fieldErrors } satisfies AttachmentPageErrors, { status: 400 });
  }
  const added = await addRfqAttachment(context, user.actor, rfqId, fields.value, file.checked);
  if (!added.ok && added.status === 404) throw notFound();
  if (!added.ok) {
    const failed = pageFailure(added, locale);
    return json({ formErrors: failed.formErrors, fieldErrors: failed.fieldErrors } satisfies AttachmentPageErrors, { status: added.status });
  }
  const key = added.pending ? "attachments.uploadedPending" : "attachments.uploaded";
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
}

export default function RfqAttachmentsPage() {
  const data = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const { t: tr } = useI18n();
  const href = (file: { id: string }) => `/rfqs/${data.rfqId}/attachments/${file.id}`;
  const deletable = (file: { id: string; state?: string }) => (file.state === "pendingRemoval" ? null : <DeleteAttachmentButton id={file.id} />);
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${data.rfqId}`}>← {tr("attachments.back")}</Link>
      </p>
      <h1>
        {tr("attachments.title")} — {data.title}
      </h1>
      <p className="lead">{tr(data.as === "vendor" ? "attachments.rfq.vendorIntro" : "attachments.rfq.intro")}</p>
      <section className="card">
        <AttachmentTable files={data.current} href={href} versioned action={data.canManage ? deletable : undefined} testId="rfq-attachments" />
      </section>
      {data.history.length > 0 ? (
        <section className="card">
          <h2>{tr("attachments.history")}</h2>
          <AttachmentTable files={data.history} href={href} versioned testId="rfq-attachments-history" />
        </section>
      ) : null}
      {data.canManage ? (
        <UploadForm
          errors={errors}
          kinds={RFQ_ATTACHMENT_KINDS}
          replaceable={data.current.filter((file) => file.state !== "pendingRemoval").map((file) => ({ id: file.id, name: file.name }))}
        />
      ) : null}
    </article>
  );
}
