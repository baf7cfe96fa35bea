import { Clarification, ClarificationListResponse } from "~/api/annotation-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { askClarification, clarificationsForQuote } from "~/services/annotations.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the clarifications on one quote — its own vendor reads only the questions and its answers (the vendor
// projection); the buyer and the RFQ's assigned advisors read them all once the quote is opened; anyone else
// 404. POST: the buyer or an assigned advisor asks the vendor a question directly (without an annotation).

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await clarificationsForQuote(context, caller.actor, id);
      if (!found) return failure.notFound();
      return json(ClarificationListResponse.parse({ data: found.items }));
    },
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const asked = await askClarification(context, caller.actor, id, body);
      if (!asked.ok) return asked;
      const found = await clarificationsForQuote(context, caller.actor, id);
      const item = found?.as !== "vendor" ? found?.items.find((c) => c.id === asked.clarification.id) : undefined;
      return json(Clarification.parse(item ?? null), { status: 201 });
    }),
  },
);
