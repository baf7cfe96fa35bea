import { Memo } from "~/api/memo-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { editMemoDraft } from "~/services/recommendation-memos.server";
import { json } from "~/utils/api.server";

// PATCH: a member of the memo's advisory organisation edits its draft (409 once published). Anyone else: 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    PATCH: withBody("json", async ({ context, caller, id, body }) => {
      const done = await editMemoDraft(context, caller.actor, id, body);
      return done.ok ? json(Memo.parse(done.memo)) : done;
    }),
  },
);
