import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData, DEMO_ACCOUNTS } from "../../db/seed";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// /api/v1 with Bearer tokens against the seeded demo data on a real PostgreSQL server.

let h: Harness;
const buyer = DEMO_ACCOUNTS.find((a) => a.email === "buyer@midori-city.example")!;
const vendor = DEMO_ACCOUNTS.find((a) => a.email === "sales@next-keiri.example")!;

beforeAll(async () => {
  h = await createHarness();
  await seedDemoData(h.db);
});
afterAll(async () => {
  await h.close();
});

const bearer = (token: string, extra: Record<string, string> = {}) => ({ headers: { Authorization: `Bearer ${token}`, ...extra } });

describe("/api/v1", () => {
  it("GET /me returns the token's user and organisation", async () => {
    const res = await h.request("/api/v1/me", bearer(buyer.token));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { email: buyer.email, name: buyer.name, locale: "ja" },
      organization: { name: buyer.org, kind: "buyer", role: "owner" },
    });
  });

  it("records when a token was last used, to the minute (polling does not write on every read)", async () => {
    const row = () =>
      h.db
        .selectFrom("api_tokens")
        .innerJoin("users", "users.id", "api_tokens.user_id")
        .select("api_tokens.last_used_at")
        .where("users.email", "=", buyer.email)
        .executeTakeFirstOrThrow();
    await h.request("/api/v1/me", bearer(buyer.token));
    const first = (await row()).last_used_at;
    expect(first).toEqual(h.clock.now());
    h.clock.set(new Date(h.clock.now().getTime() + 30_000));
    await h.request("/api/v1/me", bearer(buyer.token));
    expect((await row()).last_used_at).toEqual(first);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    await h.request("/api/v1/me", bearer(buyer.token));
    expect((await row()).last_used_at).toEqual(h.clock.now());
  });

  it.each([
    ["no header", {}],
    ["a wrong token", bearer("kurabe_not_a_real_token")],
    ["a malformed header", { headers: { Authorization: "Basic abc" } }],
  ])("answers %s with 401 problem+json", async (_label, init) => {
    const res = await h.request("/api/v1/me", init);
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ status: 401, title: expect.any(String) });
  });

  it("a revoked token stops working at once", async () => {
    const owner = new Cookies();
    await postForm(h, "/login", { email: vendor.email, password: "kurabe-demo-2026" }, owner);
    const created = await postForm(h, "/settings/tokens?_data=routes%2Fsettings%2B%2Ftokens", { name: "purchasing system" }, owner);
    const { created: token } = (await created.json()) as { created: { value: string } };
    expect(token.value).toMatch(/^kurabe_/);
    expect((await h.request("/api/v1/me", bearer(token.value))).status).toBe(200);
    const row = await h.db.selectFrom("api_tokens").select(["id", "token_hash"]).where("name", "=", "purchasing system").executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token.value);
    await postForm(h, "/settings/tokens?_data=routes%2Fsettings%2B%2Ftokens", { intent: "revoke", tokenId: row.id }, owner);
    expect((await h.request("/api/v1/me", bearer(token.value))).status).toBe(401);
  });

  it("another organisation cannot revoke a token it does not own (404, token still live)", async () => {
    const other = new Cookies();
    await postForm(h, "/login", { email: buyer.email, password: "kurabe-demo-2026" }, other);
    const vendorToken = await h.db
      .selectFrom("api_tokens")
      .innerJoin("users", "users.id", "api_tokens.user_id")
      .select("api_tokens.id")
      .where("users.email", "=", vendor.email)
      .where("api_tokens.name", "=", "demo")
      .executeTakeFirstOrThrow();
    const res = await postForm(h, "/settings/tokens", { intent: "revoke", tokenId: vendorToken.id }, other);
    expect(res.status).toBe(404);
    expect((await h.request("/api/v1/me", bearer(vendor.token))).status).toBe(200);
  });

  it("GET /vendors lists the directory with certification validity", async () => {
    const res = await h.request("/api/v1/vendors?limit=50", bearer(buyer.token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { name: string; certifications: { type: string; validToday: boolean }[] }[]; total: number };
    expect(body.total).toBe(DEMO_ACCOUNTS.filter((a) => a.vendor).length);
    const growth = body.data.find((v) => v.name === "グロースアド株式会社")!;
    expect(growth.certifications).toEqual([expect.objectContaining({ type: "privacy_mark", validToday: false })]);
  });

  it("rejects bad query parameters field by field in the caller's language", async () => {
    const ja = await h.request("/api/v1/vendors?limit=500&category=cooking", bearer(buyer.token, { "Accept-Language": "ja" }));
    expect(ja.status).toBe(400);
    expect(ja.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    const body = (await ja.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: "limit", message: "100以下の値を入力してください。" },
        { path: "category", message: "選択肢から選んでください。" },
      ]),
    );
    const en = await h.request("/api/v1/vendors?limit=abc", bearer(buyer.token, { "Accept-Language": "en" }));
    expect(((await en.json()) as { errors: unknown[] }).errors).toEqual([{ path: "limit", message: "Enter a number." }]);
  });

  it("unknown API paths answer 404 problem+json", async () => {
    const res = await h.request("/api/v1/nothing-here", bearer(buyer.token));
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  });

  it("serves a valid OpenAPI 3.1 document describing the endpoints", async () => {
    const res = await h.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/me", "/api/v1/vendors"]));
  });
});
