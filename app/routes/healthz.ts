import type { LoaderFunctionArgs } from "@remix-run/node";
import { databaseHealth } from "~/services/health.server";

/** Liveness and dependency status. 200 while the database answers; search down is "degraded", not down. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { database, outbox } = await databaseHealth(context);
  const search = (await context.search.isHealthy()) ? "ok" : "down";
  const status = database === "down" ? "down" : search === "down" ? "degraded" : "ok";
  return Response.json(
    {
      status,
      database,
      search,
      outbox: outbox ? { pending: outbox.pending, failing: outbox.failing, dead: outbox.dead, oldestPendingSeconds: outbox.oldestPendingSeconds } : null,
    },
    { status: database === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } },
  );
}
