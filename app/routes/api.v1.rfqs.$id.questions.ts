import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { questionsForAdvisor, questionsForBuyer, questionsForVendor } from "~/services/rfq-reads.server";
import { questionFields } from "~/services/rfq-responses.server";
import { AskedQuestionResponse, QuestionBody, QuestionListResponse } from "~/api/rfq-schemas";
import { askQuestion, loadRfqForReader } from "~/services/rfqs.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the Q&A of an RFQ — the buyer sees every question with the asking organisation; a vendor
// sees the answered ones (anonymous) and its own; an assigned advisor the answered ones.
// POST: a vendor asks, until the deadline.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const found = isRowId(params.id) ? await loadRfqForReader(context, caller.actor, params.id) : null;
  if (!found || !caller.actor.org) return apiNotFound(caller.locale);
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
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["GET", "POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(QuestionBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const asked = await askQuestion(context, caller.actor, params.id, input.data.question);
  if (!asked.ok) return serviceProblem(asked, caller.locale);
  const { question } = asked;
  return json(AskedQuestionResponse.parse({ id: question.id, rfqId: params.id, question: question.question, createdAt: question.createdAt.toISOString() }), {
    status: 201,
  });
}
