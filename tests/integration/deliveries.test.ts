import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openItemsFor } from "../../db/queries/deliveries";
import { deliveryDeemedJob } from "~/jobs/deliveries";
import { saveInspectionTerms, sendDeliveryReminders } from "~/services/deliveries.server";
import { actorFor, createAccount, createAcceptedAward, mustSucceed, type Account } from "../factories";
import { FACTORY_PASSWORD } from "../factories/accounts";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";
import { createActiveContract } from "./support/active-contract";

// Deliveries and 検収 (issue 17 item 1; decision 0039) on real PostgreSQL through the API, the pages and the daily
// job: deliver → reject → redeliver → accept writes the milestone's acceptance and the track record's facts once
// (evidence_events, a `vendor` outbox row); deemed acceptance on day window+1 and not before, never without the
// clause; another tenant 404 on the page, the API and the file download; the vendor cannot inspect, the buyer
// cannot deliver; invoicing and the one-click acceptance refused before a delivery is accepted; reminders once.

const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"));
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ノウヒンサービス（カ" };

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let a: { contractId: string; rfqId: string }; // no deemed-acceptance clause (default terms)
let b: { contractId: string; rfqId: string }; // deemed acceptance after 5 days
const ids: Record<string, string> = {};

type Problem = { title: string; errors?: { path: string; message: string }[] };
const api = (account: Account, p: string, init: ApiInit = {}) => apiRequest(h, account.token, p, init);
const deliver = (account: Account, contractId: string, body: unknown, lang = "ja") =>
  api(account, `/api/v1/contracts/${contractId}/deliveries`, { method: "POST", body, lang });
const inspect = (account: Account, deliveryId: string, body: unknown, lang = "ja") =>
  api(account, `/api/v1/deliveries/${deliveryId}/inspection`, { method: "POST", body, lang });
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];
const at = (day: string) => h.clock.set(`${day}T10:00:00+09:00`);
const facts = (contractId: string) =>
  h.db
    .selectFrom("evidence_events")
    .select(["kpi_key", "successes", "trials", "value", "source", "source_id", "category", "vendor_org_id"])
    .select((eb) => eb.fn<string>("to_char", [eb.ref("observed_on"), eb.val("YYYY-MM-DD")]).as("observed_on"))
    .where("contract_id", "=", contractId)
    .orderBy("kpi_key")
    .execute();
const acceptanceOf = (contractId: string, index: number) =>
  h.db.selectFrom("milestone_acceptances").selectAll().where("contract_id", "=", contractId).where("milestone_index", "=", index).executeTakeFirst();

async function login(account: Account) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email: account.email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}

async function csrfToken(cookies: Cookies) {
  const html = await (await h.request("/", { cookies })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)![1]!;
}

/** A browser-like multipart post of the deliveries page's form, read back as Remix's action data. */
async function postPage(
  contractId: string,
  cookies: Cookies,
  values: Record<string, string>,
  files: { name: string; type: string; bytes: Uint8Array }[] = [],
  lang?: string,
) {
  const body = new FormData();
  body.set("csrf", await csrfToken(cookies));
  for (const [k, v] of Object.entries(values)) body.set(k, v);
  for (const f of files) body.append("files", new File([f.bytes as BlobPart], f.name, { type: f.type }));
  return h.request(`/contracts/${contractId}/deliveries?_data=${encodeURIComponent("routes/contracts+/$id.deliveries")}`, {
    method: "POST",
    body,
    cookies,
    headers: lang ? { "Accept-Language": lang } : {},
    redirect: "manual",
  });
}

beforeAll(async () => {
  h = await createHarness();
  h.ctx.env = { ...h.ctx.env, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "kurabe-deliveries-")) };
  buyer = await createAccount(h.db, { kind: "buyer", org: "検収商事株式会社" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント工業" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "納品サービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "他社ベンダー株式会社" } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: "T7000012050002" }).where("id", "=", vendor.org.id).execute();
  expect((await api(vendor, "/api/v1/invoice-settings", { method: "PUT", body: { rounding: "floor", bankAccount: BANK } })).status).toBe(200);
  const buyerActor = await actorFor(h.db, buyer.email);
  const setTerms = (terms: { inspectionDays: number; deemedAcceptance: boolean }) => async (contractId: string) => {
    mustSucceed(await saveInspectionTerms(h.ctx, buyerActor, contractId, terms), "inspection terms");
  };
  a = await createActiveContract(
    h,
    {
      buyer,
      vendor,
      milestones: [
        { name: "要件定義書", dueDate: "2027-02-15", percent: 40 },
        { name: "設計書", dueDate: "2027-03-15", percent: 30 },
        { name: "運用マニュアル", dueDate: "2027-04-15", percent: 30 },
      ],
    },
    async () => {},
  );
  b = await createActiveContract(
    h,
    { buyer, vendor, milestones: [{ name: "月次報告", dueDate: "2027-02-15", percent: 100 }], terms: { inspectionDays: 5, deemedAcceptance: true } },
    setTerms({ inspectionDays: 5, deemedAcceptance: true }),
  );
  at("2027-02-10");
});
afterAll(() => h?.close());

