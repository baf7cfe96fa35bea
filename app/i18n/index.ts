import { certificationMessages } from "~/domain/certifications/messages";
import { quoteMessages } from "~/domain/quote/messages";
import { rfqMessages } from "~/domain/rfq/messages";
import { messages, type MessageKey } from "./messages";
import { certificationUiMessages } from "./messages-certifications";
import { quoteUiMessages } from "./messages-quotes";
import { quoteFormMessages } from "./messages-quote-form";
import { comparisonMessages } from "./messages-comparison";
import { searchMessages } from "./messages-search";
import { advisorMessages } from "./messages-advisors";
import { compareScaleMessages } from "./messages-compare-scale";
import { compareSectionsMessages } from "./messages-compare-sections";
import { comparisonApiMessages } from "./messages-comparison-api";
import { evaluationMessages } from "./messages-evaluation";
import { invitationMessages } from "./messages-invitations";
import { sealedMessages } from "./messages-sealed";
import { authMessages } from "./messages-auth";
import { accountSecurityMessages } from "./messages-account-security";
import { httpMessages } from "./messages-http";
import { attachmentMessages } from "./messages-attachments";
import { recurrenceMessages } from "./messages-recurrence";
import { weightMessages } from "./messages-weights";
import { rfqReviewMessages } from "./messages-rfq-review";
import { dashboardMessages } from "./messages-dashboard";
import { legalDeadlineMessages } from "./messages-legal-deadlines";
import { documentMessages } from "./messages-documents";
import { approvalRouteMessages } from "./messages-approval-routes";
import { debriefMessages } from "./messages-debrief";
import { awardResultMessages } from "./messages-award-result";
import { awardProposalMessages } from "./messages-award-proposals";
import { invoiceMessages } from "./messages-invoices";
import { contractMessages } from "./messages-contracts";
import { bafoMessages } from "./messages-bafo";
import { approvalMessages } from "./messages-approvals";
import { recordMessages } from "./messages-records";
import { afterAwardMessages } from "./messages-after-award";
import { deliveryMessages } from "./messages-deliveries";
import { measurementMessages } from "./messages-measurements";
import { reviewMessages } from "./messages-reviews";
import { changeRequestMessages } from "./messages-change-requests";
import { trackRecordMessages } from "./messages-track-record";
import { annotationMessages } from "./messages-annotations";
import { memoMessages } from "./messages-memos";
import { benchmarkMessages } from "./messages-benchmarks";
import { designReviewMessages } from "./messages-design-review";
import { priceRuleMessages } from "./messages-price-rules";
import { lowQuoteMessages } from "./messages-low-quotes";
import { insightGapMessages } from "./messages-insight-gaps";
import { lowFlagMessages } from "./messages-low-flags";
import { twoFactorMessages } from "./messages-two-factor";
import { mailSettingsMessages } from "./messages-mail-settings";
import { reliabilityMessages } from "./messages-reliability";

/**
 * Every split-out dictionary: the domain modules' (app/domain/<feature>/messages.ts, so zod issues can carry a key as their
 * message and be translated at the edge) and the screens' own. A new catalog is added here once; the key type, the
 * lookup and the catalog tests (same placeholders in ja and en, each key defined once) all follow this list.
 */
export const DICTIONARIES = {
  rfqMessages,
  quoteMessages,
  certificationMessages,
  certificationUiMessages,
  quoteUiMessages,
  quoteFormMessages,
  comparisonMessages,
  searchMessages,
  advisorMessages,
  invitationMessages,
  sealedMessages,
  authMessages,
  accountSecurityMessages,
  httpMessages,
  attachmentMessages,
  recurrenceMessages,
  weightMessages,
  rfqReviewMessages,
  dashboardMessages,
  legalDeadlineMessages,
  documentMessages,
  approvalRouteMessages,
  debriefMessages,
  awardResultMessages,
  awardProposalMessages,
  invoiceMessages,
  contractMessages,
  bafoMessages,
  approvalMessages,
  recordMessages,
  afterAwardMessages,
  deliveryMessages,
  measurementMessages,
  reviewMessages,
  changeRequestMessages,
  trackRecordMessages,
  annotationMessages,
  evaluationMessages,
  memoMessages,
  designReviewMessages,
  priceRuleMessages,
  twoFactorMessages,
  benchmarkMessages,
  lowQuoteMessages,
  insightGapMessages,
  lowFlagMessages,
  compareScaleMessages,
  comparisonApiMessages,
  mailSettingsMessages,
  reliabilityMessages,
  compareSectionsMessages,
} as const;

type Dictionaries = typeof DICTIONARIES;

/** Every translatable key: the app dictionary plus the split-out screen dictionaries and domain messages. */
export type AnyMessageKey = MessageKey | { [K in keyof Dictionaries]: keyof Dictionaries[K] }[keyof Dictionaries];

export type { MessageKey };

export type Locale = "ja" | "en";
export const DEFAULT_LOCALE: Locale = "ja";

export type Bilingual = { ja: string; en: string };
type Params = Record<string, string | number>;

const extra = new Map<string, Bilingual>(Object.values(DICTIONARIES).flatMap((d) => Object.entries(d as Record<string, Bilingual>)));

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isMessageKey(key: string): key is AnyMessageKey {
  return key in messages || extra.has(key);
}

/** Translate a catalog key. The key is typed, so a mistyped or removed key fails to compile. */
export function t(locale: Locale, key: AnyMessageKey, params?: Params): string {
  return translateOrPassThrough(locale, key, params);
}

/**
 * For text that may be a key or may already be translated (zod issue messages, keys read from the
 * database or a service answer): a known key is translated, anything else comes back unchanged.
 */
export function translateOrPassThrough(locale: Locale, keyOrText: string, params?: Params): string {
  const entry = (messages as Record<string, Bilingual>)[keyOrText] ?? extra.get(keyOrText);
  if (!entry) return interpolate(keyOrText, params);
  return interpolate(entry[locale], params);
}

export const pick = (b: Bilingual, locale: Locale) => b[locale];

export function isLocale(v: unknown): v is Locale {
  return v === "ja" || v === "en";
}

/** Picks ja or en from an Accept-Language header by quality; ja when nothing matches. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((r) => r.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("ja")) return "ja";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}
