import { describe, expect, it } from "vitest";
import { can, type Action, type Actor, type Resource } from "./permissions";

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
  ["organization:read", (id) => ({ type: "organization", id }), {
    anonymous: [false, false], buyerOwner: [true, false], buyerMember: [true, false], vendorOwner: [true, false], vendorMember: [true, false], advisor: [true, false], admin: [true, false],
  }],
  ["organization:manageMembers", (id) => ({ type: "organization", id }), {
    anonymous: [false, false], buyerOwner: [true, false], buyerMember: [false, false], vendorOwner: [true, false], vendorMember: [false, false], advisor: [true, false], admin: [true, false],
  }],
  ["organization:manageApiTokens", (id) => ({ type: "organization", id }), {
    anonymous: [false, false], buyerOwner: [true, false], buyerMember: [false, false], vendorOwner: [true, false], vendorMember: [false, false], advisor: [true, false], admin: [true, false],
  }],
  ["vendorProfile:read", (orgId) => ({ type: "vendorProfile", orgId }), {
    anonymous: [false, false], buyerOwner: [true, true], buyerMember: [true, true], vendorOwner: [true, true], vendorMember: [true, true], advisor: [true, true], admin: [true, true],
  }],
  ["vendorProfile:edit", (orgId) => ({ type: "vendorProfile", orgId }), {
    anonymous: [false, false], buyerOwner: [false, false], buyerMember: [false, false], vendorOwner: [true, false], vendorMember: [true, false], advisor: [false, false], admin: [false, false],
  }],
  ["vendorDirectory:search", () => ({ type: "vendorDirectory" }), {
    anonymous: [false, false], buyerOwner: [true, true], buyerMember: [true, true], vendorOwner: [false, false], vendorMember: [false, false], advisor: [true, true], admin: [true, true],
  }],
  ["auditLog:read", () => ({ type: "auditLog" }), {
    anonymous: [false, false], buyerOwner: [false, false], buyerMember: [false, false], vendorOwner: [false, false], vendorMember: [false, false], advisor: [false, false], admin: [true, true],
  }],
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