describe("who may deliver and inspect", () => {
  it("refuses the buyer a delivery (403) and other tenants anything (404), writing nothing", async () => {
    const body = { milestoneIndex: 0, note: "要件定義書を納品します" };
    expect((await deliver(buyer, a.contractId, body)).status).toBe(403);
    expect((await deliver(otherVendor, a.contractId, body)).status).toBe(404);
    expect((await deliver(other, a.contractId, body)).status).toBe(404);
    expect((await api(other, `/api/v1/contracts/${a.contractId}/deliveries`)).status).toBe(404);
    expect((await api(otherVendor, `/api/v1/contracts/${a.contractId}/deliveries`)).status).toBe(404);
    expect(await h.db.selectFrom("deliveries").selectAll().execute()).toEqual([]);
  });

  it("refuses a delivery without a note or with a non-http link, field by field in ja and en", async () => {
    const ja = await deliver(vendor, a.contractId, { milestoneIndex: 0, note: " ", links: ["https://drive.example.jp/a", "javascript:alert(1)"] });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([
      { path: "note", message: "納品内容を入力してください。" },
      { path: "links.1", message: "リンクはhttp(s)で始まるURLで入力してください。" },
    ]);
    const en = await deliver(vendor, a.contractId, { milestoneIndex: 7, note: "x" }, "en");
    expect(await errorsOf(en)).toEqual([{ path: "milestoneIndex", message: "Choose a milestone." }]);
    expect(await h.db.selectFrom("deliveries").selectAll().execute()).toEqual([]);
  });

  it("refuses 検収 and the invoice of a milestone nobody delivered", async () => {
    const accepted = await api(buyer, `/api/v1/contracts/${a.contractId}/milestones/0/acceptance`, { method: "POST", body: {} });
    expect(accepted.status).toBe(409);
    expect(((await accepted.json()) as Problem).title).toBe("検収待ちの納品がありません。受注者の納品後に検収できます（納品・検収タブ）。");
    expect((await api(vendor, `/api/v1/contracts/${a.contractId}/milestones/0/invoice`, { method: "POST", body: {} })).status).toBe(409);
    expect(await acceptanceOf(a.contractId, 0)).toBeUndefined();
  });
});

