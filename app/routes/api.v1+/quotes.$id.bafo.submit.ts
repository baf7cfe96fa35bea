import { BafoResponse } from "~/api/openapi-bafo";
import { apiRoute, withBody } from "~/api/route.server";
import { saveBafo } from "~/services/bafo.server";
import { json } from "~/utils/api.server";

// POST: the shortlisted vendor submits its BAFO, once and final (the body's fields over its draft).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await saveBafo(context, caller.actor, id, body ?? {}, "submit");
      if (!done.ok) return done;
      return json(BafoResponse.parse({ quoteId: id, status: "submitted", version: done.version, tco: done.tco }));
    }),
  },
);
