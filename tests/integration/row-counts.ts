import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";

/** How many rows each table holds: compared before and after a refused write, to show nothing was written. */
export async function rowCounts<T extends keyof Database & string>(db: DB, tables: readonly T[]): Promise<Record<T, number>> {
  const counts = {} as Record<T, number>;
  for (const table of tables) {
    const row = await db
      .selectFrom(table as keyof Database)
      .select(sql<string>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
