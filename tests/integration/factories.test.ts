import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import {
  actorFor,
  answerRfqQuestion,
  askRfqQuestion,
  createAccount,
  createCertificate,
  createPublishedRfq,
  createRfq,
  mustSucceed,
  openRfq,
  rfqInput,
  serviceContext,
  submitQuote,
  type Account,
} from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The builders in tests/factories make data the app accepts as its own: accounts that sign in and call
// the API, RFQs that publish, quotes that stay sealed until openRfq moves the clock past the deadline.

let h: Harness;
let buyer: Account;
let vendor: Account;

const api = (path: string, token: string) => h.request(path, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "ビルダー試験市" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "ビルダー試験ベンダー株式会社", categories: ["municipal"] } });
});
afterAll(() => h?.close());

describe("accounts", () => {
  it("signs in with its password and calls the API with its token, as the organisation's owner", async () => {
    expect((await postForm(h, "/login", { email: buyer.email, password: buyer.password }, new Cookies())).status).toBe(302);
    const me = await api("/api/v1/me", vendor.token);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ organization: { id: vendor.org.id, name: "ビルダー試験ベンダー株式会社", kind: "vendor", role: "owner" } });
    expect(await actorFor(h.db, vendor.email)).toEqual({
      userId: vendor.user.id,
      isPlatformAdmin: false,
      org: { id: vendor.org.id, kind: "vendor", role: "owner" },
    });
  });

  it("a platform account is a platform admin; each account gets its own e-mail and token", async () => {
    const admin = await createAccount(h.db, { kind: "platform" });
    expect((await actorFor(h.db, admin.email)).isPlatformAdmin).toBe(true);
    expect(new Set([buyer.email, vendor.email, admin.email]).size).toBe(3);
    expect(new Set([buyer.token, vendor.token, admin.token]).size).toBe(3);
  });

  it("createCertificate adds a verified certificate unless told otherwise", async () => {
    const cert = await createCertificate(h.db, vendor.org.id, {
      type: "privacy_mark",
      number: "第0000(01)号",
      issuer: "JIPDEC",
      validFrom: "2025-01-01",
      validUntil: "2027-12-31",
    });
    expect(cert).toMatchObject({ org_id: vendor.org.id, status: "verified", valid_until: "2027-12-31" });
  });
});

describe("RFQs and quotes", () => {
  it("the default RFQ publishes on the marketplace with its deadline 14 days after the clock; the default quote prices it", async () => {
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
    const rfq = await h.db.selectFrom("rfqs").select(["status", "visibility", "sealed", "quote_deadline"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    expect(rfq).toMatchObject({ status: "published", visibility: "marketplace", sealed: true });
    expect(new Date(rfq.quote_deadline!).getTime() - h.clock.now().getTime()).toBe(14 * 86_400_000);
    const quoteId = await submitQuote(h, await actorFor(h.db, vendor.email), rfqId);
    expect(await h.db.selectFrom("quotes").select("status").where("id", "=", quoteId).executeTakeFirstOrThrow()).toEqual({ status: "submitted" });
  });

  it("createRfq leaves a draft; invitees make the RFQ invited", async () => {
    const rfqId = await createRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "招待制の下書き", invitedVendorIds: [vendor.org.id] }));
    expect(await h.db.selectFrom("rfqs").select(["status", "visibility", "title"]).where("id", "=", rfqId).executeTakeFirstOrThrow()).toEqual({
      status: "draft",
      visibility: "invited",
      title: "招待制の下書き",
    });
  });

  it("a sealed quote stays hidden from the buyer until openRfq moves the clock past the deadline", async () => {
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "開札の試験", invitedVendorIds: [vendor.org.id] }));
    await submitQuote(h, await actorFor(h.db, vendor.email), rfqId, quoteB());
    const sealed = await (await api(`/api/v1/rfqs/${rfqId}/quotes`, buyer.token)).json();
    expect(sealed).toMatchObject({ sealed: true, counts: { received: 1 } });
    const before = h.clock.now();
    const opened = await openRfq(h, rfqId);
    try {
      expect(h.clock.now()).toEqual(opened);
      const deadline = (await h.db.selectFrom("rfqs").select("quote_deadline").where("id", "=", rfqId).executeTakeFirstOrThrow()).quote_deadline!;
      expect(opened.getTime()).toBeGreaterThan(new Date(deadline).getTime());
      const open = (await (await api(`/api/v1/rfqs/${rfqId}/quotes`, buyer.token)).json()) as { sealed: boolean; data: unknown[] };
      expect(open.sealed).toBe(false);
      expect(open.data).toHaveLength(1);
    } finally {
      h.clock.set(before);
    }
  });

  it("questions are asked by a vendor and answered by the buyer through the services", async () => {
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "質問の試験" }));
    const questionId = await askRfqQuestion(h, await actorFor(h.db, vendor.email), rfqId, "納品形式を教えてください。");
    await answerRfqQuestion(h, await actorFor(h.db, buyer.email), questionId, "CSVでお願いします。");
    const row = await h.db.selectFrom("rfq_questions").select(["question", "answer"]).where("id", "=", questionId).executeTakeFirstOrThrow();
    expect(row).toEqual({ question: "納品形式を教えてください。", answer: "CSVでお願いします。" });
  });
});

describe("the service context for scripts and the seed", () => {
  it("moves its own clock and refuses the parts the builders must not use", () => {
    const f = serviceContext(h.db, new Date("2026-01-01T00:00:00Z"));
    expect(f.ctx.clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    f.clock.set(new Date("2026-02-01T00:00:00Z"));
    expect(f.ctx.clock.now().toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(() => f.ctx.mailer).toThrow(/mailer is not available/);
  });

  it("mustSucceed stops on a refused service answer and names what failed", () => {
    expect(() => mustSucceed({ ok: false, status: 403, key: "errors.forbidden" } as { ok: boolean }, "publishing")).toThrow(
      /publishing failed: .*errors\.forbidden/,
    );
    expect(mustSucceed({ ok: true, id: "x" } as { ok: true; id: string }, "saving")).toEqual({ ok: true, id: "x" });
  });
});
