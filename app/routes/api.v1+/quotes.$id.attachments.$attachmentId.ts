import { apiRoute } from "~/api/route.server";
import { readQuoteAttachmentFile } from "~/services/attachments.server";
import { apiNotFound } from "~/utils/api.server";
import { fileDownload } from "~/utils/file-response.server";

// GET: one file of a quote, sealed like the quote; 404 for anyone who may not read the quote now.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, params, locale }) => {
      const file = await readQuoteAttachmentFile(context, caller.actor, id, params.attachmentId ?? "", "api");
      return file ? fileDownload(file) : apiNotFound(locale);
    },
  },
);
