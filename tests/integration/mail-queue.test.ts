import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRunner, type JobRunner } from "../../app/jobs/runner";
import { startAppJobs } from "../../app/jobs";
import type { SearchService } from "../../search/client";
import { MAIL_MAX_ATTEMPTS, mailSendJob } from "../../app/jobs/mail";
import { createQueuedMailer, createSmtpMailer, mailFrom, notificationMail, type Mailer } from "../../app/services/mail.server";
import { saveMailPreferences } from "../../app/services/mail-preferences.server";
import { cancelRfq } from "../../app/services/rfqs.server";
import { appOrigin } from "../../app/utils/env.server";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, rfqInput, submitQuote, type Account } from "../factories";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import { logIn } from "./account-security-support";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { closedPort, startRefusingSmtp } from "./mail-support";

// E-mail as a job (issue 20 item 2; decision 0054) on real PostgreSQL and a real SMTP server on a loopback port:
// the app's mailer only queues (outgoing_mails + a `mail.send` outbox row); the job runner delivers through
// nodemailer. Each reader gets one language with an HTML part; a kind turned off is not sent while account mail
// is; a refusing server gets the mail after a retry, once; a server that is down never undoes a business write.

let h: Harness;
let smtp: Awaited<ReturnType<typeof startRefusingSmtp>>;
let runner: JobRunner;
let target: Mailer;
let buyer: Account;
let vendorJa: Account;
let vendorEn: Account;

const smtpAt = (port: number) => createSmtpMailer(`smtp://127.0.0.1:${port}`, mailFrom({}, appOrigin(h.ctx.env)));

/** Runs the mail job until nothing is due (the backoff is 0 here, so a failed row is due again at once). */
async function deliver(rounds = 10) {
  const totals = { processed: 0, failed: 0 };
  for (let i = 0; i < rounds; i++) {
    const r = await runner.processDue();
    totals.processed += r.processed;
    totals.failed += r.failed;
    if (r.processed === 0 && r.failed === 0) break;
  }
  return totals;
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.envelope.to.includes(email));
const queuedFor = (email: string) => h.db.selectFrom("outgoing_mails").selectAll().where("recipient", "=", email).orderBy("created_at").execute();

/** A published RFQ with quotes from `vendors`, cancelled by the buyer with `reason`: each bidder is mailed. */
async function cancelledRfq(title: string, reason: string, vendors: readonly Account[]) {
  const buyerActor = await actorFor(h.db, buyer.email);
  const rfqId = await createPublishedRfq(h, buyerActor, { ...rfqInput(h), title });
  for (const [i, v] of vendors.entries()) await submitQuote(h, await actorFor(h.db, v.email), rfqId, i === 0 ? undefined : quoteB());
  const done = await cancelRfq(h.ctx, buyerActor, rfqId, reason);
  expect(done).toMatchObject({ ok: true, notified: vendors.length });
  return rfqId;
}

