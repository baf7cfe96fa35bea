import { describe, expect, it } from "vitest";
import { refundable, RefundSchema } from "./refund";

describe("refund input", () => {
  it("reads yen typed with commas, full-width digits or 円, and a blank amount as 'everything left'", () => {
    expect(RefundSchema.parse({ amount: "１２,０００円", reason: " 二重請求 " })).toEqual({ amount: 12000, reason: "二重請求" });
    expect(RefundSchema.parse({ amount: "", reason: "返品" })).toEqual({ reason: "返品" });
  });

  it("refuses a fraction, zero, a negative amount and a missing reason with catalog keys", () => {
    for (const amount of ["12.5", "0", "-3", "abc"]) {
      const r = RefundSchema.safeParse({ amount, reason: "x" });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("payments.refund.amount.invalid");
    }
    expect(RefundSchema.safeParse({ amount: "100", reason: "  " }).error?.issues[0]?.message).toBe("payments.refund.reason.required");
    expect(RefundSchema.safeParse({ amount: "100", reason: "x".repeat(501) }).error?.issues[0]?.message).toBe("payments.refund.reason.tooLong");
  });

  it("what is left never counts a refund twice: Stripe's figure and the requests overlap", () => {
    expect(refundable(10_000, 0, 0)).toBe(10_000);
    expect(refundable(10_000, 0, 3_000)).toBe(7_000); // asked, not yet confirmed
    expect(refundable(10_000, 3_000, 3_000)).toBe(7_000); // confirmed: the same 3,000
    expect(refundable(10_000, 10_000, 4_000)).toBe(0); // refunded in Stripe's dashboard as well
  });
});
