import { z } from "zod";
import { QUOTE_STATUSES } from "~/domain/quote/lifecycle";
import { quoteBaseSchema } from "~/domain/quote/schema";

// Request and response shapes of the /api/v1 quote endpoints. Handlers parse their own responses
// with these (an allow-list: keys a schema does not name are stripped) and openapi-quotes.ts renders
// the same schemas, so document and behaviour agree.

// ── Requests ──────────────────────────────────────────────────────────────────────────────

export const QUOTE_MODES = ["draft", "submit"] as const;

/**
 * POST /rfqs/{id}/quotes as documented: the quote fields plus `mode`. Prices, commitments and the
 * payment schedule are checked against the RFQ by the service (buildQuoteSchema), which this
 * generic shape cannot know.
 */
export const QuoteBody = quoteBaseSchema.extend({
  mode: z.enum(QUOTE_MODES).default("submit").describe("`draft` saves without the completeness check; `submit` (default) submits or revises."),
});

/**
 * What the route checks before the service: a JSON object with known top-level fields only (so a
 * misspelt field is an error, not silently dropped) and a valid mode. Field values are left to the
 * service's RFQ-specific schema, which reports them with their own paths and messages.
 */
export const QuoteEnvelope = z.strictObject({
  ...Object.fromEntries(Object.keys(quoteBaseSchema.shape).map((key) => [key, z.unknown().optional()])),
  mode: z.enum(QUOTE_MODES).default("submit"),
});

// ── Responses ─────────────────────────────────────────────────────────────────────────────

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const yen = z.number().int();

/** Content as stored: complete for submitted quotes, partial for drafts. */
export const QuoteContent = quoteBaseSchema.partial();

export const QuoteVersionEntry = z.object({
  version: z.number().int().min(1),
  rfqVersion: z.number().int().min(1),
  kind: z
    .enum(["submitted", "revised", "reconfirmed", "resubmitted", "bafo"])
    .describe(
      "`resubmitted`: the first version submitted after a withdrawal (the withdrawn version keeps its `withdrawnAt`); `bafo`: the best and final offer of a BAFO round",
    ),
  tco: yen,
  createdAt: instant,
  withdrawnAt: instant.nullable().describe("When the vendor withdrew this version; null if it never was"),
});

const NormalizedAmounts = z
  .object({
    currency: z.string(),
    termMonths: z.number().int(),
    totalAsEntered: yen.describe("Lines + one-off fees in the vendor's tax basis (what the payment schedule adds up to)"),
    contractValueExcludingTax: yen,
    taxAmount: yen,
    contractValueIncludingTax: yen,
    managementOverhead: yen,
    transitionEffort: yen,
    tco: yen.describe("Tax-excluded contract value over the term + the RFQ's hidden costs"),
    roi: z.number().nullable(),
  })
  .describe("The normalized figures of the current version (see decision 0004 for the rounding rule)");

const VendorNormalizedAmounts = NormalizedAmounts.pick({
  currency: true,
  termMonths: true,
  totalAsEntered: true,
  contractValueExcludingTax: true,
  taxAmount: true,
  contractValueIncludingTax: true,
}).describe("The vendor's own figures of the current version: what it priced, with and without tax");

const VendorQuoteVersionEntry = QuoteVersionEntry.omit({ tco: true }).extend({ contractValueExcludingTax: yen });

const QuoteResponseCommon = {
  id,
  rfqId: id,
  status: z.enum(QUOTE_STATUSES),
  version: count.describe("0 for a draft never submitted"),
  rfqVersion: z.number().int().min(1).describe("The RFQ version this quote answers"),
  needsReconfirmation: z.boolean().describe("An addendum was published since; the quote does not count until re-confirmed or revised"),
  submittedAt: instant.nullable(),
  withdrawnAt: instant.nullable(),
  updatedAt: instant,
  content: QuoteContent,
};

