const START = "\uE000";
const END = "\uE001";

/** Renders search highlighting as <mark> elements from marker characters: text stays text, never HTML. */
export function Highlight({ text }: { text: string }) {
  const parts: { text: string; marked: boolean }[] = [];
  let rest = text;
  while (rest.length) {
    const s = rest.indexOf(START);
    if (s === -1) {
      parts.push({ text: rest, marked: false });
      break;
    }
    if (s > 0) parts.push({ text: rest.slice(0, s), marked: false });
    const e = rest.indexOf(END, s + 1);
    const end = e === -1 ? rest.length : e;
    parts.push({ text: rest.slice(s + 1, end), marked: true });
    rest = rest.slice(end + 1);
  }
  return (
    <>
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
