import { AnnotationListResponse } from "~/api/annotation-schemas";
import { annotationAnswer } from "~/api/annotation-route.server";
import { annotationJson, clarificationJson } from "~/api/annotation-json";
import { apiRoute, withBody } from "~/api/route.server";
import { addAnnotation, annotationsFor } from "~/services/annotations.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the annotations on an opened RFQ's quotes and cells, with the clarifications and answers, for its buyer
// and assigned advisors. POST: one of them adds an annotation. Vendors, other buyers, unassigned advisors and
// everyone before a sealed RFQ opens get the 404 of an unknown id.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await annotationsFor(context, caller.actor, id);
      if (!found) return failure.notFound();
      return json(
        AnnotationListResponse.parse({ data: found.annotations.map(annotationJson), clarifications: found.directClarifications.map(clarificationJson) }),
      );
    },
    // The service validates, after checking the caller may see the RFQ, so an outsider learns nothing from a field error.
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const added = await addAnnotation(context, caller.actor, id, body);
      if (!added.ok) return added;
      return annotationAnswer(context, caller.actor, added.annotation, 201);
    }),
  },
);
