import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttachmentTable, DeleteAttachmentButton, UploadForm } from "~/components/attachments";
import { t } from "~/i18n";
import { addQuoteAttachment, ownQuoteAttachments, removeQuoteAttachment } from "~/services/attachments.server";
import { fileErrors, readAttachmentPost, type AttachmentPageErrors } from "~/utils/attachment-form.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The vendor's proposal documents on its quote: sealed like the quote (only this vendor until the quotes
// are opened), added and deleted while the quote may still change (before the deadline, not withdrawn).

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const own = await ownQuoteAttachments(context, user.actor, params.id ?? "");
  invariantResponse(own);
  return own;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const rfqId = params.id ?? "";
  const post = await readAttachmentPost(request, context);
  if (!post.ok) return json(post.errors, { status: post.status });
  const { locale, intent } = post;
  const refused = (failed: Parameters<typeof pageFailure>[0]) => {
    if (failed.status === 404) throw notFound();
    return json({ formErrors: pageFailure(failed, locale).formErrors, fieldErrors: {} } satisfies AttachmentPageErrors, { status: failed.status });
  };

  if (intent === "delete") {
    const removed = await removeQuoteAttachment(context, user.actor, rfqId, String(post.formData.get("attachmentId") ?? ""));
    if (!removed.ok) return refused(removed);
    return redirect(`/rfqs/${rfqId}/quote/attachments`, { headers: { "Set-Cookie": await toastHeader(context, { key: "attachments.deleted" }) } });
  }
  const file = fileErrors(locale, post.upload);
  if (!file.checked)
    return json({ formErrors: [t(locale, "common.formHasErrors")], fieldErrors: { file: file.errors } } satisfies AttachmentPageErrors, { status: 400 });
  const added = await addQuoteAttachment(context, user.actor, rfqId, file.checked);
  if (!added.ok) return refused(added);
  return redirect(`/rfqs/${rfqId}/quote/attachments`, { headers: { "Set-Cookie": await toastHeader(context, { key: "attachments.uploaded" }) } });
}

export default function QuoteAttachmentsPage() {
  const data = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const { t: tr } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${data.rfqId}/quote`}>← {tr("attachments.backToQuote")}</Link>
      </p>
      <h1>
        {tr("attachments.title")} — {data.title}
      </h1>
      <p className="lead">{tr("attachments.quote.intro")}</p>
      <section className="card">
        <AttachmentTable
          files={data.files}
          href={(file) => `/quotes/${data.quoteId}/attachments/${file.id}`}
          action={data.canManage ? (file) => <DeleteAttachmentButton id={file.id} /> : undefined}
          testId="quote-attachments"
        />
      </section>
      {data.canManage ? (
        <UploadForm errors={errors} />
      ) : (
        <p className="notice">{tr(data.quoteId ? "attachments.quote.closed" : "attachments.quote.saveFirst")}</p>
      )}
    </article>
  );
}
