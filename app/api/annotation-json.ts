import type { AnnotationsView } from "~/services/annotations.server";

// One annotation and one clarification as the API answers them (rfqs/{id}/annotations, annotations/{id}).

type AnnotationRow = AnnotationsView["annotations"][number];
type ClarificationRow = AnnotationsView["directClarifications"][number];

export const clarificationJson = (c: ClarificationRow) => ({
  id: c.id,
  quoteId: c.quoteId,
  annotationId: c.annotationId,
  question: c.question,
  askedAt: c.askedAt.toISOString(),
  askerName: c.askerName,
  askerOrgName: c.askerOrgName,
  answer: c.answer,
  answeredAt: c.answeredAt?.toISOString() ?? null,
  answererName: c.answererName,
});

export const annotationJson = (a: AnnotationRow) => ({
  id: a.id,
  quoteId: a.quoteId,
  vendorName: a.vendorName,
  criterionKey: a.criterionKey,
  kind: a.kind,
  body: a.body,
  authorName: a.authorName,
  authorOrgName: a.authorOrgName,
  authorSide: a.authorSide,
  createdAt: a.createdAt.toISOString(),
  editedAt: a.revisions.length > 0 ? a.updatedAt.toISOString() : null,
  withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
  revisions: a.revisions.map((r) => ({ kind: r.kind, body: r.body, until: r.replacedAt.toISOString(), changedBy: r.replacedByName })),
  clarification: a.clarification ? clarificationJson(a.clarification) : null,
});
