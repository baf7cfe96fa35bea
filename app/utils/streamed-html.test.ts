import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

// react-dom 18.3.1 wrote its whole 2,048-byte buffer when a multi-byte character did not fit at the end of it,
// so the page carried NUL bytes there (「重\0\0み」) and React's hydration failed on the comparison page. The
// fix is a patch (patches/react-dom+18.3.1.patch: write only the bytes encoded, as React 19 does); this test
// fails without it.

async function render(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(createElement("p", null, text), {
      onAllReady: () => pipe(out),
      onError: reject,
    });
  });
}

describe("streamed HTML", () => {
  it("never carries NUL bytes where a Japanese character meets the end of React's buffer", async () => {
    // "<p>" and 2,044 ASCII characters leave one byte of the 2,048-byte buffer: 「あ」 (three bytes) does not fit.
    for (let pad = 2040; pad <= 2048; pad += 1) {
      const text = `${"x".repeat(pad)}あいう重み`;
      const html = (await render(text)).toString("utf8");
      expect(html.includes("\u0000"), `padding ${pad}`).toBe(false);
      expect(html).toContain("あいう重み");
    }
  });
});
