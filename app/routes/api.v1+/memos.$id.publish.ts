import { PublishedMemoResponse } from "~/api/memo-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { publishMemo } from "~/services/recommendation-memos.server";
import { json } from "~/utils/api.server";

// POST: publishes the draft, with the fields of the JSON body applied first in the same transaction (`{}` publishes it
// as saved); the organisation's previous published version becomes superseded. 400 without a recommended quote or
// a rationale; 409 once it is no longer a draft; anyone but the memo's advisory organisation: 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await publishMemo(context, caller.actor, id, body);
      return done.ok ? json(PublishedMemoResponse.parse({ ...done.memo, supersededId: done.supersededId })) : done;
    }),
  },
);