describe("deliver → reject → redeliver → accept", () => {
  it("takes a delivery with links and a file as round 1, its window ending 10 days after", async () => {
    const body = new FormData();
    body.set("milestoneIndex", "0");
    body.set("note", "要件定義書 第1版");
    body.set("links", "https://drive.example.jp/req-v1\nhttps://drive.example.jp/req-v1-appendix");
    body.append("files", new File([PDF as BlobPart], "要件定義書.pdf", { type: "application/pdf" }));
    const res = await h.request(`/api/v1/contracts/${a.contractId}/deliveries`, { method: "POST", body, headers: { Authorization: `Bearer ${vendor.token}` } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; round: number; windowEndsOn: string };
    expect(created).toMatchObject({ round: 1, windowEndsOn: "2027-02-20", milestoneIndex: 0 });
    ids.round1 = created.id;
    // Only one delivery awaits inspection at a time.
    expect((await deliver(vendor, a.contractId, { milestoneIndex: 0, note: "もう一度" })).status).toBe(409);
    const list = (await (await api(buyer, `/api/v1/contracts/${a.contractId}/deliveries`)).json()) as {
      milestones: { state: { kind: string; windowEndsOn?: string }; rounds: { links: string[]; files: { id: string; url: string }[] }[] }[];
    };
    expect(list.milestones[0]!.state).toMatchObject({ kind: "awaiting_inspection", windowEndsOn: "2027-02-20" });
    expect(list.milestones[0]!.rounds[0]!.links).toEqual(["https://drive.example.jp/req-v1", "https://drive.example.jp/req-v1-appendix"]);
    ids.file = list.milestones[0]!.rounds[0]!.files[0]!.id;
    expect(list.milestones[0]!.rounds[0]!.files[0]!.url).toBe(`/api/v1/contracts/${a.contractId}/deliveries/files/${ids.file}`);
  });

  it("serves the file to both parties (audited) and to nobody else", async () => {
    const url = `/api/v1/contracts/${a.contractId}/deliveries/files/${ids.file}`;
    const got = await api(buyer, url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PDF);
    expect((await api(vendor, url)).status).toBe(200);
    expect((await api(other, url)).status).toBe(404);
    expect((await api(otherVendor, url)).status).toBe(404);
    // The same file through another contract's path is not found either.
    expect((await api(buyer, `/api/v1/contracts/${b.contractId}/deliveries/files/${ids.file}`)).status).toBe(404);
    const pageUrl = `/contracts/${a.contractId}/deliveries/files/${ids.file}`;
    expect((await h.request(pageUrl, { cookies: await login(buyer) })).status).toBe(200);
    expect((await h.request(pageUrl, { cookies: await login(other) })).status).toBe(404);
    const audits = await h.db.selectFrom("audit_log").select(["actor_org_id"]).where("action", "=", "delivery.file.download").execute();
    expect(audits.map((r) => r.actor_org_id).sort()).toEqual([buyer.org.id, buyer.org.id, vendor.org.id].sort());
  });

  it("lets only the buyer inspect; a rejection needs a reason", async () => {
    expect((await inspect(vendor, ids.round1!, { decision: "accept" })).status).toBe(403);
    expect((await inspect(other, ids.round1!, { decision: "accept" })).status).toBe(404);
    const noReason = await inspect(buyer, ids.round1!, { decision: "reject", reason: "" }, "en");
    expect(noReason.status).toBe(400);
    expect(await errorsOf(noReason)).toEqual([{ path: "reason", message: "Give the reason for rejecting the delivery." }]);
    const rejected = await inspect(buyer, ids.round1!, { decision: "reject", reason: "非機能要件の記載がありません" });
    expect(rejected.status).toBe(201);
    expect((await inspect(buyer, ids.round1!, { decision: "accept" })).status).toBe(409);
    const notice = await h.db
      .selectFrom("notifications")
      .select(["kind", "payload"])
      .where("user_id", "=", vendor.user.id)
      .where("kind", "=", "delivery.rejected")
      .execute();
    expect(notice).toEqual([
      {
        kind: "delivery.rejected",
        payload: { rfqId: a.rfqId, href: `/contracts/${a.contractId}/deliveries`, title: "要件定義書", reason: "非機能要件の記載がありません" },
      },
    ]);
  });

  it("records round 2 (late), then acceptance: the acceptance row, the audit row and the facts, once", async () => {
    at("2027-02-18");
    const res = await deliver(vendor, a.contractId, { milestoneIndex: 0, note: "要件定義書 第2版（非機能要件を追記）" });
    expect(res.status).toBe(201);
    ids.round2 = ((await res.json()) as { id: string; round: number }).id;
    const outboxBefore = await h.db.selectFrom("outbox").select("id").where("topic", "=", "vendor").where("entity_id", "=", vendor.org.id).execute();
    at("2027-02-19");
    const early = await inspect(buyer, ids.round2, { decision: "accept", acceptedOn: "2027-02-17" });
    expect(await errorsOf(early)).toEqual([{ path: "acceptedOn", message: "検収日は納品日から今日までの日付を YYYY-MM-DD の形式で入力してください。" }]);
    const accepted = await inspect(buyer, ids.round2, { decision: "accept" });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ deliveryId: ids.round2, decision: "accept", acceptedOn: "2027-02-19", deemed: false });
    expect(await acceptanceOf(a.contractId, 0)).toMatchObject({ accepted_at: "2027-02-19", accepted_by: buyer.user.id, contract_version: 1 });
    const category = (await h.db.selectFrom("rfqs").select("category").where("id", "=", a.rfqId).executeTakeFirstOrThrow()).category;
    const expected = [
      {
        kpi_key: "on_time_rate",
        successes: 0,
        trials: 1,
        value: null,
        source: "delivery",
        source_id: ids.round2,
        category,
        vendor_org_id: vendor.org.id,
        observed_on: "2027-02-19",
      },
      {
        kpi_key: "revision_rounds",
        successes: null,
        trials: null,
        value: "1",
        source: "delivery",
        source_id: ids.round2,
        category,
        vendor_org_id: vendor.org.id,
        observed_on: "2027-02-19",
      },
    ];
    expect(await facts(a.contractId)).toEqual(expected);
    const outboxAfter = await h.db.selectFrom("outbox").select("id").where("topic", "=", "vendor").where("entity_id", "=", vendor.org.id).execute();
    expect(outboxAfter.length).toBe(outboxBefore.length + 1);
    const audit = await h.db.selectFrom("audit_log").select(["actor_user_id", "after"]).where("action", "=", "milestone.accept").execute();
    expect(audit).toEqual([
      {
        actor_user_id: buyer.user.id,
        after: { milestoneIndex: 0, contractVersion: 1, acceptedOn: "2027-02-19", deliveryId: ids.round2, round: 2, deemed: false },
      },
    ]);
    // Nothing more after acceptance: no second acceptance, no new round, the facts stay as they were.
    expect((await inspect(buyer, ids.round2, { decision: "accept" })).status).toBe(409);
    expect((await api(buyer, `/api/v1/contracts/${a.contractId}/milestones/0/acceptance`, { method: "POST", body: {} })).status).toBe(409);
    expect((await deliver(vendor, a.contractId, { milestoneIndex: 0, note: "第3版" })).status).toBe(409);
    expect(await facts(a.contractId)).toEqual(expected);
    // The track record's index follows through the outbox.
    await h.index();
  });

  it("lets the vendor invoice the accepted milestone, still not the others", async () => {
    expect((await api(vendor, `/api/v1/contracts/${a.contractId}/milestones/0/invoice`, { method: "POST", body: {} })).status).toBe(201);
    expect((await api(vendor, `/api/v1/contracts/${a.contractId}/milestones/1/invoice`, { method: "POST", body: {} })).status).toBe(409);
  });
});

