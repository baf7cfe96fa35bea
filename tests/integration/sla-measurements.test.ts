import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays, addCalendarDays } from "~/domain/calendar/japan-business-days";
import { addMonths, lastDayOf, periodOf } from "~/domain/measurements/period";
import { nthBusinessDayOf } from "~/domain/measurements/reminders";
import { sendMeasurementReminders } from "~/services/measurement-reminders.server";
import { openItemsFor } from "../../db/queries/sla-measurements";
import { enterAndConfirmMonth } from "~/services/sla-measurements.server";
import { actorFor, createAccount, createAcceptedAward, type AcceptedAward, type Account } from "../factories";
import { FACTORY_PASSWORD } from "../factories/accounts";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// SLA measurements (issue 17 item 2; decision 0040) on real PostgreSQL through the API, the page and the service:
// the vendor enters, the buyer confirms — exactly one evidence fact and a `vendor` outbox row, in that transaction;
// a dispute writes none; a reply and a correction, then confirmation, record the corrected figures with the earlier
// ones kept in the history; a CSV with one bad row writes nothing and names the row in the caller's language;
// another tenant gets 404 on the page and the API; the vendor cannot confirm, the buyer cannot enter.

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let award: AcceptedAward;
let contractId: string;
let term: { from: string; to: string };
let first: string; // the term's first month
let second: string;

type Problem = { title: string; errors?: { path: string; message: string }[] };
type Measurement = {
  id: string;
  period: string;
  kpiKey: string;
  status: string;
  successes: number | null;
  trials: number | null;
  value: number | null;
  revision: number;
  history: { kind: string; successes: number | null; trials: number | null; body: string | null; side: string }[];
};
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const base = () => `/api/v1/contracts/${contractId}/measurements`;
const enter = (token: string, body: unknown, lang = "ja") => api(token, base(), { method: "POST", body, lang });
const decide = (token: string, id: string, body: unknown, lang = "ja") => api(token, `/api/v1/measurements/${id}/confirmation`, { method: "POST", body, lang });
const importCsv = (token: string, csv: string, lang = "ja", contentType = "text/csv; charset=utf-8") =>
  h.request(`${base()}/import`, {
    method: "POST",
    body: csv,
    headers: { Authorization: `Bearer ${token}`, "Accept-Language": lang, "Content-Type": contentType },
  });
const list = async (token: string) => ((await (await api(token, base())).json()) as { measurements: Measurement[] }).measurements;
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];
const facts = (sourceId?: string) => {
  let q = h.db.selectFrom("evidence_events").selectAll().where("source", "=", "measurement");
  if (sourceId) q = q.where("source_id", "=", sourceId);
  return q.execute();
};
const vendorOutbox = async () =>
  Number(
    (
      await h.db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("topic", "=", "vendor")
        .where("entity_id", "=", vendor.org.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const rows = async () =>
  Number(
    (
      await h.db
        .selectFrom("sla_measurements")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  cookies.absorb(res);
  return cookies;
}
const page = (cookies: Cookies, lang = "ja", id = contractId) =>
  h.request(`/contracts/${id}/measurements`, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "実績確認商事株式会社" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント工業" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "実績入力サービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "他社ベンダー株式会社" } });
  award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  const created = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
  expect(created.status).toBe(201);
  contractId = ((await created.json()) as { id: string }).id;
  const contract = (await (await api(buyer.token, `/api/v1/contracts/${contractId}`)).json()) as { content: { term: { from: string; to: string } } };
  term = contract.content.term;
  first = periodOf(term.from);
  // Two months and a few days into the term: the first month and the next have ended.
  h.clock.set(`${addCalendarDays(lastDayOf(first), 40)}T10:00:00+09:00`);
  second = periodOf(addCalendarDays(lastDayOf(first), 1));
});
afterAll(() => h?.close());

