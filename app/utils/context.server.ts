import type { DB } from "../../db/client.server";
import type { SearchService } from "../../search/client";
import type { Env } from "./env.server";
import type { Mailer } from "~/services/mail.server";
import type { FileStore } from "~/services/file-storage.server";
import type { PaymentGateway } from "~/services/payments/stripe-gateway.server";

export interface Clock {
  now(): Date;
}

/**
 * Everything a loader or action needs from the outside world, handed in by the server
 * (scripts/serve.ts) as Remix's load context. Tests build the same object around a test
 * database, so no module holds a hidden singleton.
 */
export interface AppContext {
  db: DB;
  search: SearchService;
  env: Env;
  clock: Clock;
  mailer: Mailer;
  /** Stripe (card payments, Connect payouts), or null when STRIPE_SECRET_KEY is unset: card surfaces hidden, bank transfer only. */
  payments: PaymentGateway | null;
  sessionSecret: string;
  /** Where uploaded files are kept; unset: the local disk under DATA_DIR (app/services/file-store.server.ts `fileStoreOf`). */
  files?: FileStore;
  /** Wakes the outbox indexer after a write so search catches up in milliseconds. */
  kickIndexer(): void;
  /** Search health as last observed (cached briefly so pages do not ping Meilisearch each time). */
  searchHealthy(): Promise<boolean>;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
