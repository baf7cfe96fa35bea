import { apiRoute } from "~/api/route.server";
import { readRfqAttachmentFile } from "~/services/attachments.server";
import { apiNotFound } from "~/utils/api.server";
import { fileDownload } from "~/utils/file-response.server";

// GET: one file of the RFQ for whoever may read the RFQ; 404 for anyone else.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, params, locale }) => {
      const file = await readRfqAttachmentFile(context, caller.actor, id, params.attachmentId ?? "");
      return file ? fileDownload(file) : apiNotFound(locale);
    },
  },
);
