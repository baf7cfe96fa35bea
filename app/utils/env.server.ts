import { z } from "zod";

// Environment, validated once at boot; a wrong value stops the server with a clear message.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/)
    .default(""),
  SESSION_SECRET: z.string().min(32).optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  // A local stand-in for api.stripe.com (development, e2e): `npm run stripe:standin` prints it. Unset: Stripe itself.
  STRIPE_API_BASE: z.string().url().optional(),
  // The platform fee on a card payment in basis points (300 = 3 %), rounded down to the yen (decision 0035).
  PLATFORM_FEE_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(300),
  APP_URL: z.string().url().optional(),
  // Unset: mail goes to the local outbox (files in DATA_DIR/mail).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // Lets e2e tests move "now" forward (deadlines) through a header. Never enable in production.
  KURABE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  // SESSION_SECRET may be unset in production too: the server then generates one into DATA_DIR (0600) and
  // keeps it (scripts/lib/runtime.ts). Set it when several servers share the sessions.
  if (parsed.data.NODE_ENV === "production" && !parsed.data.APP_URL) {
    throw new Error("Invalid environment:\n  APP_URL: required in production (the origin links in e-mails start with, e.g. https://kurabe.example)");
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.KURABE_TEST_CLOCK === "1") {
    throw new Error("Invalid environment:\n  KURABE_TEST_CLOCK: must not be enabled in production");
  }
  return parsed.data;
}

/**
 * The origin every link in an e-mail starts with. Never the request's Host header (a forged Host
 * would put an attacker's site into an invitation or reset link): APP_URL, or in development the
 * local server itself.
 */
export function appOrigin(env: Pick<Env, "APP_URL" | "PORT">): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