describe("before activation", () => {
  it("refuses entries on a draft contract", async () => {
    const res = await enter(vendor.token, { period: first, kpiKey: "accuracy", successes: 1, trials: 1 });
    expect(res.status).toBe(409);
    expect(await rows()).toBe(0);
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(200);
  });
});

describe("the contract's SLA", () => {
  it("has a rate KPI and a non-rate KPI from the quote's commitments", async () => {
    const body = (await (await api(vendor.token, base())).json()) as { sla: { key: string; unit: string; target: number }[] };
    expect(body.sla).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "accuracy", unit: "rate", target: 0.999 }),
        expect.objectContaining({ key: "processing_lead_time_days" }),
      ]),
    );
    expect(body.sla.find((k) => k.key === "processing_lead_time_days")?.unit).not.toBe("rate");
  });
});

describe("tenancy and sides", () => {
  it("answers 404 to another tenant on the page, the API and the template; 403 to the wrong party", async () => {
    for (const token of [other.token, otherVendor.token]) {
      expect((await api(token, base())).status).toBe(404);
      expect((await enter(token, { period: first, kpiKey: "accuracy", successes: 1, trials: 1 })).status).toBe(404);
      expect((await api(token, `${base()}/template.csv`)).status).toBe(404);
      expect((await importCsv(token, "period,kpi_key,successes,trials\n")).status).toBe(404);
    }
    expect((await page(await signIn(other.email))).status).toBe(404);
    expect((await page(await signIn(otherVendor.email))).status).toBe(404);
    // The buyer cannot enter.
    expect((await enter(buyer.token, { period: first, kpiKey: "accuracy", successes: 1, trials: 1 })).status).toBe(403);
    expect((await importCsv(buyer.token, `period,kpi_key,successes,trials\n${first},accuracy,1,1\n`)).status).toBe(403);
    expect(await rows()).toBe(0);
  });

  it("the vendor cannot confirm, another tenant gets 404 for the measurement", async () => {
    const res = await enter(vendor.token, { period: first, kpiKey: "processing_lead_time_days", value: "2.5", note: "平均" });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await decide(vendor.token, id, { decision: "confirm" })).status).toBe(403);
    expect((await decide(other.token, id, { decision: "confirm" })).status).toBe(404);
    expect((await api(otherVendor.token, `/api/v1/measurements/${id}/reply`, { method: "POST", body: { body: "x" } })).status).toBe(404);
    expect(await facts()).toHaveLength(0);
  });
});

describe("enter → confirm", () => {
  it("refuses bad figures field by field in ja and en, writing nothing", async () => {
    const before = await rows();
    const ja = await enter(vendor.token, { period: first, kpiKey: "accuracy", successes: 11, trials: 0 });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([{ path: "trials", message: "対象件数は1以上の整数で入力してください。" }]);
    const en = await enter(vendor.token, { period: "2099-01", kpiKey: "accuracy", successes: 11, trials: 10 }, "en");
    expect(await errorsOf(en)).toEqual([
      { path: "period", message: "The month is outside the contract's term." },
      { path: "successes", message: "Successes cannot exceed trials." },
    ]);
    const future = await enter(vendor.token, {
      period: periodOf(addCalendarDays(h.clock.now().toISOString().slice(0, 10), 40)),
      kpiKey: "accuracy",
      successes: 1,
      trials: 1,
    });
    expect((await errorsOf(future))[0]?.message).toBe("まだ始まっていない月の実績は入力できません。");
    expect(await rows()).toBe(before);
  });

  it("confirming writes exactly one fact (the counts, the period's last day, the category) and one vendor outbox row", async () => {
    const res = await enter(vendor.token, { period: first, kpiKey: "accuracy", successes: "9,990", trials: 10000 });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const outboxBefore = await vendorOutbox();
    const confirmed = await decide(buyer.token, id, { decision: "confirm" });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ id, status: "confirmed" });
    const recorded = await facts(id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      vendor_org_id: vendor.org.id,
      buyer_org_id: buyer.org.id,
      contract_id: contractId,
      kpi_key: "accuracy",
      successes: 9990,
      trials: 10000,
      value: null,
    });
    expect(recorded[0]!.category).toBeTruthy();
    const observed = await h.db
      .selectFrom("evidence_events")
      .select((eb) => eb.fn<string>("to_char", [eb.ref("observed_on"), eb.val("YYYY-MM-DD")]).as("d"))
      .where("source_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(observed.d).toBe(lastDayOf(first));
    expect(await vendorOutbox()).toBe(outboxBefore + 1);
    // The vendors index follows through the outbox without failing on the new fact.
    await h.index();
    // Final: no second confirmation, no dispute, no correction.
    expect((await decide(buyer.token, id, { decision: "confirm" })).status).toBe(409);
    expect((await decide(buyer.token, id, { decision: "dispute", reason: "やはり" })).status).toBe(409);
    const again = await enter(vendor.token, { period: first, kpiKey: "accuracy", successes: 1, trials: 1 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).title).toBe("確認済みの実績は確定しており、訂正・異議はできません。");
    expect(await facts(id)).toHaveLength(1);
    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", contractId).where("action", "like", "measurement.%").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["measurement.enter", "measurement.confirm"]));
  });

  it("a non-rate KPI's value is recorded as a value", async () => {
    const [m] = (await list(buyer.token)).filter((x) => x.kpiKey === "processing_lead_time_days" && x.period === first);
    expect((await decide(buyer.token, m!.id, { decision: "confirm" })).status).toBe(200);
    expect(await facts(m!.id)).toEqual([expect.objectContaining({ successes: null, trials: null, value: "2.5" })]);
  });
});