describe("the deliveries page", () => {
  it("shows each side its milestones and states; another tenant gets 404", async () => {
    const vendorPage = await (await h.request(`/contracts/${a.contractId}/deliveries`, { cookies: await login(vendor) })).text();
    expect(vendorPage).toContain("検収済み（2027年2月19日）");
    expect(vendorPage).toContain("差戻し 2027年2月10日: 非機能要件の記載がありません");
    expect(vendorPage).toContain('data-testid="deliver-form-1"');
    expect(vendorPage).not.toContain('data-testid="inspect-form-');
    expect((await h.request(`/contracts/${a.contractId}/deliveries`, { cookies: await login(other) })).status).toBe(404);
    expect((await h.request(`/contracts/${a.contractId}/deliveries`, { cookies: await login(otherVendor) })).status).toBe(404);
  });

  it("takes the vendor's delivery with a file through the form; field errors in the reader's language", async () => {
    at("2027-02-10");
    const cookies = await login(vendor);
    const bad = await postPage(a.contractId, cookies, { intent: "deliver", milestoneIndex: "1", note: "", links: "ftp://x.example" }, [], "en");
    expect(bad.status).toBe(400);
    const errors = (await bad.json()) as { fieldErrors: Record<string, string[]> };
    expect(errors.fieldErrors).toEqual({ note: ["Describe what is delivered."], "links[0]": ["Links must be http(s) URLs."] });
    const fake = await postPage(a.contractId, cookies, { intent: "deliver", milestoneIndex: "1", note: "設計書" }, [
      { name: "設計書.pdf", type: "application/pdf", bytes: new TextEncoder().encode("not a pdf at all") },
    ]);
    expect(fake.status).toBe(400);
    expect(await h.db.selectFrom("deliveries").select("id").where("milestone_index", "=", 1).execute()).toEqual([]);
    const ok = await postPage(a.contractId, cookies, { intent: "deliver", milestoneIndex: "1", note: "設計書一式" }, [
      { name: "設計書.pdf", type: "application/pdf", bytes: PDF },
    ]);
    expect(ok.status).toBe(204);
    const buyerPage = await (await h.request(`/contracts/${a.contractId}/deliveries`, { cookies: await login(buyer) })).text();
    expect(buyerPage).toContain("検収待ち（検収期限 2027年2月20日）");
    expect(buyerPage).toContain('data-testid="inspect-form-1"');
    expect(buyerPage).toContain("設計書.pdf");
  });

  it("lists the to-dos of each side for the contracts list", async () => {
    expect(await openItemsFor(h.db, "buyer", buyer.org.id, "2027-02-10")).toEqual(
      expect.arrayContaining([{ contractId: a.contractId, kind: "inspection_pending", count: 1 }]),
    );
    // Contract B's only milestone is due within 7 days and nothing is delivered yet.
    expect(await openItemsFor(h.db, "vendor", vendor.org.id, "2027-02-10")).toEqual([{ contractId: b.contractId, kind: "delivery_due", count: 1 }]);
    expect(await openItemsFor(h.db, "vendor", otherVendor.org.id, "2027-02-10")).toEqual([]);
  });
});