/** An opened offer on the caller's RFQ, with the buyer's own figures (TCO, hidden costs, ROI). */
export const BuyerQuoteResponse = z.object({
  view: z.literal("buyer").describe("An opened offer on the caller's RFQ"),
  vendor: z.object({ id, name: z.string().optional() }),
  ...QuoteResponseCommon,
  tco: yen.nullable(),
  normalized: NormalizedAmounts.nullable(),
  versions: z.array(QuoteVersionEntry),
});

/**
 * The caller's own quote (app/domain/quote/vendor-view.ts): its own figures only. No TCO, hidden costs
 * or ROI — they are the buyer's settings applied to the quote, and would reveal them.
 */
export const VendorQuoteResponse = z.object({
  view: z.literal("vendor").describe("The caller's own quote"),
  vendor: z.object({ id }),
  ...QuoteResponseCommon,
  normalized: VendorNormalizedAmounts.nullable(),
  versions: z.array(VendorQuoteVersionEntry),
});

export const QuoteResponse = z.discriminatedUnion("view", [VendorQuoteResponse, BuyerQuoteResponse]);

/** A mandatory certification the vendor would fail at the opening (app/domain/quote/certification-warnings.ts). */
export const QuoteWarning = z.object({
  code: z.literal("mandatoryCertification"),
  certification: z.string().describe("The certification type, as in the RFQ's requiredCertifications"),
  status: z
    .enum(["missing", "unverified", "rejected", "expired", "notYetValid", "expiresBeforeOpening"])
    .describe("Why it fails: not held, awaiting verification, rejected, expired, not yet valid, or valid today but lapsing before the deadline"),
  message: z.string().describe("In the caller's language"),
});

/** POST /rfqs/{id}/quotes answers with the caller's quote and what would disqualify it at the opening. */
export const SavedQuoteResponse = VendorQuoteResponse.extend({
  warnings: z
    .array(QuoteWarning)
    .describe("Mandatory certifications the vendor's certificates do not satisfy: as it stands the quote is disqualified at the opening. Empty when none."),
});

export const QuoteCounts = z.object({ received: count, withdrawn: count });

/** An opened offer in the buyer's list. */
export const BuyerQuoteSummary = z.object({
  id,
  vendor: z.object({ id, name: z.string() }),
  status: z.enum(QUOTE_STATUSES),
  version: count,
  rfqVersion: z.number().int().min(1),
  needsReconfirmation: z.boolean(),
  tco: yen.nullable(),
  submittedAt: instant.nullable(),
  content: QuoteContent,
});

// A plain union: two buyer shapes share `view`, told apart by `sealed`.
export const RfqQuotesResponse = z.union([
  z
    .object({ view: z.literal("buyer"), sealed: z.literal(true), opensAt: instant.nullable(), counts: QuoteCounts })
    .describe("Sealed: only how many quotes arrived — no names, no figures"),
  z.object({ view: z.literal("buyer"), sealed: z.literal(false), opensAt: instant.nullable(), counts: QuoteCounts, data: z.array(BuyerQuoteSummary) }),
  z.object({ view: z.literal("vendor"), data: z.array(VendorQuoteResponse).max(1).describe("The caller's own quote, if any") }),
]);

export const VendorQuoteSummary = z.object({
  id,
  rfq: z.object({
    id,
    title: z.string(),
    buyerName: z.string(),
    quoteDeadline: instant.nullable(),
    status: z.enum(["draft", "published", "closed", "awarded", "cancelled"]),
  }),
  status: z.enum(QUOTE_STATUSES),
  version: count,
  rfqVersion: z.number().int().min(1),
  needsReconfirmation: z.boolean(),
  contractValueExcludingTax: yen.nullable().describe("The vendor's own tax-excluded contract value; null for a draft never submitted"),
  updatedAt: instant,
});

export const VendorQuoteListResponse = z.object({ data: z.array(VendorQuoteSummary) });

export const QuoteActionResponse = z.object({ id, status: z.enum(QUOTE_STATUSES), version: count });
