import { t, type AnyMessageKey, type Locale } from "~/i18n";
import { canTurnOff, mailKindOf, type MailKind } from "./kinds";

// One notification rendered for one reader: subject, plain text and a simple HTML version, all in the reader's
// language (decision 0054). The HTML is the text, escaped as a whole after interpolation (so nothing a user
// typed — an RFQ title, a reason — can become markup), in paragraphs, with links into Kurabe clickable. Links
// elsewhere stay text: a URL someone typed into a title must not become a button in a mail that looks like ours.

export interface RenderedMail {
  kind: MailKind;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
}

export const MAIL_SETTINGS_PATH = "/settings/notifications";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Escaped paragraph text with the app's own URLs made into links. */
function linkify(escaped: string, origin: string): string {
  // A URL ends at white space or at an escaped quote or angle bracket (typed text next to a link stays outside it).
  const own = new RegExp(`${escapeRegExp(escapeHtml(origin))}(?:/(?:(?!&quot;|&#39;|&lt;|&gt;)[^\\s<>"'])*)?`, "g");
  return escaped.replace(own, (url) => `<a href="${url}">${url}</a>`);
}

/** The footer sentence (text and HTML) of a mail of `kind`: where to turn it off, or why it cannot be. */
function footer(kind: MailKind, locale: Locale, origin: string): string {
  return canTurnOff(kind) ? t(locale, "mailSettings.footer.optOut", { link: `${origin}${MAIL_SETTINGS_PATH}` }) : t(locale, "mailSettings.footer.security");
}

/** Text → HTML: blank lines separate paragraphs, single newlines stay line breaks. */
export function textToHtml(text: string, origin: string, lang: Locale): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${linkify(escapeHtml(p), origin).replace(/\n/g, "<br>\n")}</p>`);
  return [
    "<!doctype html>",
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"></head>',
    '<body style="font-family: sans-serif; line-height: 1.6; color: #222;">',
    ...paragraphs,
    "</body>",
    "</html>",
  ].join("\n");
}

/** A notification in one reader's language, before the footer and HTML are added (they need the app's origin). */
export interface ComposedMail {
  kind: MailKind;
  locale: Locale;
  subject: string;
  /** The body without the footer. */
  text: string;
}

/**
 * Composes `subjectKey`/`bodyKey` for a reader of `locale`, its kind the one the subject key belongs to. A key that
 * belongs to no kind is a programming error (a unit test scans the catalogue and app/services for them).
 */
export function composeMail(locale: Locale, subjectKey: AnyMessageKey, bodyKey: AnyMessageKey, params: Record<string, string | number>): ComposedMail {
  const kind = mailKindOf(subjectKey);
  if (!kind) throw new Error(`mail: ${subjectKey} belongs to no kind of mail (app/domain/mail/kinds.ts)`);
  return { kind, locale, subject: t(locale, subjectKey, params), text: t(locale, bodyKey, params).replace(/\s+$/, "") };
}

/** Adds the footer (where to turn this kind off, or why it cannot be) and the HTML version. */
export function finishMail(mail: ComposedMail, origin: string): RenderedMail {
  const text = `${mail.text.replace(/\s+$/, "")}\n\n--\n${footer(mail.kind, mail.locale, origin)}\n`;
  return { kind: mail.kind, locale: mail.locale, subject: mail.subject, text, html: textToHtml(text, origin, mail.locale) };
}

/** composeMail then finishMail: the whole mail as the recipient reads it. */
export function renderMail(
  locale: Locale,
  subjectKey: AnyMessageKey,
  bodyKey: AnyMessageKey,
  params: Record<string, string | number>,
  origin: string,
): RenderedMail {
  return finishMail(composeMail(locale, subjectKey, bodyKey, params), origin);
}
