import type { advisorNotesFor } from "~/services/advisors.server";

// One advisor note as the API answers it (GET list, POST, PATCH and DELETE of /advisor-notes).

type NoteRow = NonNullable<Awaited<ReturnType<typeof advisorNotesFor>>>["notes"][number];

export const noteJson = (n: NoteRow) => ({
  id: n.id,
  quoteId: n.quote_id,
  vendorName: n.vendor_name,
  recommends: n.recommends,
  body: n.body,
  advisorOrgId: n.advisor_org_id,
  advisorName: n.advisor_name,
  authorName: n.author_name,
  createdAt: n.created_at.toISOString(),
  editedAt: n.updated_at?.toISOString() ?? null,
  withdrawnAt: n.withdrawn_at?.toISOString() ?? null,
  supersededAt: n.superseded_at?.toISOString() ?? null,
  current: n.current,
  revisions: n.revisions.map((r) => ({
    change: r.change,
    body: r.body,
    quoteId: r.quote_id,
    recommends: r.recommends,
    until: r.created_at.toISOString(),
  })),
});
