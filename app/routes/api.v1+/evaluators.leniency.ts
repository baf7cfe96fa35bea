import { LeniencyResponse } from "~/api/memo-schemas";
import { apiRoute } from "~/api/route.server";
import { evaluatorLeniencyForBuyer } from "~/services/evaluation-figures.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: each evaluator's leniency across the caller's buyer organisation's RFQs (as /settings/evaluators). Others: 404.

export const { loader } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const data = await evaluatorLeniencyForBuyer(context, caller.actor);
      return data ? json(LeniencyResponse.parse({ data })) : failure.notFound();
    },
  },
);
