import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { isDatabaseEmpty, seedDemoData } from "../../db/seed";
import { createSearchService, type SearchService } from "../../search/client";
import { startAppJobs, type RunningJobRunner } from "../../app/jobs";
import { startBundledMeilisearch, type RunningMeilisearch } from "../../search/server";
import type { AppContext, Clock } from "../../app/utils/context.server";
import { appOrigin, type Env } from "../../app/utils/env.server";
import { createLocalMailer, createQueuedMailer, createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { paymentGatewayFromEnv } from "../../app/services/payments/stripe-gateway.server";

// Everything the server needs, started in order and stopped in reverse: database
// (external or embedded), migrations, first-run seed, Meilisearch (external or bundled),
// index settings, the outbox indexer. Used by `npm start` and by the e2e server.

export interface Runtime {
  db: DB;
  search: SearchService;
  meili: RunningMeilisearch | null;
  indexer: RunningJobRunner;
  contextFor(clock?: Clock): AppContext;
  stop(): Promise<void>;
}

function sessionSecretFor(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  // Unset (npm start on a fresh clone, production included): a random secret kept beside the data, readable
  // by this user only, so sessions survive restarts.
  const file = path.join(env.DATA_DIR, "session-secret");
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startRuntime(env: Env, log: (msg: string) => void = console.log): Promise<Runtime> {
  const db = await createDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, "pglite") });
  log(env.DATABASE_URL ? "database: PostgreSQL at DATABASE_URL" : `database: embedded PGlite in ${path.join(env.DATA_DIR, "pglite")}`);
  await migrateToLatest(db);
  if (await isDatabaseEmpty(db)) {
    log("database: first run — seeding demo data");
    await seedDemoData(db, new Date(), { history: true });
  }

  let meili: RunningMeilisearch | null = null;
  let url = env.MEILI_URL;
  let apiKey = env.MEILI_MASTER_KEY ?? "";
  if (!url) {
    meili = await startBundledMeilisearch({ dataDir: path.join(env.DATA_DIR, "meilisearch") });
    url = meili.url;
    apiKey = meili.masterKey;
    log(`search: bundled Meilisearch at ${url}`);
  } else {
    log(`search: Meilisearch at ${url}`);
  }
  const search = createSearchService({ url, apiKey, prefix: env.MEILI_INDEX_PREFIX, timeoutMs: 3000 });

  // Settings are reconciled at boot and again whenever search comes back after an outage,
  // because documents written to a missing index would create it with default settings.
  let healthy = false;
  let checkedAt = 0;
  const reconcile = async () => {
    try {
      await search.reconcileSettings();
      return true;
    } catch (e) {
      log(`search: settings not reconciled (${e instanceof Error ? e.message : e}); will retry`);
      return false;
    }
  };
  healthy = (await search.isHealthy()) && (await reconcile());
  checkedAt = Date.now();
  const searchHealthy = async () => {
    if (Date.now() - checkedAt < 2000) return healthy;
    checkedAt = Date.now();
    const now = await search.isHealthy();
    if (now && !healthy) await reconcile();
    healthy = now;
    return healthy;
  };

  // Mail is a job (decision 0054): the app's mailer queues; the runner delivers through the transport.
  const transport = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, mailFrom(env, appOrigin(env))) : createLocalMailer(path.join(env.DATA_DIR, "mail"));
  log(env.SMTP_URL ? "mail: SMTP at SMTP_URL" : `mail: local outbox in ${path.join(env.DATA_DIR, "mail")}`);
  let kickRunner = () => {};
  const mailer = createQueuedMailer({ db, origin: appOrigin(env), kick: () => kickRunner() });
  let lastIndexerError = "";
  const indexer = startAppJobs({
    db,
    search,
    // Overdue reminders mail from the job runner (queued like every mail), and the runner delivers the queue.
    mail: { mailer, env },
    mailTransport: transport,
    onError: (e) => {
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== lastIndexerError) log(`indexer: ${msg} (will retry with backoff)`);
      lastIndexerError = msg;
    },
  });
  kickRunner = () => indexer.kick();
  const sessionSecret = sessionSecretFor(env);
  const systemClock: Clock = { now: () => new Date() };
  const payments = paymentGatewayFromEnv(env);
  log(
    payments
      ? `payments: Stripe${env.STRIPE_API_BASE ? ` stand-in at ${env.STRIPE_API_BASE}` : ""} (platform fee ${env.PLATFORM_FEE_BASIS_POINTS / 100} %)`
      : "payments: card payment off (STRIPE_SECRET_KEY unset) — bank transfer only",
  );

  return {
    db,
    search,
    meili,
    indexer,
    contextFor: (clock = systemClock) => ({
      db,
      search,
      env,
      clock,
      mailer,
      payments,
      sessionSecret,
      kickIndexer: () => indexer.kick(),
      searchHealthy,
    }),
    async stop() {
      await indexer.stop();
      await meili?.stop();
      await db.destroy();
    },
  };
}

// serve:cluster's primary resolves the secret once and hands it to its workers (scripts/serve-cluster.ts).
export { sessionSecretFor };
