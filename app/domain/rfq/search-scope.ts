import { can, type Actor } from "~/domain/permissions";

/** Whose RFQs a search may return: decided from the signed-in actor alone, never from request parameters. */
export type RfqSearchReader = { kind: "vendor"; vendorOrgId: string } | { kind: "buyer"; buyerOrgId: string };

/** Vendors search the open RFQs they may quote on; buyers their own RFQs; anyone else nothing (null). */
export function rfqSearchReaderOf(actor: Actor): RfqSearchReader | null {
  const org = actor.org;
  if (!org || !can(actor, "rfq:search", { type: "rfqs" })) return null;
  if (org.kind === "vendor") return { kind: "vendor", vendorOrgId: org.id };
  if (org.kind === "buyer") return { kind: "buyer", buyerOrgId: org.id };
  return null;
}
