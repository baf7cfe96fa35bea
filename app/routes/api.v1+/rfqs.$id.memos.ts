import { Memo, MemoListResponse } from "~/api/memo-schemas";
import { apiRoute } from "~/api/route.server";
import { createMemoDraft, listMemos } from "~/services/recommendation-memos.server";
import { json } from "~/utils/api.server";

// GET: the RFQ's recommendation memos — an assigned advisory organisation's own versions (drafts included), or the
// published ones (current and superseded) for the buyer's members. POST: an assigned advisor's "new memo", a draft
// pre-filled from its organisation's submitted ratings and annotations in the caller's language. Vendors, other
// buyers and unassigned advisors get the 404 of an unknown id.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const listed = await listMemos(context, caller.actor, id);
      return listed.ok ? json(MemoListResponse.parse({ data: listed.memos })) : listed;
    },
    POST: async ({ context, caller, id, locale }) => {
      const done = await createMemoDraft(context, caller.actor, id, locale);
      return done.ok ? json(Memo.parse(done.memo), { status: 201 }) : done;
    },
  },
);
