import { apiRoute } from "~/api/route.server";
import { readContract } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}: the buyer's full contract for its members; the winning vendor's allow-listed
// view (app/domain/contracts/vendor-view.ts) for the vendor; 404 for anyone else.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const read = await readContract(context, caller.actor, id);
      if (!read.ok) return read;
      return json({ side: read.side, ...read.contract });
    },
  },
);
