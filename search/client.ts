import { Meilisearch, MeilisearchApiError, type MultiSearchParams, type MultiSearchQuery } from "meilisearch";
import { KPI_PREFIX, type QuoteDocument, type RfqDocument, type TransactionRecordDocument, type VendorDocument } from "./documents";
import type { TransactionRecordKind } from "~/domain/invoices/retention";
import { INDEX_NAMES, INDEX_SETTINGS, type IndexName } from "./settings";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "~/domain/search-highlight";

export interface VendorSearchParams {
  q: string;
  categories?: string[];
  regions?: string[];
  certifications?: string[];
  sort?: "relevance" | "track_record";
  page: number;
  perPage: number;
}

export interface VendorSearchResult {
  hits: (VendorDocument & { _formatted?: Partial<Record<keyof VendorDocument, unknown>> })[];
  total: number;
  facets: Record<"categories" | "regions" | "certifications", Record<string, number>>;
  processingTimeMs: number;
}

export interface QuoteSearchParams {
  rfqId: string;
  /** The caller's organisation: always a filter, so one buyer can never read another's quotes. */
  buyerOrgId: string;
  filters?: { certifications?: string[]; disqualified?: boolean; status?: string[]; tcoMin?: number; tcoMax?: number };
  /** `score`, `tco`, `roi`, `rank` or a `kpi_<key>` attribute. */
  sort?: { by: string; direction: "asc" | "desc" };
}

const SORTABLE_QUOTE_ATTRIBUTE = new RegExp(`^(score|tco|roi|rank|submitted_at|${KPI_PREFIX}[A-Za-z0-9_]+)$`);

/** The filter list of a quote search; the scope clauses come first and are never optional. */
export function quoteSearchFilter(p: QuoteSearchParams): string[] {
  const f = p.filters ?? {};
  return [
    `buyer_org_id = ${quoteFilterValue(p.buyerOrgId)}`,
    `rfq_id = ${quoteFilterValue(p.rfqId)}`,
    ...allOf("certifications", f.certifications),
    ...(f.disqualified === undefined ? [] : [`disqualified = ${f.disqualified ? "true" : "false"}`]),
    // Numbers only (checked here), so a range can never smuggle in a clause.
    ...(Number.isFinite(f.tcoMin) ? [`tco >= ${Number(f.tcoMin)}`] : []),
    ...(Number.isFinite(f.tcoMax) ? [`tco <= ${Number(f.tcoMax)}`] : []),
    anyOf("status", f.status),
  ].filter((x): x is string => x !== null);
}

/** Whose RFQs a search may return. Built by the server from the signed-in actor only, never from the request. */
export type RfqSearchScope = { kind: "vendor"; vendorOrgId: string } | { kind: "buyer"; buyerOrgId: string };

export interface RfqSearchParams {
  scope: RfqSearchScope;
  /** The business clock: "open" and the deadline windows are relative to it. */
  now: Date;
  q: string;
  /** Any of these categories. */
  categories?: string[];
  /** Every one of these certifications is required by the RFQ. */
  certifications?: string[];
  /** The deadline falls within this many days from now. */
  deadlineWithinDays?: number | null;
  /** Vendors: "held" = the RFQ requires none of `lackedCertifications`; "lacking" = it requires at least one. */
  certFit?: "held" | "lacking" | null;
  /** Certification types the vendor does not hold validly; present, the held/lacking counts are computed. */
  lackedCertifications?: string[];
  sort?: "relevance" | "deadline" | "newest";
  page: number;
  perPage: number;
}

/** What a reader may get back: never the invited vendors (other bidders) nor any buyer-internal field. */
export const RFQ_HIT_ATTRIBUTES = [
  "id",
  "title",
  "purpose",
  "category",
  "buyer_name",
  "required_certifications",
  "quote_deadline",
  "published_at",
  "status",
  "visibility",
] as const satisfies readonly (keyof RfqDocument)[];
export type RfqSearchHit = Pick<RfqDocument, (typeof RFQ_HIT_ATTRIBUTES)[number]> & { _formatted?: { title?: string; purpose?: string } };

export interface RfqSearchResult {
  hits: RfqSearchHit[];
  total: number;
  facets: {
    category: Record<string, number>;
    required_certifications: Record<string, number>;
    /** Keyed by the window in days ("7", "14", "30"). */
    deadline: Record<string, number>;
    /** Only when `lackedCertifications` was given. */
    fit: { held: number; lacking: number } | null;
  };
}

