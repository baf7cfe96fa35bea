import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo-data";
import { LARGE_RFQ_BUYER_EMAIL, pricedLow, seedLargeRfq } from "../../db/seed/large-rfq";
import { saveApprovalRoutes } from "~/services/approval-routes.server";
import { actorFor, createUser } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The BAFO section and the award form on the comparison page at 300 quotes (issue 21, decision 0058 "BAFO and award
// at scale"): by default they show the quotes being compared (and the shortlisted / chosen ones) in rank order, the
// rest in a closed <details> of the same form — so any quote can still be shortlisted or proposed, without JavaScript.

const NOW = new Date("2026-12-07T03:00:00Z");
const COUNT = 300;
/** The page's HTML at 300 quotes before this change (comparison-scale.test.ts printed it; decision 0058). */
const HTML_BEFORE_BYTES = 683.5 * 1024;
const ID = "[0-9a-f-]{36}";

let h: Harness;
let rfqId: string;
const buyer = new Cookies();

const get = async (query = "", lang = "ja") => {
  const res = await h.request(`/rfqs/${rfqId}/compare${query}`, { cookies: buyer, headers: { "Accept-Language": lang } });
  expect(res.status).toBe(200);
  return (await res.text()).replaceAll("<!-- -->", "");
};
/** One section of the page, from its test id to its closing tag. */
const section = (html: string, testId: string) => {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
};
/** The part of a section before its folded <details>, and the folded part. */
const split = (part: string) => {
  const at = part.indexOf("<details");
  return at < 0 ? { shown: part, folded: "" } : { shown: part.slice(0, at), folded: part.slice(at, part.indexOf("</details>", at)) };
};
const inputs = (part: string, name: string) =>
  [...part.matchAll(/<input[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(`name="${name}"`))
    .map((tag) => ({ id: new RegExp(`value="(${ID})"`).exec(tag)![1]!, checked: / checked=""/.test(tag) }));
const listIds = (html: string) => [...html.matchAll(new RegExp(`data-testid="list-row" data-quote-id="(${ID})"`, "g"))].map((m) => m[1]!);
const columnIds = async () => listIds(await get()).slice(0, 5);

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  rfqId = await seedLargeRfq(h.db, NOW, { quotes: COUNT, passwordHash: await hash(DEMO_PASSWORD) });
  // An award proposal needs a 稟議 route (one approver), as for any buyer.
  const owner = await actorFor(h.db, LARGE_RFQ_BUYER_EMAIL);
  const approver = await createUser(h.db, { orgId: owner.org!.id, role: "member", name: "課長 承認", isApprover: true });
  const route = await saveApprovalRoutes(h.ctx, owner, {
    version: 1,
    bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approver.id] }] }],
  });
  expect(route.ok).toBe(true);
  expect((await postForm(h, "/login", { email: LARGE_RFQ_BUYER_EMAIL, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
}, 120_000);
afterAll(() => h?.close());

describe("the BAFO section and the award form at 300 quotes", () => {
  it("show the compared quotes in rank order, every other quote folded but still in the form, and the page is smaller", async () => {
    const html = await get();
    const bytes = Buffer.byteLength(html);
    if (process.env.DUMP_COMPARE_HTML) (await import("node:fs")).writeFileSync(process.env.DUMP_COMPARE_HTML, html);
    console.log(
      `compare page at ${COUNT} quotes with the sections focused: HTML ${(bytes / 1024).toFixed(1)} kB (before ${(HTML_BEFORE_BYTES / 1024).toFixed(1)} kB)`,
    );
    expect(bytes).toBeLessThan(HTML_BEFORE_BYTES * 0.95);
    const columns = await columnIds();

    const bafo = section(html, "bafo-section");
    const bafoTable = bafo.slice(bafo.indexOf('data-testid="bafo-offers"'), bafo.indexOf("</table>"));
    expect(bafoTable.split("<tr").length - 2).toBe(5);
    expect(bafo).toContain("ほかの見積を表示（全300件中295件）");
    expect(bafo).toContain("ほかの295件はショートリスト外で、初回の見積で比較しています。");
    const bafoForm = split(bafo.slice(bafo.indexOf('value="shortlist"')));
    // The columns' quotes first, in rank order; all 300 can be ticked (295 of them behind the <details>).
    expect(inputs(bafoForm.shown, "quoteIds").map((i) => i.id)).toEqual(columns);
    expect(inputs(bafoForm.folded, "quoteIds")).toHaveLength(COUNT - 5);
    expect(new Set([...inputs(bafoForm.shown, "quoteIds"), ...inputs(bafoForm.folded, "quoteIds")].map((i) => i.id)).size).toBe(COUNT);
    expect(bafoForm.folded).not.toContain("<details open");

    const award = split(section(html, "propose-award"));
    const shownRadios = inputs(award.shown, "quoteId").map((i) => i.id);
    expect(shownRadios).toEqual(columns);
    const foldedRadios = inputs(award.folded, "quoteId").map((i) => i.id);
    expect(foldedRadios.length).toBeGreaterThan(200);
    expect(foldedRadios.some((id) => columns.includes(id))).toBe(false);
    const ranks = [...award.folded.matchAll(/\/> (\d+)位 /g)].map((m) => Number(m[1]));
    expect(ranks.slice(0, 3)).toEqual([6, 7, 8]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("show the compare list's quotes too, and say it in English", async () => {
    const page3 = listIds(await get("?perPage=100&page=2"));
    const picks = page3.slice(20, 22);
    const html = await get(`?shortlist=${picks.join(",")}`, "en");
    const bafo = split(section(html, "bafo-section").split('value="shortlist"')[1]!);
    expect(inputs(bafo.shown, "quoteIds").map((i) => i.id)).toEqual(expect.arrayContaining(picks));
    expect(inputs(bafo.shown, "quoteIds")).toHaveLength(7);
    expect(bafo.folded).toContain("Show the other 293 of all 300 quotes");
    const award = split(section(html, "propose-award"));
    expect(inputs(award.shown, "quoteId").map((i) => i.id)).toEqual(expect.arrayContaining(picks));
    expect(award.shown).toContain("Showing the quotes being compared, in rank order. Any quote can be proposed.");
  });

  it("a quote outside the columns can be shortlisted from the folded part, and is then shown (ticked) in the section", async () => {
    const far = listIds(await get("?perPage=100&page=3"))[10]!;
    const before = split(section(await get(), "bafo-section").split('value="shortlist"')[1]!);
    expect(inputs(before.folded, "quoteIds").map((i) => i.id)).toContain(far);
    const saved = await postForm(h, `/rfqs/${rfqId}/bafo`, { intent: "shortlist", quoteIds: [far] }, buyer);
    expect(saved.status).toBe(302);
    const row = await h.db.selectFrom("quotes").select("status").where("id", "=", far).executeTakeFirstOrThrow();
    expect(row.status).toBe("shortlisted");
    const after = section(await get(), "bafo-section");
    const table = after.slice(after.indexOf('data-testid="bafo-offers"'), after.indexOf("</table>"));
    expect(table.split("<tr").length - 2).toBe(6);
    const form = split(after.split('value="shortlist"')[1]!);
    expect(inputs(form.shown, "quoteIds").find((i) => i.id === far)).toEqual({ id: far, checked: true });
    expect(inputs(form.folded, "quoteIds").map((i) => i.id)).not.toContain(far);
    expect(form.folded).toContain("全300件中294件");
    // The award form shows the shortlisted quote with the compared ones too.
    expect(inputs(split(section(await get(), "propose-award")).shown, "quoteId").map((i) => i.id)).toContain(far);
  });

  it("a quote outside the columns can be proposed for the award from the folded part", async () => {
    const html = await get();
    const folded = inputs(split(section(html, "propose-award")).folded, "quoteId").map((i) => i.id);
    const names = new Map(
      [...html.matchAll(new RegExp(`data-testid="list-row" data-quote-id="(${ID})"[\\s\\S]*?<th scope="row">([^<]+)</th>`, "g"))].map((m) => [m[1]!, m[2]!]),
    );
    // Any folded quote that is not abnormally low (so no red flag has to be acknowledged): page 1 of the list names 20.
    const pick = folded.find((id) => names.has(id) && !pricedLow(Number(/(\d{3})株式会社/.exec(names.get(id)!)![1])))!;
    expect(pick).toBeDefined();
    const done = await postForm(
      h,
      `/rfqs/${rfqId}/award`,
      { quoteId: pick, rationale: "品質と実績を重視", specificRationale: "上位との差は小さく、運用体制を評価", debriefReason: "総合評価の差" },
      buyer,
    );
    expect(done.status).toBe(302);
    const proposals = await h.db.selectFrom("award_proposals").select("quote_id").where("rfq_id", "=", rfqId).execute();
    expect(proposals.map((p) => p.quote_id)).toEqual([pick]);
  });
});
