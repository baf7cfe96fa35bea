import { AwardQuestionAnsweredResponse } from "~/api/openapi-award-result";
import { apiRoute, withBody } from "~/api/route.server";
import { answerAwardQuestion } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// POST { body }: the buyer answers a standstill question, once.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await answerAwardQuestion(context, caller.actor, id, body);
      return done.ok ? json(AwardQuestionAnsweredResponse.parse(done)) : done;
    }),
  },
);
