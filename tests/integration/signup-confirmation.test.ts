import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { lastMailTo } from "./signup-support";

// Sign-up (issue 12, item 12) on real PostgreSQL through the real actions: the same answer
// for a registered and a new address, nothing usable before the mailed link is followed, the
// link single-use and short-lived, and sign-ups throttled per IP (and mails per address).

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

let seq = 0;
const form = (email: string) => ({ kind: "buyer", orgName: `あおば町 総務課 ${++seq}`, name: "鈴木 一郎", email, password: "a-very-long-password" });
const signUp = (fields: Record<string, string>, ip: string, lang = "ja") =>
  postForm(h, "/signup?_data=routes%2F_auth%2B%2Fsignup", fields, new Cookies(), { "x-kurabe-client-ip": ip, "Accept-Language": lang });

async function counts() {
  const n = async (t: "users" | "organizations" | "memberships") =>
    (
      await h.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  return { users: await n("users"), orgs: await n("organizations"), memberships: await n("memberships") };
}

describe("sign-up answers the same for every address", () => {
  it("a registered address and a new one get the same response; the owner is told, the newcomer gets a link", async () => {
    await createUser(h.db, { email: "owner@registered.example", password: "owners-own-password" });
    const before = await counts();
    const registered = await signUp(form("Owner@Registered.example"), "198.18.1.1");
    const fresh = await signUp(form("new@fresh.example"), "198.18.1.1");
    expect([registered.status, fresh.status]).toEqual([200, 200]);
    expect(await registered.json()).toEqual({ sent: { email: "owner@registered.example" } });
    expect(await fresh.json()).toEqual({ sent: { email: "new@fresh.example" } });
    expect(await counts()).toEqual(before);

    const notice = lastMailTo(h, "owner@registered.example");
    expect(notice.mail!.subject).toBe("【Kurabe】お使いのアドレスで新規登録が試みられました / Someone tried to sign up with your address");
    expect(notice.mail!.text).toMatch(/既にあります[\s\S]*----[\s\S]*already has an account/);
    expect(notice.mail!.text).toContain("http://localhost:3000/login");
    // The owner's password was not touched.
    const login = await postForm(h, "/login", { email: "owner@registered.example", password: "owners-own-password" }, new Cookies(), {
      "x-kurabe-client-ip": "198.18.1.2",
    });
    expect(login.status).toBe(302);

    const confirm = lastMailTo(h, "new@fresh.example");
    expect(confirm.mail!.subject).toBe("【Kurabe】メールアドレスの確認 / Confirm your e-mail address");
    expect(confirm.mail!.text).toMatch(/登録を完了してください[\s\S]*----[\s\S]*Open this link to finish it/);
    expect(confirm.mail!.text).toContain(`http://localhost:3000${confirm.link}`);
    // The token is stored hashed only.
    const token = confirm.link!.split("/").at(-1)!;
    expect(await h.db.selectFrom("signup_requests").select("id").where("token_hash", "=", token).execute()).toEqual([]);
  });

  it("a new account cannot log in before its link is followed; following it creates and logs in, once", async () => {
    const email = "pending@fresh.example";
    await signUp(form(email), "198.18.2.1");
    const early = await postForm(h, "/login?_data=routes%2F_auth%2B%2Flogin", { email, password: "a-very-long-password" }, new Cookies(), {
      "x-kurabe-client-ip": "198.18.2.1",
    });
    expect(early.status).toBe(400);

    const { link } = lastMailTo(h, email);
    const page = await h.request(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("登録を完了する");
    const before = await counts();
    const cookies = new Cookies();
    const done = await postForm(h, link!, {}, cookies, { "x-kurabe-client-ip": "198.18.2.9" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/");
    expect(await counts()).toEqual({ users: before.users + 1, orgs: before.orgs + 1, memberships: before.memberships + 1 });
    expect(await (await h.request("/", { cookies })).text()).toContain("鈴木 一郎さん、ようこそ");
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["action", "ip"])
      .where("action", "like", "account.signup%")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: "account.signup", ip: "198.18.2.9" });

    // Single use.
    expect((await h.request(link!)).status).toBe(404);
    const again = await postForm(h, `${link}?_data=routes%2F_auth%2B%2Fsignup_.confirm.$token`, {}, new Cookies());
    expect(again.status).toBe(400);
    expect(await counts()).toEqual({ users: before.users + 1, orgs: before.orgs + 1, memberships: before.memberships + 1 });
  });

  it("a link expires after 24 hours; of two pending sign-ups for one address only the first confirmed one counts", async () => {
    await signUp(form("late@fresh.example"), "198.18.3.1");
    const late = lastMailTo(h, "late@fresh.example").link!;
    await signUp(form("twice@fresh.example"), "198.18.3.1");
    const first = lastMailTo(h, "twice@fresh.example").link!;
    await signUp(form("twice@fresh.example"), "198.18.3.1");
    const second = lastMailTo(h, "twice@fresh.example").link!;
    expect(second).not.toBe(first);

    expect((await postForm(h, second, {}, new Cookies())).status).toBe(302);
    const dup = await postForm(h, `${first}?_data=routes%2F_auth%2B%2Fsignup_.confirm.$token`, {}, new Cookies(), { "Accept-Language": "en" });
    expect(dup.status).toBe(400);
    expect(await dup.json()).toEqual({ formError: "This e-mail is already registered. Please log in." });

    const before = await counts();
    h.clock.set(new Date(h.clock.now().getTime() + 25 * 3600_000));
    expect((await h.request(late)).status).toBe(404);
    expect((await postForm(h, `${late}?_data=routes%2F_auth%2B%2Fsignup_.confirm.$token`, {}, new Cookies())).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("sign-up is throttled", () => {
  it("10 sign-ups per IP per hour, then 429 in the reader's language; other IPs are unaffected; the hour passes", async () => {
    for (let i = 0; i < 10; i++) expect((await signUp(form(`flood-${i}@fresh.example`), "198.18.4.1")).status).toBe(200);
    const ja = await signUp(form("flood-x@fresh.example"), "198.18.4.1");
    expect(ja.status).toBe(429);
    expect(JSON.stringify(await ja.json())).toContain("この接続元からの登録が多すぎます");
    const en = await signUp(form("flood-y@fresh.example"), "198.18.4.1", "en");
    expect(JSON.stringify(await en.json())).toContain("Too many sign-ups from your network");
    expect(lastMailTo(h, "flood-x@fresh.example").mail).toBeUndefined();
    expect((await signUp(form("elsewhere@fresh.example"), "198.18.4.2")).status).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + 61 * 60_000));
    expect((await signUp(form("flood-z@fresh.example"), "198.18.4.1")).status).toBe(200);
  });

  it("concurrent sign-ups from one IP: exactly 10 accepted", async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(form(`burst-${i}@fresh.example`), "198.18.5.1")));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it("at most 3 mails per address per hour, whoever asks; the answer does not change", async () => {
    const email = "mailbombed@fresh.example";
    const before = h.mailer.sent().filter((m) => m.to === email).length;
    for (let i = 0; i < 5; i++) expect((await signUp(form(email), `198.18.6.${i}`)).status).toBe(200);
    expect(h.mailer.sent().filter((m) => m.to === email).length - before).toBe(3);
  });
});
