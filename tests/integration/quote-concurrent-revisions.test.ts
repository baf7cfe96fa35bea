import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { actorFor, mustSucceed } from "../factories";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { createRfqDraft, publishRfq } from "../../app/services/rfqs.server";
import { createHarness, type Harness } from "./harness";

// Found by the reliability suite's load scenario (decision 0056): two revisions of one quote at the same moment
// both read the same current version, and the second failed on quote_versions' primary key — a 500 for a vendor
// who only pressed "submit" twice (or whose purchasing system retried). Revisions now take turns on the quote's row.

let h: Harness;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const buyer = account("buyer@midori-city.example");
const vendor = account("gyosei@gyosei-support.example");
const DAY = 24 * 3_600_000;
let rfqId: string;

const QUOTE = {
  unitPrices: { INIT: 220_000, OPS: 418_000, DOC: 321 },
  oneOffFees: { setup: 110_000, transition: 0 },
  taxBasis: "included",
  taxRate: 10,
  leadTimeDays: 30,
  kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 },
};

function postQuote(body: unknown) {
  return h.request(`/api/v1/rfqs/${rfqId}/quotes`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${vendor.token}`, "Accept-Language": "en" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  h = await createHarness({ demo: true, poolSize: 8 });
  const orgId = (await h.db.selectFrom("organizations").select("id").where("name", "=", vendor.org).executeTakeFirstOrThrow()).id;
  const actor = await actorFor(h.db, buyer.email);
  const input = completeRfqInput({
    title: "同時改訂試験",
    quoteDeadline: new Date(h.clock.now().getTime() + 7 * DAY).toISOString(),
    invitedVendorIds: [orgId],
  });
  rfqId = mustSucceed(await createRfqDraft(h.ctx, actor, input), "draft").rfq.id;
  mustSucceed(await publishRfq(h.ctx, actor, rfqId), "publish");
});
afterAll(() => h.close());

describe("concurrent revisions of one quote", () => {
  it("all succeed, each with its own version, audit row and outbox row", async () => {
    const first = await postQuote({ ...QUOTE, assumptions: "初回" });
    expect(first.status).toBe(201);
    const { id: quoteId } = (await first.json()) as { id: string };

    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => postQuote({ ...QUOTE, assumptions: `改訂 ${i}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const versions = (await Promise.all(answers.map(async (a) => ((await a.json()) as { version: number }).version))).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6, 7]);

    const stored = await h.db.selectFrom("quote_versions").select("version").where("quote_id", "=", quoteId).orderBy("version").execute();
    expect(stored.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const row = await h.db.selectFrom("quotes").select("current_version").where("id", "=", quoteId).executeTakeFirstOrThrow();
    expect(row.current_version).toBe(7);
    const audits = await h.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", quoteId)
      .where("action", "in", ["quote.submit", "quote.revise"])
      .execute();
    expect(audits).toHaveLength(7);
    const outbox = await h.db.selectFrom("outbox").select("id").where("topic", "=", "quote").where("entity_id", "=", quoteId).execute();
    expect(outbox).toHaveLength(7);
  });
});
