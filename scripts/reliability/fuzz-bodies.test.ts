import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mutated, namesPath, nasties, pathsOf, resolveRef, validShaped, type JsonSchema } from "./fuzz-bodies";

// The fuzz scenario's generators (scripts/reliability/fuzz-bodies.ts) against a zod schema of the house's kind,
// rendered the way app/api/openapi-helpers.ts renders request bodies.

const Line = z.strictObject({ code: z.string().regex(/^[A-Z]{2,8}$/), amount: z.number().int().min(0).max(1_000_000_000) });
const Body = z.strictObject({
  title: z.string().trim().min(1).max(80),
  kind: z.enum(["goods", "services"]),
  rfqId: z.uuid(),
  due: z.iso.date(),
  rate: z.number().min(0).max(1),
  lines: z.array(Line).min(1).max(5),
  prices: z.record(z.string(), z.number().int().min(0)),
  note: z.string().max(200).nullable(),
  confirm: z.boolean(),
});
const schema = z.toJSONSchema(Body, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as JsonSchema;

describe("validShaped", () => {
  it("generates bodies the zod schema accepts", () => {
    fc.assert(
      fc.property(validShaped(schema, schema), (value) => {
        const parsed = Body.safeParse(value);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("follows $refs into the document's components", () => {
    const doc = { components: { schemas: { Body: schema } } };
    expect(resolveRef({ $ref: "#/components/schemas/Body" }, doc)).toBe(schema);
    expect(() => resolveRef({ $ref: "#/components/schemas/Missing" }, doc)).toThrow(/unresolvable/);
  });
});

describe("mutated", () => {
  it("breaks a body so the schema refuses it, naming the broken place, nearly always", () => {
    const samples = fc.sample(mutated(schema, schema), { numRuns: 500, seed: 20 });
    const refused = samples.map((m) => ({ m, r: Body.safeParse(m.body) })).filter(({ r }) => !r.success);
    // A few mutations land on a value that is still valid (a `null` note, a removed price key): not many.
    expect(refused.length).toBeGreaterThan(samples.length * 0.85);
    for (const { m, r } of refused) {
      const paths = r.error!.issues.map((i) => i.path.join("."));
      expect(
        paths.some((p) => namesPath(p, m.path)),
        `${m.kind} at "${m.path}" → ${paths.join(", ")}`,
      ).toBe(true);
    }
  });

  it("reaches every field of the schema", () => {
    const hit = new Set(fc.sample(mutated(schema, schema), { numRuns: 2_000, seed: 7 }).map((m) => m.path.split(".")[0]));
    for (const key of Object.keys(Body.shape)) expect(hit, key).toContain(key);
  });
});

describe("nasties", () => {
  it("cover the kinds the issue names, none of them a well-formed JSON body of the shape", () => {
    const all = nasties({ title: "見積", kind: "goods" });
    const names = all.map((n) => n.name).join(" | ");
    for (const kind of [
      "deep array nesting",
      "deep object nesting",
      "1 MB string",
      "huge number",
      "duplicate keys",
      "text/plain",
      "empty body",
      "invalid UTF-8",
    ])
      expect(names).toContain(kind);
    for (const n of all) {
      if (n.contentType !== undefined) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(n.body));
      } catch {
        continue;
      }
      expect(Body.safeParse(parsed).success, n.name).toBe(false);
    }
    expect(Buffer.byteLength(all.find((n) => n.name === "1 MB string")!.body)).toBeGreaterThan(1_000_000);
  });
});

describe("helpers", () => {
  it("pathsOf lists the root and every nested place", () => {
    expect(pathsOf({ a: [1, { b: 2 }] }).map((p) => p.join("."))).toEqual(["", "a", "a.0", "a.1", "a.1.b"]);
  });
  it("namesPath accepts the place, a field inside it or one around it, nothing else", () => {
    expect(namesPath("lines.0.code", "lines.0.code")).toBe(true);
    expect(namesPath("lines", "lines.0.code")).toBe(true);
    expect(namesPath("lines.0.code", "lines.0")).toBe(true);
    expect(namesPath("title", "lines.0.code")).toBe(false);
    expect(namesPath("line", "lines")).toBe(false);
  });
});
