import { readApiUpload, withDownloadUrl } from "~/api/attachment-route.server";
import { apiRoute } from "~/api/route.server";
import { addQuoteAttachmentByQuote, quoteAttachmentsFor } from "~/services/attachments.server";
import { apiNotFound, json } from "~/utils/api.server";

// GET: a quote's files, sealed like the quote — its vendor at any time, the buyer (and assigned advisors)
// once the quotes are opened, offers only; 404 for anyone else. POST (the quote's vendor, before the
// deadline): multipart/form-data with `file`.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, locale }) => {
      const files = await quoteAttachmentsFor(context, caller.actor, id, "api");
      if (!files) return apiNotFound(locale);
      return json({ data: files.map((f) => withDownloadUrl(`/api/v1/quotes/${id}/attachments`, f)) });
    },
    POST: async ({ request, context, caller, id, locale }) => {
      const upload = await readApiUpload(request, locale);
      if (!upload.ok) return upload.response;
      const added = await addQuoteAttachmentByQuote(context, caller.actor, id, upload.file);
      if (!added.ok) return added;
      return json(withDownloadUrl(`/api/v1/quotes/${id}/attachments`, added.attachment), { status: 201 });
    },
  },
);
