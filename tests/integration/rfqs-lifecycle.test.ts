import { sql } from "kysely";
import { DEMO_PAST_CONTRACTS, ongoingContract } from "../../db/seed/demo-past-contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listOpenRfqsForVendor, listQuestionsForVendor, listRfqsOfBuyer } from "../../db/queries/rfqs";
import { DEMO_ACCOUNTS, DEMO_RFQS, findDemoRfqIds, seedDemoData, type DemoRfqKey } from "../../db/seed";
import { DEMO_LOW_QUOTE } from "../../db/seed/demo-low-quote";
import { createOrg, createUser } from "../factories";
import type { Actor, MemberRole, OrgKind } from "../../app/domain/permissions";
import { effectiveStatus } from "../../app/domain/rfq/lifecycle";
import { rfqSchema, type RfqInput } from "../../app/domain/rfq/schema";
import { rfqForVendor } from "../../app/domain/rfq/vendor-view";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import {
  answerQuestion,
  askQuestion,
  cancelRfq,
  createRfqDraft,
  loadRfqForReader,
  publishAddendum,
  publishRfq,
  updateRfqWorkingCopyFor,
} from "../../app/services/rfqs.server";
import { createHarness, type Harness } from "./harness";

// The RFQ lifecycle through the service layer on real PostgreSQL, with the harness's business
// clock: publishing (all-or-nothing), lazy closing at the deadline, anonymous Q&A, addenda, and
// tenant isolation. Every test checks the rows, not only what the service returned.

let h: Harness;

const START = new Date("2026-11-20T10:00:00+09:00");
const DEADLINE = "2026-12-10T17:00:00+09:00";

interface Party {
  orgId: string;
  owner: Actor;
  member: Actor;
  userIds: string[];
}
let buyer: Party;
let otherBuyer: Party;
let invitedA: Party;
let invitedB: Party;
let uninvited: Party;
let advisor: Actor;
let admin: Actor;

async function party(kind: OrgKind, name: string): Promise<Party> {
  const org = await createOrg(h.db, kind, name);
  const actor = async (role: MemberRole): Promise<Actor> => {
    const user = await createUser(h.db, { orgId: org.id, role });
    return { userId: user.id, isPlatformAdmin: false, org: { id: org.id, kind, role } };
  };
  const owner = await actor("owner");
  const member = await actor("member");
  return { orgId: org.id, owner, member, userIds: [owner.userId, member.userId] };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await party("buyer", "みどり市 市民生活部");
  otherBuyer = await party("buyer", "あおば町 総務課");
  invitedA = await party("vendor", "行政サポートセンター株式会社");
  invitedB = await party("vendor", "北海道データエントリー株式会社");
  uninvited = await party("vendor", "グロースアド株式会社");
  advisor = (await party("advisory", "比較アドバイザリー合同会社")).owner;
  const platform = await party("platform", "Kurabe 運営事務局");
  admin = { ...platform.owner, isPlatformAdmin: true };
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.clock.set(START);
});

// ---------------------------------------------------------------------------------------------
// Helpers

const TABLES = ["rfqs", "rfq_versions", "rfq_invitations", "rfq_questions", "audit_log", "outbox", "notifications"] as const;

async function rowCounts(): Promise<Record<(typeof TABLES)[number], number>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.db);
      return [table, rows[0].n] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<(typeof TABLES)[number], number>;
}

function input(overrides: Partial<RfqInput> = {}): RfqInput {
  return completeRfqInput({ quoteDeadline: DEADLINE, invitedVendorIds: [invitedA.orgId, invitedB.orgId], ...overrides });
}

async function draft(overrides: Partial<RfqInput> = {}, by: Actor = buyer.owner): Promise<string> {
  const created = await createRfqDraft(h.ctx, by, input(overrides));
  if (!created.ok) throw new Error(`draft refused: ${JSON.stringify(created)}`);
  return created.rfq.id;
}

async function published(overrides: Partial<RfqInput> = {}): Promise<string> {
  const id = await draft(overrides);
  const result = await publishRfq(h.ctx, buyer.owner, id);
  if (!result.ok) throw new Error(`publish refused: ${JSON.stringify(result)}`);
  return id;
}

