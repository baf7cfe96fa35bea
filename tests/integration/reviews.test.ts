import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openItemsFor } from "../../db/queries/contract-reviews";
import { recordEvidence, type EvidenceFact } from "../../db/queries/evidence-events";
import { addCalendarDays } from "~/domain/calendar/japan-business-days";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import { periodContaining, reviewDueOn, type ReviewPeriod } from "~/domain/reviews/periods";
import { sendReviewReminders } from "~/services/review-reminders.server";
import { createAccount, createAcceptedAward, FACTORY_PASSWORD, type Account } from "../factories";
import { pdfPages } from "../support/pdf-text";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// Periodic reviews and verified ratings (issue 17 items 4 and 6; decision 0042) on real PostgreSQL through the API
// and the pages: the RAG status of a review comes from the contract's evidence_events (grey with none); the buyer
// shares, the vendor proposes and comments, the buyer finalizes and the review is frozen (service 409 and the
// database trigger); the PDF in ja and en names the KPIs and their statuses; reminders go out once; ratings only by
// the contract's buyer, once per contract year, one vendor reply; the profile never averages fewer than 3 ratings;
// another tenant gets 404 on every page and endpoint.

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let contractId: string;
let rfqId: string;
let content: ContractContent;
let month1: ReviewPeriod;
let month2: ReviewPeriod;
let month3: ReviewPeriod;

