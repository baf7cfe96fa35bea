import { Annotation } from "~/api/annotation-schemas";
import { annotationJson } from "~/api/annotation-json";
import type { Actor } from "~/domain/permissions";
import { annotationsFor } from "~/services/annotations.server";
import { json } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";

/** The annotation after a write, read back as the caller reads it (history and clarification included). */
export async function annotationAnswer(context: AppContext, actor: Actor, row: { id: string; rfq_id: string; quote_id: string }, status = 200) {
  const found = await annotationsFor(context, actor, row.rfq_id, row.quote_id);
  const annotation = found?.annotations.find((a) => a.id === row.id);
  return json(Annotation.parse(annotation ? annotationJson(annotation) : null), { status });
}
