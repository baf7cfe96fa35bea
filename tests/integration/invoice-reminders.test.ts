import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appJobRunner } from "../../app/jobs";
import { addCalendarDays, isBusinessDay } from "~/domain/calendar/japan-business-days";
import { firstDayOfStep, LAST_REMINDER_DAY, REMINDER_MAX_STEPS } from "~/domain/invoices/reminders";
import type { Actor } from "~/domain/permissions";
import { sendOverdueReminders } from "~/services/invoice-reminders.server";
import { acceptMilestone, correctInvoice, issueMilestoneInvoice, recordReceipt, saveInvoiceSettings } from "~/services/invoices.server";
import { createSmtpMailer, type Mailer } from "~/services/mail.server";
import { activateContract, createContract, saveMilestones } from "~/services/contracts.server";
import { formatDate, formatYen } from "~/utils/format";
import { actorFor, createAccount, createAcceptedAward, createUser, mustSucceed, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { deliverMilestone } from "./support/deliveries";
import { startSmtpCapture } from "./smtp-capture";

// Overdue reminders (issue 16 item 2) on real PostgreSQL, mails through a real SMTP server that keeps what it
// receives. An invoice due on a Japanese calendar day is not overdue at 23:59 that day (JST) and is at 00:05 the next
// (still the previous day in UTC); each step goes out once however many runs race for it (two direct runs at once,
// then two job runners at once); each buyer member gets the mail in their own language; paid and cancelled
// invoices get nothing; the vendor's members get the in-app copy; every reminder has one audit row.

const REG = "T7000012050002";
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ジユチユウサービス（カ" };
// Accepted and invoiced on Wednesday 2027-01-06 with 30 days to pay from the work's receipt (day 1 = the day of
// receipt, 取適法): due Thursday 2027-02-04.
const ISSUED_ON = "2027-01-06";
const DUE = "2027-02-04";

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let mailer: Mailer;
let buyer: Account;
let buyerEn: { email: string; id: string };
/** Everyone in the buyer organisation (the award's approval route added its approvers to it). */
let buyerMemberIds: string[];
let vendor: Account;
let buyerActor: Actor;
let vendorActor: Actor;
let contractId: string;
const ids: Record<"open" | "paid" | "cancelled" | "correction", string> = { open: "", paid: "", cancelled: "", correction: "" };
const numbers: Record<string, string> = {};

const at = (day: string, time: string) => new Date(`${day}T${time}+09:00`);
const run = (now: Date) => sendOverdueReminders({ db: h.db, mailer, env: h.ctx.env }, now);
const reminderRows = () => h.db.selectFrom("invoice_reminders").selectAll().orderBy("invoice_id").orderBy("step").execute();
const nextBusinessDayFrom = (day: string) => {
  let d = day;
  while (!isBusinessDay(d)) d = addCalendarDays(d, 1);
  return d;
};
const waitForMails = async (n: number) => {
  for (let i = 0; i < 100 && smtp.received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return smtp.received;
};

beforeAll(async () => {
  h = await createHarness();
  smtp = await startSmtpCapture();
  mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, "Kurabe <no-reply@kurabe.test>");
  buyer = await createAccount(h.db, { kind: "buyer", org: "督促食品株式会社", name: "経理 花子" });
  buyerEn = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "Alex Accounts", locale: "en" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "請求サービス株式会社" } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: REG }).where("id", "=", vendor.org.id).execute();
  const award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  buyerActor = await actorFor(h.db, buyer.email);
  buyerMemberIds = (await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", buyer.org.id).execute()).map((m) => m.user_id);
  expect(buyerMemberIds).toEqual(expect.arrayContaining([buyer.user.id, buyerEn.id]));
  vendorActor = await actorFor(h.db, vendor.email);
  mustSucceed(await saveInvoiceSettings(h.ctx, vendorActor, { bankAccount: BANK }), "bank account");
  ({ contractId } = mustSucceed(await createContract(h.ctx, buyerActor, award.rfqId), "contract"));
  const milestones = Array.from({ length: 4 }, (_, i) => ({
    name: `第${i + 1}回`,
    dueDate: "2027-03-31",
    acceptance: "完了報告書の承認",
    paymentDueDays: 30,
    percent: 25,
  }));
  mustSucceed(await saveMilestones(h.ctx, buyerActor, contractId, { basis: "percent", milestones }), "milestones");
  mustSucceed(await activateContract(h.ctx, buyerActor, contractId), "activate");
  h.clock.set(at(ISSUED_ON, "10:00:00"));
  // 検収 goes through a delivery (decision 0039): all four milestones are delivered on the day they are accepted.
  for (let i = 0; i < 4; i++) await deliverMilestone(h.ctx, vendorActor, contractId, i);
  const keys = ["open", "paid", "cancelled"] as const;
  for (const [i, key] of keys.entries()) {
    mustSucceed(await acceptMilestone(h.ctx, buyerActor, contractId, i, {}), `accept ${i}`);
    const issued = mustSucceed(await issueMilestoneInvoice(h.ctx, vendorActor, contractId, i, {}), `issue ${i}`);
    ids[key] = issued.invoiceId;
    numbers[key] = issued.number;
  }
  const paid = await h.db.selectFrom("invoices").select(["total"]).where("id", "=", ids.paid).executeTakeFirstOrThrow();
  mustSucceed(await recordReceipt(h.ctx, buyerActor, ids.paid, { amount: Number(paid.total), receivedOn: ISSUED_ON }), "pay in full");
  const correction = mustSucceed(
    await correctInvoice(h.ctx, vendorActor, ids.cancelled, {
      reason: "単価の誤り",
      lines: [{ description: "第3回 業務委託料（訂正）", quantity: "1", unitPrice: "100000", taxRate: "10" }],
    }),
    "correction",
  );
  ids.correction = correction.invoiceId;
  mustSucceed(await recordReceipt(h.ctx, buyerActor, ids.correction, { amount: 110000, receivedOn: ISSUED_ON }), "pay the correction");
});
afterAll(async () => {
  await smtp?.close();
  await h?.close();
});

