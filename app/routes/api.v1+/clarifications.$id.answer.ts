import { VendorClarification } from "~/api/annotation-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { answerClarification } from "~/services/annotations.server";
import { json } from "~/utils/api.server";

// POST: the quote's vendor answers a clarification request, once (409 the second time). Text only: prices and
// commitments change through a BAFO, never here. Anyone but the quote's vendor gets 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const answered = await answerClarification(context, caller.actor, id, body);
      return answered.ok ? json(VendorClarification.parse(answered.clarification), { status: 201 }) : answered;
    }),
  },
);
