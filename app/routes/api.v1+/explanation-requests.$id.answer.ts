import { VendorExplanation } from "~/api/low-quote-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { answerExplanation } from "~/services/low-quote-explanations.server";
import { json } from "~/utils/api.server";

// POST: the quote's vendor answers an explanation request, one text per requested topic, once (409 the second
// time). Anyone but the quote's vendor gets 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await answerExplanation(context, caller.actor, id, body);
      return done.ok ? json(VendorExplanation.parse(done.explanation), { status: 201 }) : done;
    }),
  },
);
