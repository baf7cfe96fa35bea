import { AdvisorNote, AdvisorNoteListResponse } from "~/api/advisor-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { noteJson } from "~/api/advisor-note-json";
import { addAdvisorNote, advisorNotesFor } from "~/services/advisors.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the advisors' notes on an RFQ, for its buyer and its assigned advisors. POST: an assigned advisor
// adds one (optionally about an opened quote of the RFQ, optionally recommending it). Vendors, other
// buyers and unassigned advisors get the 404 of an unknown id.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await advisorNotesFor(context, caller.actor, id);
      if (!found) return failure.notFound();
      return json(AdvisorNoteListResponse.parse({ data: found.notes.map(noteJson) }));
    },
    // The service validates (AdvisorNoteBody) together with the database check of the quote, so every
    // field's error comes back at once; its messages are keys, worded in the caller's language here.
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const added = await addAdvisorNote(context, caller.actor, id, body);
      if (!added.ok) return added;
      const notes = await advisorNotesFor(context, caller.actor, id);
      const note = notes?.notes.find((n) => n.id === added.note.id);
      return json(AdvisorNote.parse(note ? noteJson(note) : null), { status: 201 });
    }),
  },
);
