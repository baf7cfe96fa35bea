// The one authorization policy. Services and loaders ask `can(actor, action, resource)`;
// queries additionally filter by the actor's organisation, so a forgotten check still
// cannot read another tenant's rows. Later issues add RFQ and quote actions here.

export type OrgKind = "buyer" | "vendor" | "advisory" | "platform";
export type MemberRole = "owner" | "member";

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  /** The organisation the actor is acting for (session's active org, or the API token's org). */
  org: { id: string; kind: OrgKind; role: MemberRole } | null;
}

/**
 * What the policy needs to know of an RFQ; `invitedVendorOrgIds` only matters for invited RFQs,
 * `advisorOrgIds` are the advisory organisations the buyer assigned to it (rfq_advisors).
 */
export interface RfqResource {
  type: "rfq";
  buyerOrgId: string;
  status: "draft" | "published" | "closed" | "awarded" | "cancelled";
  visibility: "invited" | "marketplace";
  invitedVendorOrgIds: readonly string[];
  advisorOrgIds: readonly string[];
}

export type Resource =
  | RfqResource
  | { type: "rfqs" }
  | { type: "organization"; id: string }
  | { type: "vendorProfile"; orgId: string }
  | { type: "auditLog" }
  | { type: "vendorDirectory" }
  /** One vendor organisation's certificates (and their evidence files). */
  | { type: "certifications"; orgId: string }
  /** Every vendor's certificates awaiting review, and the admin-managed list of types. */
  | { type: "certificationReview" }
  /** An award (issue 15, item 4): who it was made to, and the vendors whose opened offers were not selected. */
  | { type: "award"; buyerOrgId: string; vendorOrgId: string; notSelectedVendorOrgIds: readonly string[] }
  /** Every organisation's invoices, as the platform's support reads them (issue 16). */
  | { type: "allInvoices" };

export type Action =
  | "organization:read"
  | "evaluators:read"
  | "organization:readMembers"
  | "organization:manageMembers"
  | "organization:manageApiTokens"
  | "approvalRoutes:read"
  | "approvalRoutes:manage"
  | "invoiceSettings:read"
  | "invoiceSettings:manage"
  | "vendorProfile:read"
  | "vendorProfile:edit"
  | "vendorDirectory:search"
  | "auditLog:read"
  | "rfq:create"
  | "rfq:read"
  | "rfq:search"
  | "rfq:edit"
  | "rfq:publish"
  | "rfq:answer"
  | "rfq:ask"
  | "rfq:assignAdvisor"
  | "comparison:read"
  | "advisorNote:read"
  | "advisorNote:write"
  | "awardProposal:propose"
  | "awardProposal:read"
  | "certification:manage"
  | "certification:readEvidence"
  | "certification:verify"
  | "certificationType:create"
  | "award:read"
  | "award:respond"
  | "award:ask"
  | "award:answerQuestion"
  | "awardSettings:read"
  | "awardSettings:manage"
  | "invoices:administer";

type OrganizationAction = "organization:read" | "organization:readMembers" | "organization:manageMembers" | "organization:manageApiTokens";

/**
 * What each role may do in its own organisation's settings: every member reads the organisation and its
 * member list; owners invite members and manage API tokens. `can` and the settings tabs both read it.
 */
export const ORGANIZATION_PERMISSIONS: Record<OrganizationAction, readonly MemberRole[]> = {
  "organization:read": ["owner", "member"],
  "organization:readMembers": ["owner", "member"],
  "organization:manageMembers": ["owner"],
  "organization:manageApiTokens": ["owner"],
};

export type SettingsTab = {
  key: "organization" | "members" | "approvals" | "invoices" | "payouts" | "evaluators" | "tokens" | "security";
  to: string;
  manage: boolean;
};

/**
 * The organisation settings tabs this actor may open, from the same table: the organisation (read-only)
 * and its members for everyone in it, managing members and API tokens for owners, and the actor's own
 * account security always. Empty for an actor without an organisation.
 */
