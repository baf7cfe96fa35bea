import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { appOrigin } from "../../app/utils/env.server";
import { createMember } from "./account-security-support";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { startSmtpCapture, type CapturedMail } from "./smtp-capture";

// Mail through a real SMTP server: an smtp-server on a loopback port receives what the app's
// nodemailer transport sends (the mailer `npm start` uses when SMTP_URL is set), and the test reads
// the reset mail back from it: envelope, headers, both languages, and a link that works once.

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let received: CapturedMail[];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  h = await createHarness();
  h.ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, mailFrom({}, appOrigin(h.ctx.env)));
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

async function waitForMail(to: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const mine = received.filter((r) => r.envelope.to.includes(to));
    if (mine.length >= count) return mine[count - 1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail for ${to} reached the SMTP server`);
}

describe("SMTP mailer", () => {
  it("delivers the reset mail over SMTP with proper headers in the reader's language; its link works once", async () => {
    const user = await createMember(h, "smtp-user@example.jp", { name: "佐藤 一郎" });
    const res = await postForm(h, "/forgot-password", { email: user.email }, new Cookies(), { "Accept-Language": "ja" });
    expect(res.status).toBe(200);

    const { envelope, mail } = await waitForMail(user.email, 1);
    expect(envelope.from).toBe("no-reply@localhost");
    expect(mail.from?.value).toEqual([{ name: "Kurabe", address: "no-reply@localhost" }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe(user.email);
    expect(mail.subject).toBe("【Kurabe】パスワードの再設定");
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.headers.get("content-type")).toMatchObject({ value: "text/plain", params: { charset: "utf-8" } });
    const text = mail.text ?? "";
    expect(text).toContain("佐藤 一郎 様");
    expect(text).toContain("1回だけ有効です");
    // Japanese only for a Japanese reader (decision 0054).
    expect(text).not.toContain("Dear 佐藤 一郎");
    expect(text).not.toContain("valid once, for 30 minutes");

    const link = /http:\/\/localhost:3000\/reset-password\/([\w-]+)/.exec(text)!;
    const path = new URL(link[0]).pathname;
    const form = { newPassword: "kumo-no-ue-8Zz-2026", confirmPassword: "kumo-no-ue-8Zz-2026" };
    const first = await postForm(h, path, form, new Cookies());
    expect(first.status).toBe(302);
    const second = await postForm(h, path, form, new Cookies());
    expect(second.status).toBe(410);

    // The "password changed" notice follows through the same server.
    const notice = await waitForMail(user.email, 2);
    expect(notice.mail.subject).toBe("【Kurabe】パスワードが変更されました");
    expect(notice.mail.text).toContain("パスワードが");
    expect(notice.mail.text).not.toContain("The password of your Kurabe account was changed");
  });

  it("an unknown address gets the same page and no mail", async () => {
    const before = received.length;
    const res = await postForm(h, "/forgot-password", { email: "no-account@example.jp" }, new Cookies(), { "Accept-Language": "ja" });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(before);
  });
});
