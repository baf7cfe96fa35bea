import { pingDatabase } from "../../db/queries/health";
import { outboxStats } from "../../db/queries/outbox";
import type { AppContext } from "~/utils/context.server";

/** The database's state for /healthz: "down" when it does not answer, else the outbox figures. */
export async function databaseHealth(ctx: AppContext) {
  try {
    await pingDatabase(ctx.db);
    const outbox = await outboxStats(ctx.db);
    return { database: "ok" as const, outbox };
  } catch {
    return { database: "down" as const, outbox: null };
  }
}
