import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, createUser } from "../factories";
import { currentStep, totpAt } from "../support/totp";
import { createMember, logIn, PASSWORD, signedIn } from "./account-security-support";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Two-factor sign-in (issue 20 item 3, decision 0052) through the real pages: set-up with a confirming code, the
// code step of the log-in (no session before it), recovery codes (once each), turning it off, an owner's
// requirement, and API tokens that are not affected.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const SETTINGS = "/settings/two-factor";
const SETTINGS_DATA = `${SETTINGS}?_data=routes%2Fsettings_%2B%2Ftwo-factor`;
const CODE_STEP = "/login/two-factor";
const CODE_STEP_DATA = `${CODE_STEP}?_data=routes%2F_auth%2B%2Flogin_.two-factor`;

type SettingsAnswer = {
  intent: string;
  errors: Record<string, string[]> | null;
  formError: string | null;
  setup: { secret: string; uri: string; qr: string } | null;
  recoveryCodes: string[] | null;
};

/** A form posted as a browser would, with the CSRF token of the page it is on (`from`). */
async function post(path: string, fields: Record<string, string>, cookies: Cookies, opts: { from?: string; lang?: string } = {}) {
  const headers = { "Accept-Language": opts.lang ?? "ja" };
  const page = await h.request(opts.from ?? SETTINGS, { cookies, headers });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  expect(csrf).not.toBe("");
  return h.request(path, {
    method: "POST",
    body: new URLSearchParams({ csrf, ...fields }),
    cookies,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
}

const settings = async (fields: Record<string, string>, cookies: Cookies, lang = "ja") => {
  const res = await post(SETTINGS_DATA, fields, cookies, { lang });
  return { status: res.status, body: res.headers.get("Content-Type")?.includes("json") ? ((await res.json()) as SettingsAnswer) : null, res };
};

/** Sets two-factor sign-in up for a signed-in user; returns the secret and the recovery codes. */
async function enable(cookies: Cookies) {
  const started = await settings({ intent: "start" }, cookies);
  expect(started.status).toBe(200);
  const secret = started.body!.setup!.secret;
  const step = currentStep();
  const confirmed = await settings({ intent: "confirm", code: totpAt(secret, step) }, cookies);
  expect(confirmed.status).toBe(200);
  return { secret, step, recoveryCodes: confirmed.body!.recoveryCodes! };
}

/** Password first: answers where it sends the browser; the cookies then hold only the pending step's token. */
async function password(email: string, cookies = new Cookies()) {
  const res = await postForm(h, "/login", { email, password: PASSWORD, redirectTo: "/rfqs" }, cookies);
  expect(res.status).toBe(302);
  return { cookies, location: res.headers.get("Location") };
}

const code = (cookies: Cookies, value: string, lang = "ja") => post(CODE_STEP_DATA, { code: value }, cookies, { from: CODE_STEP, lang });

const auditOf = async (userId: string) =>
  (await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", userId).orderBy("id").execute()).map((a) => a.action);

describe("setting up", () => {
  it("refuses a wrong code at the field in Japanese and English and enables nothing", async () => {
    const user = await createMember(h, "wrong-code@example.jp");
    const cookies = await logIn(h, user.email);
    const started = await settings({ intent: "start" }, cookies);
    expect(started.body!.setup!.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body!.setup!.uri).toContain("otpauth://totp/Kurabe:wrong-code%40example.jp");
    expect(started.body!.setup!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    // The secret is stored encrypted, never as typed into the app.
    const row = await h.db.selectFrom("user_two_factor").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(started.body!.setup!.secret);
    expect(row.enabled_at).toBeNull();

    const wrong = totpAt(started.body!.setup!.secret, currentStep() + 5);
    const ja = await settings({ intent: "confirm", code: wrong }, cookies);
    expect(ja.status).toBe(400);
    expect(ja.body!.errors!.code).toEqual(["確認コードが正しくないか、すでに使われています。アプリの新しいコードを入力してください。"]);
    const en = await settings({ intent: "confirm", code: "12ab" }, cookies, "en");
    expect(en.status).toBe(400);
    expect(en.body!.errors!.code).toEqual(["The code is six digits."]);
    const enWrong = await settings({ intent: "confirm", code: wrong }, cookies, "en");
    expect(enWrong.body!.errors!.code).toEqual(["The code is not correct or was already used. Enter the app's next code."]);

    const after = await h.db.selectFrom("user_two_factor").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.enabled_at).toBeNull();
    expect(await h.db.selectFrom("two_factor_recovery_codes").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    expect(await auditOf(user.id)).not.toContain("account.two_factor_enabled");
    // Fumbled first codes do not count on the log-in limiter: six wrong ones, and the password still signs in.
    for (let i = 0; i < 4; i++) expect((await settings({ intent: "confirm", code: wrong }, cookies)).status).toBe(400);
    expect((await password(user.email)).location).toBe("/rfqs");
    // The page never shows the secret again: only the answer to "set it up" did.
    const page = await h.request(SETTINGS, { cookies });
    expect(await page.text()).not.toContain(started.body!.setup!.secret);
  });

  it("enables with a current code: ten recovery codes shown once, stored hashed, an audit row and a mail", async () => {
    const user = await createMember(h, "enable@example.jp", { locale: "en" });
    const cookies = await logIn(h, user.email);
    const sent = h.mailer.sent().length;
    const { recoveryCodes } = await enable(cookies);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const stored = await h.db.selectFrom("two_factor_recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(10);
    for (const s of stored) for (const c of recoveryCodes) expect(s.code_hash).not.toContain(c.replace(/-/g, ""));
    const page = await (await h.request(SETTINGS, { cookies })).text();
    for (const c of recoveryCodes) expect(page).not.toContain(c);
    expect(await auditOf(user.id)).toContain("account.two_factor_enabled");
    const mail = h.mailer
      .sent()
      .slice(sent)
      .find((m) => m.to === user.email);
    expect(mail?.subject).toBe("[Kurabe] Two-factor sign-in is on");
    expect(mail?.text).toContain("Two-factor sign-in");
    expect(mail?.text).not.toContain("2段階認証が");
  });
});

describe("logging in with two-factor sign-in on", () => {
  it("the password alone gives no session; a wrong code is refused; the right code signs in once", async () => {
    const user = await createMember(h, "login@example.jp");
    const setup = await logIn(h, user.email);
    const { secret, step } = await enable(setup);

    const { cookies, location } = await password(user.email);
    expect(location).toBe(CODE_STEP);
    expect(cookies.header()).not.toContain("__kurabe_session=");
    expect(await signedIn(h, cookies)).toBe(false);
    const guarded = await h.request("/settings/security", { cookies, redirect: "manual" });
    expect(guarded.status).toBe(302);
    expect(guarded.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const sessionsBefore = await h.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    const wrong = await code(cookies, totpAt(secret, step + 7));
    expect(wrong.status).toBe(400);
    const wrongBody = (await wrong.json()) as { result: { error: Record<string, string[]> } };
    expect(wrongBody.result.error.code).toEqual(["確認コードが正しくないか、すでに使われています。アプリの新しいコードを入力してください。"]);
    const wrongEn = await code(cookies, "not-a-code", "en");
    expect(((await wrongEn.json()) as { result: { error: Record<string, string[]> } }).result.error.code).toEqual([
      "Enter the six-digit code or a recovery code (XXXX-XXXX-XXXX).",
    ]);
    // The code of the set-up's step was used: it does not open a session again.
    const replay = await code(cookies, totpAt(secret, step));
    expect(replay.status).toBe(400);
    expect(await h.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(sessionsBefore.length);
    expect(await signedIn(h, cookies)).toBe(false);

    const next = totpAt(secret, step + 1);
    const ok = await code(cookies, next);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("X-Remix-Redirect")).toBe("/rfqs");
    expect(await signedIn(h, cookies)).toBe(true);
    expect(await h.db.selectFrom("two_factor_challenges").select("token_hash").where("user_id", "=", user.id).execute()).toHaveLength(0);

    // The same code on another device within its window: refused.
    const other = await password(user.email);
    const again = await code(other.cookies, next);
    expect(again.status).toBe(400);
    expect(await signedIn(h, other.cookies)).toBe(false);
    const failed = await h.db.selectFrom("audit_log").select("after").where("action", "=", "auth.login.failed").where("entity_id", "=", user.email).execute();
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.every((f) => (f.after as { via: string }).via === "two_factor")).toBe(true);
  });

  it("a recovery code works once, in any case and spacing, and is audited", async () => {
    const user = await createMember(h, "recovery@example.jp");
    const { recoveryCodes } = await enable(await logIn(h, user.email));
    const first = await password(user.email);
    const ok = await code(first.cookies, ` ${recoveryCodes[3]!.toLowerCase().replace(/-/g, " ")} `);
    expect(ok.status).toBe(204);
    expect(await signedIn(h, first.cookies)).toBe(true);
    expect(await auditOf(user.id)).toContain("account.two_factor_recovery_used");
    const used = await h.db.selectFrom("two_factor_recovery_codes").select("used_at").where("user_id", "=", user.id).where("used_at", "is not", null).execute();
    expect(used).toHaveLength(1);
    const page = await (await h.request(SETTINGS, { cookies: first.cookies })).text();
    expect(page).toContain("未使用のリカバリーコード: 9個");

    const second = await password(user.email);
    const again = await code(second.cookies, recoveryCodes[3]!);
    expect(again.status).toBe(400);
    expect(await signedIn(h, second.cookies)).toBe(false);
  });

  it("five wrong codes end the step: the password is asked again", async () => {
    const user = await createMember(h, "five@example.jp");
    const { secret, step } = await enable(await logIn(h, user.email));
    const { cookies } = await password(user.email);
    for (let i = 0; i < 4; i++) expect((await code(cookies, totpAt(secret, step + 10 + i))).status).toBe(400);
    const fifth = await code(cookies, totpAt(secret, step + 20));
    expect(fifth.status).toBe(410);
    // Even the right code no longer helps: the step is gone.
    const page = await h.request(CODE_STEP, { cookies });
    expect(await page.text()).toContain("もう一度パスワードからログインしてください");
    expect(await h.db.selectFrom("two_factor_challenges").select("token_hash").where("user_id", "=", user.id).execute()).toHaveLength(0);
    // Wrong codes count on the log-in limiter with wrong passwords: this account, from this address, is now held off.
    const held = await postForm(h, "/login", { email: user.email, password: PASSWORD }, new Cookies());
    expect(held.status).toBe(429);
  });
});

describe("accepting an invitation with the password of an account that has two-factor sign-in", () => {
  it("leads to the code step, not to a session", async () => {
    const user = await createMember(h, "invited-2fa@example.jp");
    const { secret, step } = await enable(await logIn(h, user.email));
    const owner = await logIn(h, (await createMember(h, "inviting-owner@example.jp")).email);
    const invited = await post("/settings/members?_data=routes%2Fsettings%2B%2Fmembers", { email: user.email, role: "member" }, owner, {
      from: "/settings/members",
    });
    expect(invited.status).toBe(200);
    const token = /\/invitations\/([\w-]+)/.exec(h.mailer.sent().at(-1)!.text)![1];

    const browser = new Cookies();
    const join = await postForm(h, `/invitations/${token}`, { name: "山田 花子", password: PASSWORD }, browser);
    expect(join.status).toBe(302);
    expect(join.headers.get("Location")).toBe(CODE_STEP);
    expect(browser.header()).not.toContain("__kurabe_session=");
    expect(await signedIn(h, browser)).toBe(false);
    expect((await code(browser, totpAt(secret, step + 1))).status).toBe(204);
    expect(await signedIn(h, browser)).toBe(true);
  });
});

describe("recovery codes and turning it off", () => {
  it("regenerating needs a code and replaces the old codes", async () => {
    const user = await createMember(h, "regen@example.jp");
    const cookies = await logIn(h, user.email);
    const { secret, step, recoveryCodes } = await enable(cookies);
    const refused = await settings({ intent: "regenerate", code: totpAt(secret, step) }, cookies); // already used
    expect(refused.status).toBe(400);
    const fresh = await settings({ intent: "regenerate", code: totpAt(secret, step + 1) }, cookies);
    expect(fresh.status).toBe(200);
    expect(fresh.body!.recoveryCodes).toHaveLength(10);
    expect(fresh.body!.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect(await auditOf(user.id)).toContain("account.two_factor_recovery_regenerated");
    const { cookies: pending } = await password(user.email);
    expect((await code(pending, recoveryCodes[0]!)).status).toBe(400);
    expect((await code(pending, fresh.body!.recoveryCodes![0]!)).status).toBe(204);
  });

  it("turning off needs the password or a code; a wrong one changes nothing; then the password alone signs in", async () => {
    const user = await createMember(h, "disable@example.jp");
    const cookies = await logIn(h, user.email);
    await enable(cookies);
    const nothing = await settings({ intent: "disable" }, cookies, "en");
    expect(nothing.status).toBe(400);
    expect(nothing.body!.errors!.code).toEqual(["Enter a code or your password."]);
    const wrong = await settings({ intent: "disable", password: "not-the-password-1" }, cookies);
    expect(wrong.status).toBe(400);
    expect(wrong.body!.errors!.password).toEqual(["現在のパスワードが正しくありません。"]);
    expect(await h.db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", user.id).executeTakeFirst()).toBeDefined();

    const sent = h.mailer.sent().length;
    const off = await settings({ intent: "disable", password: PASSWORD }, cookies);
    expect(off.status).toBe(204);
    expect(await h.db.selectFrom("user_two_factor").select("user_id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    expect(await h.db.selectFrom("two_factor_recovery_codes").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    expect(await auditOf(user.id)).toContain("account.two_factor_disabled");
    expect(
      h.mailer
        .sent()
        .slice(sent)
        .find((m) => m.to === user.email)?.subject,
    ).toBe("【Kurabe】2段階認証が無効になりました");
    const { location } = await password(user.email);
    expect(location).toBe("/rfqs");
  });
});

describe("an organisation that requires two-factor sign-in", () => {
  it("sends a member without it to the set-up from every page until it is on; sign-out and API tokens work", async () => {
    const owner = await createMember(h, "owner-2fa@example.jp");
    const orgId = (await h.db.selectFrom("memberships").select("org_id").where("user_id", "=", owner.id).executeTakeFirstOrThrow()).org_id;
    const member = await createUser(h.db, { orgId, role: "member", email: "member-2fa@example.jp", password: PASSWORD });
    const token = await createApiToken(h.db, { orgId, userId: member.id });

    // A member may not change it; the owner may.
    const memberCookies = await logIn(h, member.email);
    const notOwner = await post("/settings/members", { intent: "twoFactorRequirement", required: "true" }, memberCookies, { from: "/settings/members" });
    expect(notOwner.status).toBe(403);
    expect(await h.db.selectFrom("org_two_factor_requirements").select("org_id").where("org_id", "=", orgId).execute()).toHaveLength(0);

    const ownerCookies = await logIn(h, owner.email);
    const set = await post("/settings/members", { intent: "twoFactorRequirement", required: "true" }, ownerCookies, { from: "/settings/members" });
    expect(set.status).toBe(302);
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", orgId)
      .where("action", "=", "organization.two_factor_requirement_changed")
      .execute();
    expect(audit.map((a) => a.after)).toEqual([{ required: true }]);

    // Every page, and every form, leads to the set-up; the set-up page itself and sign-out do not.
    for (const path of ["/", "/rfqs", "/settings/security", "/settings/members", "/notifications"]) {
      const res = await h.request(path, { cookies: memberCookies, redirect: "manual" });
      expect([path, res.status, res.headers.get("Location")]).toEqual([path, 302, SETTINGS]);
    }
    const setupPage = await h.request(SETTINGS, { cookies: memberCookies });
    expect(setupPage.status).toBe(200);
    expect(await setupPage.text()).toContain("所属する組織では2段階認証が必須です");
    const formElsewhere = await post("/settings/security", { intent: "signOutOthers" }, memberCookies);
    expect(formElsewhere.status).toBe(302);
    expect(formElsewhere.headers.get("Location")).toBe(SETTINGS);

    // The API token is not a browser sign-in: it keeps working.
    const api = await h.request("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);

    // Once it is on, the pages open again.
    await enable(memberCookies);
    const open = await h.request("/rfqs", { cookies: memberCookies, redirect: "manual" });
    expect(open.status).toBe(200);
    // The owner has no two-factor sign-in yet either: sent to the set-up too.
    const ownerPage = await h.request("/settings/members", { cookies: ownerCookies, redirect: "manual" });
    expect([ownerPage.status, ownerPage.headers.get("Location")]).toEqual([302, SETTINGS]);

    // Sign-out works while the set-up is required (the owner, still without it).
    const out = await post("/logout", {}, ownerCookies);
    expect(out.status).toBe(302);
    expect(await signedIn(h, ownerCookies)).toBe(false);
  });
});
