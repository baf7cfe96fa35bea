import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { DEMO_REGISTRATION_NUMBERS } from "../../db/seed/demo-invoices";
import { addCertification, checkEvidenceUpload, deleteCertification } from "../../app/services/certifications.server";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Certificates through the built app on a real PostgreSQL: evidence upload (and what is refused), the
// invoice registration number, tenant isolation, admin review, and the vendors index.

let h: Harness;
let dataDir: string;

const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const aoi = account("hello@studio-aoi.example"); // a vendor with no certificates in the demo data
const otherVendor = account("sales@next-keiri.example");
const buyer = account("buyer@midori-city.example");
const admin = account("admin@kurabe.example");

const PAGE = "/vendor/certifications";
const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
const fields = { type: "isms_iso27001", number: "IS 777001", issuer: "BSIグループジャパン", validFrom: "2026-04-01", validUntil: "2029-03-31" };

beforeAll(async () => {
  h = await createHarness({ demo: true });
  // Evidence goes to a throwaway DATA_DIR; the app reads ctx.env on every request.
  dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-evidence-"));
  h.ctx.env = { ...h.ctx.env, DATA_DIR: dataDir };
  await h.index();
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: DEMO_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}

async function csrfToken(cookies: Cookies) {
  const html = await (await h.request("/", { cookies })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)![1];
}

type Upload = { name: string; type: string; bytes: Uint8Array };

/** A browser-like multipart post: the CSRF field first, then the fields, then the file. */
async function postMultipart(pathname: string, cookies: Cookies, values: Record<string, string>, file?: Upload, headers: Record<string, string> = {}) {
  const body = new FormData();
  body.set("csrf", await csrfToken(cookies));
  for (const [k, v] of Object.entries(values)) body.set(k, v);
  if (file) body.set("evidence", new File([file.bytes as BlobPart], file.name, { type: file.type }));
  return h.request(pathname, { method: "POST", body, cookies, headers, redirect: "manual" });
}

/** Every file under DATA_DIR/evidence, temporary ones included. */
function storedFiles(): string[] {
  const root = path.join(dataDir, "evidence");
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const orgIdOf = async (email: string) =>
  (
    await h.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("memberships.org_id")
      .where("users.email", "=", email)
      .executeTakeFirstOrThrow()
  ).org_id;

const certsOf = (orgId: string) => h.db.selectFrom("certifications").selectAll().where("org_id", "=", orgId).orderBy("created_at").execute();

/** Field errors of the vendor page's action, read as JSON through Remix's data request. */
async function actionErrors(res: Response): Promise<Record<string, string[]>> {
  const data = (await res.json()) as { result: { error?: Record<string, string[]> } };
  return data.result.error ?? {};
}

describe("vendor certificates with evidence", () => {
  let vendor: Cookies;
  let orgId: string;
  let certId: string;

  beforeAll(async () => {
    vendor = await logIn(aoi.email);
    orgId = await orgIdOf(aoi.email);
  });

  it("adds a certificate with a small PDF: stored outside public/, listed as awaiting verification, audited, queued for the index", async () => {
    const res = await postMultipart(PAGE, vendor, { intent: "save", ...fields }, { name: "ISMS登録証.pdf", type: "application/pdf", bytes: PDF });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(PAGE);

    const [row] = await certsOf(orgId);
    expect(row).toMatchObject({ type: "isms_iso27001", number: "IS 777001", valid_from: "2026-04-01", valid_until: "2029-03-31", status: "unverified" });
    expect(row).toMatchObject({ evidence_name: "ISMS登録証.pdf", evidence_mime: "application/pdf", evidence_size: PDF.byteLength, verified_by: null });
    certId = row.id;
    const file = path.join(dataDir, "evidence", row.evidence_path!);
    expect(path.dirname(file)).toBe(path.join(dataDir, "evidence", orgId));
    expect(new Uint8Array(readFileSync(file))).toEqual(PDF);
    expect(storedFiles()).toEqual([file]); // no temporary file left behind

    const audit = await h.db.selectFrom("audit_log").selectAll().where("entity_id", "=", certId).execute();
    expect(audit.map((a) => a.action)).toEqual(["certification.create"]);
    expect(audit[0].after).toMatchObject({ type: "isms_iso27001", status: "unverified", evidence: { name: "ISMS登録証.pdf" } });
    const outbox = await h.db.selectFrom("outbox").select("entity_id").where("topic", "=", "vendor").where("processed_at", "is", null).execute();
    expect(outbox.map((o) => o.entity_id)).toContain(orgId);

    const page = await (await h.request(PAGE, { cookies: vendor })).text();
    expect(page).toContain("IS 777001");
    expect(page).toContain("確認待ち");
  });

  it("serves the evidence to its vendor as an attachment with its checked type and nosniff", async () => {
    const res = await h.request(`${PAGE}/${certId}/evidence`, { cookies: vendor });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ISMS___\.pdf"; filename\*=UTF-8''ISMS%E7%99%BB%E9%8C%B2%E8%A8%BC\.pdf$/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it.each([
    [
      "an 11 MB PDF",
      {
        name: "big.pdf",
        type: "application/pdf",
        bytes: (() => {
          const b = new Uint8Array(11 * 1024 * 1024);
          b.set(PDF);
          return b;
        })(),
      },
      "ファイルサイズは10MB以下にしてください。",
      "The file must be 10 MB or smaller.",
    ],
    [
      "a PNG renamed .pdf",
      { name: "scan.pdf", type: "application/pdf", bytes: PNG },
      "ファイルの中身が形式と一致しません（拡張子や形式を確認してください）。",
      "The file's content does not match its type.",
    ],
    [
      "an .exe",
      { name: "setup.exe", type: "application/x-msdownload", bytes: EXE },
      "証憑はPDF・PNG・JPEGのいずれかでアップロードしてください。",
      "Upload the evidence as a PDF, PNG or JPEG file.",
    ],
  ])("refuses %s with a field message in ja and en, and stores nothing", async (_label, file, ja, en) => {
    const rowsBefore = (await certsOf(orgId)).length;
    const filesBefore = storedFiles();
    for (const [language, message] of [
      ["ja", ja],
      ["en", en],
    ] as const) {
      const res = await postMultipart(`${PAGE}?_data=routes%2Fvendor%2B%2Fcertifications`, vendor, { intent: "save", ...fields, number: "IS 999999" }, file, {
        "Accept-Language": language,
      });
      expect(res.status).toBe(400);
      expect(await actionErrors(res)).toEqual({ evidence: [message] });
    }
    // The same post without JavaScript renders the page with the message beside the field.
    const page = await postMultipart(PAGE, vendor, { intent: "save", ...fields, number: "IS 999999" }, file);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(ja);
    expect(await certsOf(orgId)).toHaveLength(rowsBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("reports field errors and the file's problem together, storing nothing", async () => {
    const res = await postMultipart(
      `${PAGE}?_data=routes%2Fvendor%2B%2Fcertifications`,
      vendor,
      { intent: "save", ...fields, validFrom: "2029-04-01", number: "" },
      { name: "a.pdf", type: "application/pdf", bytes: PNG },
      { "Accept-Language": "en" },
    );
    expect(res.status).toBe(400);
    expect(await actionErrors(res)).toEqual({
      number: ["Enter the certificate number."],
      validUntil: ["The last day of validity cannot be before the first day."],
      evidence: ["The file's content does not match its type."],
    });
    expect(await certsOf(orgId)).toHaveLength(1);
  });

  it("removes the staged file when the transaction fails", async () => {
    // A trigger makes the insert fail after the file has been written under its temporary name. The
    // service is called directly: through the app the failure would be a logged 500, which is the point.
    await sql`create function refuse_cert() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(h.db);
    await sql`create trigger refuse_cert before insert on certifications for each row when (new.number = 'FAIL-ME') execute function refuse_cert()`.execute(
      h.db,
    );
    try {
      const filesBefore = storedFiles();
      const user = await h.db.selectFrom("users").select("id").where("email", "=", aoi.email).executeTakeFirstOrThrow();
      const actor = { userId: user.id, isPlatformAdmin: false, org: { id: orgId, kind: "vendor" as const, role: "owner" as const } };
      const checked = checkEvidenceUpload({ name: "x.pdf", declaredType: "application/pdf", size: PDF.byteLength, head: PDF.subarray(0, 16), bytes: PDF });
      if (!checked.ok) throw new Error("the PDF should pass the check");
      const input = { ...fields, number: "FAIL-ME" };
      await expect(addCertification(h.ctx, actor, input, checked.evidence)).rejects.toThrow(/refused for the test/);
      expect(await certsOf(orgId)).toHaveLength(1);
      expect(storedFiles()).toEqual(filesBefore);
      // The control: the same call without the trigger's condition stores both.
      const stored = await addCertification(h.ctx, actor, { ...input, number: "DELETE-ME" }, checked.evidence);
      expect(stored.ok).toBe(true);
      expect(storedFiles()).toHaveLength(filesBefore.length + 1);
      if (stored.ok) expect((await deleteCertification(h.ctx, actor, stored.certification.id)).ok).toBe(true);
      expect(storedFiles()).toEqual(filesBefore);
    } finally {
      await sql`drop trigger refuse_cert on certifications`.execute(h.db);
    }
  });

  it("accepts T7000012050002 and refuses T7000012050003 with the check-digit message in ja and en", async () => {
    const ok = await postForm(h, PAGE, { intent: "invoice", invoiceRegistrationNumber: "T7000-0120-50002" }, vendor);
    expect(ok.status).toBe(302);
    const stored = async () =>
      (await h.db.selectFrom("organizations").select("invoice_registration_number").where("id", "=", orgId).executeTakeFirstOrThrow())
        .invoice_registration_number;
    expect(await stored()).toBe("T7000012050002");

    for (const [language, message] of [
      ["ja", "登録番号のチェックデジットが一致しません。番号に誤りがないかご確認ください。"],
      ["en", "The registration number's check digit does not match; please check the number."],
    ] as const) {
      const bad = await postForm(
        h,
        `${PAGE}?_data=routes%2Fvendor%2B%2Fcertifications`,
        { intent: "invoice", invoiceRegistrationNumber: "T7000012050003" },
        vendor,
        { "Accept-Language": language },
      );
      expect(bad.status).toBe(400);
      expect(await actionErrors(bad)).toEqual({ invoiceRegistrationNumber: [message] });
    }
    expect(await stored()).toBe("T7000012050002");
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "vendor.invoiceRegistrationNumber.update")
      .where("entity_id", "=", orgId)
      .execute();
    expect(audit).toEqual([{ before: { invoiceRegistrationNumber: null }, after: { invoiceRegistrationNumber: "T7000012050002" } }]);
  });

  it("another vendor can neither download, open for editing, edit nor delete it (404), and it stays as it was", async () => {
    const other = await logIn(otherVendor.email);
    expect((await h.request(`${PAGE}/${certId}/evidence`, { cookies: other })).status).toBe(404);
    expect((await h.request(`${PAGE}?edit=${certId}`, { cookies: other })).status).toBe(404);
    const edit = await postMultipart(PAGE, other, { intent: "save", id: certId, ...fields, number: "HIJACKED" });
    expect(edit.status).toBe(404);
    const del = await postForm(h, PAGE, { intent: "delete", id: certId }, other);
    expect(del.status).toBe(404);
    const [row] = await certsOf(orgId);
    expect(row).toMatchObject({ id: certId, number: "IS 777001" });
    expect(existsSync(path.join(dataDir, "evidence", row.evidence_path!))).toBe(true);
  });

  it("buyers and admins may download the evidence; anonymous visitors are sent to log in", async () => {
    expect((await h.request(`${PAGE}/${certId}/evidence`, { cookies: await logIn(buyer.email) })).status).toBe(200);
    expect((await h.request(`${PAGE}/${certId}/evidence`, { cookies: await logIn(admin.email) })).status).toBe(200);
    const anonymous = await h.request(`${PAGE}/${certId}/evidence`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("an admin verifies it: who and when are recorded with an audit row; a vendor cannot", async () => {
    const vendorTry = await postForm(h, "/admin/certifications", { intent: "verify", id: certId }, vendor);
    expect(vendorTry.status).toBe(403);

    const adminCookies = await logIn(admin.email);
    const res = await postForm(h, "/admin/certifications", { intent: "verify", id: certId }, adminCookies);
    expect(res.status).toBe(302);
    const adminUser = await h.db.selectFrom("users").select("id").where("email", "=", admin.email).executeTakeFirstOrThrow();
    const [row] = await certsOf(orgId);
    expect(row).toMatchObject({ status: "verified", verified_by: adminUser.id, rejected_reason: null });
    expect(row.verified_at?.toISOString()).toBe(h.clock.now().toISOString());
    const audit = await h.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", certId)
      .where("action", "=", "certification.verify")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: adminUser.id, before: { status: "unverified" }, after: { status: "verified", reviewedBy: adminUser.id } });
  });

  it("a vendor's change to a verified certificate sends it back to unverified", async () => {
    const res = await postMultipart(PAGE, vendor, { intent: "save", id: certId, ...fields, validUntil: "2029-06-30" });
    expect(res.status).toBe(302);
    const [row] = await certsOf(orgId);
    expect(row).toMatchObject({ status: "unverified", verified_by: null, verified_at: null, valid_until: "2029-06-30", evidence_name: "ISMS登録証.pdf" });
  });

  it("the vendors index lists the valid certificate, and drops it once rejected; rejecting needs a reason", async () => {
    await h.index();
    expect((await h.search.getVendor(orgId))?.certifications).toContain("isms_iso27001");

    const adminCookies = await logIn(admin.email);
    const noReason = await postForm(
      h,
      "/admin/certifications?_data=routes%2Fadmin%2B%2Fcertifications",
      { intent: "reject", id: certId, reason: "  " },
      adminCookies,
      { "Accept-Language": "en" },
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ errors: { reason: ["Give the reason for rejecting (the vendor sees it)."] } });
    expect((await certsOf(orgId))[0].status).toBe("unverified");

    const rejected = await postForm(h, "/admin/certifications", { intent: "reject", id: certId, reason: "証憑の登録番号が入力と一致しません" }, adminCookies);
    expect(rejected.status).toBe(302);
    expect((await certsOf(orgId))[0]).toMatchObject({ status: "rejected", rejected_reason: "証憑の登録番号が入力と一致しません" });

    await h.index();
    const doc = await h.search.getVendor(orgId);
    expect(doc?.certifications).not.toContain("isms_iso27001");
    expect(doc?.certification_details).toEqual([{ type: "isms_iso27001", valid_until: "2029-06-30", status: "rejected" }]);
  });

  it("the vendor deletes it: row, file and index entry go", async () => {
    const [row] = await certsOf(orgId);
    const res = await postForm(h, PAGE, { intent: "delete", id: certId }, vendor);
    expect(res.status).toBe(302);
    expect(await certsOf(orgId)).toHaveLength(0);
    expect(existsSync(path.join(dataDir, "evidence", row.evidence_path!))).toBe(false);
    await h.index();
    expect((await h.search.getVendor(orgId))?.certification_details).toEqual([]);
  });
});

describe("admin certification types", () => {
  it("an admin adds a custom type that vendors can then choose; a duplicate key is refused", async () => {
    const adminCookies = await logIn(admin.email);
    const added = await postForm(
      h,
      "/admin/certifications",
      { intent: "addType", slug: "TISI-Level2", labelJa: "TISI レベル2", labelEn: "TISI level 2" },
      adminCookies,
    );
    expect(added.status).toBe(302);
    const again = await postForm(
      h,
      "/admin/certifications?_data=routes%2Fadmin%2B%2Fcertifications",
      { intent: "addType", slug: "tisi-level2", labelJa: "x", labelEn: "x" },
      adminCookies,
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: { slug: ["このキーの認証種別はすでにあります。"] } });

    const vendor = await logIn(aoi.email);
    const res = await postMultipart(PAGE, vendor, { intent: "save", ...fields, type: "custom:tisi-level2" });
    expect(res.status).toBe(302);
    const unknown = await postMultipart(`${PAGE}?_data=routes%2Fvendor%2B%2Fcertifications`, vendor, {
      intent: "save",
      ...fields,
      type: "custom:nobody-added",
    });
    expect(unknown.status).toBe(400);
    expect(await actionErrors(unknown)).toEqual({ type: ["認証の種類を選択してください。"] });
  });
});

describe("/api/v1/vendor/certifications", () => {
  const bearer = (token: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });

  it("GET lists only the calling vendor's certificates and its invoice number; buyers get 403", async () => {
    const res = await h.request("/api/v1/vendor/certifications", { headers: bearer(otherVendor.token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { number: string; status: string }[]; invoiceRegistrationNumber: string | null };
    expect(body.data.map((c) => c.number).sort()).toEqual(["IS 712345", "第17001234(05)号"]);
    // The demo seed gives the vendors that invoice in the demo a registration number (db/seed/demo-invoices.ts).
    expect(body.invoiceRegistrationNumber).toBe(DEMO_REGISTRATION_NUMBERS[otherVendor.email]);
    expect((await h.request("/api/v1/vendor/certifications", { headers: bearer(buyer.token) })).status).toBe(403);
  });

  it("POST with JSON creates an unverified certificate without evidence", async () => {
    const res = await h.request("/api/v1/vendor/certifications", {
      method: "POST",
      headers: bearer(otherVendor.token, { "Content-Type": "application/json" }),
      body: JSON.stringify({ ...fields, type: "iso9001", number: "JQA-QM 1" }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ type: "iso9001", number: "JQA-QM 1", status: "unverified", evidence: null, reviewedAt: null });
  });

  it("POST multipart stores the evidence; a wrong file is a 400 problem on `evidence` with nothing stored", async () => {
    const orgId = await orgIdOf(otherVendor.email);
    const form = (bytes: Uint8Array, type: string) => {
      const body = new FormData();
      for (const [k, v] of Object.entries({ ...fields, number: "IS API 1" })) body.set(k, v);
      body.set("evidence", new File([bytes as BlobPart], "cert.pdf", { type }));
      return body;
    };
    const before = { rows: (await certsOf(orgId)).length, files: storedFiles() };
    const bad = await h.request("/api/v1/vendor/certifications", {
      method: "POST",
      headers: bearer(otherVendor.token, { "Accept-Language": "en" }),
      body: form(EXE, "application/pdf"),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(await bad.json()).toMatchObject({ errors: [{ path: "evidence", message: "The file's content does not match its type." }] });
    expect(await certsOf(orgId)).toHaveLength(before.rows);
    expect(storedFiles()).toEqual(before.files);

    const good = await h.request("/api/v1/vendor/certifications", { method: "POST", headers: bearer(otherVendor.token), body: form(PDF, "application/pdf") });
    expect(good.status).toBe(201);
    const created = (await good.json()) as { id: string; evidence: { url: string; type: string; size: number } };
    expect(created.evidence).toMatchObject({ type: "application/pdf", size: PDF.byteLength, url: `/vendor/certifications/${created.id}/evidence` });
    expect(storedFiles()).toHaveLength(before.files.length + 1);
  });

  it("POST refuses unknown fields (evidence must be a file, not JSON) and an invalid date, field by field", async () => {
    const res = await h.request("/api/v1/vendor/certifications", {
      method: "POST",
      headers: bearer(otherVendor.token, { "Content-Type": "application/json", "Accept-Language": "ja" }),
      body: JSON.stringify({ ...fields, validUntil: "2029-02-30", evidence: "JVBERi0xLjQ=" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: "validUntil", message: "日付はYYYY-MM-DD形式の実在する日付で入力してください。" },
        expect.objectContaining({ path: "evidence" }),
      ]),
    );
  });
});
