import { openItemsFor as changeItems } from "../../db/queries/change-requests";
import { openItemsFor as reviewItems } from "../../db/queries/contract-reviews";
import { openItemsFor as deliveryItems } from "../../db/queries/deliveries";
import { openItemsFor as measurementItems } from "../../db/queries/sla-measurements";
import { todosByContract, type ContractTodo } from "~/domain/contracts/todos";
import type { Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";

/**
 * The caller's organisation's open items on its contracts (issue 17 item 8): deliveries to make or inspect,
 * measurements to enter or confirm, change requests and reviews awaiting it, ratings due — by contract, each with
 * the tab where it is done. Each feature counts its own (its `openItemsFor`); the day is the app clock's.
 */
export async function contractTodos(ctx: AppContext, actor: Actor): Promise<Record<string, ContractTodo[]>> {
  const side = actor.org?.kind === "buyer" || actor.org?.kind === "vendor" ? actor.org.kind : null;
  if (!side || !actor.org) return {};
  const orgId = actor.org.id;
  const today = tokyoDateString(ctx.clock.now());
  const lists = await Promise.all([
    deliveryItems(ctx.db, side, orgId, today),
    measurementItems(ctx.db, side, orgId, today),
    changeItems(ctx.db, side, orgId),
    reviewItems(ctx.db, side, orgId, today),
  ]);
  return todosByContract(lists.flat());
}
