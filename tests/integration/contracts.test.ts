import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createAcceptedAward, type AcceptedAward, type Account } from "../factories";
import { pdfPages } from "../support/pdf-text";
import { createHarness, type Harness, apiRequest, type ApiInit } from "./harness";

// The contract (issue 15, items 5 and 6) on real PostgreSQL through the API: created from the accepted award
// only after the standstill (the refusal names the date); a milestone plan that does not add up, has a date in
// the past or breaks a legal deadline is refused field by field in ja and en and writes nothing; a company may
// record that it is outside the laws' scope (audited); the vendor reads an allow-listed view without the
// buyer's sentinels; activation twice has one effect; the 発注書 is stored once and served unchanged after
// the RFQ and quote change; another tenant gets 404 everywhere.

const SENTINEL_REASON = "SENTINEL-理由-受注者は大企業-7f3a";
const SENTINEL_BASELINE = 987_613;

let h: Harness;
let buyer: Account;
let city: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let award: AcceptedAward;
let cityAward: AcceptedAward;
let contractId: string;
let cityContractId: string;

type Problem = { title: string; errors?: { path: string; message: string }[] };
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const contractRows = () => h.db.selectFrom("contract_versions").select(["contract_id", "version", "content"]).orderBy("version").execute();
const audits = (action: string) => h.db.selectFrom("audit_log").select(["entity_id", "after"]).where("action", "=", action).execute();
const row = (over: Record<string, unknown> = {}) => ({ name: "業務完了", dueDate: "2027-03-31", acceptance: "完了報告書の承認", paymentDueDays: 60, ...over });

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "契約商事株式会社" });
  city = await createAccount(h.db, { kind: "buyer", org: "契約市役所" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント工業" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "受注サービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "他社ベンダー株式会社" } });
  award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
    rfq: { baselineCostMonthlyYen: SENTINEL_BASELINE },
    // 20 business days: four weeks or more of standstill, which the test below steps over with 31 days.
    standstillBusinessDays: 20,
  });
  cityAward = await createAcceptedAward(h, {
    buyerEmail: city.email,
    buyerOrgId: city.org.id,
    vendorEmail: otherVendor.email,
    vendorOrgId: otherVendor.org.id,
    buyerKind: "municipality",
  });
});
afterAll(() => h?.close());