async function rfqRow(id: string) {
  return h.db.selectFrom("rfqs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).orderBy("id").execute();
  return rows.map((row) => row.action);
}

async function outboxRows(rfqId: string): Promise<number> {
  const rows = await h.db.selectFrom("outbox").select("id").where("topic", "=", "rfq").where("entity_id", "=", rfqId).execute();
  return rows.length;
}

/** Users notified of `kind` about `rfqId`, sorted. */
async function notifiedUsers(kind: string, rfqId: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom("notifications")
    .select("user_id")
    .where("kind", "=", kind)
    .where(sql<boolean>`payload->>'rfqId' = ${rfqId}`)
    .execute();
  return rows.map((row) => row.user_id).sort();
}

const sorted = (...ids: string[][]) => ids.flat().sort();

/** What a vendor reads of the RFQ: the frozen version's content, or null when it may not. */
async function vendorRead(actor: Actor, rfqId: string) {
  const read = await loadRfqForReader(h.ctx, actor, rfqId);
  return read && read.as === "vendor" ? { ...read.row, view: read.view } : null;
}

// ---------------------------------------------------------------------------------------------

describe("publishing", () => {
  it("refuses an incomplete draft with everything missing at once, and writes nothing", async () => {
    const created = await createRfqDraft(h.ctx, buyer.owner, {
      title: "庁舎清掃業務の委託",
      category: "general_affairs",
      phase: "launch",
      dataSensitivity: "personal",
      requiredCertifications: [],
      criteria: [{ key: "tco", label: { ja: "総保有コスト" }, perspective: "financial", direction: "cost", weight: 0, source: "price", unit: "yen" }],
      scoringMethod: "weighted-sum-target",
      quoteDeadline: "2026-11-01T17:00:00+09:00",
      visibility: "invited",
      invitedVendorIds: [],
    });
    if (!created.ok) throw new Error("draft refused");
    const before = await rowCounts();
    const rowBefore = await rfqRow(created.rfq.id);

    const result = await publishRfq(h.ctx, buyer.owner, created.rfq.id);

    expect(result).toMatchObject({ ok: false, status: 400, key: "rfq.publish.incomplete" });
    const problems = !result.ok && "problems" in result ? (result.problems ?? []) : [];
    expect(problems.every((problem) => problem.severity === "error")).toBe(true);
    expect(problems.map((problem) => `${problem.path.join(".")}: ${problem.key}`).sort()).toEqual(
      [
        "purpose: rfq.purpose.required",
        "scopeIn: rfq.scopeIn.required",
        "lineItems: rfq.lineItems.required",
        "contractTermMonths: rfq.contractTermMonths.required",
        "criteria: rfqReview.criteria.weights.allZero",
        "criteria.0.scale: rfq.criteria.scale.required",
        "requiredCertifications: rfq.requiredCertifications.securityCertNeeded",
        "invitedVendorIds: rfq.invitedVendorIds.required",
        "quoteDeadline: rfq.quoteDeadline.past",
      ].sort(),
    );
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(created.rfq.id)).toEqual(rowBefore);
  });

  it("refuses invitations that name an organisation which is not a vendor, and writes nothing", async () => {
    const id = await draft({ invitedVendorIds: [invitedA.orgId, otherBuyer.orgId] });
    const before = await rowCounts();
    const result = await publishRfq(h.ctx, buyer.owner, id);
    expect(result).toMatchObject({ ok: false, status: 400, problems: [{ path: ["invitedVendorIds"], key: "rfq.invitedVendorIds.unknown" }] });
    expect(await rowCounts()).toEqual(before);
  });

  it("freezes version 1, invites and notifies the invited vendors, with audit and outbox rows", async () => {
    const id = await draft();
    const outboxBefore = await outboxRows(id);
    h.clock.set("2026-11-21T09:30:00+09:00");

    expect(await publishRfq(h.ctx, buyer.member, id)).toMatchObject({ ok: true });

    const row = await rfqRow(id);
    expect(row).toMatchObject({ status: "published", current_version: 1, visibility: "invited", sealed: true });
    expect(row.published_at).toEqual(new Date("2026-11-21T09:30:00+09:00"));
    expect(row.quote_deadline).toEqual(new Date(DEADLINE));
    const versions = await h.db.selectFrom("rfq_versions").selectAll().where("rfq_id", "=", id).execute();
    expect(versions.map((version) => version.version)).toEqual([1]);
    expect(versions[0].content).toEqual(rfqSchema.parse(input()));
    const invitations = await h.db.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", id).execute();
    expect(invitations.map((invitation) => invitation.vendor_org_id).sort()).toEqual([invitedA.orgId, invitedB.orgId].sort());
    expect(await auditActions(id)).toEqual(["rfq.create", "rfq.publish"]);
    expect(await outboxRows(id)).toBe(outboxBefore + 1);
    expect(await notifiedUsers("rfq.invited", id)).toEqual(sorted(invitedA.userIds, invitedB.userIds));
  });

  it("a published RFQ cannot be published again", async () => {
    const id = await published();
    const before = await rowCounts();
    expect(await publishRfq(h.ctx, buyer.owner, id)).toMatchObject({ ok: false, status: 409 });
    expect(await rowCounts()).toEqual(before);
  });

  it("editing the working copy does not change what vendors read until an addendum is published", async () => {
    const id = await published();
    const frozen = rfqSchema.parse(input());
    const edited = await updateRfqWorkingCopyFor(h.ctx, buyer.owner, id, {
      purpose: "（改訂案）対象を子育て世帯向け給付金にも拡大する。",
      lineItems: [...frozen.lineItems, { code: "CALL", description: "問い合わせ対応", unit: "件", quantity: 500, recurrence: "per_unit" }],
    });
    expect(edited.ok).toBe(true);
    expect((await rfqRow(id)).content).toMatchObject({ purpose: "（改訂案）対象を子育て世帯向け給付金にも拡大する。" });

    const seen = await vendorRead(invitedA.owner, id);
    expect(seen?.current_version).toBe(1);
    expect(seen?.view).toEqual(rfqForVendor(rfqSchema.parse(frozen)));

    expect(await publishAddendum(h.ctx, buyer.owner, id, "対象世帯の拡大と問い合わせ対応の追加")).toMatchObject({ ok: true, version: 2 });
    const after = await vendorRead(invitedA.owner, id);
    expect(after?.current_version).toBe(2);
    expect(after?.view).toMatchObject({ purpose: "（改訂案）対象を子育て世帯向け給付金にも拡大する。" });
    expect(after?.view?.lineItems).toHaveLength(4);
  });

  // Vendors read rfqs.title (lists, the RFQs index): a retitled working copy must not leak before the addendum.
  it("a retitled working copy does not change the title vendors see before the addendum", async () => {
    const id = await published();
    await updateRfqWorkingCopyFor(h.ctx, buyer.owner, id, { title: "（未公開）給付金業務 第2期" });
    const seen = await vendorRead(invitedA.owner, id);
    expect(seen?.title).toBe(input().title);
  });
});

