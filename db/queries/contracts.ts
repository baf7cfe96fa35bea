import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { ContractContent } from "~/domain/contracts/contract-draft";

// Contracts and their versions (issue 15, item 5; decision 0028). Every read takes the organisation of the
// side that reads — the buyer's, or the vendor's own: a contract is tenant data.

export async function insertContract(
  db: Kysely<Database>,
  c: { rfqId: string; awardId: string; quoteId: string; buyerOrgId: string; vendorOrgId: string; createdBy: string; at: Date },
) {
  return db
    .insertInto("contracts")
    .values({
      rfq_id: c.rfqId,
      award_id: c.awardId,
      quote_id: c.quoteId,
      buyer_org_id: c.buyerOrgId,
      vendor_org_id: c.vendorOrgId,
      status: "draft",
      created_by: c.createdBy,
      created_at: c.at,
      updated_at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertContractVersion(
  db: Kysely<Database>,
  v: { contractId: string; version: number; content: unknown; changeReason: string; createdBy: string; at: Date },
) {
  await db
    .insertInto("contract_versions")
    .values({
      contract_id: v.contractId,
      version: v.version,
      content: JSON.stringify(v.content),
      change_reason: v.changeReason,
      created_by: v.createdBy,
      created_at: v.at,
    })
    .execute();
}

export async function findContractForBuyer(db: Kysely<Database>, buyerOrgId: string, contractId: string) {
  return db.selectFrom("contracts").selectAll().where("id", "=", contractId).where("buyer_org_id", "=", buyerOrgId).executeTakeFirst();
}

/** The category of work of the contract's RFQ: the track record is kept per category. */
export async function findContractCategory(db: Kysely<Database>, contractId: string): Promise<string> {
  const row = await db
    .selectFrom("contracts")
    .innerJoin("rfqs", "rfqs.id", "contracts.rfq_id")
    .select("rfqs.category")
    .where("contracts.id", "=", contractId)
    .executeTakeFirstOrThrow();
  return row.category;
}

export async function findContractForVendor(db: Kysely<Database>, vendorOrgId: string, contractId: string) {
  return db.selectFrom("contracts").selectAll().where("id", "=", contractId).where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

export async function findContractOfRfqForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("contracts")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("buyer_org_id", "=", buyerOrgId)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function findContractOfQuoteForVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return db
    .selectFrom("contracts")
    .selectAll()
    .where("quote_id", "=", quoteId)
    .where("vendor_org_id", "=", vendorOrgId)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** The contract of an RFQ, for its winning vendor only. */
export async function findContractOfRfqForVendor(db: Kysely<Database>, vendorOrgId: string, rfqId: string) {
  return db
    .selectFrom("contracts")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("vendor_org_id", "=", vendorOrgId)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** Locks the contract row for a write (milestones, activation, revision): concurrent writers queue. */
export async function lockContract(db: Kysely<Database>, contractId: string) {
  return db.selectFrom("contracts").selectAll().where("id", "=", contractId).forUpdate().executeTakeFirst();
}

/**
 * The contracts an organisation is a party to, newest first, each with its current version's content and the
 * other party's name (for the /contracts list). `side` is the organisation's role: buyer or vendor.
 */
export async function listContractsOfOrg(db: Kysely<Database>, side: "buyer" | "vendor", orgId: string) {
  return db
    .selectFrom("contracts")
    .innerJoin("contract_versions", (j) =>
      j.onRef("contract_versions.contract_id", "=", "contracts.id").onRef("contract_versions.version", "=", "contracts.current_version"),
    )
    .innerJoin("organizations as other", "other.id", side === "buyer" ? "contracts.vendor_org_id" : "contracts.buyer_org_id")
    .select([
      "contracts.id",
      "contracts.rfq_id",
      "contracts.quote_id",
      "contracts.status",
      "contracts.current_version",
      "contracts.created_at",
      "contract_versions.content",
      "other.name as counterparty",
    ])
    .where(side === "buyer" ? "contracts.buyer_org_id" : "contracts.vendor_org_id", "=", orgId)
    .orderBy("contracts.created_at", "desc")
    .execute();
}

export async function listContractVersions(db: Kysely<Database>, contractId: string) {
  return db
    .selectFrom("contract_versions")
    .innerJoin("users", "users.id", "contract_versions.created_by")
    .select([
      "contract_versions.version",
      "contract_versions.content",
      "contract_versions.change_reason",
      "contract_versions.created_at",
      "contract_versions.created_by",
      "users.name as created_by_name",
    ])
    .where("contract_id", "=", contractId)
    .orderBy("version", "desc")
    .execute();
}

export async function findContractVersion(db: Kysely<Database>, contractId: string, version: number) {
  return db.selectFrom("contract_versions").selectAll().where("contract_id", "=", contractId).where("version", "=", version).executeTakeFirst();
}

export async function updateContractVersionContent(db: Kysely<Database>, contractId: string, version: number, content: unknown) {
  await db
    .updateTable("contract_versions")
    .set({ content: JSON.stringify(content) })
    .where("contract_id", "=", contractId)
    .where("version", "=", version)
    .execute();
}

export async function updateContractRow(
  db: Kysely<Database>,
  contractId: string,
  set: {
    outsideScope?: boolean;
    outsideScopeReason?: string | null;
    currentVersion?: number;
    activated?: { at: Date; by: string };
    at: Date;
  },
) {
  await db
    .updateTable("contracts")
    .set({
      ...(set.outsideScope === undefined ? {} : { outside_scope: set.outsideScope }),
      ...(set.outsideScopeReason === undefined ? {} : { outside_scope_reason: set.outsideScopeReason }),
      ...(set.currentVersion === undefined ? {} : { current_version: set.currentVersion }),
      ...(set.activated ? { status: "active" as const, activated_at: set.activated.at, activated_by: set.activated.by } : {}),
      updated_at: set.at,
    })
    .where("id", "=", contractId)
    .execute();
}

/** The organisation's name, invoice registration number and buyer kind, for a contract's parties. */
export async function findPartyOrganization(db: Kysely<Database>, orgId: string) {
  return db.selectFrom("organizations").select(["id", "name", "invoice_registration_number", "buyer_kind", "kind"]).where("id", "=", orgId).executeTakeFirst();
}

/** The award of the RFQ that the winner accepted, for the buyer organisation. */
export async function findAcceptedAwardForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("awards")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("buyer_org_id", "=", buyerOrgId)
    .where("status", "=", "accepted")
    .executeTakeFirst();
}

/**
 * The active contracts with the content of their version in force (milestones, SLA, term), the RFQ's title and the
 * parties' names: all of them (the daily reminders) or one party's (its to-dos).
 */
export async function listActiveContractsWithContent(db: Kysely<Database>, party?: { side: "buyer" | "vendor"; orgId: string }) {
  const rows = await db
    .selectFrom("contracts")
    .innerJoin("contract_versions", (j) =>
      j.onRef("contract_versions.contract_id", "=", "contracts.id").onRef("contract_versions.version", "=", "contracts.current_version"),
    )
    .innerJoin("rfqs", "rfqs.id", "contracts.rfq_id")
    .innerJoin("organizations as buyer", "buyer.id", "contracts.buyer_org_id")
    .innerJoin("organizations as vendor", "vendor.id", "contracts.vendor_org_id")
    .select([
      "contracts.id",
      "contracts.rfq_id",
      "contracts.quote_id",
      "contracts.buyer_org_id",
      "contracts.vendor_org_id",
      "contract_versions.content",
      "rfqs.title",
      "buyer.name as buyer_name",
      "buyer.buyer_kind",
      "vendor.name as vendor_name",
    ])
    .where("contracts.status", "=", "active")
    .$if(party !== undefined, (q) => q.where(party!.side === "buyer" ? "contracts.buyer_org_id" : "contracts.vendor_org_id", "=", party!.orgId))
    .orderBy("contracts.id")
    .execute();
  return rows.map((r) => ({ ...r, content: r.content as unknown as ContractContent }));
}