export const RFQ_DEADLINE_WINDOWS_DAYS = [7, 14, 30] as const;

type RfqFilterPart = "category" | "certifications" | "deadline" | "fit";

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The reader's scope as a filter expression: the first clause of every RFQ search, never optional. */
export function rfqScopeFilter(scope: RfqSearchScope, now: Date): string {
  if (scope.kind === "vendor") {
    return `(status = "published" AND quote_deadline > ${epochSeconds(now)} AND (visibility = "marketplace" OR invited_vendor_ids = ${quoteFilterValue(scope.vendorOrgId)}))`;
  }
  return `(buyer_org_id = ${quoteFilterValue(scope.buyerOrgId)})`;
}

function deadlineWindowFilter(now: Date, days: number): string {
  if (!Number.isInteger(days) || days <= 0) throw new Error(`Not a deadline window: ${days}`);
  const from = epochSeconds(now);
  return `(quote_deadline > ${from} AND quote_deadline <= ${from + days * 86_400})`;
}

function certFitFilter(fit: "held" | "lacking", lacked: string[]): string[] {
  const list = `[${lacked.map(quoteFilterValue).join(", ")}]`;
  // NOT IN on an array: no element is in the list, so an RFQ requiring nothing counts as "held".
  if (fit === "held") return lacked.length ? [`(required_certifications NOT IN ${list})`] : [];
  // A vendor lacking nothing lacks nothing any RFQ requires: a filter no document passes.
  return [lacked.length ? `(required_certifications IN ${list})` : `(required_certifications IS EMPTY AND required_certifications IS NOT EMPTY)`];
}

/**
 * The filter list of an RFQ search: the scope first, then the reader's facets (values quoted, numbers computed
 * here). `omit` leaves one facet out, for that facet's own counts (selecting a category still shows the others).
 */
export function rfqSearchFilter(p: RfqSearchParams, omit?: RfqFilterPart): string[] {
  const parts: Record<RfqFilterPart, string[]> = {
    category: [anyOf("category", p.categories)].filter((x): x is string => x !== null),
    certifications: allOf("required_certifications", p.certifications),
    deadline: p.deadlineWithinDays ? [deadlineWindowFilter(p.now, p.deadlineWithinDays)] : [],
    fit: p.certFit && p.lackedCertifications ? certFitFilter(p.certFit, p.lackedCertifications) : [],
  };
  const facets = (Object.keys(parts) as RfqFilterPart[]).filter((k) => k !== omit).flatMap((k) => parts[k]);
  return [rfqScopeFilter(p.scope, p.now), ...facets];
}

const RFQ_SORTS: Record<NonNullable<RfqSearchParams["sort"]>, string[] | undefined> = {
  relevance: undefined,
  deadline: ["quote_deadline:asc"],
  newest: ["published_at:desc"],
};

/** Whose 取引書類 a search may return: built by the server from the signed-in actor only, never from the request. */
export interface TransactionRecordScope {
  orgId: string;
  side: "buyer" | "vendor";
}

export interface TransactionRecordSearchParams {
  scope: TransactionRecordScope;
  /** yyyymmdd, inclusive. */
  dateFrom?: number;
  dateTo?: number;
  /** Integer yen (the magnitude), inclusive. */
  amountMin?: number;
  amountMax?: number;
  /** The normalized counterparty text the document's `counterparty_grams` must contain (see counterpartyGramOf). */
  counterpartyGram?: string;
  kinds?: readonly TransactionRecordKind[];
  limit: number;
}

const TRANSACTION_RECORD_HIT_ATTRIBUTES: string[] = [
  "id",
  "record_id",
  "kind",
  "document_type",
  "side",
  "org_id",
  "counterparty_org_id",
  "counterparty_name",
  "record_date",
  "record_date_text",
  "amount",
  "signed_amount",
  "number",
  "title",
  "href",
  "has_file",
  "retention_end",
  "rfq_id",
  "contract_id",
  "invoice_id",
] satisfies (keyof TransactionRecordDocument)[];

const wholeNumber = (n: number | undefined, what: string): number | undefined => {
  if (n === undefined) return undefined;
  if (!Number.isSafeInteger(n)) throw new Error(`Not a whole number for ${what}: ${n}`);
  return n;
};

/**
 * The filter list of a 取引書類 search: the reader's scope first (never optional), then the criteria — numbers
 * checked here to be whole (so a range can never smuggle in a clause), strings quoted.
 */