describe("closing at the deadline", () => {
  it("reads as published until the deadline instant and as closed from it, without anything being written", async () => {
    const id = await published();
    const deadline = new Date(DEADLINE);

    h.clock.set(new Date(deadline.getTime() - 1));
    const justBefore = await vendorRead(invitedA.owner, id);
    expect(effectiveStatus({ status: justBefore!.status, quoteDeadline: justBefore!.quote_deadline!.toISOString() }, h.clock.now())).toBe("published");
    expect((await listOpenRfqsForVendor(h.db, invitedA.orgId, { now: h.clock.now() })).map((rfq) => rfq.id)).toContain(id);
    expect((await listRfqsOfBuyer(h.db, buyer.orgId, { status: "closed", now: h.clock.now() })).map((rfq) => rfq.id)).not.toContain(id);

    h.clock.set(deadline);
    const atDeadline = await vendorRead(invitedA.owner, id);
    expect(effectiveStatus({ status: atDeadline!.status, quoteDeadline: atDeadline!.quote_deadline!.toISOString() }, h.clock.now())).toBe("closed");
    expect((await listOpenRfqsForVendor(h.db, invitedA.orgId, { now: h.clock.now() })).map((rfq) => rfq.id)).not.toContain(id);
    expect((await listRfqsOfBuyer(h.db, buyer.orgId, { status: "closed", now: h.clock.now() })).map((rfq) => rfq.id)).toContain(id);
    expect((await listRfqsOfBuyer(h.db, buyer.orgId, { status: "open", now: h.clock.now() })).map((rfq) => rfq.id)).not.toContain(id);
    // Closing is lazy: the stored status is untouched.
    expect((await rfqRow(id)).status).toBe("published");
  });
});

