import { apiRoute, withBody } from "~/api/route.server";
import { commentOnChange } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";

// POST /api/v1/change-requests/{id}/comments {body}: either side comments on an open request.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await commentOnChange(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ id: done.id }, { status: 201 });
    }),
  },
);
