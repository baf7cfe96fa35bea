import { createHash } from "node:crypto";
import { sql, type Expression } from "kysely";

// Opt-in prepared statements for the few hot, fixed-shape reads: the API token, session and memberships
// read on every request, and the ranking's listings. PostgreSQL spends more CPU parsing and planning
// such a query than running it (the 4-join token lookup: ~0.9 ms to plan, 0.07 ms to execute), on cores
// it shares with the server. A query opts in by ending with this comment; the pg pool then sends it as a
// named statement, prepared once per connection. Only queries whose SQL text does not vary with their
// input may opt in (an `in (…)` list of varying length would prepare a new statement per length). The
// comment is inert anywhere else, e.g. on embedded PGlite.

const MARK = "/* kurabe:prepare */";

/** Ends a query with the opt-in marker: `.modifyEnd(PREPARE)`. */
export const PREPARE: Expression<unknown> = sql.raw(MARK);

// Statement names by SQL text: the texts are the opted-in queries, a handful, so the map stays small.
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `kurabe_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

interface QueryableClient {
  query: (...args: never[]) => unknown;
}

/** Makes a pg client send marked queries as named (prepared) statements; everything else is unchanged. */
export function prepareMarkedQueries(client: QueryableClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === "string" && text.endsWith(MARK)) return query({ name: statementName(text), text, values });
    return query(...args);
  }) as QueryableClient["query"];
}