describe("creating the contract from the accepted award", () => {
  it("is refused while the standstill runs, naming the date, in ja and en; nothing is written", async () => {
    const ja = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
    expect(ja.status).toBe(409);
    const jaBody = await ja.text();
    expect(jaBody).toMatch(/待機期間（スタンドスティル）が\d{4}-\d{2}-\d{2} \d{2}:\d{2} JSTまで/);
    const en = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST", lang: "en" });
    expect(await en.text()).toContain("The standstill period runs until");
    expect(await h.db.selectFrom("contracts").select("id").execute()).toEqual([]);
  });

  it("vendors and other tenants get 404", async () => {
    for (const token of [vendor.token, other.token]) expect((await api(token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" })).status).toBe(404);
  });

  it("after the standstill: version 1 from the quote and the RFQ, audited; a second create is refused", async () => {
    h.clock.set(new Date(h.clock.now().getTime() + 31 * 86_400_000));
    const res = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
    expect(res.status).toBe(201);
    contractId = ((await res.json()) as { id: string }).id;
    const again = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST", lang: "en" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been made");
    const read = (await (await api(buyer.token, `/api/v1/contracts/${contractId}`)).json()) as {
      side: string;
      status: string;
      content: {
        totals: { total: number };
        lines: { code: string; quantity: number; unitPrice: number }[];
        sla: { key: string; target: number }[];
        changeRequestRule: string;
        term: { to: string };
      };
      milestones: { percent: number; amountYen: number; dueDate: string; legalDates: { rule: string; legalLatest: string }[] }[];
    };
    expect(read.side).toBe("buyer");
    expect(read.status).toBe("draft");
    // quoteA: INIT 200,000 ×1, OPS 400,000 ×12, DOC 300 × 2,000 × 12, setup 100,000, transition 50,000 (excl. tax).
    expect(read.content.lines.map((l) => [l.code, l.quantity, l.unitPrice])).toEqual([
      ["INIT", 1, 200_000],
      ["OPS", 12, 400_000],
      ["DOC", 24_000, 300],
      ["SETUP", 1, 100_000],
      ["TRANSITION", 1, 50_000],
    ]);
    expect(read.content.totals.total).toBe(13_585_000);
    expect(read.content.sla.map((s) => [s.key, s.target])).toEqual([
      ["accuracy", 0.999],
      ["processing_lead_time_days", 3],
    ]);
    expect(read.content.changeRequestRule).toContain("制度改正");
    // No payment schedule in the quote: one milestone of 100 % at the term's end, with its legal date.
    expect(read.milestones).toHaveLength(1);
    expect(read.milestones[0]).toMatchObject({ percent: 100, amountYen: 13_585_000, dueDate: read.content.term.to });
    expect(read.milestones[0]!.legalDates[0]!.rule).toBe("company.payment");
    expect(await audits("contract.create")).toEqual([expect.objectContaining({ entity_id: contractId })]);
  });
});

describe("the milestone plan", () => {
  const put = (token: string, id: string, body: unknown, lang = "ja") => api(token, `/api/v1/contracts/${id}/milestones`, { method: "PUT", body, lang });
  const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];

  it("refuses bad plans field by field in ja and en and writes nothing", async () => {
    const before = await contractRows();
    const cases: { body: unknown; path: string; ja: string; en: string }[] = [
      {
        body: { basis: "percent", milestones: [row({ percent: 30 }), row({ percent: 60 })] },
        path: "milestones",
        ja: "割合の合計が100%になっていません（現在90%）。",
        en: "The percentages do not add up to 100% (now 90%).",
      },
      {
        body: { basis: "amount", milestones: [row({ amountYen: 3_585_000 }), row({ amountYen: 9_999_999 })] },
        path: "milestones",
        ja: "金額の合計¥13,584,999が契約金額¥13,585,000と一致しません（差額¥1）。",
        en: "The amounts add up to ¥13,584,999, not the contract total of ¥13,585,000 (difference ¥1).",
      },
      {
        body: { basis: "percent", milestones: [row({ percent: 100, dueDate: "2026-01-05" })] },
        path: "milestones.0.dueDate",
        ja: "期日が過去の日付です",
        en: "The due date is in the past",
      },
      {
        body: { basis: "percent", milestones: [row({ percent: 100, paymentDueDays: 61 })] },
        path: "milestones.0.paymentDueDays",
        ja: "中小受託取引適正化法 第3条第1項",
        en: "Freelance Act, Art. 4(1)",
      },
    ];
    for (const c of cases) {
      const ja = await put(buyer.token, contractId, c.body);
      expect(ja.status, JSON.stringify(c.body)).toBe(400);
      const jaErrors = await errorsOf(ja);
      expect(jaErrors.find((e) => e.path === c.path)?.message).toContain(c.ja);
      const en = await put(buyer.token, contractId, c.body, "en");
      expect((await errorsOf(en)).find((e) => e.path === c.path)?.message).toContain(c.en);
    }
    expect(await contractRows()).toEqual(before);
    expect(await audits("contract.milestones.save")).toEqual([]);
  });

  it("a municipality's payment 45 days after the invoice is refused naming 支払遅延防止法", async () => {
    const created = await api(city.token, `/api/v1/rfqs/${cityAward.rfqId}/contract`, { method: "POST" });
    expect(created.status).toBe(201);
    cityContractId = ((await created.json()) as { id: string }).id;
    const body = { basis: "percent", milestones: [row({ percent: 100, inspectionDays: 10, paymentDueDays: 45 })] };
    const ja = await errorsOf(await put(city.token, cityContractId, body));
    expect(ja).toEqual([{ path: "milestones.0.paymentDueDays", message: expect.stringContaining("政府契約の支払遅延防止等に関する法律 第6条第1項") }]);
    const en = await errorsOf(await put(city.token, cityContractId, body, "en"));
    expect(en[0]!.message).toContain("Act on Prevention of Delay in Payment under Government Contracts, Art. 6(1)");
    // A municipality cannot record that it is outside the law.
    const outside = await errorsOf(await put(city.token, cityContractId, { ...body, outsideScope: { reason: "対象外" } }, "en"));
    expect(outside.map((e) => e.path)).toContain("outsideScope");
  });

  it("saves a valid plan; a company outside the laws' scope with a reason is accepted and audited", async () => {
    const ok = await put(buyer.token, contractId, {
      basis: "percent",
      milestones: [row({ percent: 40, dueDate: "2027-03-31" }), row({ percent: 60, dueDate: "2027-06-30" })],
    });
    expect(ok.status).toBe(200);
    const blank = await put(buyer.token, contractId, {
      basis: "percent",
      milestones: [row({ percent: 100, paymentDueDays: 90 })],
      outsideScope: { reason: " " },
    });
    expect(blank.status).toBe(400);
    const outside = await put(buyer.token, contractId, {
      basis: "percent",
      milestones: [row({ percent: 40, dueDate: "2027-03-31", paymentDueDays: 90 }), row({ percent: 60, dueDate: "2027-06-30", paymentDueDays: 60 })],
      outsideScope: { reason: SENTINEL_REASON },
    });
    expect(outside.status).toBe(200);
    const read = (await outside.json()) as {
      outsideScope: boolean;
      outsideScopeReason: string;
      milestones: { amountYen: number; legalDates: { legalLatest: string | null; agreed: string }[] }[];
    };
    expect(read.outsideScope).toBe(true);
    expect(read.outsideScopeReason).toBe(SENTINEL_REASON);
    expect(read.milestones.map((m) => m.amountYen)).toEqual([5_434_000, 8_151_000]);
    expect(read.milestones[0]!.legalDates[0]).toMatchObject({ agreed: "2027-06-28", legalLatest: null });
    const audited = await audits("contract.outsideScope");
    expect(audited).toEqual([{ entity_id: contractId, after: { outsideScope: true, reason: SENTINEL_REASON } }]);
  });

  it("other tenants and the vendor cannot change it (404)", async () => {
    for (const token of [other.token, vendor.token, otherVendor.token]) {
      expect((await put(token, contractId, { basis: "percent", milestones: [row({ percent: 100 })] })).status).toBe(404);
      expect((await api(token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(404);
    }
    for (const token of [other.token, otherVendor.token]) expect((await api(token, `/api/v1/contracts/${contractId}`)).status).toBe(404);
  });
});

describe("the vendor's view, activation and the 発注書", () => {
  it("the vendor reads parties, lines, milestones and SLA, never the buyer's reason or baseline", async () => {
    const res = await api(vendor.token, `/api/v1/contracts/${contractId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const view = JSON.parse(text) as { side: string; parties: { buyer: { name: string } }; milestones: unknown[]; sla: unknown[]; lines: unknown[] };
    expect(view.side).toBe("vendor");
    expect(view.parties.buyer.name).toBe("契約商事株式会社");
    expect(view.milestones).toHaveLength(2);
    expect(view.sla).toHaveLength(2);
    expect(view.lines).toHaveLength(5);
    expect(text).not.toContain(SENTINEL_REASON);
    expect(text).not.toContain(String(SENTINEL_BASELINE));
    expect(text).not.toContain("outsideScopeReason");
  });

  it("the purchase order waits for activation; activating twice at once has one effect", async () => {
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/documents/purchase-order.pdf`)).status).toBe(409);
    const [a, b] = await Promise.all([
      api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" }),
      api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const flags = [((await a.json()) as { alreadyActive: boolean }).alreadyActive, ((await b.json()) as { alreadyActive: boolean }).alreadyActive];
    expect(flags.sort()).toEqual([false, true]);
    expect(await audits("contract.activate")).toHaveLength(1);
    const put = await api(buyer.token, `/api/v1/contracts/${contractId}/milestones`, {
      method: "PUT",
      body: { basis: "percent", milestones: [row({ percent: 100 })] },
    });
    expect(put.status).toBe(409);
  });

  it("the 発注書 is stored once: the same bytes and hash twice, and after the RFQ and quote change", async () => {
    const path = `/api/v1/contracts/${contractId}/documents/purchase-order.pdf`;
    const first = await api(buyer.token, path);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(first.headers.get("Cache-Control")).toContain("no-store");
    const bytes1 = new Uint8Array(await first.arrayBuffer());
    const hash1 = first.headers.get("X-Content-SHA256");
    const text = (await pdfPages(bytes1)).join("\n");
    expect(text).toContain("受注サービス株式会社");
    expect(text).toContain("契約商事株式会社");
    expect(text).toContain("13,585,000");
    expect(text).toContain("適用対象外");

    await h.db.updateTable("rfqs").set({ title: "変更後の件名" }).where("id", "=", award.rfqId).execute();
    await h.db.updateTable("organizations").set({ name: "改名後ベンダー" }).where("id", "=", vendor.org.id).execute();
    const changedQuote = JSON.stringify({ unitPrices: { INIT: 1, OPS: 1, DOC: 1 }, taxBasis: "excluded", taxRate: 10 });
    await h.db.updateTable("quote_versions").set({ content: changedQuote }).where("quote_id", "=", award.quoteId).execute();
    await h.db.updateTable("quotes").set({ content: changedQuote }).where("id", "=", award.quoteId).execute();
    const second = await api(vendor.token, path);
    expect(second.status).toBe(200);
    expect(second.headers.get("X-Content-SHA256")).toBe(hash1);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(bytes1);
    const stored = await h.db.selectFrom("documents").select(["kind", "sha256", "locale"]).execute();
    expect(stored).toEqual([{ kind: "purchase_order", sha256: hash1, locale: "ja" }]);

    const en = await api(buyer.token, `${path}?lang=en`);
    expect(en.status).toBe(200);
    const enText = (await pdfPages(new Uint8Array(await en.arrayBuffer()))).join("\n");
    expect(enText).toContain("outside the SME Contractor Transactions Act");
    for (const token of [other.token, otherVendor.token]) expect((await api(token, path)).status).toBe(404);
  });

  it("a revision needs a reason and creates version 2; the versions are listed", async () => {
    const path = `/api/v1/contracts/${contractId}/versions`;
    const missing = await api(buyer.token, path, { method: "POST", body: { reason: "" }, lang: "en" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Enter the reason for the change.");
    const bad = await api(buyer.token, path, {
      method: "POST",
      body: { reason: "増額", milestones: { basis: "percent", milestones: [row({ percent: 50 })] } },
    });
    expect(bad.status).toBe(400);
    const done = await api(buyer.token, path, { method: "POST", body: { reason: "第2期の支払日を変更" } });
    expect(done.status).toBe(201);
    expect(await done.json()).toEqual({ version: 2 });
    const read = (await (await api(buyer.token, `/api/v1/contracts/${contractId}`)).json()) as {
      currentVersion: number;
      versions: { version: number; changeReason: string }[];
    };
    expect(read.currentVersion).toBe(2);
    expect(read.versions.map((v) => [v.version, v.changeReason])).toEqual([
      [2, "第2期の支払日を変更"],
      [1, ""],
    ]);
    expect((await api(otherVendor.token, path, { method: "POST", body: { reason: "x" } })).status).toBe(404);
  });
});
