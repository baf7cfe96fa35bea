import { quotesOpened, type Role, type Truth } from "./truth";

// What a response may not show to whom, as needles with the organisations allowed to see them:
//  - a quote's prices: its vendor; the buyer and assigned advisors once the quotes are opened;
//  - a quote's TCO and the buyer's cost add-ons in it: the buyer and assigned advisors once opened (never the vendor);
//  - an RFQ's hidden budget, in-house baseline and hidden-cost estimates: the buyer and assigned advisors;
//  - a draft RFQ: the buyer and assigned advisors;
//  - who else was invited: the buyer, assigned advisors and that invitee itself (checked on that RFQ's URLs);
//  - advisor notes: the buyer and the advisor organisations of that RFQ.
// Numbers are matched as the app prints them (1234567, 1,234,567, 123万); small numbers are not
// distinctive enough to search text for and are left to the JSON key check below.

export interface Secret {
  what: string;
  patterns: RegExp[];
  allowedOrgIds: Set<string>;
  /** For a number: a reader who may see the same number in a quote of its own (or an opened one) is not told anything. */
  value?: number;
  /** Only checked on responses whose URL contains this id (invitee identities are only secret in the RFQ's context). */
  onlyUnder?: string;
}

export interface Leak {
  role: string;
  url: string;
  what: string;
}

const MIN_DISTINCTIVE = 100_000;

function numberPatterns(n: number): RegExp[] {
  // Not part of a longer number: no digit (or digit and decimal point; for grouped figures also a
  // grouping comma) right before, no digit or decimal/grouping right after. "[1,396000]" still matches.
  const bounded = (digits: string, before: string) => new RegExp(`(?<!\\d|\\d${before})${digits}(?!\\d|[.,]\\d)`);
  const out = [bounded(String(n), "\\."), bounded(n.toLocaleString("en-US"), "[.,]")];
  if (n % 10_000 === 0) out.push(new RegExp(`(?<!\\d|\\d[.,])${(n / 10_000).toLocaleString("en-US")}万`));
  return out;
}