describe("deemed acceptance (みなし検収)", () => {
  const runJob = (day: string) => deliveryDeemedJob.handle([], { db: h.db, now: new Date(`${day}T00:05:00+09:00`) });

  it("accepts a delivery past its window on the window's last day — from day window+1, not before, never without the clause", async () => {
    at("2027-02-10");
    const res = await deliver(vendor, b.contractId, { milestoneIndex: 0, note: "1月分の月次報告" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; windowEndsOn: string };
    expect(created.windowEndsOn).toBe("2027-02-15");
    await runJob("2027-02-15");
    expect(await acceptanceOf(b.contractId, 0)).toBeUndefined();
    await runJob("2027-02-16");
    expect(await acceptanceOf(b.contractId, 0)).toMatchObject({ accepted_at: "2027-02-15", accepted_by: null });
    expect(await h.db.selectFrom("deliveries").select(["status", "deemed", "decided_on"]).where("id", "=", created.id).executeTakeFirst()).toEqual({
      status: "accepted",
      deemed: true,
      decided_on: "2027-02-15",
    });
    const bFacts = await facts(b.contractId);
    expect(bFacts.map((f) => [f.kpi_key, f.successes, f.value, f.observed_on])).toEqual([
      ["on_time_rate", 1, null, "2027-02-15"],
      ["revision_rounds", null, "0", "2027-02-15"],
    ]);
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "actor_org_id"])
      .where("action", "=", "milestone.accept")
      .where("entity_id", "=", b.contractId)
      .execute();
    expect(audit).toEqual([{ actor_user_id: null, actor_org_id: null }]);
    const notified = await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "delivery.deemedAccepted").execute();
    // Every member of both organisations (the buyer's approvers included).
    expect(notified.map((n) => n.user_id)).toEqual(expect.arrayContaining([buyer.user.id, vendor.user.id]));
    const members = await h.db.selectFrom("memberships").select("user_id").where("org_id", "in", [buyer.org.id, vendor.org.id]).execute();
    expect(notified.map((n) => n.user_id).sort()).toEqual([...new Set(members.map((m) => m.user_id))].sort());
    // Contract A has no clause: its milestone 2 (window ended 2027-02-20) is only overdue for inspection.
    await runJob("2027-02-22");
    await runJob("2027-02-22");
    expect(await acceptanceOf(a.contractId, 1)).toBeUndefined();
    expect(await facts(b.contractId)).toHaveLength(2);
    at("2027-02-22");
    const buyerPage = await (await h.request(`/contracts/${a.contractId}/deliveries`, { cookies: await login(buyer) })).text();
    expect(buyerPage).toContain("検収待ち（検収期限 2027年2月20日 を経過）");
  });

  it("the one-click 検収 accepts the delivery awaiting inspection", async () => {
    const res = await api(buyer, `/api/v1/contracts/${a.contractId}/milestones/1/acceptance`, { method: "POST", body: {} });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ milestoneIndex: 1, acceptedOn: "2027-02-22" });
    expect((await facts(a.contractId)).filter((f) => f.kpi_key === "on_time_rate").map((f) => f.successes)).toEqual([0, 1]);
  });
});

