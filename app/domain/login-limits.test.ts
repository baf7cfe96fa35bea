import { describe, expect, it } from "vitest";
import { auditMinute, loginLimitReached, signupDecision } from "./login-limits";

describe("loginLimitReached", () => {
  it.each([
    [{ byAccountAndIp: 4, byIp: 29, byAccount: 49 }, null],
    [{ byAccountAndIp: 5, byIp: 5, byAccount: 5 }, "perAccountAndIp"],
    // Four networks with four failures each do not lock the account: only the ceiling does.
    [{ byAccountAndIp: 4, byIp: 4, byAccount: 16 }, null],
    [{ byAccountAndIp: 0, byIp: 30, byAccount: 0 }, "perIp"],
    [{ byAccountAndIp: 1, byIp: 1, byAccount: 50 }, "perAccount"],
  ] as const)("%o → %s", (counts, expected) => {
    expect(loginLimitReached(counts)).toBe(expected);
  });
});

describe("signupDecision", () => {
  it("refuses the 11th sign-up from one IP in the window and stops mailing an address after 3", () => {
    expect(signupDecision({ byIp: 9, byAddress: 2 })).toEqual({ refused: false, sendMail: true });
    expect(signupDecision({ byIp: 9, byAddress: 3 })).toEqual({ refused: false, sendMail: false });
    expect(signupDecision({ byIp: 10, byAddress: 0 })).toEqual({ refused: true, sendMail: false });
  });
});

describe("auditMinute", () => {
  it("truncates to the minute", () => {
    expect(auditMinute(new Date("2026-11-20T10:01:59.999Z")).toISOString()).toBe("2026-11-20T10:01:00.000Z");
  });
});
