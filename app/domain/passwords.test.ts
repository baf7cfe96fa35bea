import { dictionary } from "@zxcvbn-ts/language-common";
import { beforeAll, describe, expect, it } from "vitest";
import { AcceptInvitationSchema, SignupSchema } from "./accounts";
import { ChangePasswordSchema, describeUserAgent, installCommonPasswordList, isCommonPassword, ResetPasswordSchema } from "./passwords";

const list = new Set(dictionary["passwords-common"]);

describe("isCommonPassword (ASVS V2.1.7, offline list shipped with the app)", () => {
  it.each(["password1234", "qwertyuiop123", "1qaz2wsx3edc", "Password1234", "PASSWORD1234"])("refuses %s from the list, in any case", (p) => {
    expect(isCommonPassword(p, list)).toBe(true);
  });
  it.each(["iloveyou2026!!", "sunshine12345", "princess!!!!!!", "football-2025"])("refuses %s: a listed word with digits or symbols tacked on", (p) => {
    expect(isCommonPassword(p, list)).toBe(true);
  });
  it.each(["abcabcabcabc", "aaaaaaaaaaaa", "121212121212", "ｐａｓｓｗｏｒｄ1234"])("refuses repetitive or width-tricked %s", (p) => {
    expect(isCommonPassword(p, list)).toBe(true);
  });
  it("refuses the service's own name", () => {
    expect(isCommonPassword("my-kurabe-login-2026", list)).toBe(true);
    expect(isCommonPassword("比べるためのパスワード", list)).toBe(true);
  });
  it.each(["a-long-enough-password", "tabi-no-sora-7Qx", "猫と珈琲と雨の午後に"])("accepts %s", (p) => {
    expect(isCommonPassword(p, list)).toBe(false);
  });
});

describe("password schemas with the list installed", () => {
  beforeAll(() => installCommonPasswordList(list));
  const signup = { kind: "buyer", orgName: "テスト株式会社", name: "山田", email: "a@example.jp" };

  it("sign-up and invitation acceptance refuse a common password with the common-password message", () => {
    const s = SignupSchema.safeParse({ ...signup, password: "qwerty123456" });
    expect(s.success).toBe(false);
    expect(s.error?.issues.map((i) => i.message)).toEqual(["password.common"]);
    const a = AcceptInvitationSchema.safeParse({ name: "花子", password: "Password1234!" });
    expect(a.error?.issues.map((i) => i.message)).toEqual(["password.common"]);
    expect(SignupSchema.safeParse({ ...signup, password: "a-long-enough-password" }).success).toBe(true);
  });

  it("a short password gets the length message only", () => {
    const s = SignupSchema.safeParse({ ...signup, password: "abcabc" });
    expect(s.error?.issues.map((i) => i.code)).toEqual(["too_small"]);
  });

  it("change: confirmation must match and the new password must differ from the current one", () => {
    const c = ChangePasswordSchema.safeParse({ currentPassword: "old-password-123", newPassword: "old-password-123", confirmPassword: "other-password-1" });
    expect(c.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["confirmPassword", "password.mismatch"],
      ["newPassword", "password.sameAsCurrent"],
    ]);
    const r = ResetPasswordSchema.safeParse({ newPassword: "football12345", confirmPassword: "football12345" });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["password.common"]);
  });
});

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 · Windows"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari 17 · iOS",
    ],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128 · macOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge 131 · Windows"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36", "Chrome 130 · Android"],
    ["curl/8.5.0", "curl 8"],
  ])("%s → %s", (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected);
  });
  it("cuts an unknown agent short and shows nothing for none", () => {
    expect(describeUserAgent("x".repeat(100))).toBe(`${"x".repeat(40)}…`);
    expect(describeUserAgent(null)).toBe("");
  });
});
