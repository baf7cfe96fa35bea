import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import type { Database, MemberRole, OrgKind } from "../../db/schema";
import { insertApiToken } from "../../db/queries/api-tokens";
import { enqueueOutbox } from "../../db/queries/outbox";
import type { Actor } from "~/domain/permissions";
import { hashApiToken } from "~/services/api-tokens.server";

// Organisations, users, vendors, certificates and API tokens: plain inserts inside the caller's db or trx.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The password every factory-made user has unless told otherwise. */
export const FACTORY_PASSWORD = "correct horse battery";

export async function createOrg(db: Kysely<Database>, kind: OrgKind, name = `Org ${unique()}`) {
  return db.insertInto("organizations").values({ kind, name }).returningAll().executeTakeFirstOrThrow();
}

export async function createUser(
  db: Kysely<Database>,
  o: {
    orgId?: string;
    role?: MemberRole;
    email?: string;
    name?: string;
    password?: string;
    /** An argon2 hash computed once for many users (hashing is slow on purpose); wins over `password`. */
    passwordHash?: string;
    isPlatformAdmin?: boolean;
    locale?: string;
    /** May be named in the organisation's approval routes (稟議ルート). */
    isApprover?: boolean;
  } = {},
) {
  const user = await db
    .insertInto("users")
    .values({
      email: o.email ?? `user-${unique()}@example.test`,
      name: o.name ?? "Test User",
      password_hash: o.passwordHash ?? (await hash(o.password ?? FACTORY_PASSWORD)),
      is_platform_admin: o.isPlatformAdmin ?? false,
      locale: o.locale ?? "ja",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (o.orgId)
    await db
      .insertInto("memberships")
      .values({ user_id: user.id, org_id: o.orgId, role: o.role ?? "owner", is_approver: o.isApprover ?? false })
      .execute();
  return user;
}

export interface CertificateSpec {
  type: string;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
  status?: "unverified" | "verified" | "rejected";
}

/** A certificate on an organisation (verified unless told otherwise). The caller enqueues the vendor's reindex. */
export async function createCertificate(db: Kysely<Database>, orgId: string, c: CertificateSpec) {
  return db
    .insertInto("certifications")
    .values({
      org_id: orgId,
      type: c.type,
      number: c.number,
      issuer: c.issuer,
      valid_from: c.validFrom,
      valid_until: c.validUntil,
      status: c.status ?? "verified",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface VendorSpec {
  name: string;
  description?: string;
  categories?: string[];
  regions?: string[];
  languages?: string[];
  teamSize?: number | null;
  certifications?: CertificateSpec[];
}

/** A vendor organisation with its profile and certifications, and the outbox row that indexes it. */
export async function createVendor(db: Kysely<Database>, spec: VendorSpec) {
  const org = await createOrg(db, "vendor", spec.name);
  await db
    .insertInto("vendor_profiles")
    .values({
      org_id: org.id,
      description: spec.description ?? "",
      categories: spec.categories ?? ["accounting"],
      regions: spec.regions ?? ["tokyo"],
      languages: spec.languages ?? ["ja"],
      team_size: spec.teamSize ?? null,
    })
    .execute();
  for (const c of spec.certifications ?? []) await createCertificate(db, org.id, c);
  await enqueueOutbox(db, "vendor", org.id);
  return org;
}

/** An API token for a member of an organisation; returns the token value to send as Bearer. */
export async function createApiToken(db: Kysely<Database>, o: { orgId: string; userId: string; token?: string; name?: string }) {
  const token = o.token ?? `kurabe_test_${randomBytes(16).toString("hex")}`;
  await insertApiToken(db, { orgId: o.orgId, userId: o.userId, name: o.name ?? "test", tokenHash: hashApiToken(token), prefix: token.slice(0, 11) });
  return token;
}

export interface AccountSpec {
  kind: OrgKind;
  /** The organisation's name (a vendor's comes from `vendor.name`). */
  org?: string;
  vendor?: VendorSpec;
  email?: string;
  name?: string;
  password?: string;
  passwordHash?: string;
  token?: string;
  tokenName?: string;
}

/**
 * One person who can sign in and call the API: an organisation (a vendor with its profile when `vendor`
 * is given, else one of `kind`), its owner, and an API token. Platform accounts are platform admins.
 */
export async function createAccount(db: Kysely<Database>, spec: AccountSpec) {
  const org = spec.vendor ? await createVendor(db, spec.vendor) : await createOrg(db, spec.kind, spec.org ?? `${spec.kind} ${unique()}`);
  const password = spec.password ?? FACTORY_PASSWORD;
  const user = await createUser(db, {
    orgId: org.id,
    email: spec.email,
    name: spec.name,
    password,
    passwordHash: spec.passwordHash,
    isPlatformAdmin: spec.kind === "platform",
  });
  const token = await createApiToken(db, { orgId: org.id, userId: user.id, token: spec.token, name: spec.tokenName });
  return { org, user, email: user.email, password, token };
}
export type Account = Awaited<ReturnType<typeof createAccount>>;

/** The acting identity services take, for the user with this e-mail in their (first) organisation. */
export async function actorFor(db: Kysely<Database>, email: string): Promise<Actor> {
  const row = await db
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .innerJoin("organizations", "organizations.id", "memberships.org_id")
    .select(["users.id as userId", "users.is_platform_admin", "organizations.id as orgId", "organizations.kind", "memberships.role"])
    .where("users.email", "=", email)
    .executeTakeFirstOrThrow(() => new Error(`No account with e-mail ${email}; create it first`));
  return { userId: row.userId, isPlatformAdmin: row.is_platform_admin, org: { id: row.orgId, kind: row.kind, role: row.role } };
}

export async function vendorOrgId(db: Kysely<Database>, name: string): Promise<string> {
  const row = await db
    .selectFrom("organizations")
    .select("id")
    .where("name", "=", name)
    .where("kind", "=", "vendor")
    .executeTakeFirstOrThrow(() => new Error(`No vendor named ${name}`));
  return row.id;
}
