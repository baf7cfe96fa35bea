import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { quotesOfRfqForBuyer } from "../../app/services/quotes.server";
import { cancelRfq } from "../../app/services/rfqs.server";
import { appOrigin } from "../../app/utils/env.server";
import { actorFor, createAccount, FACTORY_PASSWORD, createPublishedRfq, openRfq, submitQuote, type Account } from "../factories";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import { logIn } from "./account-security-support";
import { createHarness, type Harness } from "./harness";
import { rowCounts } from "./row-counts";
import { startSmtpCapture, type CapturedMail } from "./smtp-capture";

// Cancelling without an award (不調・中止, issue 15 item 7) on real PostgreSQL: a closed RFQ whose quotes are
// opened is cancelled over the API with a reason; every bidder is told in-app and by a mail that reaches an
// SMTP server on a loopback port (read back here); without a reason nothing is written and the field is
// named in ja/en; a sealed RFQ cancelled before its deadline never opens.

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let received: CapturedMail[];
let buyer: Account;
let vendorJa: Account;
let vendorEn: Account;
let bystander: Account;
let otherBuyer: Account;

const TABLES = ["rfqs", "audit_log", "outbox", "notifications"] as const;

function api(token: string, path: string, body: unknown, lang: "ja" | "en" = "ja") {
  return h.request(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Accept-Language": lang },
    body: JSON.stringify(body),
  });
}

async function waitForMails(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return received;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  h = await createHarness();
  h.ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, mailFrom({}, appOrigin(h.ctx.env)));
  buyer = await createAccount(h.db, { kind: "buyer", org: "中止検証市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別の市" });
  vendorJa = await createAccount(h.db, { kind: "vendor", vendor: { name: "中止通知ベンダー株式会社", categories: ["municipal"] }, name: "山田 花子" });
  vendorEn = await createAccount(h.db, { kind: "vendor", vendor: { name: "Cancel Notice Systems KK", categories: ["municipal"] }, name: "Alex Smith" });
  bystander = await createAccount(h.db, { kind: "vendor", vendor: { name: "無関係ベンダー株式会社", categories: ["municipal"] } });
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vendorEn.user.id).execute();
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe("cancelling without an award (不調・中止)", () => {
  let rfqId: string;

  beforeAll(async () => {
    rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
    await submitQuote(h, await actorFor(h.db, vendorJa.email), rfqId);
    await submitQuote(h, await actorFor(h.db, vendorEn.email), rfqId, quoteB());
    await openRfq(h, rfqId);
    const opened = await quotesOfRfqForBuyer(h.ctx, await actorFor(h.db, buyer.email), rfqId);
    expect(opened).toMatchObject({ sealed: false });
    expect(opened?.quotes).toHaveLength(2);
  });

  it("refuses without a reason, naming the field in ja and en, and writes and sends nothing", async () => {
    const before = await rowCounts(h.db, TABLES);
    for (const [body, lang, text] of [
      [{}, "ja", "中止の理由を入力してください"],
      [{ reason: "   " }, "en", "Enter the reason for cancelling"],
      [{ reason: "あ".repeat(2001) }, "en", "2,000 characters"],
    ] as const) {
      const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/cancel`, body, lang);
      expect(res.status).toBe(400);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: "reason", message: expect.stringContaining(text) }]);
    }
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).status).toBe("published");
    expect(received).toHaveLength(0);
  });

  it("is a 404 for another buyer's organisation, whatever the body", async () => {
    expect((await api(otherBuyer.token, `/api/v1/rfqs/${rfqId}/cancel`, {})).status).toBe(404);
    expect((await api(otherBuyer.token, `/api/v1/rfqs/${rfqId}/cancel`, { reason: "乗っ取り" })).status).toBe(404);
    expect((await api(vendorJa.token, `/api/v1/rfqs/${rfqId}/cancel`, { reason: "乗っ取り" })).status).toBe(404);
  });

  it("cancels the opened RFQ with the reason and tells every bidder in-app and by e-mail, each in its own language", async () => {
    const reason = "予算執行が見送られたため、今回は発注を見送ります。";
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/cancel`, { reason });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: rfqId, status: "cancelled", notified: 2 });
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).status).toBe("cancelled");

    const audit = await h.db.selectFrom("audit_log").select(["action", "after"]).where("entity_id", "=", rfqId).where("action", "=", "rfq.cancel").execute();
    expect(audit).toEqual([{ action: "rfq.cancel", after: { status: "cancelled", reason } }]);

    const notes = await h.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "payload"])
      .where("kind", "=", "rfq.cancelledNoAward")
      .orderBy("user_id")
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([vendorJa.user.id, vendorEn.user.id].sort());
    for (const n of notes) expect(n.payload).toMatchObject({ rfqId, reason });

    const mails = await waitForMails(2);
    expect(mails.flatMap((m) => m.envelope.to).sort()).toEqual([vendorJa.email, vendorEn.email].sort());
    expect(mails.some((m) => m.envelope.to.includes(bystander.email))).toBe(false);
    const ja = mails.find((m) => m.envelope.to.includes(vendorJa.email))!.mail;
    expect(ja.subject).toMatch(/^【Kurabe】見積依頼「.+」中止のお知らせ$/);
    expect(ja.text).toContain("山田 花子 様");
    expect(ja.text).toContain("中止検証市 は見積依頼");
    expect(ja.text).toContain(reason);
    expect(ja.text).toContain(`http://localhost:3000/rfqs/${rfqId}`);
    expect(ja.text).toContain("中止の理由");
    expect(ja.text).not.toContain("Reason:");
    const en = mails.find((m) => m.envelope.to.includes(vendorEn.email))!.mail;
    expect(en.subject).toMatch(/^\[Kurabe\] RFQ “.+” cancelled$/);
    expect(en.text).toContain("Dear Alex Smith");
    expect(en.text).not.toContain("Alex Smith 様");
    expect(en.text).toContain(reason);

    // The vendor's notification list says why, and a second cancellation is refused without another mail.
    const cookies = await logIn(h, vendorJa.email, FACTORY_PASSWORD);
    const list = await h.request("/notifications", { cookies, headers: { "Accept-Language": "ja" } });
    expect(await list.text()).toContain(`発注に至らず中止されました。理由：${reason}`);
    const again = await api(buyer.token, `/api/v1/rfqs/${rfqId}/cancel`, { reason });
    expect(again.status).toBe(409);
    expect(received).toHaveLength(2);
  });
});

describe("a sealed RFQ cancelled before its deadline", () => {
  it("never opens, even after the deadline has passed", async () => {
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
    await submitQuote(h, await actorFor(h.db, vendorJa.email), rfqId);
    const sent = received.length;
    const done = await cancelRfq(h.ctx, await actorFor(h.db, buyer.email), rfqId, "仕様を見直すため");
    expect(done).toMatchObject({ ok: true, notified: 1 });
    await waitForMails(sent + 1);
    await openRfq(h, rfqId);
    expect(await quotesOfRfqForBuyer(h.ctx, await actorFor(h.db, buyer.email), rfqId)).toMatchObject({ sealed: true, cancelled: true, quotes: [] });
  });
});
