import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/services/passwords.server";
import { CHROME_WINDOWS, createMember, logIn, PASSWORD, signedIn } from "./account-security-support";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Password change, the session list and the idle timeout (ASVS V2.5, V3.3, V3.7), and the
// common-password check on every form that sets a password (V2.1.7) — through the real pages.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const change = (cookies: Cookies, fields: Record<string, string>, lang = "ja") =>
  postForm(h, "/settings/security?_data=routes%2Fsettings_%2B%2Fsecurity", { intent: "password", ...fields }, cookies, { "Accept-Language": lang });

describe("password change", () => {
  it("needs the current password, ends every other session, rotates this one and mails the owner", async () => {
    const user = await createMember(h, "change@example.jp");
    const laptop = await logIn(h, user.email);
    const phone = await logIn(h, user.email);
    const oldCookie = laptop.header();

    const wrong = await change(laptop, { currentPassword: "not-my-password-1", newPassword: "umi-no-oto-9Kd-2026", confirmPassword: "umi-no-oto-9Kd-2026" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string[]> }).errors.currentPassword).toEqual(["現在のパスワードが正しくありません。"]);

    const sent = h.mailer.sent().length;
    const ok = await change(laptop, { currentPassword: PASSWORD, newPassword: "umi-no-oto-9Kd-2026", confirmPassword: "umi-no-oto-9Kd-2026" });
    expect(ok.status).toBe(204); // a redirect, as Remix answers it to a data request
    expect(ok.headers.get("X-Remix-Redirect")).toBe("/settings/security");

    const row = await h.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, "umi-no-oto-9Kd-2026")).toBe(true);
    // The other device is out; this one goes on with a new session id, and the old id is dead.
    expect(await signedIn(h, phone)).toBe(false);
    expect(await signedIn(h, laptop)).toBe(true);
    expect(laptop.header()).not.toBe(oldCookie);
    const stale = new Cookies();
    stale.absorb(new Response(null, { headers: { "Set-Cookie": oldCookie.split("; ").find((c) => c.startsWith("__kurabe_session="))! } }));
    expect(await signedIn(h, stale)).toBe(false);
    const sessions = await h.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);

    const mail = h.mailer
      .sent()
      .slice(sent)
      .find((m) => m.to === user.email)!;
    expect(mail.subject).toBe("【Kurabe】パスワードが変更されました");
    expect(mail.text).toContain("パスワードが");
    // In the reader's language only (decision 0054).
    expect(mail.text).not.toContain("The password of your Kurabe account was changed");
    expect(mail.text).toContain("http://localhost:3000/forgot-password");

    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", user.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["account.password_change_failed", "account.password_changed"]);
    // The new password logs in, the old one no longer does.
    await logIn(h, user.email, "umi-no-oto-9Kd-2026");
    const old = await postForm(h, "/login", { email: user.email, password: PASSWORD }, new Cookies());
    expect(old.status).toBe(400);
  });

  it("answers bad input field by field in Japanese and English and changes nothing", async () => {
    const user = await createMember(h, "fields@example.jp");
    const cookies = await logIn(h, user.email);
    const cases = [
      [
        "ja",
        { currentPassword: PASSWORD, newPassword: "password1234", confirmPassword: "password1234" },
        "newPassword",
        "よく使われているパスワード、またはそれに近いパスワードです。推測されにくい別のパスワードにしてください。",
      ],
      [
        "en",
        { currentPassword: PASSWORD, newPassword: "Qwerty123456!", confirmPassword: "Qwerty123456!" },
        "newPassword",
        "This password is common or close to a common one. Choose one that is harder to guess.",
      ],
      [
        "en",
        { currentPassword: PASSWORD, newPassword: "umi-no-oto-9Kd-2026", confirmPassword: "umi-no-oto-9Kd-2025" },
        "confirmPassword",
        "The two passwords do not match.",
      ],
      [
        "ja",
        { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD },
        "newPassword",
        "現在のパスワードとは別のパスワードにしてください。",
      ],
      ["en", { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }, "newPassword", "Use at least 12 characters."],
    ] as const;
    for (const [lang, fields, field, message] of cases) {
      const res = await change(cookies, fields, lang);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Record<string, string[]> }).errors[field]).toContain(message);
    }
    const row = await h.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
  });

  it("stops guessing the current password with a stolen session: five wrong, then refused even when right", async () => {
    const user = await createMember(h, "guess@example.jp");
    const cookies = await logIn(h, user.email);
    const fields = (current: string) => ({ currentPassword: current, newPassword: "umi-no-oto-9Kd-2026", confirmPassword: "umi-no-oto-9Kd-2026" });
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => change(cookies, fields(`guess-number-${i}`), "en")));
    // Concurrent guesses are decided one at a time (advisory lock): exactly five are tried.
    expect(guesses.map((r) => r.status).filter((s) => s === 400)).toHaveLength(5);
    expect(guesses.map((r) => r.status).filter((s) => s === 429)).toHaveLength(7);
    const right = await change(cookies, fields(PASSWORD), "en");
    expect(right.status).toBe(429);
    expect(((await right.json()) as { errors: Record<string, string[]> }).errors.currentPassword).toEqual([
      "Too many wrong current passwords. Please wait about 15 minutes and try again.",
    ]);
    h.clock.set(new Date(h.clock.now().getTime() + 16 * 60_000));
    expect((await change(cookies, fields(PASSWORD), "en")).status).toBe(204);
  });

  it("is open to every member, not only owners, and needs a session", async () => {
    expect((await h.request("/settings/security", { redirect: "manual" })).headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fsecurity");
  });
});

