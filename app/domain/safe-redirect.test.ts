import { describe, expect, it } from "vitest";
import { safeRedirect } from "./accounts";

// Known open-redirect bypasses: each must fall back to "/" (or stay on our origin), never name another host.
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "/\t\t/evil.example",
  "/\u0000/evil.example",
  "/\u000b/evil.example",
  "/\u000c/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/\u2028/evil.example",
  "/\u202e/evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/x/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  " //evil.example",
  "\t//evil.example",
  "https://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "／／evil.example",
  "\uff0f\uff0fevil.example",
  "/\\\\evil.example/path",
  "/login\r\nSet-Cookie: x=1",
  "/x\r\nLocation: https://evil.example",
];

describe("safeRedirect", () => {
  it.each(BYPASSES)("refuses %j", (to) => {
    const out = safeRedirect(to);
    // Resolved the way a browser resolves a Location header against our page, it must stay on our origin.
    expect(new URL(out, "https://kurabe.example/here").origin).toBe("https://kurabe.example");
    expect(out.startsWith("/")).toBe(true);
    expect(out.startsWith("//")).toBe(false);
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u001f\u007f\\]/.test(out)).toBe(false);
  });

  it("refuses the tab bypass from the review and CR/LF outright", () => {
    expect(safeRedirect("/\t/evil.example")).toBe("/");
    expect(safeRedirect("/rfqs\r\n")).toBe("/");
    expect(safeRedirect("/.//evil.example", "/home")).toBe("/home");
  });

  it("keeps ordinary same-site paths with their query and fragment", () => {
    expect(safeRedirect("/rfqs/123?tab=quotes#top")).toBe("/rfqs/123?tab=quotes#top");
    expect(safeRedirect("/vendors?q=%E7%B5%8C%E7%90%86")).toBe("/vendors?q=%E7%B5%8C%E7%90%86");
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example"); // a path on our host: browsers do not decode %2F
  });

  it("percent-encodes non-ASCII so the Location header is always valid", () => {
    expect(safeRedirect("/vendors?q=経理")).toBe("/vendors?q=%E7%B5%8C%E7%90%86");
  });

  it("falls back for empty, non-string and absurdly long values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(`/${"a".repeat(5000)}`)).toBe("/");
  });
});
