import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskFileStore, type FileArea, type FileStore } from "../../app/services/file-storage.server";
import { actorFor, createAccount, createRfq, rfqInput, type Account } from "../factories";
import { createHarness, type Harness } from "./harness";

// The file store (decision 0055): the local disk's implementation keeps its promises (a key per put, private files,
// no path outside the area), and the app reaches uploaded files only through the context's store — an in-memory
// one here stands in for an object store: uploads land in it and nowhere on disk, downloads come from it, and a
// refused write deletes what it put.

const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"));

/** An object store in a Map, with the calls it received. */
function memoryStore() {
  const objects = new Map<string, Uint8Array<ArrayBuffer>>();
  const calls: string[] = [];
  const store: FileStore = {
    async put(area, owner, bytes) {
      const key = `${owner}/${randomUUID().replaceAll("-", "")}`;
      objects.set(`${area}/${key}`, new Uint8Array(bytes));
      calls.push(`put ${area}`);
      return key;
    },
    async get(area, key) {
      calls.push(`get ${area}`);
      return objects.get(`${area}/${key}`) ?? null;
    },
    async delete(area, key) {
      calls.push(`delete ${area}`);
      objects.delete(`${area}/${key}`);
    },
  };
  return { store, objects, calls };
}

describe("the local disk store", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "kurabe-file-store-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("puts each file under a new key in the owner's folder, private, and reads and deletes it by that key", async () => {
    const store = diskFileStore(dir);
    const area: FileArea = "evidence";
    const a = await store.put(area, "org-1", PDF);
    const b = await store.put(area, "org-1", PDF);
    expect(a).toMatch(/^org-1\/[0-9a-f]{32}$/);
    expect(b).not.toBe(a);
    expect(statSync(path.join(dir, area, a)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, area, "org-1")).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.join(dir, area, "org-1")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    expect(new Uint8Array((await store.get(area, a))!)).toEqual(PDF);
    // Areas are separate: the same key names nothing in the other one.
    expect(await store.get("attachments", a)).toBeNull();
    await store.delete(area, a);
    expect(await store.get(area, a)).toBeNull();
    await store.delete(area, a); // deleting twice is not an error
    expect(new Uint8Array((await store.get(area, b))!)).toEqual(PDF);
  });

  it("never reads or deletes outside its area, and refuses an owner that is not a folder name", async () => {
    const store = diskFileStore(dir);
    const key = await store.put("attachments", "org-2", PDF);
    for (const bad of ["../attachments/" + key, "/etc/passwd", "..", ""]) {
      expect(await store.get("evidence", bad)).toBeNull();
      await store.delete("evidence", bad);
    }
    expect(new Uint8Array((await store.get("attachments", key))!)).toEqual(PDF);
    await expect(store.put("attachments", "../../outside", PDF)).rejects.toThrow(/not a folder name/);
    expect(existsSync(path.join(dir, "outside"))).toBe(false);
  });
});

describe("uploaded files go through the context's store", () => {
  let h: Harness;
  let dataDir: string;
  let buyer: Account;
  let rfqId: string;
  const memory = memoryStore();

  beforeAll(async () => {
    h = await createHarness();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-file-store-app-"));
    h.ctx.env = { ...h.ctx.env, DATA_DIR: dataDir };
    h.ctx.files = memory.store;
    buyer = await createAccount(h.db, { kind: "buyer", org: "ファイル保管検証市" });
    rfqId = await createRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, {}));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (pathname: string, init: RequestInit = {}) =>
    h.request(pathname, { ...init, headers: { Authorization: `Bearer ${buyer.token}`, ...(init.headers ?? {}) } });
  const upload = (values: Record<string, string>, lang = "ja") => {
    const body = new FormData();
    for (const [k, v] of Object.entries(values)) body.set(k, v);
    body.set("file", new File([PDF as BlobPart], "仕様書.pdf", { type: "application/pdf" }));
    return api(`/api/v1/rfqs/${rfqId}/attachments`, { method: "POST", body, headers: { "Accept-Language": lang } });
  };

  it("an upload is kept in the store under the key its row records, and nothing is written to DATA_DIR", async () => {
    const res = await upload({ kind: "specification" });
    expect(res.status).toBe(201);
    const row = await h.db.selectFrom("rfq_attachments").select(["id", "path"]).where("rfq_id", "=", rfqId).executeTakeFirstOrThrow();
    expect([...memory.objects.keys()]).toEqual([`attachments/${row.path}`]);
    expect(existsSync(path.join(dataDir, "attachments"))).toBe(false);

    const download = await api(`/api/v1/rfqs/${rfqId}/attachments/${row.id}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(memory.calls).toEqual(["put attachments", "get attachments"]);
  });

  it("a write refused after the file was put deletes it from the store again (en)", async () => {
    memory.calls.length = 0;
    const before = [...memory.objects.keys()];
    const res = await upload({ kind: "specification", replaces: randomUUID() }, "en");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("replaces");
    expect(memory.calls).toEqual(["put attachments", "delete attachments"]);
    expect([...memory.objects.keys()]).toEqual(before);
  });

  it("a file the store no longer has is answered 404, not 500", async () => {
    const row = await h.db.selectFrom("rfq_attachments").select(["id"]).where("rfq_id", "=", rfqId).executeTakeFirstOrThrow();
    memory.objects.clear();
    expect((await api(`/api/v1/rfqs/${rfqId}/attachments/${row.id}`)).status).toBe(404);
  });
});
