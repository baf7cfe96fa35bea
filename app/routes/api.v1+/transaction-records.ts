import { apiRoute } from "~/api/route.server";
import { recordSearchInput, recordView } from "~/domain/invoices/transaction-records";
import { searchTransactionRecords } from "~/services/transaction-records.server";
import { json } from "~/utils/api.server";

// GET /api/v1/transaction-records?dateFrom&dateTo&amountMin&amountMax&counterparty&kind: the /records search as
// JSON. The scope (the token's organisation, its side) is the server's; every call is audited.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      const result = await searchTransactionRecords(context, caller.actor, recordSearchInput(new URL(request.url).searchParams));
      if (!result.ok) return result;
      return json({ mode: result.mode, criteriaCount: result.criteriaCount, truncated: result.truncated, records: result.records.map(recordView) });
    },
  },
);
