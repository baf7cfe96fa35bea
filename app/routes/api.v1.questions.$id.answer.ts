import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { AnswerBody, AnswerResponse } from "~/api/rfq-schemas";
import { answerQuestion } from "~/services/rfqs.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// POST: the buyer answers (or corrects the answer to) a question on one of its RFQs; the answer
// is published to every bidder without naming who asked.

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(AnswerBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const answered = await answerQuestion(context, caller.actor, params.id, input.data.answer);
  if (!answered.ok) return serviceProblem(answered, caller.locale);
  return json(AnswerResponse.parse({ id: params.id, rfqId: answered.rfqId, answer: input.data.answer }));
}