export function settingsTabs(actor: Actor | null): SettingsTab[] {
  if (!actor?.org) return [];
  const own = { type: "organization", id: actor.org.id } as const;
  const tabs: SettingsTab[] = [];
  if (can(actor, "organization:read", own)) tabs.push({ key: "organization", to: "/settings", manage: false });
  if (can(actor, "organization:readMembers", own))
    tabs.push({ key: "members", to: "/settings/members", manage: can(actor, "organization:manageMembers", own) });
  if (can(actor, "approvalRoutes:read", own)) tabs.push({ key: "approvals", to: "/settings/approvals", manage: can(actor, "approvalRoutes:manage", own) });
  if (can(actor, "invoiceSettings:read", own)) tabs.push({ key: "invoices", to: "/settings/invoices", manage: can(actor, "invoiceSettings:manage", own) });
  // Card payouts (Stripe Connect) are where the buyer's card money goes: the same policy as the bank account.
  if (can(actor, "invoiceSettings:read", own)) tabs.push({ key: "payouts", to: "/settings/payouts", manage: can(actor, "invoiceSettings:manage", own) });
  // Evaluators' leniency across the buyer's RFQs (issue 18): read by every member of a buyer organisation.
  if (can(actor, "evaluators:read", own)) tabs.push({ key: "evaluators", to: "/settings/evaluators", manage: false });
  if (can(actor, "organization:manageApiTokens", own)) tabs.push({ key: "tokens", to: "/settings/tokens", manage: true });
  tabs.push({ key: "security", to: "/settings/security", manage: true });
  return tabs;
}

/** A vendor may see an RFQ once it is published, if it is on the marketplace or the vendor is invited. */
function vendorMaySee(orgId: string, rfq: RfqResource): boolean {
  if (rfq.status === "draft") return false;
  return rfq.visibility === "marketplace" || rfq.invitedVendorOrgIds.includes(orgId);
}

/** An advisory organisation the RFQ's buyer assigned to it. */
function isAssignedAdvisor(org: Actor["org"], rfq: RfqResource): boolean {
  return org?.kind === "advisory" && rfq.advisorOrgIds.includes(org.id);
}

