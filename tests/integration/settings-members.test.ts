import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser, FACTORY_PASSWORD, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// A new member opening 組織設定 got 403 (issue 14, item 13). Members now see the settings they may use —
// the organisation's details and member list read-only, their own account, language and security —
// and owners everything; what a member may not do (invite, API tokens) is still refused.

let h: Harness;
let owner: Account;
let memberEmail: string;

async function signIn(email: string) {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
  return cookies;
}
const get = (path: string, cookies: Cookies, lang = "ja") => h.request(path, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });
const invitations = async () =>
  Number(
    (
      await h.db
        .selectFrom("invitations")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  h = await createHarness();
  owner = await createAccount(h.db, { kind: "buyer", org: "設定検証市役所", email: "owner@settings.example" });
  memberEmail = (await createUser(h.db, { orgId: owner.org.id, role: "member", email: "new-member@settings.example", name: "新人 メンバー" })).email;
});
afterAll(() => h?.close());

describe("a new member's organisation settings", () => {
  it("opens from the menu and shows the organisation read-only, the member's own account and language", async () => {
    const member = await signIn(memberEmail);
    const home = await (await get("/", member)).text();
    expect(home).toContain('href="/settings"');
    const res = await get("/settings", member);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("設定検証市役所");
    expect(html).toContain("new-member@settings.example");
    expect(html).toContain("組織の設定を変更できるのはオーナーです");
    expect(html).toContain('href="/settings/security"');
    expect(html).not.toContain('href="/settings/tokens"');
    const en = await (await get("/settings", member, "en")).text();
    expect(en).toContain("Only owners change the organisation");
  });

  it("lists the members read-only; inviting and API tokens stay refused and write nothing", async () => {
    const member = await signIn(memberEmail);
    const res = await get("/settings/members", member);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("owner@settings.example");
    expect(html).toContain("メンバーの招待と権限の変更はオーナーが行います");
    expect(html).toMatch(/<form[^>]*hidden=""/);
    expect((await get("/settings/tokens", member)).status).toBe(403);
    const before = await invitations();
    expect((await postForm(h, "/settings/members", { email: "someone@settings.example", role: "member" }, member)).status).toBe(403);
    expect(await invitations()).toBe(before);
  });

  it("an owner still manages members and tokens", async () => {
    const cookies = await signIn(owner.email);
    const members = await (await get("/settings/members", cookies)).text();
    expect(members).not.toMatch(/<form[^>]*hidden=""/);
    expect(members).toContain("招待メールを送る");
    expect((await get("/settings/tokens", cookies)).status).toBe(200);
    expect(await (await get("/settings", cookies)).text()).toContain('href="/settings/tokens"');
  });
});
