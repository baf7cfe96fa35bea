import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, submitQuote, type Account } from "../factories";
import { createHarness, type Harness } from "./harness";

// An addendum that changes nothing must not publish an identical version and notify every bidder about
// nothing (issue 14, item 11). The page refused it already; the API published it. Both refuse it now.

let h: Harness;
let buyer: Account;
let rfqId: string;

const post = (path: string, body: unknown, lang = "ja") =>
  h.request(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${buyer.token}`, "Content-Type": "application/json", "Accept-Language": lang },
    body: JSON.stringify(body),
  });

async function counts() {
  const n = async (table: "rfq_versions" | "notifications" | "audit_log" | "outbox") =>
    Number(
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { versions: await n("rfq_versions"), notifications: await n("notifications"), audit: await n("audit_log"), outbox: await n("outbox") };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "変更なし検証市" });
  const vendorUser = await createAccount(h.db, { kind: "vendor", vendor: { name: "変更なし検証ベンダー株式会社", categories: ["municipal"] } });
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
  // A bidder, so a published addendum would notify someone.
  await submitQuote(h, await actorFor(h.db, vendorUser.email), rfqId);
});
afterAll(() => h?.close());

describe("an addendum with no changes (API)", () => {
  it("is refused with 409 in the caller's language and writes nothing", async () => {
    const before = await counts();
    for (const [lang, text] of [
      ["ja", /変更/],
      ["en", /change/i],
    ] as const) {
      const empty = await post(`/api/v1/rfqs/${rfqId}/addenda`, { changeSummary: "念のため再掲します", changes: {} }, lang);
      expect(empty.status).toBe(409);
      expect(empty.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
      expect(((await empty.json()) as { title: string }).title).toMatch(text);
    }
    // The same values as published are no change either.
    const rfq = (await (await h.request(`/api/v1/rfqs/${rfqId}`, { headers: { Authorization: `Bearer ${buyer.token}` } })).json()) as {
      content: { title: string };
    };
    const same = await post(`/api/v1/rfqs/${rfqId}/addenda`, { changeSummary: "件名を再確認", changes: { title: rfq.content.title } });
    expect(same.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("a real change still publishes the next version", async () => {
    const res = await post(`/api/v1/rfqs/${rfqId}/addenda`, { changeSummary: "件名を変更します", changes: { title: "変更後の件名（検証）" } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { version: number }).version).toBe(2);
  });
});
