import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/services/passwords.server";
import { createMember, logIn, PASSWORD, signedIn } from "./account-security-support";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Reset by e-mail (ASVS V2.5.1–2.5.6): the same answer for any address, throttled per address and
// per IP, a hashed single-use link valid 30 minutes from the configured origin, every session ended.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const forgot = (email: string, headers: Record<string, string> = {}) =>
  postForm(h, "/forgot-password?_data=routes%2F_auth%2B%2Fforgot-password", { email }, new Cookies(), { "Accept-Language": "en", ...headers });
const linkIn = (text: string) => /(http:\/\/\S+\/reset-password\/([\w-]+))/.exec(text);
const minutes = (n: number) => h.clock.set(new Date(h.clock.now().getTime() + n * 60_000));
const setPassword = (token: string, password: string, confirm = password) =>
  postForm(h, `/reset-password/${token}`, { newPassword: password, confirmPassword: confirm }, new Cookies(), { "Accept-Language": "en" });

describe("forgot password", () => {
  it("answers a registered and an unknown address alike, and mails only the registered one a link from APP_URL", async () => {
    const user = await createMember(h, "reset-me@example.jp", { locale: "en", name: "Hanako" });
    const sent = h.mailer.sent().length;
    const known = await forgot("Reset-Me@example.jp", { "x-kurabe-client-ip": "203.0.113.1", Host: "attacker.example" });
    const unknown = await forgot("nobody-here@example.jp", { "x-kurabe-client-ip": "203.0.113.1" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());

    const mails = h.mailer.sent().slice(sent);
    expect(mails.map((m) => m.to)).toEqual([user.email]);
    expect(mails[0].subject).toBe("[Kurabe] Reset your password");
    // English only for an English-speaking user (decision 0054).
    expect(mails[0].text).toContain("Dear Hanako");
    expect(mails[0].text).not.toContain("Hanako 様");
    expect(mails[0].text).toContain("valid once, for 30 minutes");
    const [link, token] = linkIn(mails[0].text)!.slice(1);
    expect(link.startsWith("http://localhost:3000/reset-password/")).toBe(true);
    // Only the token's hash is stored.
    const stored = await h.db.selectFrom("password_reset_tokens").select("token_hash").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the page shows the same Japanese or English answer for any address", async () => {
    const res = await postForm(h, "/forgot-password", { email: "who-knows@example.jp" }, new Cookies(), { "Accept-Language": "ja" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("このメールアドレスが登録されていれば、再設定用のリンクを送信しました。");
    const bad = await postForm(h, "/forgot-password?_data=routes%2F_auth%2B%2Fforgot-password", { email: "not-an-address" }, new Cookies(), {
      "Accept-Language": "ja",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string[]> }).errors.email).toEqual(["メールアドレスの形式が正しくありません。"]);
  });

  it("throttles per address (3 an hour) and per IP (20 an hour), registered or not, even when sent at once", async () => {
    const user = await createMember(h, "throttle@example.jp");
    const byAddress = await Promise.all(Array.from({ length: 8 }, (_, i) => forgot(user.email, { "x-kurabe-client-ip": `192.0.2.${i + 1}` })));
    expect(byAddress.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    expect(((await byAddress.find((r) => r.status === 429)!.json()) as { formError: string }).formError).toBe(
      "Too many reset requests. Please wait a while and try again.",
    );
    const unknown = await Promise.all(Array.from({ length: 5 }, () => forgot("ghost@example.jp", { "x-kurabe-client-ip": "192.0.2.50" })));
    expect(unknown.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);

    const fromOneIp = await Promise.all(Array.from({ length: 25 }, (_, i) => forgot(`spray-${i}@example.jp`, { "x-kurabe-client-ip": "198.51.100.99" })));
    expect(fromOneIp.filter((r) => r.status === 200)).toHaveLength(20);
    minutes(61);
    expect((await forgot(user.email, { "x-kurabe-client-ip": "192.0.2.1" })).status).toBe(200);
    expect((await forgot("spray-x@example.jp", { "x-kurabe-client-ip": "198.51.100.99" })).status).toBe(200);
  });
});

describe("reset link", () => {
  async function requestLink(email: string) {
    await forgot(email, { "x-kurabe-client-ip": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    return linkIn(
      h.mailer
        .sent()
        .filter((m) => m.to === email)
        .at(-1)!.text,
    )![2];
  }

  it("sets a new password once, ends every session, tells the owner; the link then fails", async () => {
    const user = await createMember(h, "once@example.jp");
    const a = await logIn(h, user.email);
    const b = await logIn(h, user.email);
    const token = await requestLink(user.email);

    const page = await h.request(`/reset-password/${token}`, { headers: { "Accept-Language": "ja" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("once@example.jp の新しいパスワードを入力してください。");
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');

    const common = await setPassword(token, "princess2026!");
    expect(common.status).toBe(400);
    expect(await common.text()).toContain("This password is common or close to a common one.");

    const done = await setPassword(token, "hoshi-ga-kirei-4Tq");
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login");
    const row = await h.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, "hoshi-ga-kirei-4Tq")).toBe(true);
    expect(await signedIn(h, a)).toBe(false);
    expect(await signedIn(h, b)).toBe(false);
    expect(h.mailer.sent().at(-1)!.subject).toBe("【Kurabe】パスワードが変更されました");

    const again = await setPassword(token, "another-one-7Yp-x");
    expect(again.status).toBe(410);
    expect((await h.request(`/reset-password/${token}`)).status).toBe(410);
    const row2 = await h.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row2.password_hash, "hoshi-ga-kirei-4Tq")).toBe(true);
    await logIn(h, user.email, "hoshi-ga-kirei-4Tq");
    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", user.id).orderBy("id").execute();
    expect(audit.map((x) => x.action)).toEqual(["account.password_reset_requested", "account.password_reset"]);
  });

  it("two submissions of one link at the same moment: exactly one wins", async () => {
    const user = await createMember(h, "race@example.jp");
    const token = await requestLink(user.email);
    const results = await Promise.all(["kawa-no-nagare-1Aa", "yama-no-kaze-2Bb-x", "sora-no-iro-3Cc-yy"].map((p) => setPassword(token, p)));
    expect(results.map((r) => r.status).sort()).toEqual([302, 410, 410]);
  });

  it("expires after 30 minutes, and a newer password change retires older links", async () => {
    const user = await createMember(h, "expire@example.jp");
    const token = await requestLink(user.email);
    minutes(31);
    const page = await h.request(`/reset-password/${token}`, { headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This link is not valid, has expired or has already been used.");
    expect((await setPassword(token, "hoshi-ga-kirei-4Tq")).status).toBe(410);

    const first = await requestLink(user.email);
    const second = await requestLink(user.email);
    expect((await setPassword(second, "hoshi-ga-kirei-4Tq")).status).toBe(302);
    expect((await setPassword(first, "tsuki-ga-kirei-5Rr")).status).toBe(410);
  });

  it("a made-up token gets the invalid page, not a form", async () => {
    const res = await h.request("/reset-password/not-a-real-token", { headers: { "Accept-Language": "ja" } });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("このリンクは無効か、期限が切れているか、すでに使われています。");
  });

  it("the log-in page links to it", async () => {
    const res = await h.request("/login", { headers: { "Accept-Language": "ja" } });
    expect(await res.text()).toContain('href="/forgot-password"');
    void PASSWORD;
  });
});