describe("common passwords on sign-up and invitation acceptance", () => {
  it("sign-up refuses a listed password with a field message in both languages", async () => {
    const form = { kind: "buyer", orgName: "テスト市", name: "山田 太郎", email: "common@example.jp", password: "1qaz2wsx3edc" };
    for (const [lang, message] of [
      ["ja", "よく使われているパスワード、またはそれに近いパスワードです。推測されにくい別のパスワードにしてください。"],
      ["en", "This password is common or close to a common one. Choose one that is harder to guess."],
    ] as const) {
      const res = await postForm(h, "/signup?_data=routes%2F_auth%2B%2Fsignup", form, new Cookies(), { "Accept-Language": lang });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: Record<string, string[]> }).error.password).toEqual([message]);
    }
    expect(await h.db.selectFrom("users").select("id").where("email", "=", "common@example.jp").executeTakeFirst()).toBeUndefined();
  });

  it("a new member accepting an invitation cannot choose one either", async () => {
    const owner = await createMember(h, "inviter@example.jp");
    const cookies = await logIn(h, owner.email);
    await postForm(h, "/settings/members?_data=routes%2Fsettings%2B%2Fmembers", { email: "invitee@example.jp", role: "member" }, cookies);
    const token = /\/invitations\/([\w-]+)/.exec(h.mailer.sent().at(-1)!.text)![1];
    const res = await postForm(h, `/invitations/${token}`, { name: "新人", password: "qwertyuiop123" }, new Cookies(), { "Accept-Language": "en" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This password is common or close to a common one.");
  });
});

