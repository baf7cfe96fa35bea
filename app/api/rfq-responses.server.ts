import type { core } from "zod";
import { listOpenRfqsForVendor, listRfqsOfBuyer, listRfqVersions } from "../../db/queries/rfqs";
import { countRfqActivity } from "../../db/queries/rfq-api";
import { BuyerRfqSummary, RfqResponse, VendorRfqSummary } from "./rfq-schemas";
import type { Actor } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { PublishProblem, RfqDraft } from "~/domain/rfq/schema";
import { t, translateOrPassThrough, type Locale } from "~/i18n";
import { loadRfqForReader } from "~/services/rfqs.server";
import { apiForbidden, apiLocale, apiNotFound, problem, zodProblem } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";
import { BodyTooLargeError, findUnstorableText, readBodyText } from "~/utils/request-body.server";

// Shared by the /api/v1 RFQ routes so each route stays parse → service → respond.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot be a row id answers 404 like any other unknown id (and never reaches a uuid cast). */
export function isRowId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

export function methodNotAllowed(request: Request, allow: string[]): Response {
  const locale = apiLocale(request);
  const list = allow.join(", ");
  return problem(
    405,
    t(locale, "http.405.title"),
    t(locale, "http.405.allowed", { list }),
    undefined,
    { Allow: list },
  );
}

/**
 * The request body as JSON: at most 1 MB (413 past it, reading stops there), valid JSON (400), and no text
 * PostgreSQL cannot store (400 naming the field) — all answered as problems before anything else happens.
 */
export async function readJsonBody(request: Request, locale: Locale): Promise<{ ok: true; data: unknown } | { ok: false; response: Response }> {
  let data: unknown;
  try {
    data = JSON.parse(await readBodyText(request));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: problem(413, t(locale, "http.413.title"), t(locale, "http.413.body")) };
    const detail = t(locale, "http.json.invalid");
    return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), detail, [{ path: "", message: detail }]) };
  }
  const unstorable = findUnstorableText(data);
  if (unstorable) return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), undefined, [{ path: unstorable.join("."), message: t(locale, "http.text.unstorable") }]) };
  return { ok: true, data };
}

/** zod issues as problem+json; unknown keys are listed one path each so a typo points at itself. */
export function inputProblem(issues: readonly core.$ZodIssue[], locale: Locale): Response {
  const unknownField = t(locale, "http.unknownField");
  const expanded = issues.flatMap((issue): core.$ZodIssue[] =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ ...issue, path: [...issue.path, key], message: unknownField })) : [issue],
  );
  return zodProblem(expanded, locale);
}

/** Publishing problems, or any other field problem with a message key (e.g. fixed-at-publication.ts). */
type FieldProblem = Pick<PublishProblem, "path"> & { key: string };

export function problemErrors(problems: readonly FieldProblem[], locale: Locale) {
  return problems.map((p) => ({ path: p.path.join("."), message: translateOrPassThrough(locale, p.key) }));
}

interface ServiceFailure {
  status: number;
  key: string;
  problems?: readonly FieldProblem[];
  issues?: readonly core.$ZodIssue[];
}

export function serviceProblem(failure: ServiceFailure, locale: Locale): Response {
  if (failure.status === 404) return apiNotFound(locale);
  if (failure.status === 403) return apiForbidden(locale);
  if (failure.issues) return inputProblem(failure.issues, locale);
  return problem(failure.status, translateOrPassThrough(locale, failure.key), undefined, failure.problems ? problemErrors(failure.problems, locale) : undefined);
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** The fields of a question every reader may see; who asked is added for the buyer only, by the caller. */
export function questionFields(q: { id: string; question: string; answer: string | null; answered_at: Date | null; created_at: Date }) {
  return { id: q.id, question: q.question, answer: q.answer, answeredAt: isoOrNull(q.answered_at), createdAt: iso(q.created_at) };
}

type BuyerListRow = Awaited<ReturnType<typeof listRfqsOfBuyer>>[number];
type VendorListRow = Awaited<ReturnType<typeof listOpenRfqsForVendor>>[number];

export function buyerRfqSummary(row: BuyerListRow, now: Date) {
  return BuyerRfqSummary.parse({
    view: "buyer",
    id: row.id,
    title: row.title,
    category: row.category,
    status: effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now),
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    sealed: row.sealed,
    visibility: row.visibility,
    updatedAt: iso(row.updated_at),
    counts: { questions: row.questions ?? 0, unansweredQuestions: row.unanswered ?? 0 },
  });
}

export function vendorRfqSummary(row: VendorListRow) {
  return VendorRfqSummary.parse({
    view: "vendor",
    id: row.id,
    title: row.title,
    category: row.category,
    status: "published",
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    visibility: row.visibility,
    invited: Boolean(row.invited),
    buyerName: row.buyer_name,
  });
}

/** The RFQ as the caller may read it (buyer: working copy; vendor: published version), or null for 404. */
export async function loadRfqResponse(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await loadRfqForReader(ctx, actor, rfqId);
  if (!found) return null;
  const now = ctx.clock.now();
  const versions = (await listRfqVersions(ctx.db, rfqId)).map((v) => ({ version: v.version, changeSummary: v.change_summary, publishedAt: iso(v.created_at) }));
  const { row } = found;
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now);
  if (found.as === "buyer") {
    return RfqResponse.parse({
      view: "buyer",
      id: row.id,
      status,
      version: row.current_version,
      quoteDeadline: isoOrNull(found.row.quote_deadline),
      publishedAt: isoOrNull(found.row.published_at),
      createdAt: iso(found.row.created_at),
      updatedAt: iso(found.row.updated_at),
      counts: await countRfqActivity(ctx.db, rfqId),
      versions,
      content: found.row.content as RfqDraft,
    });
  }
  if (found.as === "advisor") {
    return RfqResponse.parse({
      view: "advisor",
      id: row.id,
      status,
      version: row.current_version,
      quoteDeadline: isoOrNull(found.row.quote_deadline),
      publishedAt: isoOrNull(found.row.published_at),
      buyerName: found.row.buyer_name,
      versions,
      content: found.row.content as RfqDraft,
    });
  }
  return RfqResponse.parse({
    view: "vendor",
    id: row.id,
    status,
    version: row.current_version,
    quoteDeadline: isoOrNull(row.quote_deadline),
    publishedAt: isoOrNull(found.row.published_at),
    versions,
    // The service returns vendors only the allow-list view of the frozen version.
    content: found.view,
  });
}
