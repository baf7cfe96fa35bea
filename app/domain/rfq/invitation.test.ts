import { describe, expect, it } from "vitest";
import { canTakeInvitations, InviteVendorFormSchema } from "./invitation";

const now = new Date("2026-11-20T10:00:00+09:00");

describe("canTakeInvitations", () => {
  it("takes drafts and published RFQs before their deadline", () => {
    expect(canTakeInvitations({ status: "draft", quoteDeadline: null }, now)).toBe(true);
    expect(canTakeInvitations({ status: "published", quoteDeadline: "2026-11-20T10:00:01+09:00" }, now)).toBe(true);
  });

  it("refuses published RFQs at or past their deadline, and closed, awarded or cancelled ones", () => {
    expect(canTakeInvitations({ status: "published", quoteDeadline: "2026-11-20T10:00:00+09:00" }, now)).toBe(false);
    for (const status of ["closed", "awarded", "cancelled"] as const)
      expect(canTakeInvitations({ status, quoteDeadline: "2027-01-01T00:00:00Z" }, now)).toBe(false);
  });
});

describe("InviteVendorFormSchema", () => {
  it("asks for an RFQ with its own message key", () => {
    const r = InviteVendorFormSchema.safeParse({ rfqId: " " });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("rfqInvite.rfqId.required");
    expect(InviteVendorFormSchema.safeParse({}).error?.issues[0]?.message).toBe("rfqInvite.rfqId.required");
  });
});
