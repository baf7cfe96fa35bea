import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import {
  findMemoOfAdvisor,
  isBlindEvaluator,
  insertMemoDraft,
  listAnnotationsOfOrg,
  listMemosOfAdvisor,
  listPublishedMemosForBuyer,
  listSubmittedRatingsOfOrg,
  markMemoPublished,
  nextMemoVersion,
  supersedePublishedMemo,
  updateMemoDraft,
  type MemoRow,
} from "../../db/queries/recommendation-memos";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import { findRfqForBuyer } from "../../db/queries/rfqs";
import { draftMemo } from "~/domain/evaluation/memo-draft";
import { MemoInputSchema, publishProblems, type MemoInput } from "~/domain/evaluation/memo";
import { ratingScaleOf } from "~/domain/evaluation/ratings";
import { can, type Actor } from "~/domain/permissions";
import { rfqResource } from "~/domain/rfq/resource";
import type { Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { isRowId } from "~/utils/row-id";
import { failure, isUniqueViolation, orgActor, type OrgActor, type ServiceFailure } from "~/utils/service-failure";
import { quotesOfRfqForAdvisor } from "./quotes.server";
import { rankListedQuotes } from "./ranking-projection.server";

// Recommendation memos (issue 18 item 5; decision 0047). An advisory organisation assigned to an RFQ writes, once the
// quotes are opened, a memo in versions: a draft pre-filled from its members' submitted ratings and its annotations
// (app/domain/evaluation/memo-draft.ts), edited, then published; publishing supersedes its previous published version,
// which stays readable. One draft and one published version per organisation and RFQ (partial unique indexes). The
// buyer's members read the published versions; drafts stay with their organisation; vendors, other buyers and
// unassigned advisors get 404 for every memo and RFQ id. Each write is one transaction with its audit row.

/** Statuses of a quote that may be recommended (submitted and not withdrawn, not already decided against). */
const RECOMMENDABLE = new Set(["submitted", "shortlisted", "not_selected", "awarded"]);

type Advisor = OrgActor<"advisory">;

/** The assigned advisory organisation's RFQ, or null (→ 404). */
async function advisorRfq(ctx: AppContext, actor: Actor, rfqId: string) {
  const a = orgActor(actor, "advisory");
  if (!a || !isRowId(rfqId)) return null;
  const rfq = await findRfqForAdvisor(ctx.db, a.org.id, rfqId);
  if (!rfq || !can(a, "advisorNote:write", rfqResource(rfq, [], [a.org.id]))) return null;
  // The blind rule: a named evaluator who has not submitted sees nobody else's ratings, and its organisation's memos
  // are made of its colleagues' submitted ratings and reasons — so none of them until it has submitted.
  return { a, rfq, blind: await isBlindEvaluator(ctx.db, rfqId, a.userId) };
}

/**
 * The opened quotes an assigned advisor may recommend, with the RFQ's evaluator-rated criteria (of the version the
 * quotes are ranked on). Null while sealed: a memo is written on opened quotes only.
 */
async function recommendable(ctx: AppContext, a: Advisor, rfqId: string) {
  const listing = await quotesOfRfqForAdvisor(ctx, a, rfqId);
  if (!listing || listing.sealed) return null;
  const ranked = await rankListedQuotes(ctx.db, rfqId, listing.rfqVersion!, listing.quotes, ctx.clock.now());
  const disqualified = new Set(ranked.result.disqualified.map((d) => d.id));
  return {
    quotes: ranked.quotes.map((q) => ({ id: q.id, vendorName: q.vendorName, qualifies: RECOMMENDABLE.has(q.status) && !disqualified.has(q.id) })),
    criteria: ranked.rfq.criteria
      .filter((c) => c.source === "advisor_rating")
      .map((c) => ({ key: c.key, label: { ja: c.label.ja, en: c.label.en || c.label.ja }, scale: ratingScaleOf(c) })),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A memo version as pages and the API show it. */
export function presentMemo(m: MemoRow) {
  return {
    id: m.id,
    rfqId: m.rfq_id,
    advisorOrgId: m.advisor_org_id,
    advisorName: m.advisor_name,
    version: m.version,
    status: m.status,
    quoteId: m.quote_id,
    vendorName: m.vendor_name,
    rationale: m.rationale,
    conditions: m.conditions,
    risks: m.risks,
    author: { id: m.author_user_id, name: m.author_name },
    createdAt: iso(m.created_at)!,
    updatedAt: iso(m.updated_at)!,
    publishedAt: iso(m.published_at),
  };
}
export type PresentedMemo = ReturnType<typeof presentMemo>;

/**
 * The memo page of an assigned advisor: every version of its organisation's memo (newest first), the current draft,
 * the quotes it may recommend and what a new draft would rest on. Null → 404.
 */
export async function memoPageForAdvisor(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await advisorRfq(ctx, actor, rfqId);
  if (!found) return null;
  if (found.blind)
    return { rfq: { id: rfqId, title: found.rfq.title, buyerName: found.rfq.buyer_name }, blind: true, opened: false, quotes: [], memos: [], draft: null };
  const [options, rows] = await Promise.all([recommendable(ctx, found.a, rfqId), listMemosOfAdvisor(ctx.db, found.a.org.id, rfqId)]);
  const memos = rows.map(presentMemo);
  return {
    rfq: { id: rfqId, title: found.rfq.title, buyerName: found.rfq.buyer_name },
    blind: false,
    opened: options !== null,
    quotes: options ? options.quotes.filter((q) => q.qualifies).map(({ id, vendorName }) => ({ id, vendorName })) : [],
    memos,
    draft: memos.find((m) => m.status === "draft") ?? null,
  };
}

/** The memos (newest version first per organisation) an RFQ's reader may see: its own org's for an advisor, published for the buyer. */
export async function listMemos(ctx: AppContext, actor: Actor, rfqId: string): Promise<{ ok: true; memos: PresentedMemo[] } | ServiceFailure> {
  if (actor.org?.kind === "advisory") {
    const found = await advisorRfq(ctx, actor, rfqId);
    if (!found) return failure.notFound();
    if (found.blind) return failure.conflict("memos.blind");
    return { ok: true, memos: (await listMemosOfAdvisor(ctx.db, found.a.org.id, rfqId)).map(presentMemo) };
  }
  const memos = await publishedMemosForBuyer(ctx, actor, rfqId);
  return memos ? { ok: true, memos } : failure.notFound();
}

/**
 * The published memos of the buyer's own RFQ, current first within each organisation (superseded ones are its
 * history). Null for anyone but a member of the RFQ's buyer organisation.
 */
export async function publishedMemosForBuyer(ctx: AppContext, actor: Actor, rfqId: string): Promise<PresentedMemo[] | null> {
  const b = orgActor(actor, "buyer");
  if (!b || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, b.org.id, rfqId);
  if (!rfq || !can(b, "advisorNote:read", rfqResource(rfq))) return null;
  return (await listPublishedMemosForBuyer(ctx.db, b.org.id, rfqId)).map(presentMemo);
}

/**
 * "New memo": a draft, version = the next number, pre-filled in `locale` from the organisation's submitted ratings
 * and its annotations. 409 while sealed or when a draft is already being edited (one draft per organisation).
 */
export async function createMemoDraft(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  locale: Locale,
): Promise<{ ok: true; memo: PresentedMemo } | ServiceFailure> {
  const found = await advisorRfq(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  if (found.blind) return failure.conflict("memos.blind");
  const { a } = found;
  const options = await recommendable(ctx, a, rfqId);
  if (!options) return failure.conflict("memos.notOpened");
  const [ratings, annotations] = await Promise.all([listSubmittedRatingsOfOrg(ctx.db, a.org.id, rfqId), listAnnotationsOfOrg(ctx.db, a.org.id, rfqId)]);
  const draft = draftMemo({
    locale,
    criteria: options.criteria,
    quotes: options.quotes,
    ratings: ratings.map((r) => ({ quoteId: r.quote_id, criterionKey: r.criterion_key, score: r.score, reason: r.reason })),
    annotations: annotations.map((n) => ({ quoteId: n.quote_id, criterionKey: n.criterion_key, kind: n.kind, body: n.body })),
  });
  const now = ctx.clock.now();
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const version = await nextMemoVersion(trx, a.org.id, rfqId);
      const row = await insertMemoDraft(trx, {
        rfqId,
        advisorOrgId: a.org.id,
        version,
        quoteId: draft.quoteId,
        rationale: draft.rationale,
        conditions: draft.conditions,
        risks: draft.risks,
        authorUserId: a.userId,
        at: now,
      });
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "memo.draft",
        entityType: "rfq",
        entityId: rfqId,
        after: { memoId: row.id, version, quoteId: draft.quoteId },
      });
      return row.id;
    });
    const memo = (await listMemosOfAdvisor(ctx.db, a.org.id, rfqId)).find((m) => m.id === id)!;
    return { ok: true, memo: presentMemo(memo) };
  } catch (e) {
    // A draft exists (or two "new memo" presses raced): the partial unique index lets one in.
    if (isUniqueViolation(e)) return failure.conflict("memos.draftExists");
    throw e;
  }
}

