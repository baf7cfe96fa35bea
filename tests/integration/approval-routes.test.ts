import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiToken, createUser, FACTORY_PASSWORD, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// 稟議ルート settings (issue 15, item 3): an owner of a buyer organisation saves approval rules by contract
// value; bad rules are refused field by field in ja/en and write nothing; members read them; approvers are
// members with the approver flag, which owners set on the members page; other tenants never see them.

let h: Harness;
let owner: Account;
let other: Account;
let vendor: Account;
const ids: Record<string, string> = {};

async function signIn(email: string) {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
  return cookies;
}
const get = (path: string, cookies: Cookies, lang = "ja") => h.request(path, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });
const post = (fields: Record<string, string | string[]>, cookies: Cookies, lang = "ja") =>
  postForm(h, "/settings/approvals", fields, cookies, { "Accept-Language": lang });
const api = (token: string, init: { method?: string; body?: unknown; lang?: string } = {}) =>
  h.request("/api/v1/approval-routes", {
    method: init.method ?? "GET",
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: {
      Authorization: `Bearer ${token}`,
      "Accept-Language": init.lang ?? "ja",
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
  });
const stored = (orgId: string) => h.db.selectFrom("approval_route_rules").selectAll().where("org_id", "=", orgId).executeTakeFirst();
const audits = (action: string) => h.db.selectFrom("audit_log").select(["actor_user_id", "entity_id", "after"]).where("action", "=", action).execute();

/** The example as the form posts it: under ¥1,000,000 課長; to ¥10,000,000 課長 then 部長; above 部長 then 2 of 3 committee members. */
function validForm(): Record<string, string | string[]> {
  return {
    version: "1",
    "bands[0].fromYen": "0",
    "bands[0].toYen": "1000000",
    "bands[0].steps[0].kind": "sequential",
    "bands[0].steps[0].approverIds": ids.kacho!,
    "bands[1].fromYen": "1000000",
    "bands[1].toYen": "10000000",
    "bands[1].steps[0].kind": "sequential",
    "bands[1].steps[0].approverIds": ids.kacho!,
    "bands[1].steps[1].kind": "sequential",
    "bands[1].steps[1].approverIds": ids.bucho!,
    "bands[2].fromYen": "10000000",
    "bands[2].toYen": "",
    "bands[2].steps[0].kind": "sequential",
    "bands[2].steps[0].approverIds": ids.bucho!,
    "bands[2].steps[1].kind": "parallel",
    "bands[2].steps[1].required": "2",
    "bands[2].steps[1].approverIds": [ids.c1!, ids.c2!, ids.c3!],
  };
}

beforeAll(async () => {
  h = await createHarness();
  owner = await createAccount(h.db, { kind: "buyer", org: "稟議検証市役所", email: "owner@approvals.example" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント株式会社", email: "owner@other-tenant.example" });
  vendor = await createAccount(h.db, { kind: "vendor", org: "稟議ベンダー", email: "owner@approvals-vendor.example" });
  const member = (email: string, name: string, isApprover = true) => createUser(h.db, { orgId: owner.org.id, role: "member", email, name, isApprover });
  ids.kacho = (await member("kacho@approvals.example", "課長 一郎")).id;
  ids.bucho = (await member("bucho@approvals.example", "部長 二郎")).id;
  ids.c1 = (await member("c1@approvals.example", "委員 三郎")).id;
  ids.c2 = (await member("c2@approvals.example", "委員 四郎")).id;
  ids.c3 = (await member("c3@approvals.example", "委員 五郎", false)).id;
  ids.plain = (await member("plain@approvals.example", "一般 六子", false)).id;
});
afterAll(() => h?.close());

describe("approval routes in settings", () => {
  it("an owner makes a member an approver on the members page (audited)", async () => {
    const cookies = await signIn(owner.email);
    const page = await (await get("/settings/members", cookies)).text();
    expect(page).toContain("承認者にする");
    const res = await postForm(h, "/settings/members", { intent: "approver", userId: ids.c3!, approver: "true" }, cookies);
    expect(res.status).toBe(302);
    const row = await h.db.selectFrom("memberships").select("is_approver").where("user_id", "=", ids.c3!).executeTakeFirstOrThrow();
    expect(row.is_approver).toBe(true);
    expect((await audits("membership.approver.set")).map((a) => a.entity_id)).toContain(ids.c3);
  });

  it("refuses rules naming a member who is not an approver, in ja and en, and writes nothing", async () => {
    const cookies = await signIn(owner.email);
    const form = { ...validForm(), "bands[0].steps[0].approverIds": ids.plain! };
    const ja = await post(form, cookies);
    expect(ja.status).toBe(400);
    expect(await ja.text()).toContain("承認者に指定されていないメンバーです");
    const en = await post(form, cookies, "en");
    expect(await en.text()).toContain("This member is not an approver");
    expect(await stored(owner.org.id)).toBeUndefined();
  });

  it("refuses overlapping bands and N > M field by field in ja and en, and writes nothing", async () => {
    const cookies = await signIn(owner.email);
    const overlap = { ...validForm(), "bands[1].fromYen": "900000" };
    const ja = await post(overlap, cookies);
    expect(ja.status).toBe(400);
    expect(await ja.text()).toContain("前の金額帯と重なっています");
    expect(await (await post(overlap, cookies, "en")).text()).toContain("This band overlaps the one before");
    const nOverM = { ...validForm(), "bands[2].steps[1].required": "4" };
    const nJa = await post(nOverM, cookies);
    expect(nJa.status).toBe(400);
    const nHtml = await nJa.text();
    expect(nHtml).toContain("必要な承認数が指名した承認者の人数を超えています");
    // The refused form comes back with what was typed and the error at its field.
    expect(nHtml).toMatch(
      /<input[^>]*name="bands\[2\]\.steps\[1\]\.required"[^>]*aria-invalid="true"[^>]*>|<input[^>]*aria-invalid="true"[^>]*name="bands\[2\]\.steps\[1\]\.required"[^>]*>/,
    );
    expect(nHtml).toMatch(new RegExp(`name="bands\\[2\\]\\.steps\\[1\\]\\.approverIds" checked="" value="${ids.c2}"`));
    expect(nHtml).toMatch(/<select[^>]*name="bands\[2\]\.steps\[1\]\.kind"/);
    expect(await (await post(nOverM, cookies, "en")).text()).toContain("More approvals are needed than approvers are named");
    const gap = { ...validForm(), "bands[2].fromYen": "10000001" };
    expect(await (await post(gap, cookies)).text()).toContain("すき間があります");
    const fraction = { ...validForm(), "bands[0].toYen": "999999.5" };
    expect(await (await post(fraction, cookies)).text()).toContain("1円単位の整数");
    expect(await stored(owner.org.id)).toBeUndefined();
    expect(await audits("approvalRoutes.save")).toHaveLength(0);
  });

  it("adds a band and a step without JavaScript (the list buttons post the form and come back longer)", async () => {
    const cookies = await signIn(owner.email);
    const res = await post({ ...validForm(), __intent__: JSON.stringify({ type: "insert", payload: { name: "bands" } }) }, cookies);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/data-testid="approval-band"/g)).toHaveLength(4);
    const removed = await post({ ...validForm(), __intent__: JSON.stringify({ type: "remove", payload: { name: "bands[1].steps", index: 0 } }) }, cookies);
    expect((await removed.text()).match(/data-testid="approval-step"/g)).toHaveLength(4);
    expect(await stored(owner.org.id)).toBeUndefined();
  });

  it("an owner saves valid rules: stored with a version and revision, audited, shown to the owner", async () => {
    const cookies = await signIn(owner.email);
    const res = await post(validForm(), cookies);
    expect(res.status).toBe(302);
    const row = await stored(owner.org.id);
    expect(row?.revision).toBe(1);
    const rules = (typeof row?.rules === "string" ? JSON.parse(row.rules) : row?.rules) as {
      version: number;
      bands: { fromYen: number; toYen: number | null; steps: unknown[] }[];
    };
    expect(rules.version).toBe(1);
    expect(rules.bands.map((b) => [b.fromYen, b.toYen ?? null])).toEqual([
      [0, 1_000_000],
      [1_000_000, 10_000_000],
      [10_000_000, null],
    ]);
    expect(rules.bands[2]!.steps[1]).toEqual({ kind: "parallel", required: 2, approverIds: [ids.c1, ids.c2, ids.c3] });
    const audit = await audits("approvalRoutes.save");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(owner.user.id);
    const html = await (await get("/settings/approvals", cookies)).text();
    expect(html).toContain("委員 三郎、委員 四郎、委員 五郎 のうち 2 人が承認");
    expect(html).toContain('data-testid="approval-rules-form"');
    // Saving again raises the revision.
    expect((await post(validForm(), cookies)).status).toBe(302);
    expect((await stored(owner.org.id))?.revision).toBe(2);
  });

  it("an approver named in the rules keeps the flag until the rules stop naming them", async () => {
    const cookies = await signIn(owner.email);
    await postForm(h, "/settings/members", { intent: "approver", userId: ids.c3!, approver: "false" }, cookies);
    const row = await h.db.selectFrom("memberships").select("is_approver").where("user_id", "=", ids.c3!).executeTakeFirstOrThrow();
    expect(row.is_approver).toBe(true);
  });

  it("a member reads the rules without the form and cannot save", async () => {
    const cookies = await signIn("plain@approvals.example");
    const res = await get("/settings/approvals", cookies);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("部長 二郎 が承認");
    expect(html).toContain("稟議ルートを変更できるのはオーナーです");
    expect(html).not.toContain('data-testid="approval-rules-form"');
    expect(await (await get("/settings/approvals", cookies, "en")).text()).toContain("Only owners change the approval routes");
    const before = await stored(owner.org.id);
    expect((await post({ ...validForm(), "bands[0].toYen": "2000000", "bands[1].fromYen": "2000000" }, cookies)).status).toBe(403);
    expect((await stored(owner.org.id))?.revision).toBe(before?.revision);
    expect((await postForm(h, "/settings/members", { intent: "approver", userId: ids.plain!, approver: "true" }, cookies)).status).toBe(403);
  });

  it("another tenant's owner sees only their own (empty) rules and cannot write into ours; a vendor gets 404", async () => {
    const cookies = await signIn(other.email);
    const html = await (await get("/settings/approvals", cookies)).text();
    expect(html).toContain("稟議ルートはまだ設定されていません");
    expect(html).not.toContain("課長 一郎");
    // Naming our members is refused: they are not approvers of the other organisation.
    const res = await post(validForm(), cookies);
    expect(res.status).toBe(400);
    expect(await stored(other.org.id)).toBeUndefined();
    expect((await postForm(h, "/settings/members", { intent: "approver", userId: ids.plain!, approver: "true" }, cookies)).status).toBe(404);
    const v = await signIn(vendor.email);
    expect((await get("/settings/approvals", v)).status).toBe(404);
    expect(await (await get("/settings", v)).text()).not.toContain('href="/settings/approvals"');
  });

  it("the API reads and saves the same rules, refusing bad ones field by field in the caller's language", async () => {
    const ownerToken = owner.token;
    const memberToken = await createApiToken(h.db, { orgId: owner.org.id, userId: ids.plain! });
    const read = await api(memberToken);
    expect(read.status).toBe(200);
    const doc = (await read.json()) as { rules: { bands: unknown[] }; revision: number; canManage: boolean; approvers: { id: string }[] };
    expect(doc.rules.bands).toHaveLength(3);
    expect(doc.canManage).toBe(false);
    expect(doc.approvers.map((a) => a.id)).toContain(ids.bucho);
    const rules = {
      bands: [
        { fromYen: 0, toYen: 5_000_000, steps: [{ kind: "sequential", approverIds: [ids.kacho] }] },
        { fromYen: 4_000_000, toYen: null, steps: [{ kind: "parallel", required: 3, approverIds: [ids.c1, ids.c2] }] },
      ],
    };
    const before = (await stored(owner.org.id))?.revision;
    expect((await api(memberToken, { method: "PUT", body: rules })).status).toBe(403);
    const bad = await api(ownerToken, { method: "PUT", body: rules, lang: "en" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toContain("application/problem+json");
    const errors = ((await bad.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "bands.1.fromYen", message: "This band overlaps the one before. Start it at the previous band's upper limit." }),
        expect.objectContaining({ path: "bands.1.steps.0.required", message: "More approvals are needed than approvers are named." }),
      ]),
    );
    const notApprover = await api(ownerToken, {
      method: "PUT",
      body: { bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", approverIds: [ids.plain] }] }] },
    });
    expect(notApprover.status).toBe(400);
    expect(((await notApprover.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        path: "bands.0.steps.0.approverIds",
        message: "承認者に指定されていないメンバーです。メンバー一覧で承認者に指定してください。",
      }),
    ]);
    expect((await stored(owner.org.id))?.revision).toBe(before);
    const good = {
      bands: [rules.bands[0], { ...rules.bands[1], fromYen: 5_000_000, steps: [{ kind: "parallel", required: 2, approverIds: [ids.c1, ids.c2] }] }],
    };
    const saved = await api(ownerToken, { method: "PUT", body: good });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { revision: number }).revision).toBe(before! + 1);
    expect((await api(vendor.token)).status).toBe(404);
    const others = (await (await api(other.token)).json()) as { rules: unknown };
    expect(others.rules).toBeNull();
  });
});
