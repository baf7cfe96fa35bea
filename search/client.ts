import { Meilisearch, MeilisearchApiError } from "meilisearch";
import { KPI_PREFIX, type QuoteDocument, type RfqDocument, type VendorDocument } from "./documents";
import { INDEX_NAMES, INDEX_SETTINGS, type IndexName } from "./settings";

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
  upsertQuotes(docs: QuoteDocument[]): Promise<void>;
  deleteQuotes(ids: string[]): Promise<void>;
  searchQuotes(params: QuoteSearchParams): Promise<QuoteDocument[]>;
  uid(index: IndexName): string;
}

export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

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
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? 5000 });
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

    async upsertQuotes(docs) {
      if (docs.length === 0) return;
      // KPI keys are per RFQ and Meilisearch has no wildcard for sortable attributes: add new ones first.
      const kpis = [...new Set(docs.flatMap((d) => Object.keys(d).filter((k) => k.startsWith(KPI_PREFIX))))];
      const sortable = await client.index(uid("quotes")).getSortableAttributes();
      const missing = kpis.filter((k) => !sortable.includes(k));
      if (missing.length) await client.index(uid("quotes")).updateSortableAttributes([...sortable, ...missing]).waitTask(wait);
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
      if (kpis.size) await client.index(next).updateSortableAttributes([...(INDEX_SETTINGS.quotes.sortableAttributes ?? []), ...kpis]).waitTask(wait);
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
