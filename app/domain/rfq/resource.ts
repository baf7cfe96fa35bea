import type { RfqResource } from "~/domain/permissions";

// Pure helpers every RFQ-touching service needs. They live here, not in rfqs.server.ts, so that
// services rfqs.server.ts itself calls (rfq-addenda.server.ts) need not import it back.

export { isRowId } from "~/utils/row-id";

/**
 * The policy's view of an RFQ row. `invited` and `advisors` need only hold the caller's own organisation
 * when the row was found by a query scoped to it (findRfqForVendor, findRfqForAdvisor): that query
 * already proved the membership, the policy then decides what it allows.
 */
export function rfqResource(
  row: { buyer_org_id: string; status: RfqResource["status"]; visibility: RfqResource["visibility"] },
  invited: string[] = [],
  advisors: string[] = [],
): RfqResource {
  return { type: "rfq", buyerOrgId: row.buyer_org_id, status: row.status, visibility: row.visibility, invitedVendorOrgIds: invited, advisorOrgIds: advisors };
}
