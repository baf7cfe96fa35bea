import { AnswerBody, AnswerResponse } from "~/api/rfq-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { answerQuestion } from "~/services/rfqs.server";
import { json } from "~/utils/api.server";

// POST: the buyer answers (or corrects the answer to) a question on one of its RFQs; the answer
// is published to every bidder without naming who asked.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody(AnswerBody, async ({ context, caller, id, body }) => {
      const answered = await answerQuestion(context, caller.actor, id, body.answer);
      if (!answered.ok) return answered;
      return json(AnswerResponse.parse({ id, rfqId: answered.rfqId, answer: body.answer }));
    }),
  },
);