describe("overdue reminders", () => {
  it("the invoices are due on the Japanese day the legal rule gives", async () => {
    const rows = await h.db.selectFrom("invoices").select(["id", "due_date"]).where("id", "in", [ids.open, ids.paid]).execute();
    expect(rows.map((r) => r.due_date)).toEqual([DUE, DUE]);
  });

  it("sends nothing on the due date itself, even at 23:59 in Tokyo", async () => {
    expect((await run(at(DUE, "23:59:00"))).sent).toEqual([]);
    expect(await reminderRows()).toEqual([]);
  });

  it("sends step 1 once from 00:05 the next day in Tokyo (still the due date in UTC), however many runs race", async () => {
    const day1 = nextBusinessDayFrom(addCalendarDays(DUE, 1));
    const now = at(day1, "00:05:00");
    expect(now.toISOString().slice(0, 10)).toBe(addCalendarDays(day1, -1));
    const results = await Promise.all([run(now), run(now), run(now)]);
    const sent = results.flatMap((r) => r.sent);
    // Only the open invoice: the paid one and the cancelled one (and its paid correction) are not reminded.
    expect(sent).toEqual([expect.objectContaining({ invoiceId: ids.open, number: numbers.open, step: 1, mails: buyerMemberIds.length })]);
    expect((await reminderRows()).map((r) => [r.invoice_id, r.step])).toEqual([[ids.open, 1]]);
    // A re-run the same day sends nothing more.
    expect((await run(at(day1, "09:00:00"))).sent).toEqual([]);
  });

  it("mails each buyer member in their own language, with the number, the amount due, the due date and the link", async () => {
    const mails = await waitForMails(buyerMemberIds.length);
    expect(mails).toHaveLength(buyerMemberIds.length);
    const open = await h.db.selectFrom("invoices").select(["total"]).where("id", "=", ids.open).executeTakeFirstOrThrow();
    const total = Number(open.total);
    const byTo = Object.fromEntries(mails.map((m) => [m.envelope.to[0], m.mail]));
    const ja = byTo[buyer.email]!;
    const en = byTo[buyerEn.email]!;
    expect(ja.subject).toBe(`【Kurabe】お支払期日を過ぎた請求書のご案内（${numbers.open}）`);
    expect(en.subject).toBe(`[Kurabe] Invoice ${numbers.open} is past its due date`);
    const link = `/invoices/${ids.open}`;
    for (const [mail, first, second] of [
      [ja, "ja", "en"],
      [en, "en", "ja"],
    ] as const) {
      const text = mail.text ?? "";
      expect(text).toContain(link);
      expect(text).toContain(numbers.open);
      // The reader's language only (decision 0054).
      expect(text).toContain(formatYen(total, first));
      expect(text).toContain(formatDate(DUE, first));
      expect(text).not.toContain(formatDate(DUE, second));
    }
    expect(ja.text).toMatch(/^経理 花子 様/);
    expect(en.text).toMatch(/^Dear Alex Accounts/);
    expect(ja.text).toContain("未入金額：");
    expect(en.text).toContain("Amount outstanding:");
  });

  it("notifies the buyer's members in-app, copies the vendor, and audits the reminder with the system as actor", async () => {
    const notes = await h.db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("kind", "like", "invoice.%").orderBy("user_id").execute();
    expect(notes.map((n) => [n.user_id, n.kind]).sort()).toEqual(
      [...buyerMemberIds.map((id) => [id, "invoice.overdue"]), [vendor.user.id, "invoice.reminderSent"]].sort(),
    );
    expect(notes[0]!.payload).toMatchObject({ invoiceId: ids.open, title: numbers.open, step: 1 });
    const audits = await h.db.selectFrom("audit_log").select(["actor_user_id", "entity_id", "after"]).where("action", "=", "invoice.reminder").execute();
    expect(audits).toEqual([{ actor_user_id: null, entity_id: ids.open, after: expect.objectContaining({ step: 1, dueDate: DUE, number: numbers.open }) }]);
  });

  it("sends step 2 a week later once, through the daily schedule and the job, with two runners at once", async () => {
    // The daily schedules run every feature's reminders (a contract's missing SLA measurements mail its vendor
    // too): count the invoice reminders, the only mails about this invoice.
    const invoiceMails = () => smtp.received.filter((m) => (m.mail.subject ?? "").includes(numbers.open));
    const before = invoiceMails().length;
    const day8 = nextBusinessDayFrom(addCalendarDays(DUE, firstDayOfStep(2)));
    let now = at(day8, "00:30:00");
    const runner = () => appJobRunner({ db: h.db, search: h.search, mail: { mailer, env: h.ctx.env }, now: () => now });
    const [a, b] = [runner(), runner()];
    const ran = await Promise.all([a.runDueSchedules(), b.runDueSchedules()]);
    expect(ran.flat().filter((name) => name === "invoice.reminder-sweep")).toEqual(["invoice.reminder-sweep"]);
    await Promise.all([a.processDue(), b.processDue(), a.processDue()]);
    expect((await reminderRows()).map((r) => [r.invoice_id, r.step])).toEqual([
      [ids.open, 1],
      [ids.open, 2],
    ]);
    for (let i = 0; i < 100 && invoiceMails().length < before + buyerMemberIds.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(invoiceMails()).toHaveLength(before + buyerMemberIds.length);
    // The job run again later the same day (a retried row, a second process): nothing more.
    now = at(day8, "15:00:00");
    expect((await run(now)).sent).toEqual([]);
    expect(invoiceMails()).toHaveLength(before + buyerMemberIds.length);
  });

  it("the invoice page lists the reminders sent, for the buyer and for the vendor, in their language", async () => {
    for (const [who, lang, words] of [
      [buyer, "ja", ["督促の履歴", "第1回 督促", "第2回 督促", "期日から1日経過"]],
      [vendor, "en", ["Payment reminders", "Reminder 1", "Reminder 2", "1 day(s) overdue"]],
    ] as const) {
      const cookies = new Cookies();
      expect((await postForm(h, "/login", { email: who.email, password: who.password }, cookies)).status).toBe(302);
      const res = await h.request(`/invoices/${ids.open}`, { cookies, headers: { "Accept-Language": lang } });
      expect(res.status).toBe(200);
      const html = (await res.text()).replace(/<!-- -->/g, "");
      for (const word of words) expect(html).toContain(word);
      // Each side's notice leads to the invoice.
      const notices = await (await h.request("/notifications", { cookies, headers: { "Accept-Language": lang } })).text();
      expect(notices).toContain(`href="/invoices/${ids.open}"`);
      // The paid invoice had none.
      const paid = (await (await h.request(`/invoices/${ids.paid}`, { cookies, headers: { "Accept-Language": lang } })).text()).replace(/<!-- -->/g, "");
      expect(paid).not.toContain(words[0]);
    }
  });

  it("stops once the invoice is paid", async () => {
    const open = await h.db.selectFrom("invoices").select(["total"]).where("id", "=", ids.open).executeTakeFirstOrThrow();
    h.clock.set(at(addCalendarDays(DUE, 10), "10:00:00"));
    mustSucceed(await recordReceipt(h.ctx, buyerActor, ids.open, { amount: Number(open.total), receivedOn: addCalendarDays(DUE, 9) }), "paid late");
    const day15 = nextBusinessDayFrom(addCalendarDays(DUE, firstDayOfStep(3)));
    expect((await run(at(day15, "09:00:00"))).sent).toEqual([]);
    expect(await reminderRows()).toHaveLength(2);
  });

  it("after an outage sends only the current step (not the missed ones), and nothing after the last step's week", async () => {
    // Milestone 4, accepted on the same day as the others (so due the same day), invoiced only now: the job "was
    // down" for all of steps 1–4. Day 35 (Thursday 2027-03-11) is the last day of step 5.
    const day35 = addCalendarDays(DUE, LAST_REMINDER_DAY);
    expect(day35).toBe("2027-03-11");
    h.clock.set(at(addCalendarDays(DUE, 30), "10:00:00"));
    mustSucceed(await acceptMilestone(h.ctx, buyerActor, contractId, 3, { acceptedOn: ISSUED_ON }), "accept 4");
    const late = mustSucceed(await issueMilestoneInvoice(h.ctx, vendorActor, contractId, 3, {}), "issue 4");
    expect((await h.db.selectFrom("invoices").select("due_date").where("id", "=", late.invoiceId).executeTakeFirstOrThrow()).due_date).toBe(DUE);
    const sent = (await run(at(day35, "00:10:00"))).sent;
    expect(sent.map((r) => [r.invoiceId, r.step, r.daysOverdue])).toEqual([[late.invoiceId, REMINDER_MAX_STEPS, LAST_REMINDER_DAY]]);
    expect((await run(at(addCalendarDays(day35, 1), "00:10:00"))).sent).toEqual([]);
    expect((await reminderRows()).filter((r) => r.invoice_id === late.invoiceId).map((r) => r.step)).toEqual([REMINDER_MAX_STEPS]);
  });
});
