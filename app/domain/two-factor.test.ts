import { describe, expect, it } from "vitest";
import {
  RECOVERY_ALPHABET,
  TwoFactorDisableSchema,
  TwoFactorLoginSchema,
  acceptableStep,
  classifyCode,
  normalizeRecoveryCode,
  recoveryCodeFromBytes,
  stepAt,
} from "./two-factor";

describe("TOTP steps", () => {
  it("counts 30-second steps from the epoch", () => {
    expect(stepAt(0)).toBe(0);
    expect(stepAt(29_999)).toBe(0);
    expect(stepAt(30_000)).toBe(1);
    expect(stepAt(Date.UTC(2026, 11, 7, 0, 0, 0))).toBe(Math.floor(Date.UTC(2026, 11, 7) / 30_000));
  });

  it("accepts the step before, the current one and the one after, and nothing further", () => {
    expect(acceptableStep(1000, -1, null)).toBe(999);
    expect(acceptableStep(1000, 0, null)).toBe(1000);
    expect(acceptableStep(1000, 1, null)).toBe(1001);
    expect(acceptableStep(1000, 2, null)).toBeNull();
    expect(acceptableStep(1000, -2, null)).toBeNull();
    expect(acceptableStep(1000, null, null)).toBeNull();
  });

  it("refuses the last used step and any earlier one (no replay within the window)", () => {
    expect(acceptableStep(1000, 0, 1000)).toBeNull();
    expect(acceptableStep(1000, -1, 1000)).toBeNull();
    expect(acceptableStep(1001, -1, 1000)).toBeNull();
    expect(acceptableStep(1001, 0, 1000)).toBe(1001);
    expect(acceptableStep(1000, 1, 1000)).toBe(1001);
  });
});

describe("recovery codes", () => {
  it("are 12 symbols of the unambiguous alphabet in three groups", () => {
    const code = recoveryCodeFromBytes(Uint8Array.from({ length: 12 }, (_, i) => i * 37));
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(RECOVERY_ALPHABET).toHaveLength(32);
    expect(RECOVERY_ALPHABET).not.toMatch(/[01IO]/);
    // The low five bits pick the symbol: byte values 0..23 give 24 different ones.
    const all = recoveryCodeFromBytes(Uint8Array.from({ length: 12 }, (_, i) => i)) + recoveryCodeFromBytes(Uint8Array.from({ length: 12 }, (_, i) => i + 12));
    expect(new Set(all.replace(/-/g, "")).size).toBe(24);
    expect(() => recoveryCodeFromBytes(new Uint8Array(11))).toThrow();
  });

  it("are read however they are typed: case, spaces and hyphens do not matter", () => {
    expect(normalizeRecoveryCode(" abcd-efgh-jk23 ")).toBe("ABCDEFGHJK23");
    expect(classifyCode("abcd efgh jk23")).toEqual({ kind: "recovery", code: "ABCDEFGHJK23" });
    expect(classifyCode("ABCDEFGHJK23")).toEqual({ kind: "recovery", code: "ABCDEFGHJK23" });
  });

  it("tells a six-digit code from a recovery code and refuses anything else", () => {
    expect(classifyCode("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(classifyCode("12345")).toBeNull();
    expect(classifyCode("ABCD-EFGH-IJK0")).toBeNull(); // I and 0 are not in the alphabet
    expect(classifyCode("")).toBeNull();
  });
});

describe("forms", () => {
  it("the sign-in step takes a code or a recovery code", () => {
    expect(TwoFactorLoginSchema.safeParse({ code: "123456" }).success).toBe(true);
    expect(TwoFactorLoginSchema.safeParse({ code: "abcd-efgh-jk23" }).success).toBe(true);
    const bad = TwoFactorLoginSchema.safeParse({ code: "hello" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("twoFactor.code.loginFormat");
  });

  it("turning it off needs a code or the password", () => {
    const none = TwoFactorDisableSchema.safeParse({});
    expect(none.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["code", "twoFactor.disable.needOne"]]);
    expect(TwoFactorDisableSchema.safeParse({ code: "12a456" }).error?.issues[0]?.message).toBe("twoFactor.code.format");
    expect(TwoFactorDisableSchema.safeParse({ password: "secret" }).success).toBe(true);
    expect(TwoFactorDisableSchema.safeParse({ code: "123456" }).success).toBe(true);
  });
});
