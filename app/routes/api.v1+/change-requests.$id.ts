import { apiRoute } from "~/api/route.server";
import { readChange } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";

// GET /api/v1/change-requests/{id}: one change request with its thread and, once approved, the diff; the 稟議
// progress for the buyer only (approvers and their comments are internal). Decision 0041.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const done = await readChange(context, caller.actor, id);
      if (!done.ok) return done;
      return json({ ...done.request, side: done.side, thread: done.thread, diff: done.diff, ...(done.side === "buyer" ? { route: done.route } : {}) });
    },
  },
);
