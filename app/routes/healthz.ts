import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { outboxStats } from "../../db/queries/outbox";

/** Liveness and dependency status. 200 while the database answers; search down is "degraded", not down. */
export async function loader({ context }: LoaderFunctionArgs) {
  let database: "ok" | "down" = "ok";
  let outbox: Awaited<ReturnType<typeof outboxStats>> | null = null;
  try {
    await sql`select 1`.execute(context.db);
    outbox = await outboxStats(context.db);
  } catch {
    database = "down";
  }
  const search = (await context.search.isHealthy()) ? "ok" : "down";
  const status = database === "down" ? "down" : search === "down" ? "degraded" : "ok";
  return Response.json(
    { status, database, search, outbox: outbox ? { pending: outbox.pending, failing: outbox.failing, dead: outbox.dead, oldestPendingSeconds: outbox.oldestPendingSeconds } : null },
    { status: database === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } },
  );
}
