import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { AppContext } from "~/utils/context.server";

// What the service-level builders need: an AppContext for the services and a clock they can move.
// The integration harness is one (`h`); `serviceContext` makes one for scripts and the demo seed.

export interface FactoryContext {
  ctx: AppContext;
  clock: { set(at: Date): void };
}

function unavailable(what: string): never {
  throw new Error(`${what} is not available in this service context; the services it runs are not expected to use it`);
}

/**
 * An AppContext over `db` with its own business clock starting at `now`, for the RFQ, quote and advisor
 * services (they use only db, clock and kickIndexer). The rest throw on first use, so a service that
 * starts mailing or searching fails loudly instead of silently doing nothing. Run the indexer afterwards
 * (the services write outbox rows).
 */
export function serviceContext(
  db: Kysely<Database>,
  now: Date,
  /** For services that mail after a commit (award, approvals): where their mail goes, and the origin of its links. */
  outside: { mailer?: AppContext["mailer"]; env?: AppContext["env"] } = {},
): FactoryContext {
  let current = new Date(now);
  const ctx: AppContext = {
    db,
    clock: { now: () => new Date(current) },
    kickIndexer: () => {},
    // Factories never take card payments (db/seed builds on them; a Stripe account in the seed is a row, not a call).
    payments: null,
    get search(): AppContext["search"] {
      return unavailable("search");
    },
    get env(): AppContext["env"] {
      return outside.env ?? unavailable("env");
    },
    get mailer(): AppContext["mailer"] {
      return outside.mailer ?? unavailable("mailer");
    },
    get sessionSecret(): string {
      return unavailable("sessionSecret");
    },
    searchHealthy: () => unavailable("searchHealthy"),
  };
  return { ctx, clock: { set: (at) => (current = new Date(at)) } };
}

/** Services answer with `{ ok: false, ... }` rather than throwing; a builder must stop on the first one. */
export function mustSucceed<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
