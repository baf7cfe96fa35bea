import { annotationAnswer } from "~/api/annotation-route.server";
import { apiRoute } from "~/api/route.server";
import { sendClarification } from "~/services/annotations.server";

// POST: sends a question annotation to the quote's vendor as a clarification request (its author, or any
// member of the buyer organisation); once per annotation (409 the second time). The vendor's members get an
// in-app notice and an e-mail linking to their quote page. Answers the annotation with its clarification.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const sent = await sendClarification(context, caller.actor, id);
      if (!sent.ok) return sent;
      return annotationAnswer(context, caller.actor, { id, rfq_id: sent.clarification.rfq_id, quote_id: sent.clarification.quote_id }, 201);
    },
  },
);
