import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_RFQS, findDemoRfqIds, type DemoRfqIds } from "../../db/seed";
import { actorFor, vendorOrgId } from "../factories";
import { issueAddendumWithChanges } from "../../app/services/rfq-addenda.server";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// "Invite to RFQ" from the vendor search (pages and POST /api/v1/rfqs/{id}/invitations) on a real
// PostgreSQL: one transaction with the invitation, the working copy, audit, outbox and notifications.

let h: Harness;
let ids: DemoRfqIds;
let nextKeiri: string;
let payrollPartners: string;
const sakura = "buyer@sakura-foods.example";
const midori = "buyer@midori-city.example";
const token = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.token;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  await h.index();
  ids = await findDemoRfqIds(h.db);
  nextKeiri = await vendorOrgId(h.db, "株式会社ネクスト経理サービス");
  payrollPartners = await vendorOrgId(h.db, "ペイロールパートナーズ株式会社");
});
afterAll(async () => h?.close());

async function logIn(email: string, headers: Record<string, string> = {}) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: DEMO_PASSWORD }, cookies, headers);
  expect(res.status).toBe(302);
  return cookies;
}

const TABLES = ["rfq_invitations", "audit_log", "outbox", "notifications", "rfq_versions"] as const;
async function rowCounts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await h.db.selectFrom(t).select(h.db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return out;
}

async function invitedTo(rfqId: string) {
  return (await h.db.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", rfqId).execute()).map((r) => r.vendor_org_id);
}

async function workingCopyInvitees(rfqId: string) {
  const row = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
  return (row.content as { invitedVendorIds?: string[] }).invitedVendorIds ?? [];
}

async function notificationsOf(email: string) {
  return h.db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .select(["notifications.kind", "notifications.payload"])
    .where("users.email", "=", email)
    .execute();
}

const returnTo = "/vendors?q=%E7%B5%A6%E4%B8%8E&cert=privacy_mark";

describe("invite to RFQ from the vendor search (pages)", () => {
  it("a buyer sees an invite form on each result offering its own open RFQs and drafts only", async () => {
    const cookies = await logIn(sakura);
    const html = await (await h.request("/vendors?q=" + encodeURIComponent("給与"), { cookies })).text();
    expect(html).toContain('action="/vendors/' + payrollPartners + '/invite"');
    expect(html).toContain(DEMO_RFQS.adOperations.title);
    expect(html).toContain(DEMO_RFQS.accountingDraft.title);
    expect(html).not.toContain(DEMO_RFQS.benefits.title); // another buyer's
    const profile = await (await h.request(`/vendors/${payrollPartners}`, { cookies })).text();
    expect(profile).toContain('action="/vendors/' + payrollPartners + '/invite"');
  });

  it("inviting to a published RFQ writes the invitation, working copy, audit, outbox and notifies the vendor, then redirects back to the search", async () => {
    const cookies = await logIn(sakura);
    const before = await rowCounts();
    const res = await postForm(h, `/vendors/${payrollPartners}/invite`, { rfqId: ids.adOperations, returnTo }, cookies);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(returnTo);
    expect(res.headers.get("Set-Cookie")).toContain("__kurabe_toast");

    expect(await invitedTo(ids.adOperations)).toContain(payrollPartners);
    expect(await workingCopyInvitees(ids.adOperations)).toContain(payrollPartners);
    const after = await rowCounts();
    expect(after.rfq_invitations - before.rfq_invitations).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    const audit = await h.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "rfq.invite", entity_type: "rfq", entity_id: ids.adOperations });
    const notes = await notificationsOf("info@payroll-partners.example");
    expect(notes).toContainEqual({ kind: "rfq.invited", payload: { rfqId: ids.adOperations, title: DEMO_RFQS.adOperations.title } });

    // The toast follows the redirect in the reader's language.
    const page = await (await h.request(returnTo, { cookies })).text();
    expect(page).toContain(`ペイロールパートナーズ株式会社を「${DEMO_RFQS.adOperations.title}」に招待しました`);

    // The vendor now sees the RFQ (it was invited-only) and may open it.
    const vendor = await logIn("info@payroll-partners.example");
    expect((await h.request(`/rfqs/${ids.adOperations}`, { cookies: vendor })).status).toBe(200);
  });

  it("inviting twice says 'already invited' and writes nothing", async () => {
    const cookies = await logIn(sakura);
    const before = await rowCounts();
    const res = await postForm(h, `/vendors/${payrollPartners}/invite`, { rfqId: ids.adOperations, returnTo }, cookies);
    expect(res.status).toBe(302);
    expect(await rowCounts()).toEqual(before);
    const page = await (await h.request(returnTo, { cookies })).text();
    expect(page).toContain("招待済みです");
  });

  it("a later addendum keeps the invitation (publishing rebuilds invitations from the working copy)", async () => {
    const buyer = await actorFor(h.db, sakura);
    const r = await issueAddendumWithChanges(h.ctx, buyer, ids.adOperations, {
      changeSummary: "締切は変わりません。資料を追記しました。",
      changes: { purpose: "運用型広告の成果改善（追記あり）" },
    });
    expect(r.ok).toBe(true);
    expect(await invitedTo(ids.adOperations)).toContain(payrollPartners);
    // Not told twice: the addendum tells it about the addendum, not a new invitation.
    const kinds = (await notificationsOf("info@payroll-partners.example"))
      .filter((n) => (n.payload as { rfqId?: string }).rfqId === ids.adOperations)
      .map((n) => n.kind);
    expect(kinds.filter((k) => k === "rfq.invited")).toHaveLength(1);
  });

  it("inviting to a draft adds the vendor to the working copy without notifying anyone yet", async () => {
    const cookies = await logIn(sakura);
    const before = (await notificationsOf("sales@next-keiri.example")).length;
    const res = await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: ids.accountingDraft, returnTo }, cookies);
    expect(res.status).toBe(302);
    expect(await workingCopyInvitees(ids.accountingDraft)).toContain(nextKeiri);
    expect((await notificationsOf("sales@next-keiri.example")).length).toBe(before);
    const page = await (await h.request(returnTo, { cookies })).text();
    expect(page).toContain("公開時に通知されます");
  });

  it("inviting to a marketplace RFQ is allowed and notifies the vendor", async () => {
    const cookies = await logIn(sakura);
    const res = await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: ids.payroll, returnTo }, cookies);
    expect(res.status).toBe(302);
    expect(await invitedTo(ids.payroll)).toContain(nextKeiri);
    expect(await notificationsOf("sales@next-keiri.example")).toContainEqual({
      kind: "rfq.invited",
      payload: { rfqId: ids.payroll, title: DEMO_RFQS.payroll.title },
    });
  });

  it("no RFQ chosen: a field error in the reader's language, and the form again (no JavaScript needed)", async () => {
    const ja = await logIn(sakura);
    const res = await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: "", returnTo }, ja);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("招待する案件を選んでください。");
    expect(html).toContain('name="rfqId"');

    const en = await logIn(sakura, { "Accept-Language": "en" });
    const enRes = await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: "" }, en, { "Accept-Language": "en" });
    expect(enRes.status).toBe(400);
    expect(await enRes.text()).toContain("Choose the RFQ to invite them to.");
  });

  it("a closed RFQ: a field error, nothing written", async () => {
    const cookies = await logIn(midori);
    const before = await rowCounts();
    const res = await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: ids.surveyClosed }, cookies);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("この案件は締め切られたため、招待できません。");
    expect(await rowCounts()).toEqual(before);
  });

  it("another buyer's RFQ, a made-up id, or a non-vendor: 404 and nothing written", async () => {
    const cookies = await logIn(sakura);
    const before = await rowCounts();
    expect((await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: ids.benefits }, cookies)).status).toBe(404);
    expect((await postForm(h, `/vendors/${nextKeiri}/invite`, { rfqId: "not-a-uuid" }, cookies)).status).toBe(404);
    const buyerOrg = (await actorFor(h.db, midori)).org!.id;
    expect((await postForm(h, `/vendors/${buyerOrg}/invite`, { rfqId: ids.adOperations }, cookies)).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("vendors and advisors never get the invite form, and their posts are 404", async () => {
    const vendor = await logIn("sales@next-keiri.example");
    expect((await h.request(`/vendors/${payrollPartners}/invite`, { cookies: vendor })).status).toBe(404);
    expect((await postForm(h, `/vendors/${payrollPartners}/invite`, { rfqId: ids.adOperations }, vendor)).status).toBe(404);
    const profile = await (await h.request(`/vendors/${payrollPartners}`, { cookies: vendor })).text();
    expect(profile).not.toContain("/invite");

    const advisor = await logIn("advisor@hikaku-advisory.example");
    const search = await h.request("/vendors?q=" + encodeURIComponent("給与"), { cookies: advisor });
    expect(search.status).toBe(200);
    const html = await search.text();
    expect(html).toContain("ペイロールパートナーズ株式会社");
    expect(html).not.toContain("/invite");
    expect((await postForm(h, `/vendors/${payrollPartners}/invite`, { rfqId: ids.adOperations }, advisor)).status).toBe(404);
  });
});