type Problem = { title: string; errors?: { path: string; message: string }[] };
type KpiRow = { key: string; period: { rag: string | null; met: boolean | null; actual: number | null }; toDate: { rag: string | null } };
type Detail = { review: { id: string; status: string; actions: { ownerName: string }[] }; table: KpiRow[] };

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const reviews = `/api/v1/contracts/`;
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];
const count = async (table: "contract_reviews" | "vendor_ratings" | "contract_review_comments") =>
  Number(
    (
      await h.db
        .selectFrom(table)
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
const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

// The facts come from the deliveries and measurements services in the product; those are built in parallel, so this
// test records them with recordEvidence directly — the same rows those services write, through the same function.
function fact(kpiKey: string, observedOn: string, f: { successes?: number; trials?: number; value?: number }): EvidenceFact {
  return {
    vendorOrgId: vendor.org.id,
    buyerOrgId: buyer.org.id,
    contractId,
    category: "test",
    kpiKey,
    observedOn,
    source: "measurement",
    sourceId: crypto.randomUUID(),
    ...f,
  };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "定例レビュー商事株式会社", name: "発注 太郎" });
  other = await createAccount(h.db, { kind: "buyer", org: "よその市役所" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "レビュー受注株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "別ベンダー株式会社" } });
  const award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "municipality",
  });
  rfqId = award.rfqId;
  const created = await api(buyer.token, `/api/v1/rfqs/${rfqId}/contract`, { method: "POST" });
  expect(created.status).toBe(201);
  contractId = ((await created.json()) as { id: string }).id;
  expect((await api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(200);
  const version = await h.db.selectFrom("contract_versions").select("content").where("contract_id", "=", contractId).executeTakeFirstOrThrow();
  content = version.content as ContractContent;
  month1 = periodContaining(content.term.from, "monthly", content.term)!;
  month2 = periodContaining(addCalendarDays(month1.end, 1), "monthly", content.term)!;
  month3 = periodContaining(addCalendarDays(month2.end, 1), "monthly", content.term)!;
  // Month 1: 99.00 % against 99.9 % on 10,000 entries (red); month 2: 99.99 % (green) and a lead time of 2.5 days
  // against at most 3 (met). Month 3 has no facts (grey).
  await recordEvidence(h.db, [
    fact("accuracy", month1.end, { successes: 9_900, trials: 10_000 }),
    fact("accuracy", month2.end, { successes: 9_999, trials: 10_000 }),
    fact("processing_lead_time_days", month2.end, { value: 2.5 }),
  ]);
  h.clock.set(`${addCalendarDays(month3.start, 3)}T10:00:00+09:00`);
});
afterAll(() => h?.close());

describe("periodic reviews", () => {
  let reviewId: string;

  it("is not found for another tenant or another vendor, on the API and the pages", async () => {
    for (const who of [other, otherVendor]) {
      expect((await api(who.token, `${reviews}${contractId}/reviews`)).status).toBe(404);
      expect((await api(who.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: month2.start } })).status).toBe(404);
      expect((await api(who.token, `${reviews}${contractId}/ratings`)).status).toBe(404);
      expect((await page(`/contracts/${contractId}/reviews`, await signIn(who.email))).status).toBe(404);
      expect((await page(`/contracts/${contractId}/rating`, await signIn(who.email))).status).toBe(404);
    }
    expect((await api(vendor.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: month2.start } })).status).toBe(403);
    expect(await count("contract_reviews")).toBe(0);
  });

  it("refuses a period outside the term or not begun, field by field in ja and en, writing nothing", async () => {
    const ja = await api(buyer.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: addCalendarDays(content.term.from, -1) } });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([{ path: "periodStart", message: "契約期間内の日付を選んでください。" }]);
    const en = await api(buyer.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: addCalendarDays(month3.end, 1) }, lang: "en" });
    expect(await errorsOf(en)).toEqual([{ path: "periodStart", message: "A period that has not begun cannot be reviewed yet." }]);
    const bad = await api(buyer.token, `${reviews}${contractId}/reviews`, {
      method: "POST",
      body: { periodStart: "2026/13/01", cadence: "weekly" },
      lang: "en",
    });
    expect((await errorsOf(bad)).map((e) => e.path).sort()).toEqual(["cadence", "periodStart"]);
    expect(await count("contract_reviews")).toBe(0);
  });

  it("shows the RAG status from the contract's facts: red, green, and grey with no trials", async () => {
    const ids: Record<string, string> = {};
    for (const [name, p] of [
      ["m1", month1],
      ["m2", month2],
      ["m3", month3],
    ] as const) {
      const res = await api(buyer.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: p.start, cadence: "monthly" } });
      expect(res.status).toBe(201);
      ids[name] = ((await res.json()) as { id: string }).id;
    }
    const again = await api(buyer.token, `${reviews}${contractId}/reviews`, { method: "POST", body: { periodStart: month2.end } });
    expect(await errorsOf(again)).toEqual([{ path: "periodStart", message: "この期間のレビューはすでにあります。" }]);
    const read = async (id: string) => (await (await api(buyer.token, `${reviews}${contractId}/reviews/${id}`)).json()) as Detail;
    const kpi = (d: Detail, key: string) => d.table.find((r) => r.key === key)!;
    expect(kpi(await read(ids.m1!), "accuracy").period.rag).toBe("red");
    const m2 = await read(ids.m2!);
    expect(kpi(m2, "accuracy").period).toMatchObject({ rag: "green", actual: 0.9999 });
    expect(kpi(m2, "accuracy").toDate.rag).toBe("red"); // 19,899 of 20,000 to date: 99.495 %
    expect(kpi(m2, "processing_lead_time_days").period).toMatchObject({ met: true, actual: 2.5, rag: null });
    const m3 = await read(ids.m3!);
    expect(kpi(m3, "accuracy").period).toMatchObject({ rag: "grey", actual: null });
    expect(kpi(m3, "processing_lead_time_days").period).toMatchObject({ met: null, actual: null });
    reviewId = ids.m2!;
    // A draft is the buyer's: the vendor does not see it yet.
    expect((await api(vendor.token, `${reviews}${contractId}/reviews/${reviewId}`)).status).toBe(404);
    const list = (await (await api(vendor.token, `${reviews}${contractId}/reviews`)).json()) as { reviews: unknown[] };
    expect(list.reviews).toEqual([]);
  });

  it("saves notes and actions owned by a member of either party, refusing an outsider as owner", async () => {
    const path = `${reviews}${contractId}/reviews/${reviewId}`;
    const outsider = await api(buyer.token, path, {
      method: "PATCH",
      body: { notes: "入力精度は回復。", actions: [{ description: "ダブルチェックの定着", ownerUserId: other.user.id, dueDate: month3.end }] },
    });
    expect(outsider.status).toBe(400);
    expect(await errorsOf(outsider)).toEqual([{ path: "actions.0.ownerUserId", message: "担当者は発注者かベンダーのメンバーから選んでください。" }]);
    const ok = await api(buyer.token, path, {
      method: "PATCH",
      body: { notes: "入力精度は回復。", actions: [{ description: "ダブルチェックの定着", ownerUserId: vendor.user.id, dueDate: month3.end }] },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Detail["review"]).actions.map((a) => a.ownerName)).toEqual([vendor.user.name]);
  });

  it("the vendor proposes and comments once shared; the buyer finalizes; then it is frozen", async () => {
    const path = `${reviews}${contractId}/reviews/${reviewId}`;
    expect((await api(vendor.token, `${path}/proposals`, { method: "PUT", body: { proposals: "x" } })).status).toBe(404);
    expect((await api(buyer.token, `${path}/finalize`, { method: "POST" })).status).toBe(409); // not shared yet
    expect((await api(vendor.token, `${path}/share`, { method: "POST" })).status).toBe(404); // a draft is not the vendor's to see
    expect((await api(buyer.token, `${path}/share`, { method: "POST" })).status).toBe(200);
    const notices = await h.db.selectFrom("notifications").select("kind").where("user_id", "=", vendor.user.id).where("kind", "=", "review.shared").execute();
    expect(notices).toHaveLength(1);
    expect(await openItemsFor(h.db, "vendor", vendor.org.id, "2099-01-01")).toEqual([{ contractId, kind: "review_comment", count: 1 }]);

    expect((await api(vendor.token, `${path}/proposals`, { method: "PUT", body: { proposals: "入力画面に検証ルールを追加します。" } })).status).toBe(200);
    const empty = await api(vendor.token, `${path}/comments`, { method: "POST", body: { body: "  " }, lang: "en" });
    expect(await errorsOf(empty)).toEqual([{ path: "body", message: "Write a comment." }]);
    expect((await api(vendor.token, `${path}/comments`, { method: "POST", body: { body: "月初の繁忙期に人員を追加しました。" } })).status).toBe(201);
    expect(await openItemsFor(h.db, "vendor", vendor.org.id)).toEqual([]);
    expect((await api(vendor.token, `${path}/finalize`, { method: "POST" })).status).toBe(403);
    expect((await api(buyer.token, `${path}/pdf`)).status).toBe(409);

    const done = await api(buyer.token, `${path}/finalize`, { method: "POST" });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { status: string }).status).toBe("finalized");
    // A fact recorded later does not rewrite the agreed table.
    await recordEvidence(h.db, [fact("accuracy", month2.end, { successes: 0, trials: 10_000 })]);
    const frozen = (await (await api(vendor.token, path)).json()) as Detail;
    expect(frozen.table.find((r) => r.key === "accuracy")!.period.rag).toBe("green");

    const comments = await count("contract_review_comments");
    expect((await api(buyer.token, path, { method: "PATCH", body: { notes: "後から変更" } })).status).toBe(409);
    expect((await api(vendor.token, `${path}/comments`, { method: "POST", body: { body: "追記" } })).status).toBe(409);
    expect(await count("contract_review_comments")).toBe(comments);
    await expect(h.db.updateTable("contract_reviews").set({ notes: "改ざん" }).where("id", "=", reviewId).execute()).rejects.toThrow(/finalized review/);
    await expect(h.db.deleteFrom("contract_reviews").where("id", "=", reviewId).execute()).rejects.toThrow(/finalized review/);
    await expect(
      h.db
        .insertInto("contract_review_comments")
        .values({ review_id: reviewId, side: "buyer", author_user_id: buyer.user.id, body: "x", created_at: new Date() })
        .execute(),
    ).rejects.toThrow(/finalized/);
  });

  it("prints the finalized review as a PDF in ja and en with the KPI names and statuses, the same bytes each time", async () => {
    const path = `${reviews}${contractId}/reviews/${reviewId}/pdf`;
    const ja = await api(buyer.token, path);
    expect(ja.status).toBe(200);
    expect(ja.headers.get("Content-Type")).toContain("application/pdf");
    const jaBytes = new Uint8Array(await ja.arrayBuffer());
    const jaText = (await pdfPages(jaBytes)).join(" ");
    for (const s of [
      "定例レビュー報告書",
      "処理の正確性",
      "処理リードタイム",
      "緑（達成）",
      "達成",
      "入力画面に検証ルールを追加します。",
      "ダブルチェックの定着",
      vendor.user.name,
    ])
      expect(jaText).toContain(s);
    const en = await api(vendor.token, `${path}?lang=en`);
    const enText = (await pdfPages(new Uint8Array(await en.arrayBuffer()))).join(" ");
    for (const s of ["Periodic review report", "Accuracy", "Lead time", "Green (met)", "Met"]) expect(enText).toContain(s);
    const again = await api(vendor.token, path);
    expect(again.headers.get("X-Content-SHA256")).toBe(ja.headers.get("X-Content-SHA256"));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(jaBytes);
    expect((await api(other.token, path)).status).toBe(404);
  });

  it("renders the review page with the RAG words, the trend charts with their tables, for both parties only", async () => {
    const html = await (await page(`/contracts/${contractId}/reviews/${reviewId}`, await signIn(buyer.email))).text();
    expect(html).toContain('data-testid="kpi-table"');
    expect(html).toContain("緑（達成）");
    expect(html).toContain('data-testid="kpi-trend-chart"');
    expect(html).toMatch(/<caption>KPIの推移: 処理の正確性<\/caption>/);
    expect(html).toContain('data-rag="red"'); // month 1's point
    const en = await (await page(`/contracts/${contractId}/reviews`, await signIn(vendor.email), "en")).text();
    expect(en).toContain("Finalized");
    expect(en).not.toContain("Draft"); // the other reviews are still the buyer's drafts
    expect((await page(`/contracts/${contractId}/reviews/${reviewId}`, await signIn(other.email))).status).toBe(404);
    expect((await page(`/contracts/${contractId}/reviews/${reviewId}/pdf`, await signIn(otherVendor.email))).status).toBe(404);
  });

  it("comments through the page form; an empty comment comes back with its field message", async () => {
    const cookies = await signIn(buyer.email);
    const list = await h.db
      .selectFrom("contract_reviews")
      .select(["id", "status"])
      .where("contract_id", "=", contractId)
      .where("status", "=", "draft")
      .execute();
    const res = await postForm(h, `/contracts/${contractId}/reviews/${list[0]!.id}`, { intent: "comment", body: "社内確認中" }, cookies);
    expect(res.status).toBe(302);
    const refused = await postForm(h, `/contracts/${contractId}/reviews/${list[0]!.id}`, { intent: "comment", body: "" }, cookies, { "Accept-Language": "en" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Write a comment.");
  });
});

