import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/permissions";
import { rfqSearchReaderOf } from "./search-scope";

const actor = (kind: "buyer" | "vendor" | "advisory" | "platform", isPlatformAdmin = false): Actor => ({
  userId: "u",
  isPlatformAdmin,
  org: { id: "org-1", kind, role: "owner" },
});

describe("rfqSearchReaderOf", () => {
  it("scopes vendors and buyers to their own organisation, and gives anyone else nothing", () => {
    expect(rfqSearchReaderOf(actor("vendor"))).toEqual({ kind: "vendor", vendorOrgId: "org-1" });
    expect(rfqSearchReaderOf(actor("buyer"))).toEqual({ kind: "buyer", buyerOrgId: "org-1" });
    expect(rfqSearchReaderOf(actor("advisory"))).toBeNull();
    expect(rfqSearchReaderOf(actor("platform", true))).toBeNull();
    expect(rfqSearchReaderOf({ userId: "u", isPlatformAdmin: false, org: null })).toBeNull();
  });
});
