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
import { approvalRouteMessages } from "./messages-approval-routes";

/** Every translatable key: the app dictionary plus the split-out screen dictionaries and domain messages. */
export type AnyMessageKey =
  | MessageKey
  | keyof typeof quoteUiMessages
  | keyof typeof quoteFormMessages
  | keyof typeof comparisonMessages
  | keyof typeof searchMessages
  | keyof typeof advisorMessages
  | keyof typeof invitationMessages
  | keyof typeof sealedMessages
  | keyof typeof authMessages
  | keyof typeof accountSecurityMessages
  | keyof typeof httpMessages
  | keyof typeof attachmentMessages
  | keyof typeof recurrenceMessages
  | keyof typeof weightMessages
  | keyof typeof rfqReviewMessages
  | keyof typeof dashboardMessages
  | keyof typeof approvalRouteMessages
  | keyof typeof certificationUiMessages
  | keyof typeof rfqMessages
  | keyof typeof quoteMessages
  | keyof typeof certificationMessages;

export type { MessageKey };

export type Locale = "ja" | "en";
export const DEFAULT_LOCALE: Locale = "ja";

export type Bilingual = { ja: string; en: string };
type Params = Record<string, string | number>;

// Domain modules (app/domain/**/messages.ts) register their own bilingual keys so that
// zod issues can carry a key as their message and be translated at the edge.
const extra = new Map<string, Bilingual>([
  ...Object.entries(rfqMessages as Record<string, Bilingual>),
  ...Object.entries(quoteMessages as Record<string, Bilingual>),
  ...Object.entries(certificationMessages as Record<string, Bilingual>),
  ...Object.entries(certificationUiMessages as Record<string, Bilingual>),
  ...Object.entries(quoteUiMessages as Record<string, Bilingual>),
  ...Object.entries(quoteFormMessages as Record<string, Bilingual>),
  ...Object.entries(comparisonMessages as Record<string, Bilingual>),
  ...Object.entries(searchMessages as Record<string, Bilingual>),
  ...Object.entries(advisorMessages as Record<string, Bilingual>),
  ...Object.entries(invitationMessages as Record<string, Bilingual>),
  ...Object.entries(sealedMessages as Record<string, Bilingual>),
  ...Object.entries(authMessages as Record<string, Bilingual>),
  ...Object.entries(accountSecurityMessages as Record<string, Bilingual>),
  ...Object.entries(httpMessages as Record<string, Bilingual>),
  ...Object.entries(attachmentMessages as Record<string, Bilingual>),
  ...Object.entries(recurrenceMessages as Record<string, Bilingual>),
  ...Object.entries(weightMessages as Record<string, Bilingual>),
  ...Object.entries(rfqReviewMessages as Record<string, Bilingual>),
  ...Object.entries(dashboardMessages as Record<string, Bilingual>),
  ...Object.entries(approvalRouteMessages as Record<string, Bilingual>),
]);

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
