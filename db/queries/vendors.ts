import { sql, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database } from "../schema";
import { engagementCountOf, rateFactsOf } from "./track-records";

// Vendors are organisations of kind 'vendor' with a profile. Profiles are public to
// signed-in users (they are shop windows); certifications are listed with their status.

function vendorBase(db: Kysely<Database>) {
  return db
    .selectFrom("organizations")
    .innerJoin("vendor_profiles", "vendor_profiles.org_id", "organizations.id")
    .where("organizations.kind", "=", "vendor")
    .select((eb) => [
      "organizations.id",
      "organizations.name",
      "vendor_profiles.description",
      "vendor_profiles.categories",
      "vendor_profiles.regions",
      "vendor_profiles.languages",
      "vendor_profiles.team_size",
      "vendor_profiles.updated_at",
      jsonArrayFrom(
        eb
          .selectFrom("certifications")
          .select([
            "certifications.id",
            "certifications.type",
            "certifications.number",
            "certifications.issuer",
            sql<string>`to_char(certifications.valid_from, 'YYYY-MM-DD')`.as("valid_from"),
            sql<string>`to_char(certifications.valid_until, 'YYYY-MM-DD')`.as("valid_until"),
            "certifications.status",
          ])
          .whereRef("certifications.org_id", "=", "organizations.id")
          .orderBy("certifications.type"),
      ).as("certifications"),
      // Kurabe contracts with confirmed facts, and the rate facts per KPI and day (weighted by the reader's clock).
      eb.fn.coalesce(engagementCountOf(db), sql<number>`0`).as("track_record_count"),
      rateFactsOf(db).as("track_record_facts"),
    ]);
}

export type VendorRow = Awaited<ReturnType<typeof loadVendorIndexRows>>[number];

/** Rows to project into the vendors index: by ids (the indexer) or a keyset page (reindex). */
export async function loadVendorIndexRows(db: Kysely<Database>, by: { ids: string[] } | { afterId: string | null; limit: number }) {
  let q = vendorBase(db);
  if ("ids" in by) {
    if (by.ids.length === 0) return [];
    q = q.where("organizations.id", "in", by.ids);
  } else {
    if (by.afterId) q = q.where("organizations.id", ">", by.afterId);
    q = q.orderBy("organizations.id").limit(by.limit);
  }
  return q.execute();
}

export async function findVendor(db: Kysely<Database>, orgId: string) {
  return vendorBase(db).where("organizations.id", "=", orgId).executeTakeFirst();
}

export async function countVendorsAndValidCertifications(db: Kysely<Database>, today: string) {
  return db
    .selectFrom("organizations")
    .select([
      sql<number>`count(*)::int`.as("vendors"),
      sql<number>`(select count(*)::int from certifications where status <> 'rejected' and valid_from <= ${today}::date and valid_until >= ${today}::date)`.as(
        "certifications",
      ),
    ])
    .where("kind", "=", "vendor")
    .executeTakeFirstOrThrow();
}

/** The empty profile a new vendor organisation starts with. */
export async function insertEmptyVendorProfile(db: Kysely<Database>, orgId: string) {
  await db.insertInto("vendor_profiles").values({ org_id: orgId }).execute();
}

export async function updateVendorProfile(
  db: Kysely<Database>,
  orgId: string,
  p: { name: string; description: string; categories: string[]; regions: string[]; languages: string[]; teamSize: number | null },
  now: Date,
) {
  await db.updateTable("organizations").set({ name: p.name }).where("id", "=", orgId).where("kind", "=", "vendor").execute();
  await db
    .insertInto("vendor_profiles")
    .values({
      org_id: orgId,
      description: p.description,
      categories: p.categories,
      regions: p.regions,
      languages: p.languages,
      team_size: p.teamSize,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({
        description: p.description,
        categories: p.categories,
        regions: p.regions,
        languages: p.languages,
        team_size: p.teamSize,
        updated_at: now,
      }),
    )
    .execute();
}

/**
 * The degraded-mode search: a plain ILIKE over name, description and category keys, used
 * when Meilisearch is down. No facets, no typo tolerance — the page says so.
 */
export async function searchVendorsInDatabase(
  db: Kysely<Database>,
  p: { q: string; categories?: string[]; regions?: string[]; certifications?: string[]; today: string; page: number; perPage: number },
) {
  let q = vendorBase(db);
  const words = p.q.split(/\s+/).filter(Boolean).slice(0, 8);
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("organizations.name", "ilike", like),
        eb("vendor_profiles.description", "ilike", like),
        eb(sql<string>`array_to_string(vendor_profiles.categories, ' ')`, "ilike", like),
      ]),
    );
  }
  if (p.categories?.length) q = q.where(sql<boolean>`vendor_profiles.categories && ${sql.val(p.categories)}::text[]`);
  if (p.regions?.length) q = q.where(sql<boolean>`vendor_profiles.regions && ${sql.val(p.regions)}::text[]`);
  for (const c of p.certifications ?? []) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("certifications")
          .select("certifications.id")
          .whereRef("certifications.org_id", "=", "organizations.id")
          .where("certifications.type", "=", c)
          .where("certifications.status", "<>", "rejected")
          .where(sql<boolean>`certifications.valid_from <= ${p.today}::date and certifications.valid_until >= ${p.today}::date`),
      ),
    );
  }
  const rows = await q
    .orderBy("organizations.name")
    .limit(p.perPage + 1)
    .offset((p.page - 1) * p.perPage)
    .execute();
  return { rows: rows.slice(0, p.perPage), hasMore: rows.length > p.perPage };
}

export async function listVendorsPage(db: Kysely<Database>, p: { limit: number; offset: number; category?: string }) {
  let q = vendorBase(db);
  if (p.category) q = q.where(sql<boolean>`${p.category} = any(vendor_profiles.categories)`);
  const [rows, total] = await Promise.all([
    q.orderBy("organizations.name").orderBy("organizations.id").limit(p.limit).offset(p.offset).execute(),
    (p.category
      ? db
          .selectFrom("vendor_profiles")
          .innerJoin("organizations", "organizations.id", "vendor_profiles.org_id")
          .where(sql<boolean>`${p.category} = any(vendor_profiles.categories)`)
      : db.selectFrom("vendor_profiles").innerJoin("organizations", "organizations.id", "vendor_profiles.org_id")
    )
      .where("organizations.kind", "=", "vendor")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