export function transactionRecordFilter(p: TransactionRecordSearchParams): string[] {
  const dateFrom = wholeNumber(p.dateFrom, "dateFrom");
  const dateTo = wholeNumber(p.dateTo, "dateTo");
  const amountMin = wholeNumber(p.amountMin, "amountMin");
  const amountMax = wholeNumber(p.amountMax, "amountMax");
  return [
    `org_id = ${quoteFilterValue(p.scope.orgId)}`,
    `side = ${quoteFilterValue(p.scope.side)}`,
    ...(dateFrom === undefined ? [] : [`record_date >= ${dateFrom}`]),
    ...(dateTo === undefined ? [] : [`record_date <= ${dateTo}`]),
    ...(amountMin === undefined ? [] : [`amount >= ${amountMin}`]),
    ...(amountMax === undefined ? [] : [`amount <= ${amountMax}`]),
    ...(p.counterpartyGram ? [`counterparty_grams = ${quoteFilterValue(p.counterpartyGram)}`] : []),
    anyOf("kind", p.kinds ? [...p.kinds] : undefined),
  ].filter((x): x is string => x !== null);
}

/** What the app codes against; nothing outside search/ touches the Meilisearch client. */
export interface SearchService {
  isHealthy(): Promise<boolean>;
  reconcileSettings(): Promise<void>;
  upsertVendors(docs: VendorDocument[]): Promise<void>;
  deleteVendors(ids: string[]): Promise<void>;
  searchVendors(params: VendorSearchParams): Promise<VendorSearchResult>;
  /** Builds a fresh index beside the live one and swaps them: searches never see a half-built index. */
  rebuild(index: IndexName, docs: AsyncIterable<Record<string, unknown>[]>): Promise<number>;
  getVendor(id: string): Promise<VendorDocument | null>;
  upsertRfqs(docs: RfqDocument[]): Promise<void>;
  deleteRfqs(ids: string[]): Promise<void>;
  /** Scope-filtered RFQ search with facet counts (one multi-search request). */
  searchRfqs(params: RfqSearchParams): Promise<RfqSearchResult>;
  upsertQuotes(docs: QuoteDocument[]): Promise<void>;
  deleteQuotes(ids: string[]): Promise<void>;
  searchQuotes(params: QuoteSearchParams): Promise<QuoteDocument[]>;
  upsertTransactionRecords(docs: TransactionRecordDocument[]): Promise<void>;
  deleteTransactionRecords(ids: string[]): Promise<void>;
  /** The reader's own records matching the criteria, newest first, at most `limit`; `total` counts them all. */
  searchTransactionRecords(params: TransactionRecordSearchParams): Promise<{ hits: TransactionRecordDocument[]; total: number }>;
  uid(index: IndexName): string;
}

export { HIGHLIGHT_START, HIGHLIGHT_END } from "~/domain/search-highlight";

