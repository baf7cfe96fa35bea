import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { openRfqsForVendor, rfqsOfBuyer } from "~/services/rfq-reads.server";
import { buyerRfqSummary, loadRfqResponse, vendorRfqSummary } from "~/services/rfq-responses.server";
import { RfqCreateBody, RfqListQuery, RfqListResponse } from "~/api/rfq-schemas";
import { createRfqDraft } from "~/services/rfqs.server";
import { json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the caller's RFQs — a buyer's own (any status), a vendor's open ones to bid on.
// POST: a buyer creates a draft.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const query = parseApiInput(RfqListQuery, Object.fromEntries(new URL(request.url).searchParams), caller.locale);
  if (!query.success) return inputProblem(query.error.issues, caller.locale);
  const { status } = query.data;
  const org = caller.actor.org;
  const now = context.clock.now();
  // Both queries filter by the caller's organisation; the branch only picks which list that is.
  if (org?.kind === "buyer") {
    const rows = await rfqsOfBuyer(context, org.id, { status });
    return json(RfqListResponse.parse({ data: rows.map((row) => buyerRfqSummary(row, now)) }));
  }
  // A vendor's list holds only RFQs open for quotes, so any other status filter is simply empty.
  if (org?.kind === "vendor" && (status === undefined || status === "open")) {
    const rows = await openRfqsForVendor(context, org.id);
    return json(RfqListResponse.parse({ data: rows.map(vendorRfqSummary) }));
  }
  return json(RfqListResponse.parse({ data: [] }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["GET", "POST"]);
  const caller = await requireApiCaller(request, context);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(RfqCreateBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const created = await createRfqDraft(context, caller.actor, input.data);
  if (!created.ok) return serviceProblem(created, caller.locale);
  const rfq = await loadRfqResponse(context, caller.actor, created.rfq.id);
  return json(rfq, { status: 201, headers: { Location: `/api/v1/rfqs/${created.rfq.id}` } });
}
