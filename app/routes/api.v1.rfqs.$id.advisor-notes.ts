import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AdvisorNote, AdvisorNoteListResponse } from "~/api/advisor-schemas";
import { isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { addAdvisorNote, advisorNotesFor } from "~/services/advisors.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";

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
  // The service validates (AdvisorNoteBody) together with the database check of the quote, so every
  // field's error comes back at once; its messages are keys, worded in the caller's language here.
  const added = await addAdvisorNote(context, caller.actor, params.id, body.data);
  if (!added.ok) return serviceProblem(added, caller.locale);
  const notes = await advisorNotesFor(context, caller.actor, params.id);
  const note = notes?.notes.find((n) => n.id === added.note.id);
  return json(AdvisorNote.parse(note ? noteJson(note) : null), { status: 201 });
}
