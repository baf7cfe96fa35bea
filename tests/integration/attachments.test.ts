import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The limit is written out (10 MB), as the page tells users.
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
import { actorFor, createAccount, createRfq, openRfq, publishRfq, rfqInput, submitQuote, type Account } from "../factories";
import { withdrawQuote } from "../../app/services/quotes.server";
import { assignAdvisor } from "../../app/services/advisors.server";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Attachments (issue 14, item 21): RFQ files follow the RFQ's reader rule and its versions (a change after
// publication goes out with an addendum whose summary lists it; a replaced file stays as the old version);
// quote files are sealed exactly like the quote. Pages and the API, with factory data.

let h: Harness;
let dataDir: string;
let buyer: Account;
let owner: Account; // the vendor whose quote carries the files
let rival: Account; // invited too, quotes as well
let outsider: Account; // not invited to the private RFQ
let advisor: Account; // assigned by the buyer
let rfqId: string;
let quoteId: string;

const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"));
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

async function logIn(account: Account) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email: account.email, password: account.password }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}

async function csrfToken(cookies: Cookies) {
  const html = await (await h.request("/", { cookies })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)![1];
}

type Upload = { name: string; type: string; bytes: Uint8Array };
const pdf = (name: string): Upload => ({ name, type: "application/pdf", bytes: PDF });

/** A browser-like multipart post of an attachment form, read back as Remix's action data. */
async function postFile(pathname: string, cookies: Cookies, values: Record<string, string>, file?: Upload, lang?: string) {
  const body = new FormData();
  body.set("csrf", await csrfToken(cookies));
  for (const [k, v] of Object.entries(values)) body.set(k, v);
  if (file) body.set("file", new File([file.bytes as BlobPart], file.name, { type: file.type }));
  const headers: Record<string, string> = lang ? { "Accept-Language": lang } : {};
  return h.request(
    `${pathname}?_data=${encodeURIComponent(`routes/${pathname.startsWith("/rfqs/") && pathname.includes("/quote/") ? "rfqs+/$id.quote_.attachments" : "rfqs+/$id.attachments"}`)}`,
    {
      method: "POST",
      body,
      cookies,
      headers,
      redirect: "manual",
    },
  );
}

const api = (account: Account, pathname: string, init: RequestInit = {}) =>
  h.request(pathname, { ...init, headers: { Authorization: `Bearer ${account.token}`, ...(init.headers ?? {}) } });

async function apiUpload(account: Account, pathname: string, values: Record<string, string>, file: Upload, lang = "ja") {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) body.set(k, v);
  body.set("file", new File([file.bytes as BlobPart], file.name, { type: file.type }));
  return api(account, pathname, { method: "POST", body, headers: { "Accept-Language": lang } });
}

const rfqFiles = () => h.db.selectFrom("rfq_attachments").selectAll().where("rfq_id", "=", rfqId).orderBy("created_at").execute();
const auditActions = async (action: string) => (await h.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute()).length;