const fieldIssue = (path: string, message: string, input: unknown): core.$ZodIssue => ({ code: "custom", path: [path], message, input });

/** The advisor's draft (locked) with its RFQ's recommendable quotes, or a failure. */
async function draftForWrite(ctx: AppContext, actor: Actor, memoId: string) {
  const a = orgActor(actor, "advisory");
  if (!a || !isRowId(memoId)) return failure.notFound();
  const memo = await findMemoOfAdvisor(ctx.db, a.org.id, memoId);
  if (!memo) return failure.notFound();
  // Still assigned to the RFQ: a removed advisor keeps nothing to edit.
  const found = await advisorRfq(ctx, a, memo.rfq_id);
  if (!found) return failure.notFound();
  if (found.blind) return failure.conflict("memos.blind");
  if (memo.status !== "draft") return failure.conflict("memos.notDraft");
  const options = await recommendable(ctx, a, memo.rfq_id);
  if (!options) return failure.conflict("memos.notOpened");
  return { a, memo, options };
}

const MEMO_FIELDS = ["quoteId", "rationale", "conditions", "risks"] as const;

/**
 * Parses an edit onto the draft: a field left out keeps the draft's value (PATCH), a field sent replaces it. Every
 * field's error at once; the quote checked against the RFQ's opened, qualifying offers.
 */