export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const org = actor.org;
  switch (action) {
    case "organization:read":
    case "organization:readMembers":
    case "organization:manageMembers":
    case "organization:manageApiTokens":
      return resource.type === "organization" && org?.id === resource.id && ORGANIZATION_PERMISSIONS[action].includes(org.role);
    case "evaluators:read":
      // Evaluators' leniency across a buyer organisation's RFQs (issue 18): every member of that organisation.
      return resource.type === "organization" && org?.kind === "buyer" && org.id === resource.id;
    case "approvalRoutes:read":
    case "approvalRoutes:manage":
      // 稟議ルート exist for buyer organisations: every member reads them (they decide who approves), owners edit.
      return resource.type === "organization" && org?.kind === "buyer" && org.id === resource.id && (action === "approvalRoutes:read" || org.role === "owner");
    case "invoiceSettings:read":
    case "invoiceSettings:manage":
      // A vendor's invoicing (tax rounding, the bank account buyers pay into): members read, owners change —
      // the account decides where the money goes.
      return (
        resource.type === "organization" && org?.kind === "vendor" && org.id === resource.id && (action === "invoiceSettings:read" || org.role === "owner")
      );
    case "vendorProfile:read":
      // Vendor profiles are the marketplace's shop windows: any signed-in user may read them.
      return resource.type === "vendorProfile";
    case "vendorProfile:edit":
      return resource.type === "vendorProfile" && org?.kind === "vendor" && org.id === resource.orgId;
    case "vendorDirectory:search":
      return resource.type === "vendorDirectory" && (org?.kind === "buyer" || org?.kind === "advisory" || actor.isPlatformAdmin);
    case "auditLog:read":
      return resource.type === "auditLog" && actor.isPlatformAdmin;
    case "rfq:create":
      return resource.type === "rfqs" && org?.kind === "buyer";
    case "rfq:read":
      if (resource.type !== "rfq" || !org) return false;
      if (org.kind === "buyer") return org.id === resource.buyerOrgId;
      if (org.kind === "vendor") return vendorMaySee(org.id, resource);
      // Assigned advisors read the buyer's RFQ in every status, drafts included: a buyer often
      // brings an advisor in to help write the RFQ, before anything is published. They read it as
      // the buyer's agent (working copy, budget); they never edit, publish or answer.
      return isAssignedAdvisor(org, resource);
    case "rfq:search":
      // Vendors search open RFQs, buyers their own; the scope itself is a server-side filter (rfq-search.server.ts).
      return resource.type === "rfqs" && (org?.kind === "vendor" || org?.kind === "buyer");
    case "rfq:edit":
    case "rfq:publish":
    case "rfq:answer":
      return resource.type === "rfq" && org?.kind === "buyer" && org.id === resource.buyerOrgId;
    case "rfq:ask":
      // Before the deadline is the service's check (it needs the clock); the policy says who.
      return resource.type === "rfq" && org?.kind === "vendor" && resource.status === "published" && vendorMaySee(org.id, resource);
    case "rfq:assignAdvisor":
      // Any member of the buyer organisation, like the other buyer actions on its RFQ.
      return resource.type === "rfq" && org?.kind === "buyer" && org.id === resource.buyerOrgId;
    case "comparison:read":
      // Who; "only once the quotes are opened" (deadline, sealed) is the service's check, in SQL.
      if (resource.type !== "rfq" || resource.status === "draft") return false;
      return (org?.kind === "buyer" && org.id === resource.buyerOrgId) || isAssignedAdvisor(org, resource);
    case "advisorNote:read":
      // Notes are advice to the buyer: its organisation and the assigned advisors, never vendors.
      return resource.type === "rfq" && ((org?.kind === "buyer" && org.id === resource.buyerOrgId) || isAssignedAdvisor(org, resource));
    case "advisorNote:write":
      return resource.type === "rfq" && isAssignedAdvisor(org, resource);
    case "awardProposal:propose":
      // 決裁起案: any member of the buyer organisation, while the RFQ can still be awarded; "once the quotes
      // are opened and the deadline has passed" is the service's check (it needs the clock).
      return (
        resource.type === "rfq" && org?.kind === "buyer" && org.id === resource.buyerOrgId && (resource.status === "published" || resource.status === "closed")
      );
    case "awardProposal:read":
      // The buyer organisation's own decision; advisors reading the packet is a later piece of issue 15.
      return resource.type === "rfq" && org?.kind === "buyer" && org.id === resource.buyerOrgId;
    case "certification:manage":
      return resource.type === "certifications" && org?.kind === "vendor" && org.id === resource.orgId;
    case "certification:readEvidence":
      // Evidence files back a claim buyers rely on when choosing a vendor, so buyers may open them;
      // the vendor's own members and admins (who verify) too. Other vendors never (competitors).
      // Advisors wait for per-RFQ assignment (a later issue), like rfq:read.
      if (resource.type !== "certifications") return false;
      return actor.isPlatformAdmin || org?.kind === "buyer" || (org?.kind === "vendor" && org.id === resource.orgId);
    case "certification:verify":
      return (resource.type === "certifications" || resource.type === "certificationReview") && actor.isPlatformAdmin;
    case "certificationType:create":
      return resource.type === "certificationReview" && actor.isPlatformAdmin;
    case "award:read":
      // The buyer's members; the winner; a vendor whose opened offer was not selected (its debrief).
      if (resource.type !== "award" || !org) return false;
      if (org.kind === "buyer") return org.id === resource.buyerOrgId;
      return org.kind === "vendor" && (org.id === resource.vendorOrgId || resource.notSelectedVendorOrgIds.includes(org.id));
    case "award:respond":
      // 受諾/辞退: any member of the winning vendor organisation; "before respond_by" is the service's check.
      return resource.type === "award" && org?.kind === "vendor" && org.id === resource.vendorOrgId;
    case "award:ask":
      // The standstill question: a not-selected bidder; "while the standstill runs, once" is the service's check.
      return resource.type === "award" && org?.kind === "vendor" && resource.notSelectedVendorOrgIds.includes(org.id);
    case "award:answerQuestion":
      return resource.type === "award" && org?.kind === "buyer" && org.id === resource.buyerOrgId;
    case "awardSettings:read":
    case "awardSettings:manage":
      // 受諾期限 and standstill: buyer organisations; every member reads them, owners change them.
      return resource.type === "organization" && org?.kind === "buyer" && org.id === resource.id && (action === "awardSettings:read" || org.role === "owner");
    case "invoices:administer":
      // Platform admins read any invoice and record a receipt on the buyer's behalf (issue 16: "the buyer (or a
      // platform admin) records a receipt"); the audit row names the admin.
      return resource.type === "allInvoices" && actor.isPlatformAdmin;
  }
}
