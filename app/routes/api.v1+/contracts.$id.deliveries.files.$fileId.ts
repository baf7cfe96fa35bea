import { apiRoute } from "~/api/route.server";
import { readDeliveryFile } from "~/services/deliveries.server";
import { apiNotFound } from "~/utils/api.server";
import { fileDownload } from "~/utils/file-response.server";

// GET: one file of a delivery, for either party of the contract (audited); 404 for anyone else.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, params, locale }) => {
      const file = await readDeliveryFile(context, caller.actor, id, params.fileId ?? "", "api");
      return file ? fileDownload(file) : apiNotFound(locale);
    },
  },
);
