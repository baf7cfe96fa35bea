import { afterEach, describe, expect, it, vi } from "vitest";
import { stepAt } from "~/domain/two-factor";
import { currentTotp, decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, verifyTotpStep } from "./two-factor-secrets.server";

afterEach(() => {
  vi.useRealTimers();
});

const SESSION_SECRET = "unit-test-session-secret-0123456789";
const T0 = Date.UTC(2026, 11, 7, 4, 0, 10); // 10 s into a step

async function codeAt(secret: string, ms: number) {
  vi.setSystemTime(ms);
  return currentTotp(secret);
}

describe("TOTP codes", () => {
  it("a new secret is 160 bits of base32 with an otpauth:// URI for Kurabe", async () => {
    const { secret, uri } = await newTotpSecret("hanako@example.jp");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Kurabe:hanako%40example\.jp\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=Kurabe");
  });

  it("accepts codes of the previous, current and next step, not two steps away", async () => {
    vi.useFakeTimers();
    const { secret } = await newTotpSecret("a@example.jp");
    const now = stepAt(T0);
    const codes = {
      prev2: await codeAt(secret, T0 - 60_000),
      prev: await codeAt(secret, T0 - 30_000),
      cur: await codeAt(secret, T0),
      next: await codeAt(secret, T0 + 30_000),
      next2: await codeAt(secret, T0 + 60_000),
    };
    vi.setSystemTime(T0);
    expect(await verifyTotpStep(secret, codes.prev, null)).toBe(now - 1);
    expect(await verifyTotpStep(secret, codes.cur, null)).toBe(now);
    expect(await verifyTotpStep(secret, codes.next, null)).toBe(now + 1);
    expect(await verifyTotpStep(secret, codes.prev2, null)).toBeNull();
    expect(await verifyTotpStep(secret, codes.next2, null)).toBeNull();
  });

  it("refuses a code whose step was already used, and earlier codes, while still in the window", async () => {
    vi.useFakeTimers();
    const { secret } = await newTotpSecret("a@example.jp");
    const prev = await codeAt(secret, T0 - 30_000);
    const cur = await codeAt(secret, T0);
    vi.setSystemTime(T0);
    const used = await verifyTotpStep(secret, cur, null);
    expect(used).toBe(stepAt(T0));
    expect(await verifyTotpStep(secret, cur, used)).toBeNull();
    expect(await verifyTotpStep(secret, prev, used)).toBeNull();
    // Thirty seconds on, the next code is fine.
    const next = await codeAt(secret, T0 + 30_000);
    expect(await verifyTotpStep(secret, next, used)).toBe(stepAt(T0) + 1);
  });

  it("refuses another secret's code", async () => {
    vi.useFakeTimers();
    const a = await newTotpSecret("a@example.jp");
    const b = await newTotpSecret("b@example.jp");
    const code = await codeAt(a.secret, T0);
    // One in a million a code of b's three steps matches by chance; the test then finds that out honestly.
    expect(await verifyTotpStep(b.secret, code, null)).toBeNull();
  });
});

describe("stored secrets", () => {
  it("are encrypted, differently each time, and come back only with the same session secret", async () => {
    const { secret } = await newTotpSecret("a@example.jp");
    const one = encryptSecret(SESSION_SECRET, secret);
    const two = encryptSecret(SESSION_SECRET, secret);
    expect(one).not.toContain(secret);
    expect(one).not.toBe(two);
    expect(decryptSecret(SESSION_SECRET, one)).toBe(secret);
    expect(() => decryptSecret("another-session-secret-0123456789", one)).toThrow();
    const [v, iv, tag, data] = one.split(".");
    const tampered = [v, iv, tag, `${data!.slice(0, -2)}AA`].join(".");
    expect(() => decryptSecret(SESSION_SECRET, tampered)).toThrow();
  });
});

describe("recovery codes", () => {
  it("ten distinct codes; their hashes are keyed, so the code alone does not give the stored value", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const h = hashRecoveryCode(SESSION_SECRET, "ABCDEFGHJK23");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(SESSION_SECRET, "ABCDEFGHJK23")).toBe(h);
    expect(hashRecoveryCode("another-session-secret-0123456789", "ABCDEFGHJK23")).not.toBe(h);
    expect(hashRecoveryCode(SESSION_SECRET, "ABCDEFGHJK24")).not.toBe(h);
  });
});