describe("review reminders", () => {
  it("reminds the buyer once after the 10th business day of the next period, and the vendor of a review awaiting its comment", async () => {
    // Month 3 ends; month 4's 10th business day (municipal calendar) passes with month 3 not finalized.
    const month4 = periodContaining(addCalendarDays(month3.end, 1), "monthly", content.term)!;
    const due = reviewDueOn(month3, "municipality");
    expect(due > month4.start).toBe(true);
    const before = await sendReviewReminders({ db: h.db, mailer: h.mailer, env: h.ctx.env }, new Date(`${due}T12:00:00+09:00`));
    expect(before.sent.filter((s) => s.kind === "review_due")).toEqual([]);
    // Month 1's review is shared and awaits the vendor's comment.
    const m1 = await h.db
      .selectFrom("contract_reviews")
      .select("id")
      .where("contract_id", "=", contractId)
      .where("period_start", "=", month1.start)
      .executeTakeFirstOrThrow();
    expect((await api(buyer.token, `${reviews}${contractId}/reviews/${m1.id}/share`, { method: "POST" })).status).toBe(200);
    const members = async (orgId: string) => (await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", orgId).execute()).length;
    const after = new Date(`${addCalendarDays(due, 1)}T00:10:00+09:00`);
    const mailsBefore = h.mailer.sent().length;
    const first = await sendReviewReminders({ db: h.db, mailer: h.mailer, env: h.ctx.env }, after);
    expect(first.sent).toEqual([
      { kind: "review_due", contractId, periodStart: month3.start, mails: await members(buyer.org.id) },
      { kind: "review_comment", contractId, periodStart: month1.start, mails: await members(vendor.org.id) },
    ]);
    const mails = h.mailer.sent().slice(mailsBefore);
    expect(mails.find((m) => m.to === buyer.email)?.subject).toContain("定例レビューの確定期限を過ぎています");
    expect(mails.find((m) => m.to === vendor.email)?.subject).toContain("定例レビューへのコメントをお願いします");
    expect((await sendReviewReminders({ db: h.db, mailer: h.mailer, env: h.ctx.env }, after)).sent).toEqual([]);
    const notices = await h.db.selectFrom("notifications").select("kind").where("user_id", "=", buyer.user.id).where("kind", "=", "review.due").execute();
    expect(notices).toHaveLength(1);
    const buyerItems = await openItemsFor(h.db, "buyer", buyer.org.id, addCalendarDays(due, 1));
    // Months 1 and 3 ended without a finalized review (month 2 is finalized).
    expect(buyerItems).toEqual([{ contractId, kind: "review_due", count: 2 }]);
  });
});

describe("verified ratings", () => {
  const rating = { quality: 4, schedule: 5, cost: 3, communication: 4, wouldHireAgain: 9, comment: "丁寧な対応でした。" };
  let ratingId: string;

  it("waits for the end of the term (or a whole contract year)", async () => {
    const res = await api(buyer.token, `${reviews}${contractId}/ratings`, { method: "POST", body: rating });
    expect(res.status).toBe(409);
    expect(await count("vendor_ratings")).toBe(0);
  });

  it("only the contract's buyer rates, once per contract year, with field errors in ja and en", async () => {
    h.clock.set(`${addCalendarDays(content.term.to, 2)}T10:00:00+09:00`);
    expect(await openItemsFor(h.db, "buyer", buyer.org.id, addCalendarDays(content.term.to, 2))).toContainEqual({ contractId, kind: "rating_due", count: 1 });
    expect((await api(other.token, `${reviews}${contractId}/ratings`, { method: "POST", body: rating })).status).toBe(404);
    expect((await api(vendor.token, `${reviews}${contractId}/ratings`, { method: "POST", body: rating })).status).toBe(403);
    const bad = await api(buyer.token, `${reviews}${contractId}/ratings`, { method: "POST", body: { ...rating, quality: 6, wouldHireAgain: 11 }, lang: "en" });
    expect(bad.status).toBe(400);
    expect(await errorsOf(bad)).toEqual([
      { path: "quality", message: "Choose a whole number from 1 to 5." },
      { path: "wouldHireAgain", message: "Choose a whole number from 0 to 10." },
    ]);
    expect(await count("vendor_ratings")).toBe(0);
    const ok = await api(buyer.token, `${reviews}${contractId}/ratings`, { method: "POST", body: rating });
    expect(ok.status).toBe(201);
    ratingId = ((await ok.json()) as { id: string }).id;
    expect((await api(buyer.token, `${reviews}${contractId}/ratings`, { method: "POST", body: rating })).status).toBe(409);
    expect(await openItemsFor(h.db, "buyer", buyer.org.id, addCalendarDays(content.term.to, 2))).not.toContainEqual(
      expect.objectContaining({ kind: "rating_due" }),
    );
  });

  it("the vendor replies once", async () => {
    const path = `${reviews}${contractId}/ratings/${ratingId}/reply`;
    expect((await api(buyer.token, path, { method: "POST", body: { reply: "x" } })).status).toBe(403);
    expect((await api(otherVendor.token, path, { method: "POST", body: { reply: "x" } })).status).toBe(404);
    expect((await api(vendor.token, path, { method: "POST", body: { reply: "ありがとうございました。" } })).status).toBe(201);
    expect((await api(vendor.token, path, { method: "POST", body: { reply: "もう一度" } })).status).toBe(409);
    await expect(h.db.updateTable("vendor_ratings").set({ quality: 5 }).where("id", "=", ratingId).execute()).rejects.toThrow(/never changed/);
  });

  it("the profile shows the count and distribution, the rater's kind only, and no average under 3 ratings", async () => {
    const body = (await (await api(other.token, `/api/v1/vendors/${vendor.org.id}/ratings`)).json()) as {
      summary: { count: number; averages: unknown; distribution: { quality: number[] }; nps: { promoters: number; score: number | null } };
      ratings: Record<string, unknown>[];
    };
    expect(body.summary).toMatchObject({ count: 1, averages: null, distribution: { quality: [0, 0, 0, 1, 0] }, nps: { promoters: 1, score: null } });
    expect(body.ratings[0]).toMatchObject({ buyerKind: "municipality", reply: "ありがとうございました。" });
    expect(JSON.stringify(body)).not.toContain(buyer.org.name);
    const html = await (await page(`/vendors/${vendor.org.id}`, await signIn(other.email))).text();
    expect(html).toContain("評価が3件未満のため平均は表示しません");
    expect(html).toContain("検証済みの契約に基づく評価");
    expect(html).toContain("自治体");
    expect(html).not.toContain('data-testid="average-quality"');
    expect(html).not.toContain("定例レビュー商事株式会社");
  });
});
