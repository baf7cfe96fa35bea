import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { outboxStats } from "../../db/queries/outbox";
import { createSearchService } from "../../search/client";
import { startBundledMeilisearch, type RunningMeilisearch } from "../../search/server";
import { processOutboxOnce } from "../../app/jobs";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The vendors index is a projection of PostgreSQL kept in sync by the transactional outbox.
// This file runs its own real Meilisearch so it can kill it mid-test and start it again.

let h: Harness;
let meili: RunningMeilisearch;
let meiliDir: string;
let port: number;
const key = "kurabe-test-master-key-0123456789";

async function startMeili() {
  meili = await startBundledMeilisearch({ dataDir: meiliDir, port, masterKey: key });
}

beforeAll(async () => {
  meiliDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-meili-kill-"));
  meili = await startBundledMeilisearch({ dataDir: meiliDir, masterKey: key });
  port = Number(new URL(meili.url).port);
  const search = createSearchService({ url: meili.url, apiKey: key, prefix: "sync_", timeoutMs: 5000 });
  h = await createHarness({ search });
  await seedDemoData(h.db);
  await h.index();
});
afterAll(async () => {
  await meili.stop();
  await h.close();
  rmSync(meiliDir, { recursive: true, force: true });
});

const buyer = DEMO_ACCOUNTS.find((a) => a.kind === "buyer")!;
const vendorAccount = DEMO_ACCOUNTS.find((a) => a.email === "sales@next-keiri.example")!;

describe("vendors index", () => {
  it("holds every seeded vendor with Japanese and English labels, and finds them by a Japanese query", async () => {
    const all = await h.search.searchVendors({ q: "", page: 1, perPage: 50 });
    expect(all.total).toBe(DEMO_ACCOUNTS.filter((a) => a.vendor).length);
    const r = await h.search.searchVendors({ q: "経理 ISMS 東京", page: 1, perPage: 10 });
    expect(r.hits[0]?.name).toBe("株式会社ネクスト経理サービス");
  });

  it("filters on valid certifications only: an expired Privacy Mark does not count", async () => {
    const r = await h.search.searchVendors({ q: "", certifications: ["privacy_mark"], page: 1, perPage: 50 });
    const names = r.hits.map((x) => x.name);
    expect(names).toContain("ペイロールパートナーズ株式会社");
    expect(names).not.toContain("グロースアド株式会社");
  });

  it("a facet value cannot inject a filter clause", async () => {
    const r = await h.search.searchVendors({ q: "", categories: ['accounting" OR categories = "marketing'], page: 1, perPage: 50 });
    expect(r.total).toBe(0);
  });

  it("survives Meilisearch going away: health says degraded, pages render, the edit lands after it returns", async () => {
    const vendor = new Cookies();
    await postForm(h, "/login", { email: vendorAccount.email, password: DEMO_PASSWORD }, vendor);
    const buyerCookies = new Cookies();
    await postForm(h, "/login", { email: buyer.email, password: DEMO_PASSWORD }, buyerCookies);

    meili.process.kill("SIGKILL");
    await new Promise((r) => meili.process.once("exit", r));

    const health = await h.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "degraded", database: "ok", search: "down" });

    // The buyer's search page falls back to PostgreSQL and says so.
    const page = await h.request("/vendors?q=" + encodeURIComponent("経理"), { cookies: buyerCookies });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="vendor-search-degraded"');
    expect(html).toContain("株式会社ネクスト経理サービス");

    // A profile edit is saved while search is down…
    const save = await postForm(
      h,
      "/vendor/profile",
      {
        name: "ネクスト経理サービス（新社名）",
        description: "月次決算早期化に強い経理BPO",
        categories: ["accounting"],
        regions: ["tokyo"],
        languages: ["ja"],
        teamSize: "90",
      },
      vendor,
    );
    expect(save.status).toBe(302);
    const failed = await processOutboxOnce({ db: h.db, search: h.search });
    expect(failed.failed).toBeGreaterThan(0);
    expect((await outboxStats(h.db)).pending).toBeGreaterThan(0);

    // …and reaches the index once Meilisearch is back (retries are due after the backoff).
    await startMeili();
    await h.db.updateTable("outbox").set({ next_attempt_at: new Date() }).where("processed_at", "is", null).execute();
    await h.index();
    expect((await outboxStats(h.db)).pending).toBe(0);
    const doc = await h.search.getVendor(
      (
        await h.db
          .selectFrom("users")
          .innerJoin("memberships", "memberships.user_id", "users.id")
          .select("memberships.org_id")
          .where("users.email", "=", vendorAccount.email)
          .executeTakeFirstOrThrow()
      ).org_id,
    );
    expect(doc?.name).toBe("ネクスト経理サービス（新社名）");
    expect(doc?.team_size).toBe(90);
  });

  it("converges to exactly the database after writes made while Meilisearch was killed and restarted", async () => {
    const vendors = await h.db.selectFrom("organizations").select(["id", "name"]).where("kind", "=", "vendor").execute();
    const killAt = 60;
    for (let i = 0; i < 200; i++) {
      const v = vendors[i % vendors.length];
      await h.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("vendor_profiles")
          .set({ team_size: 1000 + i })
          .where("org_id", "=", v.id)
          .execute();
        await trx.insertInto("outbox").values({ topic: "vendor", entity_id: v.id }).execute();
      });
      if (i === killAt) {
        meili.process.kill("SIGKILL");
        await new Promise((r) => meili.process.once("exit", r));
      }
      if (i % 20 === 0) await processOutboxOnce({ db: h.db, search: h.search });
    }
    await startMeili();
    await h.db.updateTable("outbox").set({ next_attempt_at: new Date() }).where("processed_at", "is", null).execute();
    await h.index();
    const rows = await h.db.selectFrom("vendor_profiles").select(["org_id", "team_size"]).execute();
    for (const row of rows) {
      const doc = await h.search.getVendor(row.org_id);
      expect(doc?.team_size).toBe(row.team_size);
    }
    const indexed = await h.search.searchVendors({ q: "", page: 1, perPage: 100 });
    expect(indexed.total).toBe(rows.length);
  });
});