beforeAll(async () => {
  smtp = await startRefusingSmtp(0);
  h = await createHarness();
  h.ctx.mailer = createQueuedMailer({ db: h.db, origin: appOrigin(h.ctx.env), kick: () => {} });
  target = smtpAt(smtp.port);
  const transport: Mailer = { send: (m) => target.send(m), sent: () => [] };
  runner = createJobRunner({ db: h.db, jobs: [mailSendJob(transport)], backoffMs: () => 0 });
  buyer = await createAccount(h.db, { kind: "buyer", org: "メール検証市" });
  vendorJa = await createAccount(h.db, { kind: "vendor", vendor: { name: "和文通知株式会社", categories: ["municipal"] }, name: "山田 花子" });
  vendorEn = await createAccount(h.db, { kind: "vendor", vendor: { name: "English Notice KK", categories: ["municipal"] }, name: "Alex Smith" });
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vendorEn.user.id).execute();
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe("a notification mail", () => {
  it("is queued with the write and sent by the job: Japanese to a Japanese reader, English to an English one, each with an escaped HTML part", async () => {
    const title = `<script>alert("x")</script> 庁舎清掃`;
    const reason = `予算 <b>超過</b> & "見直し"`;
    const rfqId = await cancelledRfq(title, reason, [vendorJa, vendorEn]);

    // Queued, not sent: the request did not talk to the mail server.
    expect(smtp.received).toHaveLength(0);
    expect((await queuedFor(vendorJa.email)).map((m) => [m.kind, m.locale, m.sent_at])).toEqual([["rfqUpdates", "ja", null]]);
    expect((await queuedFor(vendorEn.email)).map((m) => [m.kind, m.locale, m.sent_at])).toEqual([["rfqUpdates", "en", null]]);

    expect(await deliver()).toEqual({ processed: 2, failed: 0 });
    const [ja] = mailsTo(vendorJa.email);
    expect(ja!.mail.subject).toBe(`【Kurabe】見積依頼「${title}」中止のお知らせ`);
    expect(ja!.mail.text).toContain("山田 花子 様");
    expect(ja!.mail.text).toContain(reason);
    expect(ja!.mail.text).toContain("受け取らない設定は次のページでできます：http://localhost:3000/settings/notifications");
    expect(ja!.mail.text).not.toContain("Dear");
    const jaHtml = String(ja!.mail.html);
    expect(jaHtml).toContain('<html lang="ja">');
    expect(jaHtml).toContain(`<a href="http://localhost:3000/rfqs/${rfqId}">http://localhost:3000/rfqs/${rfqId}</a>`);
    expect(jaHtml).toContain('<a href="http://localhost:3000/settings/notifications">');
    expect(jaHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 庁舎清掃");
    expect(jaHtml).toContain("予算 &lt;b&gt;超過&lt;/b&gt; &amp; &quot;見直し&quot;");
    expect(jaHtml).not.toContain("<script>");
    expect(jaHtml).not.toContain("<b>");

    const [en] = mailsTo(vendorEn.email);
    expect(en!.mail.subject).toBe(`[Kurabe] RFQ “${title}” cancelled`);
    expect(en!.mail.text).toContain("Dear Alex Smith");
    expect(en!.mail.text).toContain("To stop this kind of e-mail, change your settings: http://localhost:3000/settings/notifications");
    expect(en!.mail.text).not.toContain("様");
    expect(String(en!.mail.html)).toContain('<html lang="en">');
    expect(String(en!.mail.html)).toContain("Dear Alex Smith");
    expect(en!.mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });

    // Delivered once, stamped, and its words (links included) gone from the database.
    const [row] = await queuedFor(vendorEn.email);
    expect(row).toMatchObject({ subject: "", text_body: "", html_body: null, skipped_at: null });
    expect(row!.sent_at).toBeInstanceOf(Date);
    expect(await deliver()).toEqual({ processed: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
  });
});

describe("queueing inside the business transaction", () => {
  it("a mail queued with { trx } exists iff the transaction commits (the reminder services queue with their claim)", async () => {
    const mail = notificationMail(vendorJa.email, "ja", "mail.clarification.subject", "mail.clarification.body", () => ({
      name: "山田 花子",
      buyer: "メール検証市",
      title: "取消される質問",
      link: "http://localhost:3000/rfqs/x/quote",
    }));
    await expect(
      h.db.transaction().execute(async (trx) => {
        await h.ctx.mailer.send(mail, { trx });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    expect((await queuedFor(vendorJa.email)).filter((m) => m.kind === "rfqUpdates" && m.sent_at === null)).toEqual([]);

    await h.db.transaction().execute((trx) => h.ctx.mailer.send({ ...mail, subject: "【Kurabe】確定した質問" }, { trx }));
    expect(await deliver()).toEqual({ processed: 1, failed: 0 });
    expect(mailsTo(vendorJa.email).at(-1)!.mail.subject).toBe("【Kurabe】確定した質問");
  });
});

describe("per-kind opt-out", () => {
  it("the settings page (en) names a bad choice at its field, writes nothing, and saves a good one with an audit row", async () => {
    const cookies = await logIn(h, vendorEn.email, FACTORY_PASSWORD);
    const page = await h.request("/settings/notifications", { cookies, headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("E-mail notifications");
    expect(html).toContain("Account security (password, sign-up, invitations, two-factor)");
    expect(html).toContain("Always sent (cannot be turned off)");
    expect(html).not.toContain('name="account"');

    const on = {
      bafo: "on",
      lowQuotes: "on",
      award: "on",
      approvals: "on",
      changes: "on",
      invoices: "on",
      deliveries: "on",
      measurements: "on",
      reviews: "on",
    };
    const bad = await postForm(h, "/settings/notifications", { ...on, rfqUpdates: "maybe" }, cookies, { "Accept-Language": "en" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose On or Off");
    const missing = await postForm(h, "/settings/notifications", { rfqUpdates: "off" }, cookies, { "Accept-Language": "en" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Choose On or Off");
    expect(await h.db.selectFrom("mail_preferences").selectAll().where("user_id", "=", vendorEn.user.id).execute()).toEqual([]);

    const saved = await postForm(h, "/settings/notifications", { ...on, rfqUpdates: "off" }, cookies, { "Accept-Language": "en" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings/notifications");
    expect(await h.db.selectFrom("mail_preferences").select(["kind", "enabled"]).where("user_id", "=", vendorEn.user.id).execute()).toEqual([
      { kind: "rfqUpdates", enabled: false },
    ]);
    const audit = await h.db.selectFrom("audit_log").select(["after", "before"]).where("action", "=", "account.mail_preferences_changed").execute();
    expect(audit).toEqual([{ before: { rfqUpdates: true }, after: { rfqUpdates: false } }]);
    const again = await h.request("/settings/notifications", { cookies, headers: { "Accept-Language": "en" } });
    expect(await again.text()).toContain(`name="rfqUpdates" checked="" value="off"`);
  });

  it("an opted-out kind is not sent, while an account mail (password reset) still is", async () => {
    const before = smtp.received.length;
    await cancelledRfq("オプトアウト確認", "仕様変更", [vendorJa, vendorEn]);
    expect((await queuedFor(vendorEn.email)).filter((m) => m.sent_at === null)).toEqual([]);
    await deliver();
    expect(smtp.received.slice(before).map((m) => m.envelope.to)).toEqual([[vendorJa.email]]);

    const res = await postForm(h, "/forgot-password", { email: vendorEn.email }, new Cookies(), { "Accept-Language": "en" });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await queuedFor(vendorEn.email)).filter((m) => m.kind === "account").length).toBe(1);
    await deliver();
    const reset = mailsTo(vendorEn.email).at(-1)!;
    expect(reset.mail.subject).toBe("[Kurabe] Reset your password");
    expect(reset.mail.text).toContain("cannot be turned off");
  });

  it("a mail queued before its reader turned the kind off is skipped by the job", async () => {
    const before = smtp.received.length;
    await cancelledRfq("配信前に停止", "日程変更", [vendorJa]);
    const saved = await saveMailPreferences(
      h.ctx,
      { id: vendorJa.user.id, orgId: null },
      {
        rfqUpdates: "off",
        bafo: "on",
        lowQuotes: "on",
        award: "on",
        approvals: "on",
        changes: "on",
        invoices: "on",
        deliveries: "on",
        measurements: "on",
        reviews: "on",
      },
      null,
    );
    expect(saved).toEqual({ ok: true, changed: 1 });
    expect(await deliver()).toEqual({ processed: 1, failed: 0 });
    expect(smtp.received.length).toBe(before);
    const last = (await queuedFor(vendorJa.email)).at(-1)!;
    expect(last.sent_at).toBeNull();
    expect(last.skipped_at).toBeInstanceOf(Date);
  });
});

describe("delivery failures", () => {
  it("a server that refuses twice (451) gets the mail on the third attempt, exactly once", async () => {
    const before = mailsTo(vendorJa.email).length;
    smtp.state.refuse = 2;
    smtp.state.attempts = 0;
    const res = await postForm(h, "/forgot-password", { email: vendorJa.email }, new Cookies(), { "Accept-Language": "ja" });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await queuedFor(vendorJa.email)).filter((m) => m.kind === "account").length).toBe(1);
    // The request only queued (a cheap insert, so a known address answers as fast as an unknown one): the mail
    // server has not been contacted yet.
    expect(smtp.state.attempts).toBe(0);

    expect(await deliver()).toEqual({ processed: 1, failed: 2 });
    expect(smtp.state.attempts).toBe(3);
    expect(mailsTo(vendorJa.email).length).toBe(before + 1);
    expect(mailsTo(vendorJa.email).at(-1)!.mail.subject).toBe("【Kurabe】パスワードの再設定");
    const job = await h.db
      .selectFrom("outbox")
      .select(["attempts", "processed_at", "dead_at", "last_error"])
      .where("topic", "=", "mail.send")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 2, dead_at: null });
    expect(job.last_error).toMatch(/451/);
    expect(job.processed_at).toBeInstanceOf(Date);
    expect(await deliver()).toEqual({ processed: 0, failed: 0 });
    expect(mailsTo(vendorJa.email).length).toBe(before + 1);
  });

  it("with the mail server down the business write is committed; the mail follows once it is back", async () => {
    target = smtpAt(await closedPort());
    try {
      const before = mailsTo(vendorEn.email).length;
      await h.db.deleteFrom("mail_preferences").where("user_id", "=", vendorEn.user.id).execute();
      const rfqId = await cancelledRfq("サーバー停止中の中止", "中止理由", [vendorEn]);
      expect(await deliver(3)).toEqual({ processed: 0, failed: 3 });
      expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).status).toBe("cancelled");
      const pending = await h.db
        .selectFrom("outbox")
        .select(["attempts", "last_error", "processed_at"])
        .where("topic", "=", "mail.send")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ attempts: 3, processed_at: null });
      expect(pending.last_error).toMatch(/ECONNREFUSED/);

      target = smtpAt(smtp.port);
      expect(await deliver()).toEqual({ processed: 1, failed: 0 });
      expect(mailsTo(vendorEn.email).length).toBe(before + 1);
      expect(mailsTo(vendorEn.email).at(-1)!.mail.subject).toBe("[Kurabe] RFQ “サーバー停止中の中止” cancelled");
    } finally {
      target = smtpAt(smtp.port);
    }
  });

  it(`after ${MAIL_MAX_ATTEMPTS} failed attempts the job is dead and /healthz counts it`, async () => {
    target = smtpAt(await closedPort());
    try {
      const res = await postForm(h, "/forgot-password", { email: buyer.email }, new Cookies(), { "Accept-Language": "ja" });
      expect(res.status).toBe(200);
      await expect.poll(async () => (await queuedFor(buyer.email)).length).toBe(1);
      expect(await deliver(MAIL_MAX_ATTEMPTS + 5)).toEqual({ processed: 0, failed: MAIL_MAX_ATTEMPTS });
      const health = (await (await h.request("/healthz")).json()) as { outbox: { dead: number } };
      expect(health.outbox.dead).toBe(1);
      expect((await queuedFor(buyer.email))[0]!.sent_at).toBeNull();
    } finally {
      target = smtpAt(smtp.port);
    }
  });
});

describe("the mail lane", () => {
  it("delivers a mail within moments while the other jobs are stuck behind a backlog", async () => {
    // Every search call hangs until released: the main runner sits in its first batch, as behind a long reindex.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stuck = new Proxy({} as SearchService, { get: () => () => gate.then(() => Promise.reject(new Error("released"))) });
    await h.db.insertInto("outbox").values({ topic: "vendor", entity_id: buyer.user.id }).execute();
    const jobs = startAppJobs({ db: h.db, search: stuck, mailTransport: smtpAt(smtp.port), intervalMs: 50 });
    try {
      const before = mailsTo(vendorJa.email).length;
      const mailer = createQueuedMailer({ db: h.db, origin: appOrigin(h.ctx.env), kick: () => jobs.kick() });
      await mailer.send(
        notificationMail(vendorJa.email, "ja", "mail.passwordReset.subject", "mail.passwordReset.body", () => ({ link: "https://kurabe.example/x" })),
      );
      await expect.poll(() => mailsTo(vendorJa.email).length, { timeout: 5_000 }).toBe(before + 1);
      // The search row is still unfinished: the mail did not wait for it.
      const vendorRow = await h.db.selectFrom("outbox").select("processed_at").where("topic", "=", "vendor").executeTakeFirstOrThrow();
      expect(vendorRow.processed_at).toBeNull();
    } finally {
      release();
      await jobs.stop();
      await h.db.deleteFrom("outbox").where("topic", "=", "vendor").execute();
    }
  });
});
