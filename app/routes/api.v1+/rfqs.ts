import { openRfqsForVendor, rfqsOfBuyer } from "~/services/rfq-reads.server";
import { buyerRfqSummary, loadRfqResponse, vendorRfqSummary } from "~/services/rfq-responses.server";
import { RfqCreateBody, RfqListQuery, RfqListResponse } from "~/api/rfq-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { createRfqDraft } from "~/services/rfqs.server";
import { inputProblem, json, parseApiInput } from "~/utils/api.server";

// GET: the caller's RFQs — a buyer's own (any status), a vendor's open ones to bid on.
// POST: a buyer creates a draft.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      const query = parseApiInput(RfqListQuery, Object.fromEntries(new URL(request.url).searchParams), caller.locale);
      if (!query.success) return inputProblem(query.error.issues, caller.locale);
      const { status } = query.data;
      const org = caller.actor.org;
      const now = context.clock.now();
      // Both queries filter by the caller's organisation; the branch only picks which list that is.
      if (org?.kind === "buyer") {
        const rows = await rfqsOfBuyer(context, org.id, { status });
        return json(RfqListResponse.parse({ data: rows.map((row) => buyerRfqSummary(row, now)) }));
      }
      // A vendor's list holds only RFQs open for quotes, so any other status filter is simply empty.
      if (org?.kind === "vendor" && (status === undefined || status === "open")) {
        const rows = await openRfqsForVendor(context, org.id);
        return json(RfqListResponse.parse({ data: rows.map(vendorRfqSummary) }));
      }
      return json(RfqListResponse.parse({ data: [] }));
    },
    POST: withBody(RfqCreateBody, async ({ context, caller, body, locale }) => {
      const created = await createRfqDraft(context, caller.actor, body);
      if (!created.ok) return created;
      const rfq = await loadRfqResponse(context, caller.actor, created.rfq.id, locale);
      return json(rfq, { status: 201, headers: { Location: `/api/v1/rfqs/${created.rfq.id}` } });
    }),
  },
);
