import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import type { Database, MemberRole, OrgKind } from "../../db/schema";
import { enqueueOutbox } from "../../db/queries/outbox";

// Builders shared by the tests and the demo seed, so the demo exercises the same shapes
// the tests prove. Each writes through plain inserts inside the caller's db or trx.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createOrg(db: Kysely<Database>, kind: OrgKind, name = `Org ${unique()}`) {
  return db.insertInto("organizations").values({ kind, name }).returningAll().executeTakeFirstOrThrow();
}

export async function createUser(
  db: Kysely<Database>,
  o: { orgId?: string; role?: MemberRole; email?: string; name?: string; password?: string; isPlatformAdmin?: boolean; locale?: string } = {},
) {
  const user = await db
    .insertInto("users")
    .values({
      email: o.email ?? `user-${unique()}@example.test`,
      name: o.name ?? "Test User",
      password_hash: await hash(o.password ?? "correct horse battery"),
      is_platform_admin: o.isPlatformAdmin ?? false,
      locale: o.locale ?? "ja",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (o.orgId) await db.insertInto("memberships").values({ user_id: user.id, org_id: o.orgId, role: o.role ?? "owner" }).execute();
  return user;
}

export interface VendorSpec {
  name: string;
  description?: string;
  categories?: string[];
  regions?: string[];
  languages?: string[];
  teamSize?: number | null;
  certifications?: { type: string; number: string; issuer: string; validFrom: string; validUntil: string; status?: "unverified" | "verified" | "rejected" }[];
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
  for (const c of spec.certifications ?? []) {
    await db
      .insertInto("certifications")
      .values({
        org_id: org.id,
        type: c.type,
        number: c.number,
        issuer: c.issuer,
        valid_from: c.validFrom,
        valid_until: c.validUntil,
        status: c.status ?? "verified",
      })
      .execute();
  }
  await enqueueOutbox(db, "vendor", org.id);
  return org;
}
