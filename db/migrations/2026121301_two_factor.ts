import { sql, type Kysely } from "kysely";

// Two-factor sign-in (issue 20 item 3; decision 0052).
// `user_two_factor`: one row per user who started setting up an authenticator app. The TOTP secret is stored
// encrypted (AES-256-GCM, key derived from SESSION_SECRET); `enabled_at` is null until the user confirmed a code.
// `last_used_step` is the 30-second step of the last accepted code: a code of that step or an earlier one is
// refused, so a code seen over someone's shoulder cannot be replayed within its window.
// `two_factor_recovery_codes`: ten per user, only their keyed hashes; `used_at` spends one for good.
// `two_factor_challenges`: the state between a correct password and the code. It is not a session (nothing reads
// it but the code step); the browser holds its random token, the row only its SHA-256.
// `org_two_factor_requirements`: a row means the organisation requires two-factor sign-in of every member.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_two_factor")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("enabled_at", "timestamptz")
    // A step is unix seconds / 30 (about 59 million in 2026): an integer holds it for two thousand years.
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("two_factor_recovery_codes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("two_factor_recovery_codes_user_idx").on("two_factor_recovery_codes").columns(["user_id", "code_hash"]).unique().execute();
  await db.schema
    .createTable("two_factor_challenges")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("two_factor_challenges_user_idx").on("two_factor_challenges").column("user_id").execute();
  await db.schema
    .createTable("org_two_factor_requirements")
    .addColumn("org_id", "uuid", (c) => c.primaryKey().references("organizations.id").onDelete("cascade"))
    .addColumn("required_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("required_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("org_two_factor_requirements").execute();
  await db.schema.dropTable("two_factor_challenges").execute();
  await db.schema.dropTable("two_factor_recovery_codes").execute();
  await db.schema.dropTable("user_two_factor").execute();
}
