import { readApiUpload, withDownloadUrl } from "~/api/attachment-route.server";
import { apiRoute } from "~/api/route.server";
import { RfqAttachmentFields } from "~/domain/attachments/files";
import { addRfqAttachment, rfqAttachmentsFor } from "~/services/attachments.server";
import { apiNotFound, inputProblem, json, parseApiInput } from "~/utils/api.server";

// GET: the RFQ's files for whoever may read the RFQ (vendors: published versions only), current and old.
// POST (the buyer): multipart/form-data with `file`, `kind` and optionally `replaces`; after publication
// the file goes out with the next addendum.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, locale }) => {
      const found = await rfqAttachmentsFor(context, caller.actor, id);
      if (!found) return apiNotFound(locale);
      const base = `/api/v1/rfqs/${id}/attachments`;
      return json({
        version: found.version,
        data: found.current.map((f) => withDownloadUrl(base, f)),
        history: found.history.map((f) => withDownloadUrl(base, f)),
      });
    },
    POST: async ({ request, context, caller, id, locale }) => {
      const upload = await readApiUpload(request, locale);
      if (!upload.ok) return upload.response;
      const fields = parseApiInput(
        RfqAttachmentFields,
        { kind: upload.formData.get("kind") ?? undefined, replaces: upload.formData.get("replaces") ?? undefined },
        locale,
      );
      if (!fields.success) return inputProblem(fields.error.issues, locale);
      const added = await addRfqAttachment(context, caller.actor, id, fields.data, upload.file);
      if (!added.ok) return added;
      return json(withDownloadUrl(`/api/v1/rfqs/${id}/attachments`, added.attachment), { status: 201 });
    },
  },
);