describe("sessions", () => {
  it("lists the user's sessions with device, IP and times; ends one, or every other one", async () => {
    const user = await createMember(h, "list@example.jp");
    const other = await createMember(h, "someone-else@example.jp");
    const here = await logIn(h, user.email, PASSWORD, { "User-Agent": CHROME_WINDOWS });
    const there = await logIn(h, user.email, PASSWORD, {
      "x-kurabe-client-ip": "198.51.100.7",
      "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    });
    const third = await logIn(h, user.email);
    const strangers = await logIn(h, other.email);
    // Each session learns its address and agent on its first request.
    for (const [c, headers] of [
      [
        there,
        {
          "x-kurabe-client-ip": "198.51.100.7",
          "User-Agent":
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        },
      ],
      [third, {}],
      [strangers, {}],
    ] as const) {
      expect(await signedIn(h, c, headers)).toBe(true);
    }

    const page = await h.request("/settings/security", { cookies: here, headers: { "User-Agent": CHROME_WINDOWS } });
    const html = await page.text();
    expect(html).toContain("ログイン中の端末");
    expect(html).toContain("Chrome 131 · Windows");
    expect(html).toContain("Safari 17 · iOS");
    expect(html).toContain("198.51.100.7");
    expect(html).toContain("この端末");
    const data = (await (await h.request("/settings/security?_data=routes%2Fsettings_%2B%2Fsecurity", { cookies: here })).json()) as {
      sessions: { id: string; current: boolean; ip: string }[];
    };
    expect(data.sessions).toHaveLength(3);
    const iphone = data.sessions.find((s) => s.ip === "198.51.100.7")!;

    // Another user's session id is not ours to end.
    const strangersId = (await h.db.selectFrom("sessions").select("id").where("user_id", "=", other.id).executeTakeFirstOrThrow()).id;
    const idor = await postForm(h, "/settings/security", { intent: "signOut", sessionId: strangersId }, here);
    expect(idor.status).toBe(404);
    expect(await signedIn(h, strangers)).toBe(true);

    const one = await postForm(h, "/settings/security", { intent: "signOut", sessionId: iphone.id }, here);
    expect(one.status).toBe(302);
    expect(await signedIn(h, there)).toBe(false);
    expect(await signedIn(h, third)).toBe(true);

    const rest = await postForm(h, "/settings/security", { intent: "signOutOthers" }, here);
    expect(rest.status).toBe(302);
    expect(await signedIn(h, third)).toBe(false);
    expect(await signedIn(h, here)).toBe(true);
    expect(await signedIn(h, strangers)).toBe(true);

    // Ending the current session from the list is a log-out.
    const mine = (await h.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).executeTakeFirstOrThrow()).id;
    const out = await postForm(h, "/settings/security", { intent: "signOut", sessionId: mine }, here);
    expect(out.headers.get("Location")).toBe("/login");
    expect(await signedIn(h, here)).toBe(false);
    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", user.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["account.session_ended", "account.other_sessions_ended", "account.session_ended"]);
  });

  it("ends after 12 idle hours, though activity keeps it alive up to the absolute 14 days", async () => {
    h.clock.set("2026-12-01T09:00:00+09:00");
    const user = await createMember(h, "idle@example.jp");
    const cookies = await logIn(h, user.email);
    const hours = (n: number) => h.clock.set(new Date(h.clock.now().getTime() + n * 3600_000));
    // A request every 11 hours keeps it alive…
    for (let i = 0; i < 30; i++) {
      hours(11);
      expect(await signedIn(h, cookies)).toBe(true);
    }
    hours(5);
    expect(await signedIn(h, cookies)).toBe(true);
    // …until 14 days after log-in, however recently it was used.
    hours(1.1);
    expect(await signedIn(h, cookies)).toBe(false);

    const idle = await logIn(h, user.email);
    hours(12.01);
    expect(await signedIn(h, idle)).toBe(false);
  });

  it("writes last_seen_at at most every five minutes, not on every request", async () => {
    const user = await createMember(h, "touch@example.jp");
    const cookies = await logIn(h, user.email);
    const lastSeen = async () =>
      (await h.db.selectFrom("sessions").select("last_seen_at").where("user_id", "=", user.id).executeTakeFirstOrThrow()).last_seen_at.getTime();
    await signedIn(h, cookies);
    const first = await lastSeen();
    h.clock.set(new Date(h.clock.now().getTime() + 4 * 60_000));
    await signedIn(h, cookies);
    expect(await lastSeen()).toBe(first);
    h.clock.set(new Date(h.clock.now().getTime() + 2 * 60_000));
    await signedIn(h, cookies);
    expect(await lastSeen()).toBe(h.clock.now().getTime());
  });
});