describe("questions and answers", () => {
  it("an invited vendor asks, the buyer answers, other bidders read the answer with no trace of the asker", async () => {
    const id = await published();
    const asked = await askQuestion(h.ctx, invitedA.member, id, "繁忙期の想定件数の内訳を教えてください。");
    if (!asked.ok) throw new Error(`question refused: ${JSON.stringify(asked)}`);
    const stored = await h.db.selectFrom("rfq_questions").selectAll().where("id", "=", asked.question.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ rfq_id: id, asked_by_org_id: invitedA.orgId, asked_by_user_id: invitedA.member.userId, answer: null });
    expect(await notifiedUsers("rfq.questionAsked", id)).toEqual(sorted(buyer.userIds));
    // Until it is answered, the question is the asker's alone.
    expect(await listQuestionsForVendor(h.db, invitedB.orgId, id)).toEqual([]);

    h.clock.set("2026-11-25T15:00:00+09:00");
    expect(await answerQuestion(h.ctx, buyer.member, asked.question.id, "3月7,800件、4月8,400件を見込んでいます。")).toMatchObject({ ok: true, rfqId: id });
    const answered = await h.db.selectFrom("rfq_questions").selectAll().where("id", "=", asked.question.id).executeTakeFirstOrThrow();
    expect(answered).toMatchObject({ answer: "3月7,800件、4月8,400件を見込んでいます。", answered_by: buyer.member.userId });
    expect(answered.answered_at).toEqual(new Date("2026-11-25T15:00:00+09:00"));

    const seenByOther = await listQuestionsForVendor(h.db, invitedB.orgId, id);
    expect(seenByOther).toHaveLength(1);
    expect(Object.keys(seenByOther[0]).sort()).toEqual(["answer", "answered_at", "created_at", "id", "mine", "question"]);
    expect(seenByOther[0]).toMatchObject({
      question: "繁忙期の想定件数の内訳を教えてください。",
      answer: "3月7,800件、4月8,400件を見込んでいます。",
      mine: false,
    });
    const serialized = JSON.stringify(seenByOther);
    for (const trace of [invitedA.orgId, invitedA.member.userId, invitedA.owner.userId, "行政サポートセンター"]) expect(serialized).not.toContain(trace);
    expect((await listQuestionsForVendor(h.db, invitedA.orgId, id))[0].mine).toBe(true);

    // Every bidder's users hear of the answer in-app; a vendor outside the RFQ does not.
    expect(await notifiedUsers("rfq.answerPublished", id)).toEqual(sorted(invitedA.userIds, invitedB.userIds));
    expect(await auditActions(asked.question.id)).toEqual(["rfq.question", "rfq.answer"]);
  });

  it("asking at or after the deadline is refused and stores nothing", async () => {
    const id = await published();
    h.clock.set(DEADLINE);
    const before = await rowCounts();
    expect(await askQuestion(h.ctx, invitedA.owner, id, "締切後の質問です。")).toMatchObject({ ok: false, status: 409, key: "rfq.question.closed" });
    h.clock.set("2026-12-20T10:00:00+09:00");
    expect(await askQuestion(h.ctx, invitedB.owner, id, "締切後の質問です。")).toMatchObject({ ok: false, status: 409, key: "rfq.question.closed" });
    expect(await rowCounts()).toEqual(before);
  });

  it("on a marketplace RFQ any vendor may ask; on an invited one an outsider gets 404", async () => {
    const open = await published({ visibility: "marketplace", invitedVendorIds: [] });
    expect(await askQuestion(h.ctx, uninvited.owner, open, "CSVの文字コードの指定はありますか。")).toMatchObject({ ok: true });

    const invitedOnly = await published();
    const before = await rowCounts();
    expect(await askQuestion(h.ctx, uninvited.owner, invitedOnly, "参加できますか。")).toMatchObject({ ok: false, status: 404 });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("addenda", () => {
  it("extends the deadline as version 2, with an audit row, an outbox row and notices to the bidders", async () => {
    const id = await published();
    const extended = "2026-12-17T17:00:00+09:00";
    expect(await updateRfqWorkingCopyFor(h.ctx, buyer.owner, id, { quoteDeadline: extended })).toMatchObject({ ok: true });
    const outboxBefore = await outboxRows(id);
    h.clock.set("2026-11-27T11:00:00+09:00");

    expect(await publishAddendum(h.ctx, buyer.owner, id, "見積締切を1週間延長します。")).toMatchObject({ ok: true, version: 2 });

    const row = await rfqRow(id);
    expect(row).toMatchObject({ status: "published", current_version: 2 });
    expect(row.quote_deadline).toEqual(new Date(extended));
    // The first publication's time stays; an addendum is not a new publication.
    expect(row.published_at).toEqual(START);
    const versions = await h.db
      .selectFrom("rfq_versions")
      .select(["version", "change_summary", "content"])
      .where("rfq_id", "=", id)
      .orderBy("version")
      .execute();
    expect(versions.map((version) => [version.version, version.change_summary])).toEqual([
      [1, ""],
      [2, "見積締切を1週間延長します。"],
    ]);
    expect(versions[1].content).toMatchObject({ quoteDeadline: extended });
    const audit = await h.db.selectFrom("audit_log").select(["action", "after"]).where("entity_id", "=", id).where("action", "=", "rfq.addendum").execute();
    // The addendum's "before" is what the bidders had (version 1), not the working copy already holding the edit.
    const [addendumBefore] = await h.db.selectFrom("audit_log").select("before").where("entity_id", "=", id).where("action", "=", "rfq.addendum").execute();
    expect(addendumBefore!.before).toMatchObject({ version: 1, changes: { quoteDeadline: (versions[0].content as { quoteDeadline: string }).quoteDeadline } });
    expect((versions[0].content as { quoteDeadline: string }).quoteDeadline).not.toBe(extended);
    expect(audit).toEqual([
      {
        action: "rfq.addendum",
        after: { version: 2, quoteDeadline: extended, changeSummary: "見積締切を1週間延長します。", changes: { quoteDeadline: extended } },
      },
    ]);
    expect(await outboxRows(id)).toBe(outboxBefore + 1);
    expect(await notifiedUsers("rfq.addendum", id)).toEqual(sorted(invitedA.userIds, invitedB.userIds));

    // The old deadline no longer closes it.
    h.clock.set(DEADLINE);
    const seen = await vendorRead(invitedB.owner, id);
    expect(effectiveStatus({ status: seen!.status, quoteDeadline: seen!.quote_deadline!.toISOString() }, h.clock.now())).toBe("published");
    expect(await askQuestion(h.ctx, invitedB.owner, id, "延長後の質問です。")).toMatchObject({ ok: true });
  });

  it("refuses to bring the deadline forward and writes nothing", async () => {
    const id = await published();
    const before = await rowCounts();
    // Refused already in the working copy (decision 0014), so no addendum can carry it.
    const edit = await updateRfqWorkingCopyFor(h.ctx, buyer.owner, id, { quoteDeadline: "2026-12-03T17:00:00+09:00" });
    expect(edit).toMatchObject({ ok: false, status: 400, issues: [{ path: ["quoteDeadline"], message: "rfq.addendum.deadlineShortened" }] });
    expect(await publishAddendum(h.ctx, buyer.owner, id, "締切を早めます。")).toMatchObject({ ok: false, status: 409, key: "rfq.addendum.noChanges" });
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(id)).toMatchObject({ current_version: 1 });
    expect((await rfqRow(id)).quote_deadline).toEqual(new Date(DEADLINE));
  });

  it("refuses an addendum once the deadline has passed", async () => {
    const id = await published();
    h.clock.set(DEADLINE);
    const before = await rowCounts();
    expect(await publishAddendum(h.ctx, buyer.owner, id, "締切後の変更")).toMatchObject({ ok: false, status: 409, key: "rfq.addendum.notOpen" });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("other tenants", () => {
  it("another buyer gets 404 from every service call on the RFQ, and nothing changes", async () => {
    const id = await published();
    const asked = await askQuestion(h.ctx, invitedA.owner, id, "質問です。");
    if (!asked.ok) throw new Error("question refused");
    const before = await rowCounts();
    const rowBefore = await rfqRow(id);

    for (const intruder of [otherBuyer.owner, otherBuyer.member]) {
      expect(await loadRfqForReader(h.ctx, intruder, id)).toBeNull();
      expect(await updateRfqWorkingCopyFor(h.ctx, intruder, id, { purpose: "乗っ取り" })).toMatchObject({ ok: false, status: 404 });
      expect(await publishRfq(h.ctx, intruder, id)).toMatchObject({ ok: false, status: 404 });
      expect(await publishAddendum(h.ctx, intruder, id, "乗っ取り")).toMatchObject({ ok: false, status: 404 });
      expect(await cancelRfq(h.ctx, intruder, id, "乗っ取り")).toMatchObject({ ok: false, status: 404 });
      expect(await answerQuestion(h.ctx, intruder, asked.question.id, "乗っ取り")).toMatchObject({ ok: false, status: 404 });
      // Buyers do not ask questions at all, on anyone's RFQ.
      expect(await askQuestion(h.ctx, intruder, id, "乗っ取り")).toMatchObject({ ok: false, status: 404 });
    }
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(id)).toEqual(rowBefore);
  });

  it("a vendor that is not invited cannot read an invited RFQ, nor find it in its list", async () => {
    const id = await published();
    expect(await vendorRead(invitedB.owner, id)).not.toBeNull();
    expect(await loadRfqForReader(h.ctx, uninvited.owner, id)).toBeNull();
    expect(await loadRfqForReader(h.ctx, uninvited.member, id)).toBeNull();
    expect((await listOpenRfqsForVendor(h.db, uninvited.orgId, { now: h.clock.now() })).map((rfq) => rfq.id)).not.toContain(id);
  });

  it("nobody but the buyer's organisation reads a draft, not even a vendor it names", async () => {
    const id = await draft();
    expect(await loadRfqForReader(h.ctx, buyer.owner, id)).toMatchObject({ as: "buyer" });
    expect(await loadRfqForReader(h.ctx, buyer.member, id)).toMatchObject({ as: "buyer" });
    for (const outsider of [otherBuyer.owner, invitedA.owner, invitedA.member, uninvited.owner, advisor, admin]) {
      expect(await loadRfqForReader(h.ctx, outsider, id)).toBeNull();
    }
    const before = await rowCounts();
    expect(await askQuestion(h.ctx, invitedA.owner, id, "下書きへの質問")).toMatchObject({ ok: false, status: 404 });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("demo data", () => {
  let demo: Harness;
  beforeAll(async () => {
    // A database of its own: the seed must load on a fresh one, as on first start.
    demo = await createHarness();
    await seedDemoData(demo.db, demo.clock.now());
  });
  afterAll(async () => {
    await demo.close();
  });

  it("yields four or more open RFQs, one draft, closed ones (the survey with answered questions) and an awarded one", async () => {
    const now = demo.clock.now();
    const rows = await demo.db.selectFrom("rfqs").select(["id", "title", "status", "quote_deadline"]).execute();
    const statusOf = (row: (typeof rows)[number]) => effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now);
    expect(rows.filter((row) => statusOf(row) === "published").length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((row) => statusOf(row) === "draft")).toHaveLength(1);
    const closed = rows.filter((row) => statusOf(row) === "closed");
    expect(closed.map((row) => row.title).sort()).toEqual(
      [
        DEMO_RFQS.surveyClosed.title,
        DEMO_RFQS.taxFormsPending.title,
        DEMO_RFQS.callCentreEvaluated.title,
        DEMO_RFQS.callCentreEvaluating.title,
        DEMO_LOW_QUOTE.title,
      ].sort(),
    );
    // The award loop (issue 15): one RFQ awarded with an approved proposal, an accepted award and an active
    // contract; one proposal waiting for approval.
    // The past contracts behind the demo's track records (db/seed/demo-past-contracts.ts) are awarded RFQs of
    // their own past clients, like the ongoing contract's (しらかわ商会); the award loop's RFQ is the only one of the
    // demo buyers.
    const pastClients = [...Object.values(DEMO_PAST_CONTRACTS).flatMap((list) => list.map((c) => c.client)), ongoingContract(new Date()).client];
    const pastRfqs = await demo.db
      .selectFrom("rfqs")
      .innerJoin("organizations as buyer", "buyer.id", "rfqs.buyer_org_id")
      .select("rfqs.id")
      .where("buyer.name", "in", pastClients)
      .execute();
    expect(pastRfqs).toHaveLength(pastClients.length);
    const pastIds = new Set(pastRfqs.map((r) => r.id));
    const awarded = rows.filter((row) => row.status === "awarded" && !pastIds.has(row.id));
    expect(awarded.map((row) => row.title)).toEqual([DEMO_RFQS.bookkeepingAwarded.title]);
    const proposals = (await demo.db.selectFrom("award_proposals").select(["rfq_id", "status"]).execute()).filter((p) => !pastIds.has(p.rfq_id));
    expect(proposals.map((p) => [rows.find((r) => r.id === p.rfq_id)!.title, p.status]).sort()).toEqual(
      [
        [DEMO_RFQS.bookkeepingAwarded.title, "approved"],
        [DEMO_RFQS.taxFormsPending.title, "pending"],
      ].sort(),
    );
    const award = (await demo.db.selectFrom("awards").select(["rfq_id", "status"]).execute()).filter((x) => !pastIds.has(x.rfq_id));
    expect(award).toHaveLength(1);
    expect(award[0]).toEqual({ rfq_id: awarded[0]!.id, status: "accepted" });
    const contract = (await demo.db.selectFrom("contracts").select(["rfq_id", "status"]).execute()).filter((x) => !pastIds.has(x.rfq_id));
    expect(contract).toHaveLength(1);
    expect(contract[0]).toEqual({ rfq_id: awarded[0]!.id, status: "active" });
    const survey = closed.find((row) => row.title === DEMO_RFQS.surveyClosed.title)!;
    const questions = await demo.db.selectFrom("rfq_questions").select(["answer", "answered_at", "created_at"]).where("rfq_id", "=", survey.id).execute();
    expect(questions.length).toBeGreaterThanOrEqual(2);
    for (const question of questions) {
      expect(question.answer).toBeTruthy();
      expect(question.answered_at!.getTime()).toBeLessThan(closed[0].quote_deadline!.getTime());
    }
  });

  it("has one evaluated RFQ (issue 18): two evaluators' submitted ratings, a flagged spread with consensus, annotations, an answered clarification, a memo", async () => {
    const ids = await findDemoRfqIds(demo.db);
    const rfqId = ids.callCentreEvaluated;
    const evaluators = await demo.db.selectFrom("rfq_evaluators").select(["submitted_at"]).where("rfq_id", "=", rfqId).execute();
    expect(evaluators).toHaveLength(2);
    expect(evaluators.every((e) => e.submitted_at !== null)).toBe(true);
    const ratings = await demo.db.selectFrom("evaluator_ratings").select(["quote_id", "criterion_key", "score"]).where("rfq_id", "=", rfqId).execute();
    expect(ratings).toHaveLength(12); // 2 evaluators × 3 quotes × 2 criteria
    const [consensus] = await demo.db.selectFrom("rating_consensus").select(["quote_id", "criterion_key", "score"]).where("rfq_id", "=", rfqId).execute();
    const rated = ratings.filter((r) => r.quote_id === consensus!.quote_id && r.criterion_key === consensus!.criterion_key).map((r) => r.score);
    expect(Math.max(...rated) - Math.min(...rated)).toBeGreaterThanOrEqual(2); // the flagged spread the consensus settles
    const annotations = await demo.db.selectFrom("quote_annotations").select("kind").where("rfq_id", "=", rfqId).execute();
    expect(new Set(annotations.map((a) => a.kind))).toEqual(new Set(["strength", "risk", "question"]));
    const clarifications = await demo.db.selectFrom("clarification_requests").select("answer").where("rfq_id", "=", rfqId).execute();
    expect(clarifications).toHaveLength(1);
    expect(clarifications[0]!.answer).toBeTruthy();
    const memos = await demo.db.selectFrom("recommendation_memos").select(["status", "quote_id"]).where("rfq_id", "=", rfqId).execute();
    expect(memos).toEqual([expect.objectContaining({ status: "published" })]);
    // The other contact-centre RFQ: the panel is named, nobody has rated.
    expect(await demo.db.selectFrom("rfq_evaluators").select("user_id").where("rfq_id", "=", ids.callCentreEvaluating).execute()).toHaveLength(2);
    expect(await demo.db.selectFrom("evaluator_ratings").select("score").where("rfq_id", "=", ids.callCentreEvaluating).execute()).toHaveLength(0);
  });

  it("every published version is a complete RFQ, with the same trail of rows a real one leaves", async () => {
    const ids = await findDemoRfqIds(demo.db);
    for (const key of Object.keys(DEMO_RFQS) as DemoRfqKey[]) {
      const isDraft = DEMO_RFQS[key].state === "draft";
      const { current_version } = await demo.db.selectFrom("rfqs").select("current_version").where("id", "=", ids[key]).executeTakeFirstOrThrow();
      const versions = await demo.db.selectFrom("rfq_versions").select(["version", "content"]).where("rfq_id", "=", ids[key]).orderBy("version").execute();
      expect(
        versions.map((version) => version.version),
        key,
      ).toEqual(Array.from({ length: current_version }, (_, index) => index + 1));
      expect(current_version > 0, key).toBe(!isDraft);
      for (const version of versions) expect(rfqSchema.safeParse(version.content).success, key).toBe(true);
      const actions = await demo.db.selectFrom("audit_log").select("action").where("entity_id", "=", ids[key]).execute();
      expect(
        actions.map((row) => row.action),
        key,
      ).toEqual(expect.arrayContaining(isDraft ? ["rfq.create"] : ["rfq.create", "rfq.publish"]));
      expect(
        actions.map((row) => row.action),
        key,
      ).not.toContain(isDraft ? "rfq.publish" : "rfq.cancel");
      const outbox = await demo.db.selectFrom("outbox").select("id").where("topic", "=", "rfq").where("entity_id", "=", ids[key]).execute();
      expect(outbox.length, key).toBeGreaterThan(0);
    }
    // The municipal RFQ invites the three named vendors and carries one addendum.
    const invited = await demo.db
      .selectFrom("rfq_invitations")
      .innerJoin("organizations", "organizations.id", "rfq_invitations.vendor_org_id")
      .select("organizations.name")
      .where("rfq_invitations.rfq_id", "=", ids.benefits)
      .execute();
    expect(invited.map((row) => row.name).sort()).toEqual(["コンタクトワン株式会社", "北海道データエントリー株式会社", "行政サポートセンター株式会社"].sort());
    expect(await demo.db.selectFrom("rfqs").select("current_version").where("id", "=", ids.benefits).executeTakeFirstOrThrow()).toEqual({ current_version: 2 });
  });

  it("indexes into search and lets an invited vendor read the municipal RFQ", async () => {
    await demo.index();
    const ids = await findDemoRfqIds(demo.db);
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.org === "行政サポートセンター株式会社")!;
    const user = await demo.db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select(["users.id", "memberships.org_id"])
      .where("users.email", "=", account.email)
      .executeTakeFirstOrThrow();
    const vendor: Actor = { userId: user.id, isPlatformAdmin: false, org: { id: user.org_id, kind: "vendor", role: "owner" } };
    const read = await loadRfqForReader(demo.ctx, vendor, ids.benefits);
    expect(read).toMatchObject({ as: "vendor", row: { title: DEMO_RFQS.benefits.title, current_version: 2 } });
    expect(await loadRfqForReader(demo.ctx, vendor, ids.accountingDraft)).toBeNull();
  });
});
