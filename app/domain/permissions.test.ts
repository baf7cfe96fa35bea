import { describe, expect, it } from "vitest";
import { can, settingsTabs, type Action, type Actor, type Resource, type RfqResource } from "./permissions";

// The authorization matrix: every role against every action, on its own organisation and
// on another tenant's ids. Later issues add rows (RFQs, quotes) to the same table.

const OWN = "org-own";
const OTHER = "org-other";

const actors: Record<string, Actor | null> = {
  anonymous: null,
  buyerOwner: { userId: "u1", isPlatformAdmin: false, org: { id: OWN, kind: "buyer", role: "owner" } },
  buyerMember: { userId: "u2", isPlatformAdmin: false, org: { id: OWN, kind: "buyer", role: "member" } },
  vendorOwner: { userId: "u3", isPlatformAdmin: false, org: { id: OWN, kind: "vendor", role: "owner" } },
  vendorMember: { userId: "u4", isPlatformAdmin: false, org: { id: OWN, kind: "vendor", role: "member" } },
  advisor: { userId: "u5", isPlatformAdmin: false, org: { id: OWN, kind: "advisory", role: "owner" } },
  admin: { userId: "u6", isPlatformAdmin: true, org: { id: OWN, kind: "platform", role: "owner" } },
};

type Row = [Action, (own: string) => Resource, Record<string, [own: boolean, other: boolean]>];

