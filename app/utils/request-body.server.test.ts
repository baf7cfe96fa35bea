import { describe, expect, it } from "vitest";
import { BodyTooLargeError, findUnstorableText, readBodyBytes, readFormBody, storableText } from "./request-body.server";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("refuses a declared Content-Length over the limit without reading", async () => {
    await expect(readBodyBytes(post("x".repeat(10), { "Content-Length": "999999999" }), 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("counts streamed bytes and stops pulling at the limit", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(1000));
      },
    });
    await expect(readBodyBytes(post(body), 10_000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulls).toBeLessThan(15);
  });
});

describe("readFormBody", () => {
  it("reads urlencoded forms and strips NUL / lone surrogates from names and values", async () => {
    const r = await readFormBody(post("a=x%00y&b=ok", { "Content-Type": "application/x-www-form-urlencoded" }));
    expect(r.ok && r.formData.get("a")).toBe("xy");
    expect(storableText("a\ud800b\u0000")).toBe("a\ufffdb");
    expect(storableText("😀")).toBe("😀");
  });

  it("treats a bodyless POST as an empty form and refuses other types", async () => {
    const empty = await readFormBody(post(null));
    expect(empty.ok && [...empty.formData].length).toBe(0);
    expect(await readFormBody(post("{}", { "Content-Type": "application/json" }))).toEqual({ ok: false, reason: "unsupportedType" });
    expect(await readFormBody(post("--zz\r\nbroken", { "Content-Type": "multipart/form-data; boundary=zz" }))).toEqual({ ok: false, reason: "malformed" });
    expect(await readFormBody(post(`a=${"x".repeat(2000)}`, { "Content-Type": "application/x-www-form-urlencoded" }), 1000)).toEqual({
      ok: false,
      reason: "tooLarge",
    });
  });
});

describe("findUnstorableText", () => {
  it("names the first path holding NUL or a lone surrogate, keys included", () => {
    expect(findUnstorableText({ a: ["ok", { b: "x\u0000" }] })).toEqual(["a", 1, "b"]);
    expect(findUnstorableText({ ["k\udc00"]: 1 })).toEqual(["k\udc00"]);
    expect(findUnstorableText({ a: "😀 fine", n: 1, z: null })).toBeNull();
  });
});
