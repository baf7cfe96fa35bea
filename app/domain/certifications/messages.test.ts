import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { certificationMessages } from "./messages";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("certificationMessages", () => {
  it("has Japanese and English text for every key", () => {
    for (const [key, text] of Object.entries(certificationMessages)) {
      expect(text.ja, key).toMatch(JAPANESE);
      expect(text.en.trim().length, key).toBeGreaterThan(0);
    }
  });

  it("defines every certifications.* key the folder's code uses", () => {
    const folder = fileURLToPath(new URL(".", import.meta.url));
    const sources = readdirSync(folder).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "messages.ts");
    const used = new Set(
      sources.flatMap((file) => [...readFileSync(folder + file, "utf8").matchAll(/"(certifications\.[A-Za-z0-9_.]+)"/g)].map((match) => match[1])),
    );
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) expect(Object.hasOwn(certificationMessages, key), key).toBe(true);
  });
});
