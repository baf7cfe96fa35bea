// A label inside an SVG chart, broken into lines the same way on the server and in the browser. @visx/text's
// `width` measures the text in the browser's DOM, which the server cannot do: the server sent one line, the
// browser drew two, and React's hydration of the comparison page failed on the mismatch. Here a line's width is
// estimated from its characters (a full-width character is 1 em, others ~0.6 em), which needs no DOM.

const emOf = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 0.6 : 1;
};

/** Splits `text` into lines no wider than `maxWidth` px at `fontSize`, breaking at spaces where it can. */
export function wrapLabel(text: string, maxWidth: number, fontSize: number): string[] {
  const limit = maxWidth / fontSize;
  const lines: string[] = [];
  let line = "";
  let width = 0;
  for (const word of text.split(/(?<= )/)) {
    const w = [...word].reduce((s, ch) => s + emOf(ch), 0);
    if (width + w <= limit || line === "") {
      line += word;
      width += w;
      continue;
    }
    lines.push(line.trimEnd());
    line = word;
    width = w;
  }
  if (line) lines.push(line.trimEnd());
  // A single word wider than the limit (a long Japanese name has no spaces) breaks between characters.
  return lines.flatMap((l) => {
    const out: string[] = [];
    let cur = "";
    let cw = 0;
    for (const ch of l) {
      if (cw + emOf(ch) > limit && cur) {
        out.push(cur);
        cur = "";
        cw = 0;
      }
      cur += ch;
      cw += emOf(ch);
    }
    if (cur) out.push(cur);
    return out;
  });
}

export function ChartLabel({
  x,
  y,
  lines,
  fontSize,
  textAnchor,
}: {
  x: number;
  y: number;
  lines: readonly string[];
  fontSize: number;
  textAnchor: "start" | "middle" | "end";
}) {
  const lineHeight = fontSize * 1.2;
  // Vertically centred on y: the first line's baseline sits half the block above, plus ~0.35 em.
  const first = -((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35;
  return (
    <text x={x} y={y} fontSize={fontSize} textAnchor={textAnchor}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? first : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