describe("dispute → reply and correction → confirm", () => {
  it("a dispute needs a reason and records nothing; the vendor replies, corrects, and the buyer confirms the corrected figures", async () => {
    const res = await enter(vendor.token, { period: second, kpiKey: "accuracy", successes: 990, trials: 1000 });
    const { id } = (await res.json()) as { id: string };
    const noReason = await decide(buyer.token, id, { decision: "dispute" }, "en");
    expect(noReason.status).toBe(400);
    expect(await errorsOf(noReason)).toEqual([{ path: "reason", message: "Give a reason for the dispute." }]);
    const outboxBefore = await vendorOutbox();
    expect((await decide(buyer.token, id, { decision: "dispute", reason: "当社集計では 985 件です。" })).status).toBe(200);
    expect(await facts(id)).toHaveLength(0);
    expect(await vendorOutbox()).toBe(outboxBefore);

    // The buyer cannot reply; the vendor can, and only to a dispute.
    expect((await api(buyer.token, `/api/v1/measurements/${id}/reply`, { method: "POST", body: { body: "x" } })).status).toBe(403);
    expect((await api(vendor.token, `/api/v1/measurements/${id}/reply`, { method: "POST", body: { body: "再集計します。" } })).status).toBe(201);
    const corrected = await enter(vendor.token, { period: second, kpiKey: "accuracy", successes: 985, trials: 1000, note: "再集計" });
    expect(corrected.status).toBe(201);
    expect(await corrected.json()).toMatchObject({ id, revision: 2, status: "pending" });
    expect((await api(vendor.token, `/api/v1/measurements/${id}/reply`, { method: "POST", body: { body: "x" } })).status).toBe(409);

    const told = await h.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "payload"])
      .where("kind", "like", "measurement.%")
      .orderBy("created_at")
      .execute();
    // The dispute to the vendor's members; the reply to every member of the buyer organisation (its approvers too).
    expect(told.filter((n) => n.kind === "measurement.disputed").map((n) => n.user_id)).toEqual([vendor.user.id]);
    const replied = told.filter((n) => n.kind === "measurement.replied").map((n) => n.user_id);
    expect(replied).toContain(buyer.user.id);
    expect(replied).not.toContain(vendor.user.id);
    expect(told[0]!.payload).toMatchObject({ href: `/contracts/${contractId}/measurements`, reason: "当社集計では 985 件です。" });

    expect((await decide(buyer.token, id, { decision: "confirm" })).status).toBe(200);
    expect(await facts(id)).toEqual([expect.objectContaining({ successes: 985, trials: 1000 })]);
    const m = (await list(vendor.token)).find((x) => x.id === id)!;
    expect(m).toMatchObject({ status: "confirmed", revision: 2, successes: 985 });
    expect(m.history.map((e) => [e.kind, e.side, e.successes, e.body])).toEqual([
      ["entered", "vendor", 990, null],
      ["disputed", "buyer", null, "当社集計では 985 件です。"],
      ["replied", "vendor", null, "再集計します。"],
      ["corrected", "vendor", 985, null],
      ["confirmed", "buyer", null, null],
    ]);
  });
});

