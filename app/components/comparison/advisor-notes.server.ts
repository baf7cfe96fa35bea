import { json, redirect } from "@remix-run/node";
import type { Actor } from "~/domain/permissions";
import { editAdvisorNote, withdrawAdvisorNote } from "~/services/advisors.server";
import type { AppContext } from "~/utils/context.server";
import { notFound, pageFailure, failureStatus } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";

// The comparison page's `editNote` and `withdrawNote` intents (AdvisorNotes' own forms): the author
// edits or withdraws a note; field errors come back beside the note's form, in the reader's language.

export async function ownNoteAction(
  ctx: AppContext,
  request: Request,
  actor: Actor,
  rfqId: string,
  intent: "editNote" | "withdrawNote",
  formData: FormData,
  back: string,
) {
  const noteId = String(formData.get("noteId") ?? "");
  const body = String(formData.get("body") ?? "");
  const done = intent === "editNote" ? await editAdvisorNote(ctx, actor, rfqId, noteId, { body }) : await withdrawAdvisorNote(ctx, actor, rfqId, noteId);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok && done.status === 400) {
    return json({ intent, noteId, values: { body }, fieldErrors: pageFailure(done, await getLocale(request, ctx)).fieldErrors }, { status: 400 });
  }
  if (!done.ok) throw failureStatus(done);
  const key = intent === "editNote" ? "advisors.note.edited" : "advisors.note.withdrawn";
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(ctx, { key }) } });
}
