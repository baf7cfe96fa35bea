import { describe, expect, it } from "vitest";
import { can, type Actor, type Resource } from "~/domain/permissions";

// The award actions of the one policy (issue 15, item 4): who answers, who asks, who answers the questions,
// who changes the award settings. Services add the clock (受諾期限, standstill) and "once".

const actor = (kind: "buyer" | "vendor" | "advisory", id: string, role: "owner" | "member" = "member"): Actor => ({
  userId: `u-${id}`,
  isPlatformAdmin: false,
  org: { id, kind, role },
});
const award: Resource = { type: "award", buyerOrgId: "buyer", vendorOrgId: "winner", notSelectedVendorOrgIds: ["loser"] };

describe("award permissions", () => {
  const cases: [string, Actor, Record<string, boolean>][] = [
    ["buyer member", actor("buyer", "buyer"), { "award:read": true, "award:respond": false, "award:ask": false, "award:answerQuestion": true }],
    ["winner member", actor("vendor", "winner"), { "award:read": true, "award:respond": true, "award:ask": false, "award:answerQuestion": false }],
    ["not-selected vendor", actor("vendor", "loser"), { "award:read": true, "award:respond": false, "award:ask": true, "award:answerQuestion": false }],
    [
      "vendor without an opened offer",
      actor("vendor", "stranger"),
      { "award:read": false, "award:respond": false, "award:ask": false, "award:answerQuestion": false },
    ],
    ["another buyer", actor("buyer", "other"), { "award:read": false, "award:respond": false, "award:ask": false, "award:answerQuestion": false }],
    ["an advisor", actor("advisory", "adv"), { "award:read": false, "award:respond": false, "award:ask": false, "award:answerQuestion": false }],
  ];
  for (const [who, a, expected] of cases)
    it(`${who}`, () => {
      for (const [action, allowed] of Object.entries(expected)) expect(can(a, action as Parameters<typeof can>[1], award), action).toBe(allowed);
    });

  it("award settings: members of a buyer read, owners manage; vendors and other organisations neither", () => {
    const own = { type: "organization", id: "buyer" } as const;
    expect(can(actor("buyer", "buyer"), "awardSettings:read", own)).toBe(true);
    expect(can(actor("buyer", "buyer"), "awardSettings:manage", own)).toBe(false);
    expect(can(actor("buyer", "buyer", "owner"), "awardSettings:manage", own)).toBe(true);
    expect(can(actor("buyer", "other", "owner"), "awardSettings:read", own)).toBe(false);
    expect(can(actor("vendor", "buyer", "owner"), "awardSettings:read", own)).toBe(false);
  });
});