describe("CSV import", () => {
  it("serves the template with a BOM, the header and the KPIs' keys and labels", async () => {
    const res = await api(vendor.token, `${base()}/template.csv`, { lang: "en" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("period,kpi_key,kpi_label,successes,trials,value,note\r\n");
    expect(text).toMatch(/\r\n\d{4}-\d{2},accuracy,/);
  });

  it("writes nothing when one row is wrong, and names it in the caller's language", async () => {
    const third = periodOf(addCalendarDays(lastDayOf(second), 1));
    const csv = `\uFEFFperiod,kpi_key,successes,trials,value,note\r\n${third},accuracy,95,100,,\r\n${third},processing_lead_time_days,3,0,,\r\n`;
    const before = await rows();
    const ja = await importCsv(vendor.token, csv);
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([
      { path: "rows.3.value", message: expect.stringMatching(/^3行目: value は/) },
      { path: "rows.3.successes", message: "3行目: このKPIには successes / trials ではなく value を入力してください。" },
    ]);
    const en = await importCsv(vendor.token, csv.replace(",3,0,,", ",,,2,").replace("95,100", "95,0"), "en");
    expect(await errorsOf(en)).toEqual([{ path: "rows.2.trials", message: "Row 2: trials must be a whole number, 1 or more." }]);
    // A confirmed month in the file refuses the whole file too.
    const confirmedRow = await importCsv(vendor.token, `period,kpi_key,successes,trials\n${third},accuracy,1,2\n${first},accuracy,1,2\n`);
    expect(await errorsOf(confirmedRow)).toEqual([{ path: "rows.3.period", message: "3行目: この月のこのKPIは確認済みのため訂正できません。" }]);
    expect(await rows()).toBe(before);
    expect((await importCsv(vendor.token, "period,kpi_key\n", "ja", "application/json")).status).toBe(415);
    const huge = await importCsv(vendor.token, `period,kpi_key,note\n${third},accuracy,${"x".repeat(600 * 1024)}\n`);
    expect(huge.status).toBe(413);
    const large = await importCsv(vendor.token, `period,kpi_key,note\n${third},accuracy,${"x".repeat(300 * 1024)}\n`, "en");
    expect(await errorsOf(large)).toEqual([{ path: "file", message: "The CSV may be 256 KB at most." }]);
  });

  it("imports every row of a good file in one go", async () => {
    const third = periodOf(addCalendarDays(lastDayOf(second), 1));
    const before = await rows();
    const res = await importCsv(
      vendor.token,
      `kpi_key,period,successes,trials,value,note\naccuracy,${third},"9,995","10,000",,"速報, 月次"\nprocessing_lead_time_days,${third},,,3,\n`,
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ok: true, imported: 2, changed: 2 });
    expect(await rows()).toBe(before + 2);
  });
});

describe("CSV import on the page", () => {
  it("lists every wrong row under the file field and writes nothing; no file is a field error", async () => {
    const cookies = await signIn(vendor.email);
    const html = await (await h.request("/", { cookies })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const upload = (csv: string, lang = "ja") => {
      const form = new FormData();
      form.set("csrf", csrf);
      form.set("intent", "import");
      form.set("file", new Blob([csv], { type: "text/csv" }), "sla.csv");
      return h.request(`/contracts/${contractId}/measurements`, {
        method: "POST",
        body: form,
        cookies,
        redirect: "manual",
        headers: { "Accept-Language": lang },
      });
    };
    const before = await rows();
    const bad = await upload(`period,kpi_key,successes,trials\n${second},accuracy,1,2\n2026-13,accuracy,1,2\n${second},uptime,1,0\n`);
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("3行目: period は YYYY-MM の形式で入力してください。");
    expect(text).toContain("4行目: kpi_key がこの契約のKPIではありません。");
    expect(await rows()).toBe(before);
    const empty = await upload("", "en");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Choose a CSV file (.csv).");
  });
});

describe("bulk confirmation, to-dos and the seed's path", () => {
  it("lists the open items of each side", async () => {
    const today = h.clock.now().toISOString().slice(0, 10);
    const buyerItems = await openItemsFor(h.db, "buyer", buyer.org.id, today);
    expect(buyerItems).toEqual([{ contractId, kind: "measurement_pending", count: 2 }]);
    // Last month (the second period) has a confirmed accuracy but no lead time.
    const vendorItems = await openItemsFor(h.db, "vendor", vendor.org.id, today);
    expect(vendorItems).toEqual([{ contractId, kind: "measurement_missing", count: 1 }]);
    expect(await openItemsFor(h.db, "buyer", other.org.id, today)).toEqual([]);
  });

  it("the buyer confirms several on the page at once; the page shows each status", async () => {
    const cookies = await signIn(buyer.email);
    const html = await (await page(cookies)).text();
    expect(html).toContain("SLA実績");
    expect(html).toContain("確認待ち");
    expect(html).toContain("確認済み");
    expect(html).toContain("未入力");
    // Months and units in words: 2026年12月, 99.9% 以上, 2.5日 (9,990 / 10,000 as a percentage with its counts).
    expect(html).toContain(`${first.slice(0, 4)}年${Number(first.slice(5))}月`);
    expect(html).toContain("99.9% 以上");
    expect(html).toContain("2.5日");
    expect(html).toContain("99.9%（9,990 / 10,000件）");
    const pending = (await list(buyer.token)).filter((m) => m.status === "pending").map((m) => m.id);
    expect(pending).toHaveLength(2);
    const res = await postForm(h, `/contracts/${contractId}/measurements`, { intent: "confirmMany", ids: pending }, cookies);
    expect(res.status).toBe(302);
    for (const id of pending) expect(await facts(id)).toHaveLength(1);
    const en = await (await page(cookies, "en")).text();
    expect(en).toContain("Confirmed");
    expect(en).toContain("2.5 days");
    expect(en).toContain("at least 99.9%");
  });

  it("the vendor's page form answers field by field; the buyer cannot enter through the page", async () => {
    const cookies = await signIn(vendor.email);
    const res = await postForm(
      h,
      `/contracts/${contractId}/measurements`,
      { intent: "enter", period: second, kpiKey: "processing_lead_time_days", value: "-1" },
      cookies,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("値はこのKPIの単位で取り得る数値");
    const ok = await postForm(
      h,
      `/contracts/${contractId}/measurements`,
      { intent: "enter", period: second, kpiKey: "processing_lead_time_days", value: "4" },
      cookies,
    );
    expect(ok.status).toBe(302);
    const buyerCookies = await signIn(buyer.email);
    const refused = await postForm(
      h,
      `/contracts/${contractId}/measurements`,
      { intent: "enter", period: second, kpiKey: "accuracy", successes: "1", trials: "1" },
      buyerCookies,
    );
    expect(refused.status).toBe(403);
  });

  it("the demo seed's function enters and confirms a month at a past clock", async () => {
    const savedNow = h.clock.now();
    // A clock in the past (the second month's first days): periods are judged by it, not by the wall clock.
    h.clock.set(`${addCalendarDays(lastDayOf(first), 2)}T10:00:00+09:00`);
    const vendorActor = await actorFor(h.db, vendor.email);
    const buyerActor = await actorFor(h.db, buyer.email);
    const third = periodOf(addCalendarDays(lastDayOf(second), 1));
    // At this clock the third month has not begun: refused, although by the wall clock it has.
    const early = await enterAndConfirmMonth(h.ctx, {
      vendor: vendorActor,
      buyer: buyerActor,
      contractId,
      period: third,
      figures: [{ kpiKey: "accuracy", successes: 1, trials: 1 }],
    });
    expect(early.ok).toBe(false);
    h.clock.set(savedNow);
    const done = await enterAndConfirmMonth(h.ctx, {
      vendor: vendorActor,
      buyer: buyerActor,
      contractId,
      period: second,
      figures: [{ kpiKey: "processing_lead_time_days", value: 4 }],
    });
    expect(done.ok).toBe(true);
    expect(await facts(done.ok ? done.ids[0] : "")).toHaveLength(1);
  });
});

describe("reminders (the daily job's work)", () => {
  const run = () => sendMeasurementReminders({ db: h.db, mailer: h.mailer, env: h.ctx.env }, h.clock.now());
  const ours = (sent: { contractId: string; period: string; kind: string }[]) =>
    sent.filter((s) => s.contractId === contractId).map((s) => `${s.kind} ${s.period}`);

  it("reminds the vendor once, from the 5th business day, of last month's missing measurements", async () => {
    const third = periodOf(addCalendarDays(lastDayOf(second), 1));
    const fourth = addMonths(third, 1);
    const fifth = addMonths(third, 2);
    const reminderDay = nthBusinessDayOf(fifth, 5);
    h.clock.set(`${addCalendarDays(reminderDay, -1)}T10:00:00+09:00`);
    expect(ours((await run()).sent)).toEqual([]);
    h.clock.set(`${reminderDay}T10:00:00+09:00`);
    const mailsBefore = h.mailer.sent().length;
    expect(ours((await run()).sent)).toEqual([`missing ${fourth}`]);
    const mail = h.mailer
      .sent()
      .slice(mailsBefore)
      .find((m) => m.to === vendor.email);
    expect(mail?.subject).toContain(`${fourth}のSLA実績の入力のお願い`);
    expect(mail?.text).toContain(`/contracts/${contractId}/measurements`);
    const notices = await h.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", vendor.user.id)
      .where("kind", "=", "measurement.missing")
      .execute();
    expect(notices).toHaveLength(1);
    // Once: the same day again, or the next, sends nothing.
    expect(ours((await run()).sent)).toEqual([]);
    h.clock.set(`${addCalendarDays(reminderDay, 1)}T10:00:00+09:00`);
    expect(ours((await run()).sent)).toEqual([]);
  });

  it("reminds the buyer once when measurements have awaited confirmation for 5 business days", async () => {
    const fourth = addMonths(periodOf(addCalendarDays(lastDayOf(second), 1)), 1);
    const submitted = h.clock.now().toISOString().slice(0, 10);
    expect((await enter(vendor.token, { period: fourth, kpiKey: "accuracy", successes: 99, trials: 100 })).status).toBe(201);
    h.clock.set(`${addBusinessDays(submitted, 4)}T23:00:00+09:00`);
    expect(ours((await run()).sent)).toEqual([]);
    h.clock.set(`${addBusinessDays(submitted, 5)}T09:00:00+09:00`);
    const mailsBefore = h.mailer.sent().length;
    expect(ours((await run()).sent)).toEqual([`pending ${fourth}`]);
    expect(
      h.mailer
        .sent()
        .slice(mailsBefore)
        .map((m) => m.to),
    ).toContain(buyer.email);
    expect(ours((await run()).sent)).toEqual([]);
    const audits = await h.db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "measurement.reminder")
      .where("entity_id", "=", contractId)
      .execute();
    expect(audits).toHaveLength(2);
  });
});
