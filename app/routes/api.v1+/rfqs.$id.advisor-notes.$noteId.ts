import { AdvisorNote } from "~/api/advisor-schemas";
import { noteJson } from "~/api/advisor-note-json";
import { apiRoute, withBody } from "~/api/route.server";
import { advisorNotesFor, editAdvisorNote, withdrawAdvisorNote } from "~/services/advisors.server";
import { json } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";
import type { Actor } from "~/domain/permissions";

// PATCH: the note's author edits its text. DELETE: the author withdraws it. Either keeps the earlier
// state as history, which the buyer reads. Other members of the advisory organisation get 403; anyone
// who may not read the RFQ's notes gets the 404 of an unknown id.

async function answerWith(context: AppContext, actor: Actor, rfqId: string, noteId: string) {
  const notes = await advisorNotesFor(context, actor, rfqId);
  const note = notes?.notes.find((n) => n.id === noteId);
  return json(AdvisorNote.parse(note ? noteJson(note) : null));
}

export const { loader, action } = apiRoute(
  { id: true },
  {
    PATCH: withBody("json", async ({ context, caller, id, params, body }) => {
      const noteId = params.noteId ?? "";
      const edited = await editAdvisorNote(context, caller.actor, id, noteId, body);
      return edited.ok ? answerWith(context, caller.actor, id, noteId) : edited;
    }),
    DELETE: async ({ context, caller, id, params }) => {
      const noteId = params.noteId ?? "";
      const withdrawn = await withdrawAdvisorNote(context, caller.actor, id, noteId);
      return withdrawn.ok ? answerWith(context, caller.actor, id, noteId) : withdrawn;
    },
  },
);
