import { describe, expect, it } from "vitest";
import { CancelRfqSchema } from "./cancel";

describe("CancelRfqSchema", () => {
  it("keeps a reason, trimmed", () => {
    expect(CancelRfqSchema.parse({ reason: "  予算が確保できなかったため " })).toEqual({ reason: "予算が確保できなかったため" });
  });

  it.each([[{}], [{ reason: "" }], [{ reason: "   " }], [{ reason: 3 }]])("asks for a reason when it is missing or blank: %j", (input) => {
    const r = CancelRfqSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "cancel.reason.required"]]);
  });

  it("refuses a reason over 2000 characters", () => {
    const r = CancelRfqSchema.safeParse({ reason: "あ".repeat(2001) });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["cancel.reason.tooLong"]);
  });
});