describe("POST /api/v1/rfqs/{id}/invitations", () => {
  const post = (bearer: string, rfqId: string, body: unknown) =>
    h.request(`/api/v1/rfqs/${rfqId}/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json", "Accept-Language": "en" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("201 for a new invitation, 200 with alreadyInvited for a repeat", async () => {
    const vendor = await vendorOrgId(h.db, "北海道データエントリー株式会社");
    const first = await post(token(sakura), ids.landingPage, { vendorOrgId: vendor });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ rfqId: ids.landingPage, vendorOrgId: vendor, alreadyInvited: false, notified: true });
    const again = await post(token(sakura), ids.landingPage, { vendorOrgId: vendor });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ alreadyInvited: true, notified: false });
  });

  it("problems: bad body 400, unknown vendor 400 on the field, closed 409, not yours or not a buyer 404", async () => {
    const before = await rowCounts();
    expect((await post(token(sakura), ids.payroll, "{nope")).status).toBe(400);
    const extra = await post(token(sakura), ids.payroll, { vendorOrgId: nextKeiri, note: "x" });
    expect(extra.status).toBe(400);
    const unknown = await post(token(sakura), ids.payroll, { vendorOrgId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("Content-Type")).toContain("application/problem+json");
    expect((await unknown.json()).errors).toEqual([{ path: "vendorOrgId", message: "An invited vendor is not a registered vendor." }]);
    const closed = await post(token(midori), ids.surveyClosed, { vendorOrgId: nextKeiri });
    expect(closed.status).toBe(409);
    expect((await closed.json()).title).toBe("This RFQ is closed and cannot take invitations.");
    expect((await post(token(sakura), ids.benefits, { vendorOrgId: nextKeiri })).status).toBe(404);
    expect((await post(token("sales@next-keiri.example"), ids.payroll, { vendorOrgId: payrollPartners })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await h.request("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.paths["/api/v1/rfqs/{id}/invitations"]?.post?.operationId).toBe("inviteVendorToRfq");
  });
});
