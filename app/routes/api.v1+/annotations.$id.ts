import { annotationAnswer } from "~/api/annotation-route.server";
import { apiRoute, withBody } from "~/api/route.server";
import { editAnnotation, withdrawAnnotation } from "~/services/annotations.server";

// PATCH: the annotation's author changes its text or kind (the earlier state is kept as history). DELETE: the
// author withdraws it (kept, marked withdrawn). Other readers get 403; anyone who may not read it, 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    PATCH: withBody("json", async ({ context, caller, id, body }) => {
      const edited = await editAnnotation(context, caller.actor, id, body);
      return edited.ok ? annotationAnswer(context, caller.actor, edited.annotation) : edited;
    }),
    DELETE: async ({ context, caller, id }) => {
      const withdrawn = await withdrawAnnotation(context, caller.actor, id);
      return withdrawn.ok ? annotationAnswer(context, caller.actor, withdrawn.annotation) : withdrawn;
    },
  },
);
