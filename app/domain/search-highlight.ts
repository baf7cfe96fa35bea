// Search highlighting travels as private-use marker characters (search/client.ts HIGHLIGHT_START/END), not
// HTML: the page renders segments as text nodes and the API returns them as data, so an RFQ's or a vendor's
// own text can never become markup.
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** Splits a highlighted string into plain and matched segments (an unclosed marker runs to the end). */
export function highlightSegments(text: string): HighlightSegment[] {
  const parts: HighlightSegment[] = [];
  let rest = text;
  while (rest.length) {
    const s = rest.indexOf(HIGHLIGHT_START);
    if (s === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (s > 0) parts.push({ text: rest.slice(0, s), match: false });
    const e = rest.indexOf(HIGHLIGHT_END, s + 1);
    const end = e === -1 ? rest.length : e;
    parts.push({ text: rest.slice(s + 1, end), match: true });
    rest = rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

/** The text without markers. */
export function stripHighlight(text: string): string {
  return text.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_END, "");
}