function textPattern(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

export function buildSecrets(truth: Truth): Secret[] {
  const secrets: Secret[] = [];
  const byNumber = new Map<number, Secret>();
  // The same number protected twice (two quotes with one price) is allowed to the union of both audiences,
  // and a number anyone may read (a budget shown to vendors, a quantity) protects nothing.
  // RFQ figures are only public to their readers, but demo prices are round numbers: a hidden budget
  // equal to a number in another RFQ's text would be a coincidence, not a leak.
  const publicNumbers = truth.publicNumbers;
  const addNumber = (n: number | null | undefined, what: string, allowed: string[]) => {
    if (n === null || n === undefined || !Number.isInteger(n) || n < MIN_DISTINCTIVE || publicNumbers.has(n)) return;
    const existing = byNumber.get(n);
    if (existing) {
      allowed.forEach((id) => existing.allowedOrgIds.add(id));
      return;
    }
    const secret: Secret = { what, patterns: numberPatterns(n), allowedOrgIds: new Set(allowed), value: n };
    byNumber.set(n, secret);
    secrets.push(secret);
  };

  for (const rfq of truth.rfqs) {
    const buyerSide = [rfq.buyerOrgId, ...rfq.advisorOrgIds];
    const opened = quotesOpened(rfq, truth.now);
    const c = rfq.content;
    if (c.budget && !c.budget.showToVendors) {
      addNumber(c.budget.min, `hidden budget of "${rfq.title}"`, buyerSide);
      addNumber(c.budget.max, `hidden budget (ceiling) of "${rfq.title}"`, buyerSide);
    }
    addNumber(c.baselineCostMonthlyYen, `in-house baseline of "${rfq.title}"`, buyerSide);
    addNumber(c.hiddenCosts?.transitionEffortYen, `hidden transition effort of "${rfq.title}"`, buyerSide);
    if (rfq.status === "draft") secrets.push({ what: `draft RFQ "${rfq.title}"`, patterns: [textPattern(rfq.title)], allowedOrgIds: new Set(buyerSide) });
    for (const invitee of rfq.invitedVendorOrgIds) {
      const name = truth.orgs.get(invitee)?.name;
      secrets.push({
        what: `invitee list of "${rfq.title}"`,
        patterns: [textPattern(invitee), ...(name ? [textPattern(name)] : [])],
        allowedOrgIds: new Set([...buyerSide, invitee]),
        onlyUnder: rfq.id,
      });
    }
    for (const quote of truth.quotes.filter((qt) => qt.rfqId === rfq.id)) {
      const offer = ["submitted", "shortlisted", "awarded", "not_selected"].includes(quote.status);
      const priceReaders = [quote.vendorOrgId, ...(opened && offer ? buyerSide : [])];
      const label = `${opened ? "" : "sealed "}quote of ${truth.orgs.get(quote.vendorOrgId)?.name} on "${rfq.title}"`;
      quote.unitPrices.forEach((p) => addNumber(p, `price in ${label}`, priceReaders));
      addNumber(quote.contractValue, `contract value in ${label}`, priceReaders);
      // TCO and the add-ons are the buyer's own figures: never the vendor's to read.
      const buyerFigureReaders = opened && offer ? buyerSide : [];
      if (quote.tco !== quote.contractValue) addNumber(quote.tco, `TCO (buyer's hidden costs) in ${label}`, buyerFigureReaders);
      addNumber(quote.managementOverhead, `buyer's management overhead in ${label}`, buyerFigureReaders);
      addNumber(quote.transitionEffort, `buyer's transition effort in ${label}`, buyerFigureReaders);
    }
  }
  for (const note of truth.notes) {
    const rfq = truth.rfqs.find((r) => r.id === note.rfqId);
    const snippet = note.body.trim().slice(0, 24);
    if (rfq && snippet.length >= 8)
      secrets.push({
        what: `advisor note on "${rfq.title}"`,
        patterns: [textPattern(snippet)],
        allowedOrgIds: new Set([rfq.buyerOrgId, ...rfq.advisorOrgIds]),
      });
  }
  return secrets;
}

// Keys of the buyer's confidential figures (issue 12, item 4). In JSON a vendor reads, any of them is a
// leak, wherever it sits — except inside the vendor's own KPI commitments, which are keyed by criterion
// (a criterion may be called "roi").
const VENDOR_FORBIDDEN_KEYS = new Set([
  "tco",
  "managementOverhead",
  "transitionEffort",
  "roi",
  "baselineCostMonthlyYen",
  "hiddenCosts",
  "invitedVendorIds",
  "baselineOverTerm",
]);

function forbiddenKeys(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => forbiddenKeys(v, path, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "kpiCommitments") continue;
      if (VENDOR_FORBIDDEN_KEYS.has(k) && v !== null && v !== undefined) found.push([...path, k].join("."));
      forbiddenKeys(v, [...path, k], found);
    }
  }
  return found;
}

/** The leaks in one response body that `role` received from `url`. */
export function findLeaks(secrets: Secret[], role: Role, url: string, body: string, contentType: string, ownNumbers: Set<number>): Leak[] {
  const leaks: Leak[] = [];
  for (const s of secrets) {
    if (s.allowedOrgIds.has(role.orgId)) continue;
    if (s.value !== undefined && ownNumbers.has(s.value)) continue;
    if (s.onlyUnder && !url.includes(s.onlyUnder)) continue;
    for (const p of s.patterns) {
      const m = p.exec(body);
      if (!m) continue;
      // The surrounding text goes into the report, so a reader can tell a real leak from a coincidence.
      const context = body.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20).replace(/\s+/g, " ");
      leaks.push({ role: role.label, url, what: `${s.what} — “…${context}…”` });
      break;
    }
  }
  if (role.kind === "vendor" && contentType.includes("json")) {
    try {
      for (const key of forbiddenKeys(JSON.parse(body))) leaks.push({ role: role.label, url, what: `buyer-confidential field ${key}` });
    } catch {
      /* not JSON after all */
    }
  }
  return leaks;
}

/** The numbers `orgId` may legitimately see in quotes: its own, and the opened offers on RFQs it buys or advises on. */
export function ownNumbersOf(truth: Truth, orgId: string): Set<number> {
  const readable = truth.quotes.filter((q) => {
    if (q.vendorOrgId === orgId) return true;
    const rfq = truth.rfqs.find((r) => r.id === q.rfqId);
    const offer = ["submitted", "shortlisted", "awarded", "not_selected"].includes(q.status);
    return !!rfq && offer && quotesOpened(rfq, truth.now) && (rfq.buyerOrgId === orgId || rfq.advisorOrgIds.includes(orgId));
  });
  return new Set(readable.flatMap((q) => q.allNumbers));
}
