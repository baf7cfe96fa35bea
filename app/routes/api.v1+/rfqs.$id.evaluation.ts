import { PanelBody, PanelResponse } from "~/api/evaluation-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { panelFor, setPanel } from "~/services/evaluation.server";
import type { AppContext } from "~/utils/context.server";
import type { Actor } from "~/domain/permissions";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the RFQ's evaluation panel, for its buyer and assigned advisors. PUT: the buyer sets it (audited; new
// evaluators are notified). Vendors, other buyers and unassigned advisors get the 404 of an unknown id.

async function panelResponse(context: AppContext, actor: Actor, id: string) {
  const found = await panelFor(context, actor, id);
  if (!found) return failure.notFound();
  return json(
    PanelResponse.parse({
      rfqId: id,
      chairUserId: found.panel?.chairUserId ?? null,
      chairName: found.panel?.chairName ?? null,
      priceLater: found.panel?.priceLater ?? false,
      ratingsExist: found.ratingsExist,
      evaluators: found.evaluators,
      eligible: found.eligible,
    }),
  );
}

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => panelResponse(context, caller.actor, id),
    PUT: withBody(PanelBody, async ({ context, caller, id, body }) => {
      const saved = await setPanel(context, caller.actor, id, body);
      if (!saved.ok) return saved;
      return panelResponse(context, caller.actor, id);
    }),
  },
);
