import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// A vendor missing a mandatory certification is warned before it submits, on the quote form and in the
// API's answer, that the quote will be disqualified at the opening (issue 14, item 14).

let h: Harness;
let lacking: Account;
let certified: Account;
let rfqId: string;

beforeAll(async () => {
  h = await createHarness();
  const buyer = await createAccount(h.db, { kind: "buyer", org: "認証警告検証市" });
  lacking = await createAccount(h.db, {
    kind: "vendor",
    // ISMS verified, the Privacy Mark only waiting for review: the fixture RFQ requires both.
    vendor: {
      name: "認証不足ベンダー株式会社",
      categories: ["municipal"],
      certifications: [
        { type: "isms_iso27001", number: "IS 1", issuer: "JQA", validFrom: "2025-01-01", validUntil: "2029-12-31" },
        { type: "privacy_mark", number: "P 1", issuer: "JIPDEC", validFrom: "2025-01-01", validUntil: "2029-12-31", status: "unverified" },
      ],
    },
  });
  certified = await createAccount(h.db, {
    kind: "vendor",
    vendor: {
      name: "認証済みベンダー株式会社",
      categories: ["municipal"],
      certifications: [
        { type: "isms_iso27001", number: "IS 2", issuer: "JQA", validFrom: "2025-01-01", validUntil: "2029-12-31" },
        { type: "privacy_mark", number: "P 2", issuer: "JIPDEC", validFrom: "2025-01-01", validUntil: "2029-12-31" },
      ],
    },
  });
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
});
afterAll(() => h?.close());

async function quotePage(email: string) {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
  return (await h.request(`/rfqs/${rfqId}/quote`, { cookies })).text();
}
const submit = (token: string, lang: string) =>
  h.request(`/api/v1/rfqs/${rfqId}/quotes`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Accept-Language": lang },
    body: JSON.stringify(quoteA()),
  });

describe("a mandatory certification the vendor lacks", () => {
  it("is named on the quote form before submitting, with the disqualification", async () => {
    const html = await quotePage(lacking.email);
    expect(html).toContain('data-testid="certification-warnings"');
    expect(html).toContain("必須認証「プライバシーマーク」: 確認待ち（未検証）");
    expect(html).toContain("開封時に失格");
    expect(html).not.toContain("必須認証「ISMS");
    expect(await quotePage(certified.email)).not.toContain('data-testid="certification-warnings"');
  });

  it("comes back with the API's answer, in the caller's language; none for a vendor that holds both", async () => {
    const res = await submit(lacking.token, "en");
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; warnings: { code: string; certification: string; status: string; message: string }[] };
    expect(body.status).toBe("submitted");
    expect(body.warnings).toEqual([
      {
        code: "mandatoryCertification",
        certification: "privacy_mark",
        status: "unverified",
        message: expect.stringMatching(/^Mandatory certification “Privacy Mark”: Awaiting verification\..*disqualified at the opening/),
      },
    ]);
    const again = (await (await submit(lacking.token, "ja")).json()) as { warnings: { message: string }[] };
    expect(again.warnings[0].message).toMatch(/^必須認証「プライバシーマーク」/);
    const ok = (await (await submit(certified.token, "en")).json()) as { warnings: unknown[] };
    expect(ok.warnings).toEqual([]);
  });
});
