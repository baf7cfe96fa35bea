import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, rfqInput, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Issue 14, items 8–11 (second half), through the pages and the API as buyers and vendors meet them:
//  8  relaxing a required certification needs a reason, and the evaluation table shows the gate as it now is;
//  9  a catalog draft gets a TCO scale proposed from the budget, and problems name fields in words;
// 10  impossible values are warned at the step (saved anyway) and block publishing;
// 11  vendors see each addendum's summary and changed fields, never a change to what they may not read.

let h: Harness;
let buyer: Account;
let vendor: Account;
const buyerCookies = new Cookies();
const vendorCookies = new Cookies();

const page = async (path: string, cookies: Cookies, lang = "ja") => {
  const res = await h.request(path, { cookies, headers: { "Accept-Language": lang } });
  expect(res.status, path).toBe(200);
  return res.text();
};
const api = (path: string, token: string, init: { method?: string; body?: unknown; lang?: string } = {}) =>
  h.request(path, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Accept-Language": init.lang ?? "ja" },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
/** Text as a reader sees it: tags dropped, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");

async function newCatalogDraft(title: string): Promise<string> {
  const res = await postForm(h, "/rfqs/new", { title, category: "hr_payroll", phase: "launch", dataSensitivity: "personal" }, buyerCookies);
  expect(res.status).toBe(302);
  return /\/rfqs\/([0-9a-f-]{36})\//.exec(res.headers.get("Location") ?? "")![1];
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "作成確認市" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "履歴確認ベンダー株式会社", categories: ["municipal"] } });
  expect((await postForm(h, "/login", { email: buyer.email, password: buyer.password }, buyerCookies)).status).toBe(302);
  expect((await postForm(h, "/login", { email: vendor.email, password: vendor.password }, vendorCookies)).status).toBe(302);
});
afterAll(() => h?.close());

describe("item 9: a draft from the catalog and field names in words", () => {
  it("names the TCO scale in words, then proposes it from the budget and says so on the step", async () => {
    const id = await newCatalogDraft("給与計算の委託（提案値）");
    for (const [lang, words] of [
      ["ja", "評価基準1「総保有コスト（TCO・税抜）」の目標スケール"],
      ["en", "Criterion 1 “Total cost of ownership (TCO, excl. tax)”: target scale"],
    ] as const) {
      const review = visible(await page(`/rfqs/${id}/review`, buyerCookies, lang));
      expect(review).toContain(words);
      expect(review).not.toContain("criteria.0.scale");
    }
    expect(visible(await page(`/rfqs/${id}/edit/evaluation`, buyerCookies))).toContain("予算（または評価基準のステップで現在の社内コスト）を入力すると");

    const patched = await api(`/api/v1/rfqs/${id}`, buyer.token, { method: "PATCH", body: { budget: { min: 8_000_000, max: 12_000_000 } } });
    expect(patched.status).toBe(200);
    const step = visible(await page(`/rfqs/${id}/edit/evaluation`, buyerCookies));
    expect(step).toContain("提案値: 予算（￥8,000,000〜￥12,000,000）から");
    expect(visible(await page(`/rfqs/${id}/review`, buyerCookies))).not.toContain("目標スケール:");
    // The buyer can change it: a typed scale stays.
    const rfq = (await (await api(`/api/v1/rfqs/${id}`, buyer.token)).json()) as { content: { criteria: { key: string; scale?: unknown }[] } };
    expect(rfq.content.criteria.find((c) => c.key === "tco")!.scale).toEqual({ worst: 12_000_000, best: 8_000_000 });
  });

  it("the publish API keeps the path and adds the field in words, in the caller's language", async () => {
    const id = await newCatalogDraft("給与計算の委託（API）");
    const res = await api(`/api/v1/rfqs/${id}/publish`, buyer.token, { method: "POST", lang: "en" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string; field?: string; message: string }[] };
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: "criteria.0.scale", field: "Criterion 1 “Total cost of ownership (TCO, excl. tax)”: target scale" }),
    );
  });
});

describe("item 10: impossible values", () => {
  it("are saved with a warning at the step, in the reader's language, and block publishing on the page and the API", async () => {
    const buyerActor = await actorFor(h.db, buyer.email);
    const { createRfq } = await import("../factories");
    const id = await createRfq(h, buyerActor, rfqInput(h, { title: "不可能な値の検証" }));

    const deadline = await postForm(
      h,
      `/rfqs/${id}/edit/scheduleAndInvitations`,
      { quoteDeadline: "2020-01-10T17:00", visibility: "marketplace", then: "stay" },
      buyerCookies,
    );
    expect(deadline.status).toBe(302);
    const work = await postForm(
      h,
      `/rfqs/${id}/edit/workAndVolumes`,
      { "deliverables[0].title": "月次報告書", "deliverables[0].dueDate": "2020-05-10", then: "stay" },
      buyerCookies,
    );
    expect(work.status).toBe(302);
    const rfq = (await (await api(`/api/v1/rfqs/${id}`, buyer.token)).json()) as { content: { criteria: { weight: number }[]; quoteDeadline: string } };
    expect(rfq.content.quoteDeadline).toBe("2020-01-10T17:00:00+09:00");
    const zero = await api(`/api/v1/rfqs/${id}`, buyer.token, { method: "PATCH", body: { criteria: rfq.content.criteria.map((c) => ({ ...c, weight: 0 })) } });
    expect(zero.status).toBe(200);

    const schedule = visible(await page(`/rfqs/${id}/edit/scheduleAndInvitations`, buyerCookies));
    expect(schedule).toContain("保存しました。ただし次の点は公開できない値です");
    expect(schedule).toContain("見積締切: 見積期限は未来の日時にしてください。");
    expect(visible(await page(`/rfqs/${id}/edit/scheduleAndInvitations`, buyerCookies, "en"))).toContain(
      "Quote deadline: The quote deadline must be in the future.",
    );
    expect(visible(await page(`/rfqs/${id}/edit/workAndVolumes`, buyerCookies))).toContain("成果物1「月次報告書」の期日: 期日が過去の日付です。");
    expect(visible(await page(`/rfqs/${id}/edit/evaluation`, buyerCookies))).toContain("評価基準: すべての重みが0です。");

    const refused = await postForm(h, `/rfqs/${id}/review`, {}, buyerCookies);
    expect(refused.status).toBe(400);
    const res = await api(`/api/v1/rfqs/${id}/publish`, buyer.token, { method: "POST" });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["quoteDeadline", "deliverables.0.dueDate", "criteria"]));
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
  });
});

describe("item 8: relaxing a required certification", () => {
  it("needs a reason before publishing, and the evaluation table then shows the gate as preferred with the reason", async () => {
    const id = await newCatalogDraft("給与計算の委託（Pマーク）");
    const relax = (reason: string) =>
      postForm(
        h,
        `/rfqs/${id}/edit/requirementsAndCertifications`,
        {
          dataSensitivity: "personal",
          "requiredCertifications[0].type": "privacy_mark",
          "requiredCertifications[0].level": "preferred",
          "requiredCertifications[0].reason": reason,
          "requiredCertifications[1].type": "isms_iso27001",
          "requiredCertifications[1].level": "mandatory",
          then: "stay",
        },
        buyerCookies,
      );
    expect((await relax("")).status).toBe(302);
    const words = "求める認証1「プライバシーマーク」の理由: 取り扱うデータからこの認証は「必須」が標準です。";
    expect(visible(await page(`/rfqs/${id}/edit/requirementsAndCertifications`, buyerCookies))).toContain(words);
    expect(visible(await page(`/rfqs/${id}/review`, buyerCookies))).toContain(words);

    expect((await relax("委託範囲に個人情報の入力作業を含まないため")).status).toBe(302);
    const review = await page(`/rfqs/${id}/review`, buyerCookies);
    expect(visible(review)).not.toContain(words);
    const gate = /data-testid="gate-cert_privacy_mark">([\s\S]*?)<\/td>/.exec(review)![1];
    expect(visible(gate)).toContain("推奨（加点・足切りなし）");
    expect(visible(gate)).toContain("理由: 委託範囲に個人情報の入力作業を含まないため");
    const rfq = (await (await api(`/api/v1/rfqs/${id}`, buyer.token)).json()) as { content: { criteria: { key: string; gate?: unknown }[] } };
    expect(rfq.content.criteria.find((c) => c.key === "cert_privacy_mark")!.gate).toBeUndefined();
    expect(rfq.content.criteria.find((c) => c.key === "cert_isms_iso27001")!.gate).toEqual({ required: true });
  });
});

describe("item 11: what each addendum changed", () => {
  const SENTINEL = 987_654_321;

  it("vendors see the summary and the changed fields they may read; a hidden change is not listed, not even by name", async () => {
    const vendorOrg = vendor.org.id;
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "履歴の検証", invitedVendorIds: [vendorOrg] }));
    const addendum = async (changeSummary: string, changes: Record<string, unknown>) =>
      expect((await api(`/api/v1/rfqs/${rfqId}/addenda`, buyer.token, { method: "POST", body: { changeSummary, changes } })).status).toBe(201);
    await addendum("社内の見直し", { baselineCostMonthlyYen: SENTINEL, hiddenCosts: { managementOverheadPct: 7, transitionEffortYen: 123_457 } });
    await addendum("範囲を追加しました", { scopeIn: "申請受付、書類審査、データ入力、通知発送、問い合わせ対応" });

    const vendorPage = visible(await page(`/rfqs/${rfqId}`, vendorCookies));
    expect(vendorPage).toContain("版の履歴");
    expect(vendorPage).toContain("第3版");
    expect(vendorPage).toContain("範囲を追加しました");
    expect(vendorPage).toContain("変更された項目: 委託する範囲");
    for (const hidden of [String(SENTINEL), "987,654,321", "現在の社内コスト", "社内の隠れコスト", "管理工数"]) expect(vendorPage).not.toContain(hidden);
    expect(visible(await page(`/rfqs/${rfqId}`, vendorCookies, "en"))).toContain("Changed: Scope");

    const vendorApi = await (await api(`/api/v1/rfqs/${rfqId}`, vendor.token)).text();
    for (const hidden of [String(SENTINEL), "baselineCostMonthlyYen", "hiddenCosts"]) expect(vendorApi).not.toContain(hidden);
    const versions = (JSON.parse(vendorApi) as { versions: { version: number; changes: { path: string; field: string }[] }[] }).versions;
    expect(versions.map((v) => [v.version, v.changes])).toEqual([
      [3, [{ path: "scopeIn", field: "委託する範囲" }]],
      [2, []],
      [1, []],
    ]);

    const buyerApi = (await (await api(`/api/v1/rfqs/${rfqId}`, buyer.token)).json()) as { versions: { version: number; changes: { path: string }[] }[] };
    expect(buyerApi.versions.find((v) => v.version === 2)!.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(["baselineCostMonthlyYen", "hiddenCosts.managementOverheadPct"]),
    );
    expect(visible(await page(`/rfqs/${rfqId}`, buyerCookies))).toContain("現在の社内コスト（月額）");
  });
});
