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

export type Resource =
  | { type: "organization"; id: string }
  | { type: "vendorProfile"; orgId: string }
  | { type: "auditLog" }
  | { type: "vendorDirectory" };

export type Action =
  | "organization:read"
  | "organization:manageMembers"
  | "organization:manageApiTokens"
  | "vendorProfile:read"
  | "vendorProfile:edit"
  | "vendorDirectory:search"
  | "auditLog:read";

export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const org = actor.org;
  switch (action) {
    case "organization:read":
      return resource.type === "organization" && org?.id === resource.id;
    case "organization:manageMembers":
    case "organization:manageApiTokens":
      return resource.type === "organization" && org?.id === resource.id && org.role === "owner";
    case "vendorProfile:read":
      // Vendor profiles are the marketplace's shop windows: any signed-in user may read them.
      return resource.type === "vendorProfile";
    case "vendorProfile:edit":
      return resource.type === "vendorProfile" && org?.kind === "vendor" && org.id === resource.orgId;
    case "vendorDirectory:search":
      return resource.type === "vendorDirectory" && (org?.kind === "buyer" || org?.kind === "advisory" || actor.isPlatformAdmin);
    case "auditLog:read":
      return resource.type === "auditLog" && actor.isPlatformAdmin;
  }
}
