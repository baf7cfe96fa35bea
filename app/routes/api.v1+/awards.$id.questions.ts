import { AwardQuestionResponse } from "~/api/openapi-award-result";
import { apiRoute, withBody } from "~/api/route.server";
import { askAwardQuestion } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// POST { body }: a not-selected vendor's one question during the standstill.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await askAwardQuestion(context, caller.actor, id, body);
      return done.ok ? json(AwardQuestionResponse.parse(done), { status: 201 }) : done;
    }),
  },
);