function parseEdit(input: unknown, draft: MemoInput, qualifying: ReadonlySet<string>): MemoInput | ServiceFailure {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return failure.invalid({ issues: [fieldIssue("rationale", "validation.invalid", input)] });
  const parsed = MemoInputSchema.safeParse(input);
  const issues: core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  // The quote is checked even when another field is wrong, so every field's error comes back at once.
  const quote = MemoInputSchema.shape.quoteId.safeParse((input as { quoteId?: unknown }).quoteId);
  if (quote.success && quote.data && !qualifying.has(quote.data)) issues.push(fieldIssue("quoteId", "memos.quote.notOffered", quote.data));
  if (issues.length > 0 || !parsed.success) return failure.invalid({ issues });
  const sent = new Set(Object.keys(input));
  const merged = { ...draft };
  for (const key of MEMO_FIELDS) if (sent.has(key)) Object.assign(merged, { [key]: parsed.data[key] });
  return merged;
}

const draftValues = (m: { quote_id: string | null; rationale: string; conditions: string; risks: string }): MemoInput => ({
  quoteId: m.quote_id,
  rationale: m.rationale,
  conditions: m.conditions,
  risks: m.risks,
});

/** Its organisation edits a draft (any member of the assigned advisory org); 409 once it is published. */
export async function editMemoDraft(
  ctx: AppContext,
  actor: Actor,
  memoId: string,
  input: unknown,
): Promise<{ ok: true; memo: PresentedMemo } | ServiceFailure> {
  const found = await draftForWrite(ctx, actor, memoId);
  if (!("memo" in found)) return found;
  const { a, memo, options } = found;
  const edit = parseEdit(input, draftValues(memo), new Set(options.quotes.filter((q) => q.qualifies).map((q) => q.id)));
  if (!("rationale" in edit)) return edit;
  const now = ctx.clock.now();
  const saved = await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateMemoDraft(trx, memo.id, { ...edit, authorUserId: a.userId, at: now }))) return false;
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "memo.edit",
      entityType: "rfq",
      entityId: memo.rfq_id,
      before: { memoId: memo.id, quoteId: memo.quote_id },
      after: { memoId: memo.id, version: memo.version, quoteId: edit.quoteId },
    });
    return true;
  });
  if (!saved) return failure.conflict("memos.notDraft");
  return { ok: true, memo: presentMemo((await listMemosOfAdvisor(ctx.db, a.org.id, memo.rfq_id)).find((m) => m.id === memo.id)!) };
}

