import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { generateVendors, type GeneratedVendor } from "./vendor-generator";

// Loads generated vendors into PostgreSQL in multi-row INSERTs of a few thousand rows each:
// the factories insert one vendor per round trip, which would take minutes for 100,000.
// Benchmark data only: no audit rows and no outbox rows (the index is built by the reindex command).

const BATCH = 2000;

export interface LoadedVendors {
  vendors: number;
  certifications: number;
  /** The first `keep` vendors, as generated (the benchmark edits their profiles). */
  kept: GeneratedVendor[];
}

export async function loadGeneratedVendors(
  db: Kysely<Database>,
  options: { count: number; seed: number; today: Date; keep: number; onProgress?: (done: number) => void },
): Promise<LoadedVendors> {
  const out: LoadedVendors = { vendors: 0, certifications: 0, kept: [] };
  let batch: GeneratedVendor[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const vendors = batch;
    batch = [];
    await db
      .insertInto("organizations")
      .values(vendors.map((v) => ({ id: v.id, kind: "vendor" as const, name: v.name })))
      .execute();
    await db
      .insertInto("vendor_profiles")
      .values(
        vendors.map((v) => ({
          org_id: v.id,
          description: v.description,
          categories: v.categories,
          regions: v.regions,
          languages: v.languages,
          team_size: v.teamSize,
          updated_at: v.updatedAt,
        })),
      )
      .execute();
    const certs = vendors.flatMap((v) =>
      v.certifications.map((c) => ({
        org_id: v.id,
        type: c.type,
        number: c.number,
        issuer: c.issuer,
        valid_from: c.validFrom,
        valid_until: c.validUntil,
        status: c.status,
        verified_at: c.status === "unverified" ? null : v.updatedAt,
      })),
    );
    if (certs.length) await db.insertInto("certifications").values(certs).execute();
    // Generated engagements are not loaded: a track record is made of confirmed facts of Kurabe contracts
    // (evidence_events, decision 0038), which bulk inserts cannot fake without contracts behind them.
    out.vendors += vendors.length;
    out.certifications += certs.length;
    options.onProgress?.(out.vendors);
  };
  for (const v of generateVendors(options.count, { seed: options.seed, today: options.today })) {
    if (out.kept.length < options.keep) out.kept.push(v);
    batch.push(v);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // Fresh statistics, so the reindex's keyset pages use the primary key from the first page on.
  await sql`analyze organizations, vendor_profiles, certifications`.execute(db);
  return out;
}
