import { highlightSegments } from "~/domain/search-highlight";

/** Renders search highlighting as <mark> elements from marker characters: text stays text, never HTML. */
export function Highlight({ text }: { text: string }) {
  return <>{highlightSegments(text).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
