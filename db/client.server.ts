import { mkdirSync } from "node:fs";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { PGliteDialect } from "./pglite-dialect";
import { prepareMarkedQueries } from "./prepared";

export type DB = Kysely<Database>;

// Both drivers must return the same JS types, or code passes on one and fails on the
// other: int8 (count, sum, bigserial) → number, date → "YYYY-MM-DD" string.
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const keepDate = (v: string) => v;

/** The one place that decides: DATABASE_URL → a pg Pool; otherwise embedded PGlite in `dataDir`. */
export async function createDatabase(options: { url?: string; dataDir?: string; poolSize?: number }): Promise<DB> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return keepDate;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    pool.on("connect", (client) => {
      // A connection whose server went away (a restart, a failover) emits "error" when no query is running on it,
      // e.g. while a transaction is between statements; without a listener Node ends the process. The next query
      // on it fails ("not queryable", answered 503 — app/utils/unavailable.server.ts) and the pool discards it.
      client.on("error", () => {});
      prepareMarkedQueries(client);
    });
    // The same for an idle pooled connection: the pool drops it and opens a new one when next needed.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const dataDir = options.dataDir ?? ".data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: parseInt8, [DATE]: keepDate },
  });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}
