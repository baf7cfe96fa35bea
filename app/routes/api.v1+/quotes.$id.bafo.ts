import { BafoResponse } from "~/api/openapi-bafo";
import { apiRoute, withBody } from "~/api/route.server";
import { saveBafo } from "~/services/bafo.server";
import { json } from "~/utils/api.server";

// PUT: the shortlisted vendor saves its BAFO draft (until it submits, before the round's deadline).
export const { loader, action } = apiRoute(
  { id: true },
  {
    PUT: withBody("json", async ({ context, caller, id, body }) => {
      const done = await saveBafo(context, caller.actor, id, body, "draft");
      if (!done.ok) return done;
      return json(BafoResponse.parse({ quoteId: id, status: "draft", version: null, tco: null }));
    }),
  },
);