const matrix: Row[] = [
  [
    "approvalRoutes:read",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "approvalRoutes:manage",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [false, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "organization:read",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      vendorOwner: [true, false],
      vendorMember: [true, false],
      advisor: [true, false],
      admin: [true, false],
    },
  ],
  [
    "organization:readMembers",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      vendorOwner: [true, false],
      vendorMember: [true, false],
      advisor: [true, false],
      admin: [true, false],
    },
  ],
  [
    "organization:manageMembers",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [false, false],
      vendorOwner: [true, false],
      vendorMember: [false, false],
      advisor: [true, false],
      admin: [true, false],
    },
  ],
  [
    "organization:manageApiTokens",
    (id) => ({ type: "organization", id }),
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [false, false],
      vendorOwner: [true, false],
      vendorMember: [false, false],
      advisor: [true, false],
      admin: [true, false],
    },
  ],
  [
    "vendorProfile:read",
    (orgId) => ({ type: "vendorProfile", orgId }),
    {
      anonymous: [false, false],
      buyerOwner: [true, true],
      buyerMember: [true, true],
      vendorOwner: [true, true],
      vendorMember: [true, true],
      advisor: [true, true],
      admin: [true, true],
    },
  ],
  [
    "vendorProfile:edit",
    (orgId) => ({ type: "vendorProfile", orgId }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [true, false],
      vendorMember: [true, false],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "vendorDirectory:search",
    () => ({ type: "vendorDirectory" }),
    {
      anonymous: [false, false],
      buyerOwner: [true, true],
      buyerMember: [true, true],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [true, true],
      admin: [true, true],
    },
  ],
  [
    "auditLog:read",
    () => ({ type: "auditLog" }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [true, true],
    },
  ],
  // RFQs are created into the actor's own organisation; there is no "other tenant" to aim at.
  [
    "rfq:create",
    () => ({ type: "rfqs" }),
    {
      anonymous: [false, false],
      buyerOwner: [true, true],
      buyerMember: [true, true],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
  // Searching RFQs: who may search at all; what each finds is the scope filter (tests/integration/search-safety.test.ts).
  [
    "rfq:search",
    () => ({ type: "rfqs" }),
    {
      anonymous: [false, false],
      buyerOwner: [true, true],
      buyerMember: [true, true],
      vendorOwner: [true, true],
      vendorMember: [true, true],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
];

describe("authorization matrix", () => {
  for (const [action, resource, expected] of matrix) {
    for (const [role, [own, other]] of Object.entries(expected)) {
      it(`${role} ${own ? "may" : "may not"} ${action} on its own organisation, ${other ? "may" : "may not"} on another's`, () => {
        expect(can(actors[role], action, resource(OWN))).toBe(own);
        expect(can(actors[role], action, resource(OTHER))).toBe(other);
      });
    }
  }

  it("covers every role for every action", () => {
    for (const [, , expected] of matrix) expect(Object.keys(expected).sort()).toEqual(Object.keys(actors).sort());
  });

  it("a resource of the wrong type never matches", () => {
    expect(can(actors.admin, "auditLog:read", { type: "organization", id: OWN })).toBe(false);
    expect(can(actors.vendorOwner, "vendorProfile:edit", { type: "organization", id: OWN })).toBe(false);
  });
});

// RFQs: the same roles, with vendors split into invited and not invited. Each cell is
// [the actor's own buyer organisation's RFQ, another tenant's RFQ]; both invite INVITED and have
// ASSIGNED_ADVISOR as advisor, so for vendors and that advisor the two columns must agree. `advisor`
// is an advisory organisation that is not assigned (and whose id equals the buyer's: kind decides). The policy says *who*; *when* (deadline, status
// transitions) is the service's check, covered in tests/integration/rfqs-lifecycle.test.ts.

const INVITED = "org-vendor-invited";
const UNINVITED = "org-vendor-uninvited";
const ASSIGNED_ADVISOR = "org-advisor-assigned";
const vendorActor = (userId: string, id: string, role: "owner" | "member"): Actor => ({ userId, isPlatformAdmin: false, org: { id, kind: "vendor", role } });

const rfqActors: Record<string, Actor | null> = {
  anonymous: actors.anonymous,
  buyerOwner: actors.buyerOwner,
  buyerMember: actors.buyerMember,
  invitedVendorOwner: vendorActor("u7", INVITED, "owner"),
  invitedVendorMember: vendorActor("u8", INVITED, "member"),
  uninvitedVendorOwner: vendorActor("u9", UNINVITED, "owner"),
  uninvitedVendorMember: vendorActor("u10", UNINVITED, "member"),
  advisor: actors.advisor,
  assignedAdvisor: { userId: "u11", isPlatformAdmin: false, org: { id: ASSIGNED_ADVISOR, kind: "advisory", role: "member" } },
  admin: actors.admin,
};

function rfq(buyerOrgId: string, status: RfqResource["status"], visibility: RfqResource["visibility"]): RfqResource {
  return { type: "rfq", buyerOrgId, status, visibility, invitedVendorOrgIds: [INVITED], advisorOrgIds: [ASSIGNED_ADVISOR] };
}

type RfqRow = [Action, RfqResource["status"], RfqResource["visibility"], Record<string, [own: boolean, other: boolean]>];

const rfqMatrix: RfqRow[] = [
  // Reading: the buyer's organisation always; vendors once published, if invited or on the marketplace; the
  // advisors the buyer assigned always, drafts included (they help write it); an unassigned advisor never.
  [
    "rfq:read",
    "draft",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [false, false],
      invitedVendorMember: [false, false],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  [
    "rfq:read",
    "published",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  [
    "rfq:read",
    "closed",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  [
    "rfq:read",
    "draft",
    "marketplace",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [false, false],
      invitedVendorMember: [false, false],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  [
    "rfq:read",
    "published",
    "marketplace",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [true, true],
      uninvitedVendorMember: [true, true],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  [
    "rfq:read",
    "closed",
    "marketplace",
    {
      anonymous: [false, false],
      buyerOwner: [true, false],
      buyerMember: [true, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [true, true],
      uninvitedVendorMember: [true, true],
      advisor: [false, false],
      assignedAdvisor: [true, true],
      admin: [false, false],
    },
  ],
  // Buyer actions: any member of the owning buyer organisation, whatever the status (the service refuses wrong states).
  ...(["rfq:edit", "rfq:publish", "rfq:answer"] as const).flatMap((action) =>
    (["draft", "published", "closed"] as const).map((status): RfqRow => [
      action,
      status,
      "invited",
      {
        anonymous: [false, false],
        buyerOwner: [true, false],
        buyerMember: [true, false],
        invitedVendorOwner: [false, false],
        invitedVendorMember: [false, false],
        uninvitedVendorOwner: [false, false],
        uninvitedVendorMember: [false, false],
        advisor: [false, false],
        assignedAdvisor: [false, false],
        admin: [false, false],
      },
    ]),
  ),
  // Asking: vendors who may read it, and only while it is published (the deadline itself is the service's check).
  [
    "rfq:ask",
    "draft",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      invitedVendorOwner: [false, false],
      invitedVendorMember: [false, false],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "rfq:ask",
    "published",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "rfq:ask",
    "closed",
    "invited",
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      invitedVendorOwner: [false, false],
      invitedVendorMember: [false, false],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "rfq:ask",
    "published",
    "marketplace",
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      invitedVendorOwner: [true, true],
      invitedVendorMember: [true, true],
      uninvitedVendorOwner: [true, true],
      uninvitedVendorMember: [true, true],
      advisor: [false, false],
      assignedAdvisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "rfq:ask",
    "closed",
    "marketplace",
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      invitedVendorOwner: [false, false],
      invitedVendorMember: [false, false],
      uninvitedVendorOwner: [false, false],
      uninvitedVendorMember: [false, false],
      advisor: [false, false],
      assignedAdvisor: [false, false],
      admin: [false, false],
    },
  ],
  // 決裁起案: only the buyer's members propose, and only while the RFQ can still be awarded; they read it in every status.
  ...(
    [
      ["awardProposal:propose", "draft", false],
      ["awardProposal:propose", "published", true],
      ["awardProposal:propose", "closed", true],
      ["awardProposal:propose", "awarded", false],
      ["awardProposal:propose", "cancelled", false],
      ["awardProposal:read", "draft", true],
      ["awardProposal:read", "closed", true],
      ["awardProposal:read", "awarded", true],
      ["awardProposal:read", "cancelled", true],
    ] as const
  ).map(([action, status, buyer]): RfqRow => [
    action,
    status,
    "invited",
    { ...Object.fromEntries(Object.keys(rfqActors).map((role) => [role, [false, false]])), buyerOwner: [buyer, false], buyerMember: [buyer, false] },
  ]),
  // Advisors: the buyer's organisation assigns them; the buyer and the assigned advisors read the comparison
  // (once published — "once opened" is the service's check) and the notes; only assigned advisors write notes.
  ...(["draft", "published", "closed"] as const).flatMap((status): RfqRow[] => [
    [
      "rfq:assignAdvisor",
      status,
      "invited",
      {
        anonymous: [false, false],
        buyerOwner: [true, false],
        buyerMember: [true, false],
        invitedVendorOwner: [false, false],
        invitedVendorMember: [false, false],
        uninvitedVendorOwner: [false, false],
        uninvitedVendorMember: [false, false],
        advisor: [false, false],
        assignedAdvisor: [false, false],
        admin: [false, false],
      },
    ],
    [
      "comparison:read",
      status,
      "marketplace",
      {
        anonymous: [false, false],
        buyerOwner: [status !== "draft", false],
        buyerMember: [status !== "draft", false],
        invitedVendorOwner: [false, false],
        invitedVendorMember: [false, false],
        uninvitedVendorOwner: [false, false],
        uninvitedVendorMember: [false, false],
        advisor: [false, false],
        assignedAdvisor: [status !== "draft", status !== "draft"],
        admin: [false, false],
      },
    ],
    [
      "advisorNote:read",
      status,
      "marketplace",
      {
        anonymous: [false, false],
        buyerOwner: [true, false],
        buyerMember: [true, false],
        invitedVendorOwner: [false, false],
        invitedVendorMember: [false, false],
        uninvitedVendorOwner: [false, false],
        uninvitedVendorMember: [false, false],
        advisor: [false, false],
        assignedAdvisor: [true, true],
        admin: [false, false],
      },
    ],
    [
      "advisorNote:write",
      status,
      "marketplace",
      {
        anonymous: [false, false],
        buyerOwner: [false, false],
        buyerMember: [false, false],
        invitedVendorOwner: [false, false],
        invitedVendorMember: [false, false],
        uninvitedVendorOwner: [false, false],
        uninvitedVendorMember: [false, false],
        advisor: [false, false],
        assignedAdvisor: [true, true],
        admin: [false, false],
      },
    ],
  ]),
];

describe("authorization matrix: RFQs", () => {
  for (const [action, status, visibility, expected] of rfqMatrix) {
    for (const [role, [own, other]] of Object.entries(expected)) {
      it(`${role} ${own ? "may" : "may not"} ${action} its own organisation's ${status} ${visibility} RFQ, ${other ? "may" : "may not"} another's`, () => {
        expect(can(rfqActors[role], action, rfq(OWN, status, visibility))).toBe(own);
        expect(can(rfqActors[role], action, rfq(OTHER, status, visibility))).toBe(other);
      });
    }
  }

  it("covers every role for every row, and every RFQ action", () => {
    for (const [, , , expected] of rfqMatrix) expect(Object.keys(expected).sort()).toEqual(Object.keys(rfqActors).sort());
    const actions = new Set([...rfqMatrix.map(([action]) => action), ...matrix.map(([action]) => action)]);
    for (const action of [
      "rfq:create",
      "rfq:read",
      "rfq:edit",
      "rfq:publish",
      "rfq:answer",
      "rfq:ask",
      "rfq:assignAdvisor",
      "comparison:read",
      "advisorNote:read",
      "advisorNote:write",
      "awardProposal:propose",
      "awardProposal:read",
    ] as const)
      expect(actions).toContain(action);
  });

  it("RFQ actions need an RFQ: the collection or another resource type never matches", () => {
    expect(can(actors.buyerOwner, "rfq:read", { type: "rfqs" })).toBe(false);
    expect(can(actors.buyerOwner, "rfq:edit", { type: "organization", id: OWN })).toBe(false);
    expect(can(actors.buyerOwner, "rfq:create", rfq(OWN, "draft", "invited"))).toBe(false);
  });

  it("a vendor whose organisation id equals the RFQ's buyer id still gets no buyer rights (kind, not id, decides)", () => {
    // vendorOwner's org id is OWN, the same string as the RFQ's buyerOrgId.
    expect(can(actors.vendorOwner, "rfq:edit", rfq(OWN, "draft", "invited"))).toBe(false);
    expect(can(actors.vendorOwner, "rfq:read", rfq(OWN, "draft", "invited"))).toBe(false);
  });

  it("an advisor is only what the RFQ's own list of advisors says: another RFQ's assignment grants nothing", () => {
    const elsewhere: RfqResource = { ...rfq(OTHER, "closed", "marketplace"), advisorOrgIds: [] };
    for (const action of ["rfq:read", "comparison:read", "advisorNote:read", "advisorNote:write"] as const)
      expect(can(rfqActors.assignedAdvisor, action, elsewhere)).toBe(false);
    // A vendor whose id were listed as an advisor still is a vendor (kind, not id, decides).
    const vendorListed: RfqResource = { ...rfq(OTHER, "closed", "invited"), advisorOrgIds: [UNINVITED] };
    expect(can(rfqActors.uninvitedVendorOwner, "comparison:read", vendorListed)).toBe(false);
    expect(can(rfqActors.uninvitedVendorOwner, "advisorNote:read", vendorListed)).toBe(false);
  });
});

// Certifications: a vendor manages its own; buyers may read evidence (it backs claims they rely on);
// only platform admins verify or add types. Each cell is [own organisation, another organisation].
const certificationMatrix: Row[] = [
  [
    "certification:manage",
    (orgId) => ({ type: "certifications", orgId }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [true, false],
      vendorMember: [true, false],
      advisor: [false, false],
      admin: [false, false],
    },
  ],
  [
    "certification:readEvidence",
    (orgId) => ({ type: "certifications", orgId }),
    {
      anonymous: [false, false],
      buyerOwner: [true, true],
      buyerMember: [true, true],
      vendorOwner: [true, false],
      vendorMember: [true, false],
      advisor: [false, false],
      admin: [true, true],
    },
  ],
  [
    "certification:verify",
    (orgId) => ({ type: "certifications", orgId }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [true, true],
    },
  ],
  [
    "certification:verify",
    () => ({ type: "certificationReview" }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [true, true],
    },
  ],
  [
    "certificationType:create",
    () => ({ type: "certificationReview" }),
    {
      anonymous: [false, false],
      buyerOwner: [false, false],
      buyerMember: [false, false],
      vendorOwner: [false, false],
      vendorMember: [false, false],
      advisor: [false, false],
      admin: [true, true],
    },
  ],
];

describe("authorization matrix: certifications", () => {
  for (const [action, resource, expected] of certificationMatrix) {
    for (const [role, [own, other]] of Object.entries(expected)) {
      it(`${role} ${own ? "may" : "may not"} ${action} (${resource(OWN).type}) of its own organisation, ${other ? "may" : "may not"} of another's`, () => {
        expect(can(actors[role], action, resource(OWN))).toBe(own);
        expect(can(actors[role], action, resource(OTHER))).toBe(other);
      });
    }
  }

  it("covers every role for every row", () => {
    for (const [, , expected] of certificationMatrix) expect(Object.keys(expected).sort()).toEqual(Object.keys(actors).sort());
  });

  it("a vendor whose organisation id matches still cannot verify, and resources of the wrong type never match", () => {
    expect(can(actors.vendorOwner, "certification:verify", { type: "certifications", orgId: OWN })).toBe(false);
    expect(can(actors.vendorOwner, "certification:manage", { type: "vendorProfile", orgId: OWN })).toBe(false);
    expect(can(actors.admin, "certificationType:create", { type: "certifications", orgId: OWN })).toBe(false);
    expect(can(actors.buyerOwner, "certification:readEvidence", { type: "certificationReview" })).toBe(false);
  });
});

describe("organisation settings tabs", () => {
  const tabs = (role: string) => settingsTabs(actors[role]).map((t) => `${t.key}${t.manage ? "+" : ""}`);

  it("a member sees the organisation and its members read-only, and its own security; an owner manages members and tokens", () => {
    expect(tabs("buyerMember")).toEqual(["organization", "members", "approvals", "evaluators", "security+"]);
    expect(tabs("vendorMember")).toEqual(["organization", "members", "invoices", "payouts", "security+"]);
    expect(tabs("vendorOwner")).toEqual(["organization", "members+", "invoices+", "payouts+", "tokens+", "security+"]);
    expect(tabs("buyerOwner")).toEqual(["organization", "members+", "approvals+", "evaluators", "tokens+", "security+"]);
    expect(tabs("advisor")).toEqual(["organization", "members+", "tokens+", "security+"]);
    expect(tabs("anonymous")).toEqual([]);
  });

  it("every tab a member sees is one the policy lets it open", () => {
    const member = actors.buyerMember!;
    const needs = {
      organization: "organization:read",
      members: "organization:readMembers",
      approvals: "approvalRoutes:read",
      invoices: "invoiceSettings:read",
      payouts: "invoiceSettings:read",
      evaluators: "evaluators:read",
      tokens: "organization:manageApiTokens",
    } as const;
    for (const who of [member, actors.vendorMember!]) {
      const ownOrg = { type: "organization", id: who.org!.id } as const;
      for (const tab of settingsTabs(who)) if (tab.key !== "security") expect(can(who, needs[tab.key], ownOrg)).toBe(true);
    }
  });
});
