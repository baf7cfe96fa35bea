import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AdvisorNoteBody, AdvisorNoteListResponse, AdvisorNote } from "~/api/advisor-schemas";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { addAdvisorNote, advisorNotesFor } from "~/services/advisors.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the advisors' notes on an RFQ, for its buyer and its assigned advisors. POST: an assigned advisor
// adds one (optionally about an opened quote of the RFQ, optionally recommending it). Vendors, other
// buyers and unassigned advisors get the 404 of an unknown id.

type NoteRow = NonNullable<Awaited<ReturnType<typeof advisorNotesFor>>>["notes"][number];

const noteJson = (n: NoteRow) => ({
  id: n.id,
  quoteId: n.quote_id,
  vendorName: n.vendor_name,
  recommends: n.recommends,
  body: n.body,
  advisorOrgId: n.advisor_org_id,
  advisorName: n.advisor_name,
  authorName: n.author_name,
  createdAt: n.created_at.toISOString(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const found = isRowId(params.id) ? await advisorNotesFor(context, caller.actor, params.id) : null;
  if (!found) return apiNotFound(caller.locale);
  return json(AdvisorNoteListResponse.parse({ data: found.notes.map(noteJson) }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["GET", "POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  // Shape errors in the caller's language first; the service then checks the quote against the RFQ.
  const input = parseApiInput(AdvisorNoteBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const added = await addAdvisorNote(context, caller.actor, params.id, input.data);
  if (!added.ok) return serviceProblem(added, caller.locale);
  const notes = await advisorNotesFor(context, caller.actor, params.id);
  const note = notes?.notes.find((n) => n.id === added.note.id);
  return json(AdvisorNote.parse(note ? noteJson(note) : null), { status: 201 });
}
