import { questionsForAdvisor, questionsForBuyer, questionsForVendor } from "~/services/rfq-reads.server";
import { questionFields } from "~/services/rfq-responses.server";
import { AskedQuestionResponse, QuestionBody, QuestionListResponse } from "~/api/rfq-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { askQuestion, loadRfqForReader } from "~/services/rfqs.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the Q&A of an RFQ — the buyer sees every question with the asking organisation; a vendor
// sees the answered ones (anonymous) and its own; an assigned advisor the answered ones.
// POST: a vendor asks, until the deadline.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await loadRfqForReader(context, caller.actor, id);
      if (!found || !caller.actor.org) return failure.notFound();
      const orgId = caller.actor.org.id;
      if (found.as === "buyer") {
        const rows = await questionsForBuyer(context, orgId, found.row.id);
        return json(QuestionListResponse.parse({ view: "buyer", data: rows.map((q) => ({ ...questionFields(q), askedBy: q.asked_by })) }));
      }
      if (found.as === "advisor") {
        const rows = await questionsForAdvisor(context, orgId, found.row.id);
        return json(QuestionListResponse.parse({ view: "advisor", data: rows.map(questionFields) }));
      }
      const rows = await questionsForVendor(context, orgId, found.row.id);
      return json(QuestionListResponse.parse({ view: "vendor", data: rows.map((q) => ({ ...questionFields(q), mine: q.mine })) }));
    },
    POST: withBody(QuestionBody, async ({ context, caller, id, body }) => {
      const asked = await askQuestion(context, caller.actor, id, body.question);
      if (!asked.ok) return asked;
      const { question } = asked;
      return json(AskedQuestionResponse.parse({ id: question.id, rfqId: id, question: question.question, createdAt: question.createdAt.toISOString() }), {
        status: 201,
      });
    }),
  },
);
