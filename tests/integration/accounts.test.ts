import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { lastMailTo, signUpAndConfirm } from "./signup-support";

// Sign-up, log-in, log-out and invitations through the real Remix actions, against a real
// PostgreSQL database: field errors in both languages, and nothing written on bad input.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function tableCounts() {
  const count = async (t: "users" | "organizations" | "memberships" | "audit_log" | "outbox") =>
    Number(
      (
        await h.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await count("users"),
    orgs: await count("organizations"),
    memberships: await count("memberships"),
    audit: await count("audit_log"),
    outbox: await count("outbox"),
  };
}

const valid = { kind: "vendor", orgName: "株式会社テスト経理", name: "山田 太郎", email: "taro@example.jp", password: "a-long-enough-password" };

describe("sign-up", () => {
  it.each([
    [
      "ja",
      { ...valid, orgName: "", name: "", email: "", password: "" },
      { orgName: "入力してください。", name: "入力してください。", email: "入力してください。", password: "入力してください。" },
    ],
    ["ja", { ...valid, password: "short" }, { password: "12文字以上で入力してください。" }],
    [
      "en",
      { ...valid, orgName: "", email: "not-an-email", password: "short" },
      { orgName: "This field is required.", email: "Enter a valid e-mail address.", password: "Use at least 12 characters." },
    ],
    [
      "ja",
      { ...valid, orgName: "あ".repeat(121), name: "x".repeat(81) },
      { orgName: "120文字以内で入力してください。", name: "80文字以内で入力してください。" },
    ],
    ["en", { ...valid, kind: "admin" }, { kind: "Choose one of the options." }],
  ] as const)("answers bad input field by field in %s and writes nothing", async (lang, input, expected) => {
    const before = await tableCounts();
    const res = await postForm(h, "/signup?_data=routes%2F_auth%2B%2Fsignup", input, new Cookies(), {
      "Accept-Language": lang === "en" ? "en-US,en;q=0.9" : "ja",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: Record<string, string[]> };
    for (const [field, message] of Object.entries(expected)) expect(body.error[field]).toContain(message);
    expect(await tableCounts()).toEqual(before);
  });

  it("creates organisation, owner, profile, audit and outbox rows together once the e-mail is confirmed, then logs the user in", async () => {
    const before = await tableCounts();
    const cookies = new Cookies();
    const res = await signUpAndConfirm(h, valid, cookies);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/vendor/profile");
    const after = await tableCounts();
    // Two audit rows: the request (when the form was sent) and the sign-up (when it was confirmed).
    expect(after).toEqual({
      users: before.users + 1,
      orgs: before.orgs + 1,
      memberships: before.memberships + 1,
      audit: before.audit + 2,
      outbox: before.outbox + 1,
    });
    const user = await h.db.selectFrom("users").selectAll().where("email", "=", valid.email).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__kurabe_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await h.request("/vendor/profile", { cookies });
    expect(me.status).toBe(200);
    expect(await me.text()).toContain("株式会社テスト経理");
  });

  it("answers a registered e-mail (any case) exactly like a new one, creates nothing and tells the owner", async () => {
    const before = await tableCounts();
    const res = await postForm(h, "/signup?_data=routes%2F_auth%2B%2Fsignup", { ...valid, email: "TARO@example.jp" }, new Cookies(), {
      "Accept-Language": "en",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: { email: "taro@example.jp" } });
    const { mail, link } = lastMailTo(h, valid.email);
    expect(mail!.subject).toContain("Someone tried to sign up with your address");
    expect(link).toBe("/login");
    // Only the request's own audit row.
    expect(await tableCounts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it("rejects a form without the CSRF token", async () => {
    const before = await tableCounts();
    const res = await h.request("/signup", {
      method: "POST",
      body: new URLSearchParams({ ...valid, email: "csrf@example.jp" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("log-in", () => {
  it("logs in, then logs out and the session no longer works", async () => {
    const cookies = new Cookies();
    const res = await postForm(h, "/login", { email: valid.email, password: valid.password, redirectTo: "/vendor/profile" }, cookies);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/vendor/profile");
    expect((await h.request("/vendor/profile", { cookies })).status).toBe(200);
    const out = await postForm(h, "/logout", {}, cookies);
    expect(out.status).toBe(302);
    const after = await h.request("/vendor/profile", { cookies, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("does not follow an off-site redirectTo", async () => {
    const res = await postForm(h, "/login", { email: valid.email, password: valid.password, redirectTo: "//evil.example/x" }, new Cookies());
    expect(res.headers.get("Location")).toBe("/");
  });

  it("limits failed attempts per account (from one IP), in the user's language", async () => {
    const email = "ratelimit@example.jp";
    await signUpAndConfirm(h, { ...valid, email });
    for (let i = 0; i < 5; i++) {
      const r = await postForm(h, "/login?_data=routes%2F_auth%2B%2Flogin", { email, password: "wrong-password-123" }, new Cookies(), {
        "x-kurabe-client-ip": "10.0.0.1",
      });
      expect(r.status).toBe(400);
    }
    const blocked = await postForm(h, "/login?_data=routes%2F_auth%2B%2Flogin", { email, password: valid.password }, new Cookies(), {
      "x-kurabe-client-ip": "10.0.0.1",
      "Accept-Language": "ja",
    });
    expect(blocked.status).toBe(429);
    expect(JSON.stringify(await blocked.json())).toContain("ログインの試行回数が多すぎます");
    // After the window the account can log in again.
    h.clock.set(new Date(h.clock.now().getTime() + 16 * 60_000));
    const ok = await postForm(h, "/login", { email, password: valid.password }, new Cookies(), { "x-kurabe-client-ip": "10.0.0.1" });
    expect(ok.status).toBe(302);
  });

  it("limits failed attempts per IP across accounts", async () => {
    for (let i = 0; i < 30; i++) {
      await postForm(h, "/login?_data=routes%2F_auth%2B%2Flogin", { email: `nobody${i}@example.jp`, password: "whatever-123456" }, new Cookies(), {
        "x-kurabe-client-ip": "192.0.2.7",
      });
    }
    const blocked = await postForm(h, "/login?_data=routes%2F_auth%2B%2Flogin", { email: valid.email, password: valid.password }, new Cookies(), {
      "x-kurabe-client-ip": "192.0.2.7",
    });
    expect(blocked.status).toBe(429);
  });
});

describe("invitations", () => {
  it("an owner invites by e-mail; the link creates the member, once", async () => {
    const owner = new Cookies();
    await signUpAndConfirm(h, { ...valid, kind: "buyer", email: "owner@buyer.example", orgName: "みどり市" }, owner);
    const res = await postForm(h, "/settings/members?_data=routes%2Fsettings%2B%2Fmembers", { email: "new@buyer.example", role: "member" }, owner);
    expect(res.status).toBe(200);
    const mail = h.mailer.sent().at(-1)!;
    expect(mail.to).toBe("new@buyer.example");
    expect(mail.text).toContain("みどり市");
    expect(mail.text).toContain("invited you");
    const token = /\/invitations\/([\w-]+)/.exec(mail.text)![1];

    const invitee = new Cookies();
    const join = await postForm(h, `/invitations/${token}`, { name: "新人 花子", password: "another-long-password" }, invitee);
    expect(join.status).toBe(302);
    const members = await h.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .innerJoin("organizations", "organizations.id", "memberships.org_id")
      .select(["users.email", "memberships.role"])
      .where("organizations.name", "=", "みどり市")
      .execute();
    expect(members.map((m) => m.email).sort()).toEqual(["new@buyer.example", "owner@buyer.example"]);
    const again = await h.request(`/invitations/${token}`);
    expect(again.status).toBe(404);
    // A member is not an owner: it reads the member list, but API tokens (and inviting) are closed to it.
    expect((await h.request("/settings/members", { cookies: invitee })).status).toBe(200);
    expect((await h.request("/settings/tokens", { cookies: invitee })).status).toBe(403);
  });
});
