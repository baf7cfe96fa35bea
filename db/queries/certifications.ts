import { sql, type Kysely, type QueryCreator } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { CertificationStatus, Database } from "../schema";

// Vendor certificates, their review, admin-added types and the vendor's invoice registration number.
// Every vendor-side function takes the vendor's organisation id and filters on it, so an id from another
// tenant simply finds nothing. Only the review functions (platform admins) read across organisations.

type Db = Kysely<Database>;

const certificationColumns = [
  "certifications.id",
  "certifications.org_id",
  "certifications.type",
  "certifications.number",
  "certifications.issuer",
  "certifications.valid_from",
  "certifications.valid_until",
  "certifications.status",
  "certifications.verified_by",
  "certifications.verified_at",
  "certifications.rejected_reason",
  "certifications.evidence_path",
  "certifications.evidence_name",
  "certifications.evidence_mime",
  "certifications.evidence_size",
  "certifications.created_at",
  "certifications.updated_at",
] as const;

export interface CertificationValues {
  type: string;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
}

export interface EvidenceValues {
  path: string;
  name: string;
  mime: string;
  size: number;
}

/** The organisation's certificates with the reviewer's name, newest validity last so renewals read in order. */
export async function listCertificationsOfOrg(db: Db, orgId: string) {
  return db
    .selectFrom("certifications")
    .leftJoin("users as reviewer", "reviewer.id", "certifications.verified_by")
    .select([...certificationColumns, "reviewer.name as reviewer_name"])
    .where("certifications.org_id", "=", orgId)
    .orderBy("certifications.type")
    .orderBy("certifications.valid_until")
    .orderBy("certifications.id")
    .execute();
}

export type CertificationRow = NonNullable<Awaited<ReturnType<typeof findCertificationOfOrg>>>;