beforeAll(async () => {
  h = await createHarness();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-attachments-"));
  h.ctx.env = { ...h.ctx.env, DATA_DIR: dataDir };
  buyer = await createAccount(h.db, { kind: "buyer", org: "添付検証市" });
  owner = await createAccount(h.db, { kind: "vendor", vendor: { name: "添付ベンダー株式会社", categories: ["municipal"] } });
  rival = await createAccount(h.db, { kind: "vendor", vendor: { name: "競合ベンダー株式会社", categories: ["municipal"] } });
  outsider = await createAccount(h.db, { kind: "vendor", vendor: { name: "招待外ベンダー株式会社", categories: ["municipal"] } });
  advisor = await createAccount(h.db, { kind: "advisory", org: "添付検証アドバイザリー" });
  rfqId = await createRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { invitedVendorIds: [owner.org.id, rival.org.id] }));
  expect((await assignAdvisor(h.ctx, await actorFor(h.db, buyer.email), rfqId, { advisorOrgId: advisor.org.id })).ok).toBe(true);
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("RFQ attachments", () => {
  it("the buyer attaches a specification to the draft; it goes out with publication", async () => {
    const cookies = await logIn(buyer);
    const res = await postFile(`/rfqs/${rfqId}/attachments`, cookies, { intent: "upload", kind: "specification" }, pdf("仕様書 第1版.pdf"));
    expect(res.status).toBe(204); // a redirect, as a data request answers it
    const [row] = await rfqFiles();
    expect(row).toMatchObject({ name: "仕様書 第1版.pdf", mime: "application/pdf", kind: "specification", rfq_version: 1, superseded_in_version: null });
    expect(await auditActions("rfq.attachment.upload")).toBe(1);
    // A draft is nobody's but the buyer's.
    expect((await h.request(`/rfqs/${rfqId}/attachments/${row.id}`, { cookies: await logIn(owner) })).status).toBe(404);

    await publishRfq(h, await actorFor(h.db, buyer.email), rfqId);
    const download = await h.request(`/rfqs/${rfqId}/attachments/${row.id}`, { cookies: await logIn(owner) });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%E4%BB%95%E6%A7%98/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    // The RFQ page lists it for the invited vendor.
    expect(await (await h.request(`/rfqs/${rfqId}`, { cookies: await logIn(owner) })).text()).toContain("仕様書 第1版.pdf");
  });

  it("a vendor not invited to the private RFQ gets 404 for its files, on the pages and the API", async () => {
    const [row] = await rfqFiles();
    const cookies = await logIn(outsider);
    expect((await h.request(`/rfqs/${rfqId}/attachments/${row.id}`, { cookies })).status).toBe(404);
    expect((await h.request(`/rfqs/${rfqId}/attachments`, { cookies })).status).toBe(404);
    expect((await api(outsider, `/api/v1/rfqs/${rfqId}/attachments`)).status).toBe(404);
    expect((await api(outsider, `/api/v1/rfqs/${rfqId}/attachments/${row.id}`)).status).toBe(404);
    // The invited vendor reads them through the API too.
    const list = (await (await api(owner, `/api/v1/rfqs/${rfqId}/attachments`)).json()) as { data: { id: string; name: string }[] };
    expect(list.data.map((f) => f.name)).toEqual(["仕様書 第1版.pdf"]);
    expect((await api(owner, `/api/v1/rfqs/${rfqId}/attachments/${row.id}`)).status).toBe(200);
  });

  it("a wrong type or an over-size file is a field message in the reader's language, and nothing is stored", async () => {
    const cookies = await logIn(buyer);
    const before = await rfqFiles();
    for (const [lang, text] of [
      ["ja", "ファイルの内容が種類と一致しません。"],
      ["en", "The file's content does not match its type."],
    ] as const) {
      const res = await postFile(
        `/rfqs/${rfqId}/attachments`,
        cookies,
        { intent: "upload", kind: "form" },
        { name: "様式1.pdf", type: "application/pdf", bytes: EXE },
        lang,
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.file).toEqual([text]);
    }
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    const res = await postFile(
      `/rfqs/${rfqId}/attachments`,
      cookies,
      { intent: "upload", kind: "form" },
      { name: "大きい.pdf", type: "application/pdf", bytes: big },
      "en",
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.file).toEqual(["The file must be 10 MB or smaller."]);
    // Far over the limit: still a field message, not 413 text.
    const huge = new Uint8Array(2 * MAX_ATTACHMENT_BYTES + 1024);
    huge.set(PDF);
    const cut = await postFile(
      `/rfqs/${rfqId}/attachments`,
      cookies,
      { intent: "upload", kind: "form" },
      { name: "巨大.pdf", type: "application/pdf", bytes: huge },
      "ja",
    );
    expect(cut.status).toBe(413);
    expect(((await cut.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.file).toEqual(["ファイルサイズは10MB以下にしてください。"]);
    // The API says the same as a problem on `file`.
    const viaApi = await apiUpload(buyer, `/api/v1/rfqs/${rfqId}/attachments`, { kind: "form" }, { name: "x.pdf", type: "application/pdf", bytes: EXE }, "en");
    expect(viaApi.status).toBe(400);
    expect(((await viaApi.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "file", message: "The file's content does not match its type." },
    ]);
    expect(await rfqFiles()).toEqual(before);
  });

  it("a replacement after publication waits for the addendum, whose summary lists it; the old file stays as the old version", async () => {
    const [original] = await rfqFiles();
    const res = await apiUpload(buyer, `/api/v1/rfqs/${rfqId}/attachments`, { kind: "specification", replaces: original.id }, pdf("仕様書 第2版.pdf"));
    expect(res.status).toBe(201);
    const replacement = (await res.json()) as { id: string; state: string; rfqVersion: number };
    expect(replacement).toMatchObject({ state: "pending", rfqVersion: 2 });
    // Vendors still get version 1 only.
    expect((await api(owner, `/api/v1/rfqs/${rfqId}/attachments/${replacement.id}`)).status).toBe(404);

    // Only the file changed: the addendum is not refused as "no changes", and its summary lists the file.
    const addendum = await postForm(h, `/rfqs/${rfqId}`, { intent: "addendum", changeSummary: "仕様書を差し替えました。" }, await logIn(buyer));
    expect(addendum.status).toBe(302);
    const version = await h.db
      .selectFrom("rfq_versions")
      .select(["change_summary"])
      .where("rfq_id", "=", rfqId)
      .where("version", "=", 2)
      .executeTakeFirstOrThrow();
    expect(version.change_summary).toContain("差し替え: 仕様書 第2版.pdf");

    const list = (await (await api(owner, `/api/v1/rfqs/${rfqId}/attachments`)).json()) as {
      version: number;
      data: { name: string }[];
      history: { id: string; name: string; state: string }[];
    };
    expect(list.version).toBe(2);
    expect(list.data.map((f) => f.name)).toEqual(["仕様書 第2版.pdf"]);
    expect(list.history).toMatchObject([{ id: original.id, name: "仕様書 第1版.pdf", state: "replaced" }]);
    expect((await api(owner, `/api/v1/rfqs/${rfqId}/attachments/${original.id}`)).status).toBe(200);
    expect(await auditActions("rfq.attachment.replace")).toBe(1);
  });

  it("deleting an unpublished file removes it at once; deleting a published one waits for the next version", async () => {
    const cookies = await logIn(buyer);
    await postFile(`/rfqs/${rfqId}/attachments`, cookies, { intent: "upload", kind: "definitions" }, pdf("項目定義書.pdf"));
    const pending = (await rfqFiles()).find((f) => f.name === "項目定義書.pdf")!;
    expect(pending.rfq_version).toBe(3);
    expect((await postFile(`/rfqs/${rfqId}/attachments`, cookies, { intent: "delete", attachmentId: pending.id })).status).toBe(204);
    expect((await rfqFiles()).some((f) => f.id === pending.id)).toBe(false);
    expect(existsSync(path.join(dataDir, "attachments", pending.path))).toBe(false);

    const published = (await rfqFiles()).find((f) => f.name === "仕様書 第2版.pdf")!;
    expect((await postFile(`/rfqs/${rfqId}/attachments`, cookies, { intent: "delete", attachmentId: published.id })).status).toBe(204);
    expect((await rfqFiles()).find((f) => f.id === published.id)).toMatchObject({ superseded_in_version: 3 });
    // Vendors keep it until the addendum goes out.
    expect((await api(owner, `/api/v1/rfqs/${rfqId}/attachments/${published.id}`)).status).toBe(200);
    expect(await auditActions("rfq.attachment.delete")).toBe(2);
  });
});

describe("quote attachments are sealed like the quote", () => {
  let fileId: string;

  it("the vendor attaches a proposal to its quote", async () => {
    quoteId = await submitQuote(h, await actorFor(h.db, owner.email), rfqId);
    const res = await postFile(`/rfqs/${rfqId}/quote/attachments`, await logIn(owner), { intent: "upload" }, pdf("提案書.pdf"));
    expect(res.status).toBe(204);
    const row = await h.db.selectFrom("quote_attachments").selectAll().where("quote_id", "=", quoteId).executeTakeFirstOrThrow();
    fileId = row.id;
    expect(await auditActions("quote.attachment.upload")).toBe(1);
    expect((await h.request(`/quotes/${quoteId}/attachments/${fileId}`, { cookies: await logIn(owner) })).status).toBe(200);
    expect((await api(owner, `/api/v1/quotes/${quoteId}/attachments/${fileId}`)).status).toBe(200);

    // A second file, deleted again: its row and its stored file go, with an audit row.
    const extra = await apiUpload(owner, `/api/v1/quotes/${quoteId}/attachments`, {}, pdf("差替前.pdf"));
    const extraId = ((await extra.json()) as { id: string }).id;
    const stored = await h.db.selectFrom("quote_attachments").select("path").where("id", "=", extraId).executeTakeFirstOrThrow();
    expect((await postFile(`/rfqs/${rfqId}/quote/attachments`, await logIn(owner), { intent: "delete", attachmentId: extraId })).status).toBe(204);
    expect(existsSync(path.join(dataDir, "attachments", stored.path))).toBe(false);
    expect(await auditActions("quote.attachment.delete")).toBe(1);
  });

  it("before opening, another vendor, the buyer and its advisor get 404 (page and API)", async () => {
    for (const account of [rival, buyer, advisor]) {
      const cookies = await logIn(account);
      expect((await h.request(`/quotes/${quoteId}/attachments/${fileId}`, { cookies })).status).toBe(404);
      expect((await api(account, `/api/v1/quotes/${quoteId}/attachments`)).status).toBe(404);
      expect((await api(account, `/api/v1/quotes/${quoteId}/attachments/${fileId}`)).status).toBe(404);
    }
    // The buyer's RFQ page does not name the file either.
    expect(await (await h.request(`/rfqs/${rfqId}`, { cookies: await logIn(buyer) })).text()).not.toContain("提案書.pdf");
  });

  it("after opening, the buyer downloads it (page and API), audited; a withdrawn quote's files are not shown", async () => {
    // The rival quotes with a file, then withdraws before the deadline.
    const rivalQuote = await submitQuote(h, await actorFor(h.db, rival.email), rfqId);
    const up = await apiUpload(rival, `/api/v1/quotes/${rivalQuote}/attachments`, {}, pdf("競合提案書.pdf"));
    expect(up.status).toBe(201);
    const rivalFile = ((await up.json()) as { id: string }).id;
    expect((await withdrawQuote(h.ctx, await actorFor(h.db, rival.email), rivalQuote)).ok).toBe(true);

    await openRfq(h, rfqId);
    const cookies = await logIn(buyer);
    const page = await h.request(`/quotes/${quoteId}/attachments/${fileId}`, { cookies });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(await (await h.request(`/quotes/${quoteId}`, { cookies })).text()).toContain("提案書.pdf");
    const list = (await (await api(buyer, `/api/v1/quotes/${quoteId}/attachments`)).json()) as { data: { name: string }[] };
    expect(list.data.map((f) => f.name)).toEqual(["提案書.pdf"]);
    expect((await api(buyer, `/api/v1/quotes/${quoteId}/attachments/${fileId}`)).status).toBe(200);
    expect(await auditActions("quote.attachment.download")).toBe(2);
    // The advisor the buyer assigned reads opened quotes, so it gets the file too.
    expect((await api(advisor, `/api/v1/quotes/${quoteId}/attachments/${fileId}`)).status).toBe(200);

    expect((await h.request(`/quotes/${rivalQuote}/attachments/${rivalFile}`, { cookies })).status).toBe(404);
    expect((await api(buyer, `/api/v1/quotes/${rivalQuote}/attachments`)).status).toBe(404);
    // The other vendor still gets nothing.
    expect((await h.request(`/quotes/${quoteId}/attachments/${fileId}`, { cookies: await logIn(rival) })).status).toBe(404);
  });
});
