import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, type Account } from "../factories";
import { FACTORY_PASSWORD } from "../factories/accounts";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";
import { createActiveContract } from "./support/active-contract";

// The contracts list tells each party what it has to do now on each contract (issue 17 item 8), each item leading
// to the tab where it is done: the vendor sees the delivery due and last month's measurements to enter, then the
// buyer the delivery to inspect; another organisation sees none of it.

let h: Harness;
let buyer: Account;
let vendor: Account;
let otherVendor: Account;
let contractId: string;

async function contractsPage(account: Account, lang = "ja") {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email: account.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
  const res = await h.request("/contracts", { cookies, headers: { "Accept-Language": lang } });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "やること商事株式会社" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "やることサービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "無関係ベンダー株式会社" } });
  ({ contractId } = await createActiveContract(h, { buyer, vendor, milestones: [{ name: "初期設定", dueDate: "2027-02-15", percent: 100 }] }, async () => {}));
  h.clock.set("2027-02-12T10:00:00+09:00");
});
afterAll(() => h?.close());

describe("the contracts list's to-dos", () => {
  it("shows the vendor the delivery due and the measurements to enter, linked to their tabs, in ja and en", async () => {
    const ja = await contractsPage(vendor);
    // One delivery due in three days, and last month's SLA rates not entered (one per rate KPI of the contract).
    const rates = await h.db.selectFrom("contract_versions").select("content").where("contract_id", "=", contractId).executeTakeFirstOrThrow();
    const kpis = (rates.content as { sla: unknown[] }).sla.length;
    expect(kpis).toBeGreaterThan(0);
    expect(ja).toContain(`対応が必要な項目が ${1 + kpis} 件あります。`);
    expect(ja).toContain(`href="/contracts/${contractId}/deliveries">納品予定 (1)</a>`);
    expect(ja).toContain(`href="/contracts/${contractId}/measurements">先月のSLA実績が未入力 (${kpis})</a>`);
    const en = await contractsPage(vendor, "en");
    expect(en).toContain("Deliveries due (1)");
    expect(en).toContain(`${1 + kpis} item(s) need your attention.`);
    // The buyer has nothing to inspect yet (its own to-dos are the periodic reviews of the months gone by).
    const buyerPage = await contractsPage(buyer);
    expect(buyerPage).not.toContain("検収待ち");
    expect(buyerPage).toContain(`href="/contracts/${contractId}/reviews">定例レビュー未確定`);
  });

  it("moves the item to the buyer once delivered: a delivery to inspect", async () => {
    const res = await apiRequest(h, vendor.token, `/api/v1/contracts/${contractId}/deliveries`, {
      method: "POST",
      body: { milestoneIndex: 0, note: "初期設定を完了しました" },
    });
    expect(res.status).toBe(201);
    const page = await contractsPage(buyer);
    expect(page).toContain(`href="/contracts/${contractId}/deliveries">検収待ち (1)</a>`);
    expect(await contractsPage(vendor)).not.toContain("納品予定 (1)");
  });

  it("gives the same list and to-dos through the API (GET /api/v1/contracts)", async () => {
    const res = await apiRequest(h, buyer.token, "/api/v1/contracts");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { contracts: { id: string; status: string; todos: { kind: string; count: number; page: string }[] }[] };
    expect(body.contracts.map((c) => [c.id, c.status])).toEqual([[contractId, "active"]]);
    expect(body.contracts[0]!.todos).toContainEqual({ kind: "inspection_pending", count: 1, page: `/contracts/${contractId}/deliveries` });
    const other = (await (await apiRequest(h, otherVendor.token, "/api/v1/contracts")).json()) as { contracts: unknown[] };
    expect(other.contracts).toEqual([]);
  });

  it("answers 405 with Allow to a method a contract's POST-only routes do not serve", async () => {
    for (const path of [`/api/v1/contracts/${contractId}/versions`, `/api/v1/contracts/${contractId}/activate`]) {
      const res = await apiRequest(h, buyer.token, path);
      expect(res.status, path).toBe(405);
      expect(res.headers.get("Allow")).toBe("POST");
    }
  });

  it("shows another vendor nothing of it", async () => {
    const page = await contractsPage(otherVendor);
    expect(page).not.toContain(contractId);
    expect(page).not.toContain("検収待ち");
  });
});