/** One certificate of the organisation, locked for the rest of the transaction when `forUpdate`. */
export async function findCertificationOfOrg(db: Db, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom("certifications").select(certificationColumns).where("certifications.org_id", "=", orgId).where("certifications.id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Across organisations: for admins' review and for the evidence download, whose callers check the policy on `org_id`. */
export async function findCertificationById(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom("certifications").select(certificationColumns).where("certifications.id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertCertification(db: Db, orgId: string, values: CertificationValues, evidence: EvidenceValues | null, now: Date) {
  return db
    .insertInto("certifications")
    .values({
      org_id: orgId,
      type: values.type,
      number: values.number,
      issuer: values.issuer,
      valid_from: values.validFrom,
      valid_until: values.validUntil,
      verified_by: null,
      evidence_path: evidence?.path ?? null,
      evidence_name: evidence?.name ?? null,
      evidence_mime: evidence?.mime ?? null,
      evidence_size: evidence?.size ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning(certificationColumns)
    .executeTakeFirstOrThrow();
}

/** Replaces the vendor-editable fields (and the evidence when given) and resets the review as told. */
export async function updateCertificationOfOrg(
  db: Db,
  orgId: string,
  id: string,
  change: { values: CertificationValues; evidence: EvidenceValues | null; resetReview: boolean; now: Date },
) {
  const { values, evidence, resetReview, now } = change;
  return db
    .updateTable("certifications")
    .set({
      type: values.type,
      number: values.number,
      issuer: values.issuer,
      valid_from: values.validFrom,
      valid_until: values.validUntil,
      updated_at: now,
      ...(evidence ? { evidence_path: evidence.path, evidence_name: evidence.name, evidence_mime: evidence.mime, evidence_size: evidence.size } : {}),
      ...(resetReview ? { status: "unverified" as const, verified_by: null, verified_at: null, rejected_reason: null } : {}),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returning(certificationColumns)
    .executeTakeFirst();
}

export async function deleteCertificationOfOrg(db: Db, orgId: string, id: string) {
  return db.deleteFrom("certifications").where("org_id", "=", orgId).where("id", "=", id).returning(["id", "evidence_path"]).executeTakeFirst();
}

/** An admin's decision: who and when are kept for rejections too (verified_by/at read as "reviewed by/at"). */
export async function setCertificationReview(
  db: Db,
  id: string,
  review: { status: Exclude<CertificationStatus, "unverified">; reviewerId: string; rejectedReason: string | null; now: Date },
) {
  return db
    .updateTable("certifications")
    .set({ status: review.status, verified_by: review.reviewerId, verified_at: review.now, rejected_reason: review.rejectedReason, updated_at: review.now })
    .where("id", "=", id)
    .returning(certificationColumns)
    .executeTakeFirst();
}

/** The admin queue: unverified first (oldest first, the longest waiting), then the latest decisions. */
export async function listCertificationsForReview(db: Db, limit = 200) {
  return db
    .selectFrom("certifications")
    .innerJoin("organizations", "organizations.id", "certifications.org_id")
    .leftJoin("users as reviewer", "reviewer.id", "certifications.verified_by")
    .select([...certificationColumns, "organizations.name as org_name", "reviewer.name as reviewer_name"])
    .orderBy(sql`case when certifications.status = 'unverified' then 0 else 1 end`)
    .orderBy(sql`case when certifications.status = 'unverified' then certifications.created_at end`, "asc")
    .orderBy("certifications.updated_at", "desc")
    .orderBy("certifications.id")
    .limit(limit)
    .execute();
}

export async function listCertificationTypes(db: Db) {
  return db.selectFrom("certification_types").select(["key", "label_ja", "label_en"]).orderBy("key").execute();
}

/** Inserts the type unless the key exists; returns whether it was created. */
export async function insertCertificationType(db: Db, type: { key: string; labelJa: string; labelEn: string; createdBy: string; now: Date }) {
  const row = await db
    .insertInto("certification_types")
    .values({ key: type.key, label_ja: type.labelJa, label_en: type.labelEn, created_by: type.createdBy, created_at: type.now })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

export async function findInvoiceRegistrationNumber(db: Db, vendorOrgId: string) {
  const row = await db
    .selectFrom("organizations")
    .select("invoice_registration_number")
    .where("id", "=", vendorOrgId)
    .where("kind", "=", "vendor")
    .executeTakeFirst();
  return row?.invoice_registration_number ?? null;
}

export async function updateInvoiceRegistrationNumber(db: Db, vendorOrgId: string, value: string | null) {
  await db.updateTable("organizations").set({ invoice_registration_number: value }).where("id", "=", vendorOrgId).where("kind", "=", "vendor").execute();
}

/**
 * A vendor's certificates as the ranking reads them (type, review status, validity), as a correlated
 * subquery for a query that has the vendor's id in scope as `vendorId` (e.g. "vendor.id"): public facts
 * of its profile, brought in the same round trip as the offers they rank.
 */
export function certificateValiditiesOf(qc: QueryCreator<Database>, vendorId: string) {
  return jsonArrayFrom(
    qc
      .selectFrom("certifications")
      .select([
        "certifications.type",
        "certifications.status",
        sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as("valid_from"),
        sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as("valid_until"),
      ])
      .where("certifications.org_id", "=", sql.ref<string>(vendorId))
      .orderBy("certifications.type"),
  );
}

/**
 * Queues a vendors-index refresh for every vendor with a certificate whose validity changed between
 * two days in Japan (YYYY-MM-DD, `fromDay` < `toDay`): one that lapsed (valid through a day in
 * [fromDay, toDay)) or began (valid from a day in (fromDay, toDay]). Nothing else writes when a
 * certificate simply expires overnight, so without this "has valid X" would keep finding it.
 */
export async function enqueueVendorsWithCertificateValidityChangedBetween(db: Db, fromDay: string, toDay: string) {
  const result = await db
    .insertInto("outbox")
    .columns(["topic", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("certifications")
        .select([sql<string>`'vendor'`.as("topic"), sql<string>`certifications.org_id::text`.as("entity_id")])
        .where((w) =>
          w.or([
            w.and([w("certifications.valid_until", ">=", fromDay), w("certifications.valid_until", "<", toDay)]),
            w.and([w("certifications.valid_from", ">", fromDay), w("certifications.valid_from", "<=", toDay)]),
          ]),
        )
        .distinct(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