describe("reminders", () => {
  const run = (day: string) => sendDeliveryReminders({ db: h.db, env: h.ctx.env, mailer: h.mailer }, new Date(`${day}T00:05:00+09:00`));
  // The reminders about milestone 3 (the award's mails went to the same people earlier).
  const mailsTo = (email: string) => h.mailer.sent().filter((m) => m.to === email && m.subject.includes("運用マニュアル"));

  it("tells the vendor once that a milestone is due within 3 business days, then once that it is overdue", async () => {
    // The vendor reads English: its mails come in English only (decision 0054).
    await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vendor.user.id).execute();
    expect((await run("2027-04-09")).sent).toEqual([]);
    expect((await run("2027-04-12")).sent).toEqual([{ kind: "due_soon", contractId: a.contractId, milestoneIndex: 2 }]);
    expect((await run("2027-04-13")).sent).toEqual([]);
    expect((await run("2027-04-16")).sent).toEqual([{ kind: "overdue", contractId: a.contractId, milestoneIndex: 2 }]);
    expect((await run("2027-04-17")).sent).toEqual([]);
    const notices = await h.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", vendor.user.id)
      .where("kind", "in", ["delivery.dueSoon", "delivery.overdue"])
      .execute();
    expect(notices.map((n) => n.kind).sort()).toEqual(["delivery.dueSoon", "delivery.overdue"]);
    const mails = mailsTo(vendor.email);
    expect(mails.map((m) => m.subject)).toEqual(["[Kurabe] Delivery due soon: 運用マニュアル", "[Kurabe] Delivery overdue: 運用マニュアル"]);
    expect(mails[0]!.text).toContain("is due on 15 Apr 2027");
    expect(mails[0]!.text).not.toContain("納期は 2027年4月15日 です");
    expect(mails[0]!.text).toContain(`/contracts/${a.contractId}/deliveries`);
    expect(mailsTo(buyer.email)).toEqual([]);
  });

  it("tells the buyer once that an inspection window is closing", async () => {
    at("2027-04-20");
    const res = await deliver(vendor, a.contractId, { milestoneIndex: 2, note: "運用マニュアル" });
    expect(((await res.json()) as { windowEndsOn: string }).windowEndsOn).toBe("2027-04-30");
    expect((await run("2027-04-28")).sent).toEqual([]);
    expect((await run("2027-04-29")).sent).toEqual([{ kind: "window_closing", contractId: a.contractId, milestoneIndex: 2 }]);
    expect((await run("2027-04-30")).sent).toEqual([]);
    const mails = mailsTo(buyer.email);
    expect(mails.map((m) => m.subject)).toEqual(["【Kurabe】検収期限が近づいています: 運用マニュアル"]);
    expect(mails[0]!.text).toContain("2027年4月30日 までに検収または差戻し");
  });
});

describe("the contract's inspection terms", () => {
  it("are set by the buyer on the draft contract's page (field errors in ja), shown to both sides, fixed once concluded", async () => {
    const award = await createAcceptedAward(h, { buyerEmail: buyer.email, buyerOrgId: buyer.org.id, vendorEmail: vendor.email, vendorOrgId: vendor.org.id });
    const created = await api(buyer, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
    const contractId = ((await created.json()) as { id: string }).id;
    const cookies = await login(buyer);
    const page = `/rfqs/${award.rfqId}/contract?_data=${encodeURIComponent("routes/rfqs+/$id.contract")}`;
    const bad = await postForm(h, page, { intent: "inspectionTerms", inspectionDays: "0", deemedAcceptance: "yes" }, cookies);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      inspectionDays: ["検収期間は1〜60の整数で入力してください。"],
    });
    expect((await postForm(h, page, { intent: "inspectionTerms", inspectionDays: "7", deemedAcceptance: "yes" }, cookies)).status).toBe(204);
    expect(await h.db.selectFrom("contracts").select(["inspection_days", "deemed_acceptance"]).where("id", "=", contractId).executeTakeFirst()).toEqual({
      inspection_days: 7,
      deemed_acceptance: true,
    });
    expect(
      await h.db.selectFrom("audit_log").select("after").where("action", "=", "contract.inspectionTerms").where("entity_id", "=", contractId).execute(),
    ).toEqual([{ after: { inspectionDays: 7, deemedAcceptance: true } }]);
    const vendorList = (await (await api(vendor, `/api/v1/contracts/${contractId}/deliveries`)).json()) as { terms: unknown };
    expect(vendorList.terms).toEqual({ inspectionDays: 7, deemedAcceptance: true });
    // The vendor cannot change them, nor anyone once the contract is concluded (a's terms stay the defaults).
    expect(await saveInspectionTerms(h.ctx, await actorFor(h.db, vendor.email), contractId, { inspectionDays: 3, deemedAcceptance: false })).toMatchObject({
      status: 404,
    });
    expect(await saveInspectionTerms(h.ctx, await actorFor(h.db, buyer.email), a.contractId, { inspectionDays: 3, deemedAcceptance: true })).toMatchObject({
      status: 409,
      key: "deliveries.terms.notDraft",
    });
  });
});
