import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rfqMessages } from "./messages";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("rfqMessages", () => {
  it("has Japanese and English text for every key", () => {
    for (const [key, text] of Object.entries(rfqMessages)) {
      expect(text.ja, key).toMatch(JAPANESE);
      expect(text.en.trim().length, key).toBeGreaterThan(0);
    }
  });

  it("defines every rfq.* key the folder's code uses", () => {
    const folder = fileURLToPath(new URL(".", import.meta.url));
    const sources = readdirSync(folder).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "messages.ts");
    const used = new Set(sources.flatMap((file) => [...readFileSync(folder + file, "utf8").matchAll(/"(rfq\.[A-Za-z0-9_.]+)"/g)].map((match) => match[1])));
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(Object.hasOwn(rfqMessages, key), key).toBe(true);
  });
});
