import { apiRoute } from "~/api/route.server";
import { contractTodos } from "~/services/contract-todos.server";
import { listContracts } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts: the caller's organisation's contracts (its side: the buyer's or the vendor's), each with
// what the organisation has to do on it now — the same list and to-dos as /contracts.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const [list, todos] = await Promise.all([listContracts(context, caller.actor), contractTodos(context, caller.actor)]);
      return json({
        contracts: list.contracts.map(({ href: _page, ...c }) => ({
          ...c,
          todos: (todos[c.id] ?? []).map((x) => ({ kind: x.kind, count: x.count, page: x.href })),
        })),
      });
    },
  },
);