/**
 * Publishes the draft, with the edit sent along (when `input` is given) applied first, in one transaction: the
 * organisation's published version becomes superseded (kept) and this one is the current memo. 400 at `quoteId` /
 * `rationale` when the memo has no recommended quote or no rationale (nothing written).
 */
export async function publishMemo(
  ctx: AppContext,
  actor: Actor,
  memoId: string,
  input?: unknown,
): Promise<{ ok: true; memo: PresentedMemo; supersededId: string | null } | ServiceFailure> {
  const found = await draftForWrite(ctx, actor, memoId);
  if (!("memo" in found)) return found;
  const { a, memo, options } = found;
  const qualifying = new Set(options.quotes.filter((q) => q.qualifies).map((q) => q.id));
  let edit = draftValues(memo);
  if (input !== undefined) {
    const parsed = parseEdit(input, edit, qualifying);
    if (!("rationale" in parsed)) return parsed;
    edit = parsed;
  }
  const problems = publishProblems(edit);
  // A stored draft may name a quote that has since been withdrawn or failed a gate.
  if (!problems.quoteId && edit.quoteId && !qualifying.has(edit.quoteId)) problems.quoteId = ["memos.quote.notOffered"];
  if (Object.keys(problems).length > 0) return failure.invalid({ fieldErrors: problems });
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const locked = await findMemoOfAdvisor(trx, a.org.id, memo.id, true);
    if (!locked || locked.status !== "draft") return null;
    await updateMemoDraft(trx, memo.id, { ...edit, authorUserId: a.userId, at: now });
    const superseded = await supersedePublishedMemo(trx, a.org.id, memo.rfq_id, now);
    await markMemoPublished(trx, memo.id, now);
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "memo.publish",
      entityType: "rfq",
      entityId: memo.rfq_id,
      after: { memoId: memo.id, version: memo.version, quoteId: edit.quoteId, supersededMemoId: superseded?.id ?? null },
    });
    return { supersededId: superseded?.id ?? null };
  });
  if (!done) return failure.conflict("memos.notDraft");
  const row = (await listMemosOfAdvisor(ctx.db, a.org.id, memo.rfq_id)).find((m) => m.id === memo.id)!;
  return { ok: true, memo: presentMemo(row), supersededId: done.supersededId };
}

/**
 * What the comparison page shows of memos: the published memos for the buyer's members; for an assigned advisor, only
 * the way to its own memo page (its drafts and versions live there). Null for anyone else: the panel is absent.
 */
export async function memosPanelFor(ctx: AppContext, actor: Actor, rfqId: string) {
  if (actor.org?.kind === "advisory") return (await advisorRfq(ctx, actor, rfqId)) ? { memos: null, memoHref: `/rfqs/${rfqId}/memo` } : null;
  const memos = await publishedMemosForBuyer(ctx, actor, rfqId);
  return memos ? { memos, memoHref: null } : null;
}
