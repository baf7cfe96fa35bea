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
    pool.on("connect", (client) => prepareMarkedQueries(client));
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