// Filter values are quoted and escaped here, so user input can never add a clause.
export function quoteFilterValue(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function anyOf(attribute: string, values: string[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  return `${attribute} IN [${values.map(quoteFilterValue).join(", ")}]`;
}

export function allOf(attribute: string, values: string[] | undefined): string[] {
  return (values ?? []).map((v) => `${attribute} = ${quoteFilterValue(v)}`);
}

export function createSearchService(options: { url: string; apiKey: string; prefix?: string; timeoutMs?: number }): SearchService {
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? 5000,
    // Meilisearch runs beside the app: compressing answers for a loopback hop costs more CPU on both
    // ends than it saves (Brotli measured at 5–40 ms per search under load, bench:search).
    requestInit: { headers: { "Accept-Encoding": "identity" } },
  });
  const prefix = options.prefix ?? "";
  const uid = (index: IndexName) => `${prefix}${index}`;
  const wait = { timeout: 60_000, interval: 20 };

  return {
    uid,
    async isHealthy() {
      try {
        return await client.isHealthy();
      } catch {
        return false;
      }
    },

    async reconcileSettings() {
      for (const name of INDEX_NAMES) {
        await ensureIndex(client, uid(name));
        const settings = { ...INDEX_SETTINGS[name] };
        if (name === "quotes") {
          // Keep the KPI attributes upsertQuotes added, or a restart would make KPI sorts fail until the next write.
          const kpis = (await client.index(uid(name)).getSortableAttributes()).filter((a) => a.startsWith(KPI_PREFIX));
          settings.sortableAttributes = [...new Set([...(settings.sortableAttributes ?? []), ...kpis])];
        }
        await client.index(uid(name)).updateSettings(settings).waitTask(wait);
      }
    },

    async upsertVendors(docs) {
      if (docs.length === 0) return;
      const task = await client.index(uid("vendors")).addDocuments(docs, { primaryKey: "id" }).waitTask(wait);
      if (task.status === "failed") throw new Error(`Meilisearch rejected vendor documents: ${task.error?.message}`);
    },

    async deleteVendors(ids) {
      if (ids.length === 0) return;
      await client.index(uid("vendors")).deleteDocuments(ids).waitTask(wait);
    },

    async upsertRfqs(docs) {
      if (docs.length === 0) return;
      const task = await client.index(uid("rfqs")).addDocuments(docs, { primaryKey: "id" }).waitTask(wait);
      if (task.status === "failed") throw new Error(`Meilisearch rejected RFQ documents: ${task.error?.message}`);
    },

    async deleteRfqs(ids) {
      if (ids.length === 0) return;
      await client.index(uid("rfqs")).deleteDocuments(ids).waitTask(wait);
    },

    async searchRfqs(p) {
      const indexUid = uid("rfqs");
      const countOnly = { indexUid, q: p.q, page: 1, hitsPerPage: 0 };
      const queries: MultiSearchQuery[] = [
        {
          indexUid,
          q: p.q,
          filter: rfqSearchFilter(p),
          facets: ["required_certifications"],
          sort: RFQ_SORTS[p.sort ?? "relevance"],
          page: p.page,
          hitsPerPage: p.perPage,
          attributesToRetrieve: [...RFQ_HIT_ATTRIBUTES],
          attributesToHighlight: ["title", "purpose"],
          attributesToCrop: ["purpose"],
          cropLength: 40,
          highlightPreTag: HIGHLIGHT_START,
          highlightPostTag: HIGHLIGHT_END,
        },
        { ...countOnly, filter: rfqSearchFilter(p, "category"), facets: ["category"] },
        ...RFQ_DEADLINE_WINDOWS_DAYS.map((days) => ({ ...countOnly, filter: [...rfqSearchFilter(p, "deadline"), deadlineWindowFilter(p.now, days)] })),
      ];
      const lacked = p.lackedCertifications;
      if (lacked)
        for (const fit of ["held", "lacking"] as const) queries.push({ ...countOnly, filter: [...rfqSearchFilter(p, "fit"), ...certFitFilter(fit, lacked)] });
      const { results } = await client.multiSearch<MultiSearchParams, RfqSearchHit>({ queries });
      const total = (r: (typeof results)[number]) => (r as { totalHits?: number }).totalHits ?? 0;
      const [main, byCategory, ...counts] = results;
      const dist = (r: (typeof results)[number], facet: string) => ((r.facetDistribution ?? {}) as Record<string, Record<string, number>>)[facet] ?? {};
      return {
        hits: main.hits as RfqSearchHit[],
        total: total(main),
        facets: {
          category: dist(byCategory, "category"),
          required_certifications: dist(main, "required_certifications"),
          deadline: Object.fromEntries(RFQ_DEADLINE_WINDOWS_DAYS.map((days, i) => [String(days), total(counts[i])])),
          fit: lacked ? { held: total(counts[3]), lacking: total(counts[4]) } : null,
        },
      };
    },

    async upsertQuotes(docs) {
      if (docs.length === 0) return;
      // KPI keys are per RFQ and Meilisearch has no wildcard for sortable attributes: add new ones first.
      const kpis = [...new Set(docs.flatMap((d) => Object.keys(d).filter((k) => k.startsWith(KPI_PREFIX))))];
      const sortable = await client.index(uid("quotes")).getSortableAttributes();
      const missing = kpis.filter((k) => !sortable.includes(k));
      if (missing.length)
        await client
          .index(uid("quotes"))
          .updateSortableAttributes([...sortable, ...missing])
          .waitTask(wait);
      const task = await client.index(uid("quotes")).addDocuments(docs, { primaryKey: "id" }).waitTask(wait);
      if (task.status === "failed") throw new Error(`Meilisearch rejected quote documents: ${task.error?.message}`);
    },

    async deleteQuotes(ids) {
      if (ids.length === 0) return;
      await client.index(uid("quotes")).deleteDocuments(ids).waitTask(wait);
    },

    async searchQuotes(p) {
      if (p.sort && !SORTABLE_QUOTE_ATTRIBUTE.test(p.sort.by)) throw new Error(`Not a sortable quote attribute: ${p.sort.by}`);
      const res = await client.index(uid("quotes")).search<QuoteDocument>("", {
        filter: quoteSearchFilter(p),
        sort: p.sort ? [`${p.sort.by}:${p.sort.direction}`] : ["score:desc"],
        limit: 1000,
      });
      return res.hits as QuoteDocument[];
    },

    async upsertTransactionRecords(docs) {
      if (docs.length === 0) return;
      const task = await client.index(uid("transaction_records")).addDocuments(docs, { primaryKey: "id" }).waitTask(wait);
      if (task.status === "failed") throw new Error(`Meilisearch rejected transaction record documents: ${task.error?.message}`);
    },

    async deleteTransactionRecords(ids) {
      if (ids.length === 0) return;
      await client.index(uid("transaction_records")).deleteDocuments(ids).waitTask(wait);
    },

    async searchTransactionRecords(p) {
      const res = await client.index(uid("transaction_records")).search<TransactionRecordDocument>("", {
        filter: transactionRecordFilter(p),
        sort: ["record_date:desc", "kind:asc", "number:asc"],
        limit: p.limit,
        // The grams are how the filter matches, not something to send back.
        attributesToRetrieve: TRANSACTION_RECORD_HIT_ATTRIBUTES,
      });
      const hits = (res.hits as Omit<TransactionRecordDocument, "counterparty_grams">[]).map((h) => ({ ...h, counterparty_grams: [] }));
      return { hits, total: res.estimatedTotalHits ?? hits.length };
    },

    async getVendor(id) {
      try {
        return (await client.index(uid("vendors")).getDocument(id)) as VendorDocument;
      } catch (e) {
        if (e instanceof MeilisearchApiError && e.cause?.code === "document_not_found") return null;
        throw e;
      }
    },

    async searchVendors(p) {
      // Facet filters combine as AND across facets; within certifications every chosen
      // type must be held ("has valid ISMS and Pマーク"), within the others any matches.
      const filter = [anyOf("categories", p.categories), anyOf("regions", p.regions), ...allOf("certifications", p.certifications)].filter(
        (x): x is string => x !== null,
      );
      const res = await client.index(uid("vendors")).search<VendorDocument>(p.q, {
        filter,
        facets: ["categories", "regions", "certifications"],
        sort: p.sort === "track_record" ? ["track_record_count:desc"] : undefined,
        page: p.page,
        hitsPerPage: p.perPage,
        attributesToHighlight: ["name", "description"],
        attributesToCrop: ["description"],
        cropLength: 40,
        // Private-use characters, not HTML: the page splits on them and renders text nodes,
        // so a vendor's own text can never become markup.
        highlightPreTag: HIGHLIGHT_START,
        highlightPostTag: HIGHLIGHT_END,
      });
      const dist = (res.facetDistribution ?? {}) as Record<string, Record<string, number>>;
      return {
        hits: res.hits as VendorSearchResult["hits"],
        total: (res as { totalHits?: number }).totalHits ?? res.hits.length,
        facets: { categories: dist.categories ?? {}, regions: dist.regions ?? {}, certifications: dist.certifications ?? {} },
        processingTimeMs: res.processingTimeMs,
      };
    },

    async rebuild(index, batches) {
      const live = uid(index);
      const next = `${live}_rebuild_${Date.now()}`;
      await ensureIndex(client, live);
      await client.createIndex(next, { primaryKey: "id" }).waitTask(wait);
      await client.index(next).updateSettings(INDEX_SETTINGS[index]).waitTask(wait);
      let count = 0;
      const kpis = new Set<string>();
      for await (const docs of batches) {
        if (docs.length === 0) continue;
        await client.index(next).addDocuments(docs, { primaryKey: "id" }).waitTask(wait);
        count += docs.length;
        for (const d of docs) for (const k of Object.keys(d)) if (index === "quotes" && k.startsWith(KPI_PREFIX)) kpis.add(k);
      }
      if (kpis.size)
        await client
          .index(next)
          .updateSortableAttributes([...(INDEX_SETTINGS.quotes.sortableAttributes ?? []), ...kpis])
          .waitTask(wait);
      await client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask(wait);
      await client.deleteIndex(next).waitTask(wait);
      return count;
    },
  };
}

async function ensureIndex(client: Meilisearch, uid: string) {
  try {
    await client.getIndex(uid);
  } catch (e) {
    if (e instanceof MeilisearchApiError && e.cause?.code === "index_not_found") {
      await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 60_000, interval: 20 });
      return;
    }
    throw e;
  }
}
